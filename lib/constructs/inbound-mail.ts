// Receiving replies on AWS: the raw-mail bucket, the SES receipt rule that fills it and wakes the inbound
// Lambda, the custom resource that makes that rule set the active one, and the inbound Lambda itself.
import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type IRole, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import {
  DkimIdentity,
  EasyDkimSigningKeyLength,
  EmailIdentity,
  Identity,
  type IReceiptRuleAction,
  type ReceiptRule,
  type ReceiptRuleActionConfig,
  ReceiptRuleSet,
  TlsPolicy,
} from 'aws-cdk-lib/aws-ses';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  type AwsSdkCall,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources';
import type { aws_ses as sesRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { CoachFunction, type Wiring } from './coach-function';
import { DeadLetterQueue } from './dead-letter-queue';
import { type AlarmRecord, errorAlarm } from './operator-alarms';
import { StackPart } from './stack-part';
import type { SubscriberTable } from './subscriber-table';

export interface RawMailBucketProps {
  /** Key prefix SES writes under (ends with '/'); the expiry rule and the read grant cover only this. */
  readonly prefix: string;
  /** Days a raw message is kept before S3 deletes it. */
  readonly retentionDays: number;
  /** Days the S3 server access logs are kept. */
  readonly accessLogRetentionDays: number;
}

/**
 * The bucket SES receiving writes each raw message to, plus the bucket its server access logs go to.
 *
 * Encryption is SSE-S3 on purpose: SES writes through the bucket's default encryption with nothing else to
 * set up, and the inbound Lambda reads with s3:GetObject alone. SSE-KMS with our own key would need a key
 * policy granting SES (and kms:Decrypt for the Lambda) for no gain in who can read the objects, which the
 * bucket policy and IAM already decide; the SES S3 action's own KMS option is client-side encryption that
 * the reader would have to undo with the S3 encryption client.
 */
export class RawMailBucket extends Construct {
  readonly bucket: Bucket;
  readonly prefix: string;

  constructor(scope: Construct, id: string, props: RawMailBucketProps) {
    super(scope, id);
    this.prefix = props.prefix;

    const accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // S3 server access logging can only deliver to SSE-S3 buckets.
      encryption: BucketEncryption.S3_MANAGED,
      // Object ownership left to CDK: log delivery by bucket policy (the cdk.json feature flag) keeps ACLs
      // off; without that flag CDK falls back to the log-delivery ACL, which needs ObjectWriter.
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(props.accessLogRetentionDays) }],
      // The record of who read raw mail is worth keeping past a teardown; it still expires on its own.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access-log bucket of the raw-mail bucket: it holds only S3 server access logs, and logging it into itself or a further bucket would only log the log delivery.',
    });

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Each message is written once under its SES message id and never changed: versions would only keep
      // health data (pain reports) around longer than the expiry rule says.
      versioned: false,
      lifecycleRules: [
        {
          id: 'expire-raw-mail',
          prefix: props.prefix,
          // Raw replies hold health data; the inbound Lambda reads each one within seconds of arrival.
          expiration: Duration.days(props.retentionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'raw-mail/',
      // Mail still in its retention window outlives a stack teardown; the lifecycle rule empties it anyway.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** ARN pattern of the raw messages (everything under the prefix). */
  get objectsArn(): string {
    return this.bucket.arnForObjects(`${this.prefix}*`);
  }
}

export interface InboundReceivingProps {
  /** The domain whose mail SES receives: reply+<token>@, start@ and unsubscribe@ all live under it. */
  readonly inboundDomain: string;
  readonly rawMail: RawMailBucket;
  /** The inbound Lambda, invoked once the raw message is stored. */
  readonly handler: IFunction;
  /** Retention of the activation custom resource's own logs. */
  readonly logRetention: RetentionDays;
}

const RULE_NAME = 'store-then-process';

/**
 * An SES (v1) receipt rule set with one rule for the inbound domain: spam and virus scan, TLS required,
 * store the raw message in S3, then invoke the inbound Lambda. A custom resource activates the rule set.
 */
export class InboundReceiving extends Construct {
  readonly ruleSet: ReceiptRuleSet;
  readonly rule: ReceiptRule;
  readonly ruleSetName: string;
  readonly ruleArn: string;

  constructor(scope: Construct, id: string, props: InboundReceivingProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // Fixed names so the rule's ARN is known before the rule exists: the bucket policy and the Lambda
    // permission name it as aws:SourceArn, and SES checks both when the rule is created (a Ref to the rule
    // would be a dependency cycle). Rule set names hold 64 characters at most; stack names are unique per region.
    this.ruleSetName = `${stack.stackName.slice(0, 50)}-inbound-mail`;
    this.ruleArn = stack.formatArn({
      service: 'ses',
      resource: 'receipt-rule-set',
      resourceName: `${this.ruleSetName}:receipt-rule/${RULE_NAME}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });

    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: this.ruleSetName });
    this.rule = this.ruleSet.addRule('Rule', {
      receiptRuleName: RULE_NAME,
      // A domain matches every address at it.
      recipients: [props.inboundDomain],
      enabled: true,
      // SES adds spam and virus verdicts to the event; the inbound Lambda drops what fails them.
      scanEnabled: true,
      // Replies carry pain reports (health data): bounce any sender that will not use TLS.
      tlsPolicy: TlsPolicy.REQUIRE,
      // Order matters: the message must be in S3 before the Lambda that reads it runs.
      actions: [
        new StoreRawMail({ rawMail: props.rawMail, sourceArn: this.ruleArn }),
        new InvokeInbound({ handler: props.handler, sourceArn: this.ruleArn }),
      ],
    });

    this.activate(props.logRetention);
  }

  /**
   * SES has one active receipt rule set per region and CloudFormation has no property for it, so a custom
   * resource calls SetActiveReceiptRuleSet on create and update, and deactivates (no name) on delete, which
   * also lets CloudFormation delete the rule set afterwards: SES refuses to delete the active one.
   */
  private activate(logRetention: RetentionDays): void {
    const logGroup = new LogGroup(this, 'ActivationLogs', {
      retention: logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role instead of the provider's default, which attaches AWSLambdaBasicExecutionRole (write to any
    // log group in the account).
    const role: IRole = new Role(this, 'ActivationRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Activates the knee coach SES receipt rule set',
    });
    logGroup.grantWrite(role);

    const activate: AwsSdkCall = {
      service: 'SES',
      action: 'setActiveReceiptRuleSet',
      parameters: { RuleSetName: this.ruleSetName },
      // One fixed id: a changed id would make CloudFormation "delete" the old one after an update, which
      // would deactivate the rule set just activated.
      physicalResourceId: PhysicalResourceId.of(`${this.ruleSetName}-active`),
    };
    const activation = new AwsCustomResource(this, 'Activation', {
      resourceType: 'Custom::SesActiveReceiptRuleSet',
      onCreate: activate,
      onUpdate: activate,
      // Without RuleSetName SES deactivates whatever rule set is active.
      onDelete: { service: 'SES', action: 'setActiveReceiptRuleSet', parameters: {} },
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['ses:SetActiveReceiptRuleSet'], resources: ['*'] }),
      ]),
      role,
      logGroup,
      timeout: Duration.minutes(1),
      // The SDK in the Lambda runtime has SES v1; fetching the latest one at deploy time is a network
      // dependency (npm) for nothing.
      installLatestAwsSdk: false,
    });
    // Activate once the rule (and so its bucket policy and Lambda permission) exists; on delete, this
    // deactivates before the rule set goes.
    activation.node.addDependency(this.rule);

    Validations.of(activation).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ses:SetActiveReceiptRuleSet supports no resource-level permissions (the IAM service authorization reference lists no resource type for it), so "*" is the only resource it accepts; the statement allows that one action only.',
    });
  }
}

/**
 * The SES S3 action, with a bucket policy scoped to this one rule. aws-ses-actions' S3 action grants SES
 * PutObject for any rule in the account (aws:SourceAccount only), which a SourceArn statement added next
 * to it could not narrow, since bucket policy statements add up.
 */
class StoreRawMail implements IReceiptRuleAction {
  constructor(private readonly props: { rawMail: RawMailBucket; sourceArn: string }) {}

  bind(rule: sesRefs.IReceiptRuleRef): ReceiptRuleActionConfig {
    const { bucket, prefix, objectsArn } = this.props.rawMail;
    bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowSesReceiptRuleToStoreRawMail',
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [objectsArn],
        conditions: {
          StringEquals: {
            'aws:SourceAccount': Stack.of(bucket).account,
            'aws:SourceArn': this.props.sourceArn,
          },
        },
      }),
    );
    // SES test-writes to the bucket when the rule is created: the policy has to be in place first.
    if (bucket.policy) rule.node.addDependency(bucket.policy);
    return { s3Action: { bucketName: bucket.bucketName, objectKeyPrefix: prefix } };
  }
}

/** The SES Lambda action (asynchronous), with an invoke permission scoped to this one rule. */
class InvokeInbound implements IReceiptRuleAction {
  constructor(private readonly props: { handler: IFunction; sourceArn: string }) {}

  bind(rule: sesRefs.IReceiptRuleRef): ReceiptRuleActionConfig {
    const { handler, sourceArn } = this.props;
    handler.addPermission('AllowSesReceiptRule', {
      principal: new ServicePrincipal('ses.amazonaws.com'),
      action: 'lambda:InvokeFunction',
      sourceAccount: Stack.of(handler).account,
      sourceArn,
    });
    // SES checks it may invoke the function when the rule is created.
    const permission = handler.permissionsNode.tryFindChild('AllowSesReceiptRule');
    if (permission) rule.node.addDependency(permission);
    // Event: SES does not wait for the Lambda; Lambda's own async retries and DLQ take over from here.
    return { lambdaAction: { functionArn: handler.functionArn, invocationType: 'Event' } };
  }
}

// SES writes every received message under this key prefix; the inbound Lambda may read nothing else.
const RAW_MAIL_PREFIX = 'inbound/';
// The inbound Lambda parses one message, writes a report and may send one acknowledgement.
const INBOUND_TIMEOUT = Duration.seconds(30);

export interface InboundMailProps {
  /** The domain whose mail SES receives: reply+<token>@, start@ and unsubscribe@ all live under it. */
  readonly inboundDomain: string;
  /** The sending domain: its identity already verifies any subdomain for receiving. */
  readonly sendingDomain: string;
  readonly rawMailRetentionDays: number;
  readonly logRetention: RetentionDays;
  readonly table: SubscriberTable;
  /** The inbound Lambda acknowledges replies and sign-ups by email. */
  readonly mail: Wiring;
  /** A sign-up by email counts against the same cap on confirmation emails as the web form. */
  readonly signUpLimits: Wiring;
}

/** Inbound mail: SES receives at the inbound domain, stores the raw message, and the inbound Lambda acts on it. */
export class InboundMail extends StackPart {
  readonly rawMail: RawMailBucket;
  readonly inboundFunction: CoachFunction;
  readonly receiving: InboundReceiving;
  readonly alarms: readonly AlarmRecord[];

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // SES receives mail only for verified domains; a subdomain of the sending domain (the default
    // reply.coach.example.com) is covered by the sending identity, any other inbound domain needs its own.
    const inboundIdentity = isSameOrSubdomain(props.inboundDomain, props.sendingDomain)
      ? undefined
      : new EmailIdentity(this, 'InboundIdentity', {
          identity: Identity.domain(props.inboundDomain),
          dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
        });

    // Received messages whose inbound run failed three times (first try plus two retries).
    const deadLetters = new DeadLetterQueue(this, 'InboundDeadLetters', {
      holds: 'Received messages',
      alarmName: 'inbound-dead-letters',
      outputName: 'InboundDeadLetterQueueUrl',
    });
    this.rawMail = new RawMailBucket(this, 'RawMail', {
      prefix: RAW_MAIL_PREFIX,
      retentionDays: props.rawMailRetentionDays,
      accessLogRetentionDays: props.logRetention,
    });
    this.inboundFunction = new CoachFunction(this, 'InboundFunction', {
      handlerName: 'inbound',
      description: 'Knee coach inbound mail: replies, email sign-ups and unsubscribes received by SES',
      logRetention: props.logRetention,
      timeout: INBOUND_TIMEOUT,
      memorySize: 512,
      deadLetterQueue: deadLetters,
      wiring: [props.table.items(), props.mail, props.signUpLimits, this.rawMailReading()],
    });
    // SES invokes asynchronously: two retries cover a throttle or a blip, then the event goes to the DLQ.
    this.inboundFunction.configureAsyncInvoke({ retryAttempts: 2 });

    this.receiving = new InboundReceiving(this, 'InboundReceiving', {
      inboundDomain: props.inboundDomain,
      rawMail: this.rawMail,
      handler: this.inboundFunction,
      logRetention: props.logRetention,
    });

    const rawMailBucketLogicalId = stack.getLogicalId(this.rawMail.bucket.node.defaultChild as CfnBucket);
    Validations.of(this.inboundFunction.role ?? this.inboundFunction).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${rawMailBucketLogicalId}.Arn>/${RAW_MAIL_PREFIX}*]`,
      reason:
        'Object keys are the SES message ids, unknown until a message arrives: the inbound Lambda may s3:GetObject any object under the raw-mail prefix of its own bucket, and nothing else in S3.',
    });

    this.alarms = [
      deadLetters.alarm,
      errorAlarm({
        id: 'InboundErrors',
        name: 'inbound-errors',
        fn: this.inboundFunction,
        what: 'inbound mail',
        afterFailure: 'it retries twice, then the message goes to the inbound dead-letter queue',
      }),
    ];

    new CfnOutput(this, 'RawMailBucketName', { value: this.rawMail.bucket.bucketName });
    new CfnOutput(this, 'ReceiptRuleSetName', { value: this.receiving.ruleSetName });
    new CfnOutput(this, 'InboundMxRecord', {
      value: `${props.inboundDomain} MX 10 inbound-smtp.${stack.region}.amazonaws.com`,
      description: 'SES receiving: publish this MX record so replies reach the inbound domain',
    });
    inboundIdentity?.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `InboundDkimRecord${index + 1}`, {
        value: `${record.name} CNAME ${record.value}`,
        description: 'Easy DKIM: publish this CNAME in the inbound domain (verifies it for SES receiving)',
      });
    });
  }

  private rawMailReading(): Wiring {
    const rawMail = this.rawMail;
    return {
      environment: {
        inboundBucket: rawMail.bucket.bucketName,
        inboundPrefix: rawMail.prefix,
        // SES puts SPF and DKIM verdicts in the event; a reply counts only from a sender that passed one.
        requireSenderAuth: 'true',
      },
      grant: (fn) => {
        // Read only, and only the raw messages: SES writes them, the lifecycle rule deletes them.
        fn.addToRolePolicy(
          new PolicyStatement({ actions: ['s3:GetObject'], resources: [rawMail.objectsArn] }),
        );
        // Without ListBucket, S3 answers a read of a missing object with 403, which looks like a fault and is
        // retried into the dead-letter queue; with it, the answer is 404 and the event is dropped with one log
        // line. The keys it could list are SES message ids, nothing personal. (An s3:prefix condition would
        // not do: a GetObject request carries no prefix, so S3 would still answer 403.)
        fn.addToRolePolicy(
          new PolicyStatement({ actions: ['s3:ListBucket'], resources: [rawMail.bucket.bucketArn] }),
        );
      },
    };
  }
}

/** True when `domain` is `parent` or one of its subdomains. */
function isSameOrSubdomain(domain: string, parent: string): boolean {
  return domain === parent || domain.endsWith(`.${parent}`);
}
