// The knee coach on AWS: table, Lambdas, HTTP API, hourly schedule, send queue, SES sending, sending feedback
// and receiving, the token secret, and the operator's alarms.
import {
  Annotations,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Tags,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  DkimIdentity,
  EasyDkimSigningKeyLength,
  EmailIdentity,
  Identity,
  MailFromBehaviorOnMxFailure,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct, Node } from 'constructs';
import * as z from 'zod';
import { routesByPath } from '../lambdas/api-routes';
import { DUE_INDEX, ENV, TTL_ATTRIBUTE } from '../lambdas/env-names';
import { CoachFunction } from './constructs/coach-function';
import { InboundReceiving, RawMailBucket } from './constructs/inbound-mail';
import { OperatorAlarms } from './constructs/operator-alarms';
import { SendingFeedback } from './constructs/sending-feedback';

/** Deploy settings read from CDK context; cdk.json carries the same defaults, visible and editable. */
export const DEPLOY_DEFAULTS = {
  sendingDomain: 'coach.example.com',
  fromAddress: 'Knee Coach <coach@coach.example.com>',
  inboundDomain: 'reply.coach.example.com',
  operatorName: 'Knee Coach',
  operatorAddress: 'Knee Coach, 1 Example Street, Example City 00000, Country',
  dueShards: 4,
  sendConcurrency: 10,
  logRetentionDays: 30,
  rawMailRetentionDays: 30,
  // Empty: no email subscription on the alarm topic.
  alarmEmail: '',
} as const;

export type DeploySettingKey = keyof typeof DEPLOY_DEFAULTS;

const DOMAIN_PATTERN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
// `Display Name <local@domain>` or a bare `local@domain`.
const FROM_PATTERN = /^(?:[^<>]+<([^<>@\s]+@[^<>@\s]+)>|([^<>@\s]+@[^<>@\s]+))$/;
const RETENTION_DAYS = new Set<number>(
  Object.values(RetentionDays).filter((days): days is number => typeof days === 'number' && days !== 9999),
);

const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(DOMAIN_PATTERN, { error: 'must be a domain name such as coach.example.com' });
const nonEmptyText = z.string().trim().min(1, { error: 'must not be empty' });
const wholeNumber = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const deploySettingsSchema = z
  .object({
    sendingDomain: domainName,
    fromAddress: z.string().trim().regex(FROM_PATTERN, {
      error: 'must be an address such as "Knee Coach <coach@coach.example.com>"',
    }),
    inboundDomain: domainName,
    operatorName: nonEmptyText,
    // Postal address printed in every email's footer (CAN-SPAM asks for one).
    operatorAddress: nonEmptyText,
    dueShards: wholeNumber(1, 64),
    // SQS event sources accept a maximum concurrency from 2 to 1000.
    sendConcurrency: wholeNumber(2, 1000),
    logRetentionDays: z.coerce
      .number()
      .refine((days) => RETENTION_DAYS.has(days), {
        error: `must be one of the CloudWatch Logs retention periods: ${[...RETENTION_DAYS].join(', ')}`,
      })
      .transform((days) => days as RetentionDays),
    // Raw replies hold health data and are read within seconds of arrival: keep them a short while only.
    rawMailRetentionDays: wholeNumber(1, 365),
    // Where alarm notifications go; SNS emails a confirmation link first. Empty for none.
    alarmEmail: z
      .string()
      .trim()
      .refine((address) => address === '' || z.email().safeParse(address).success, {
        error: 'must be an email address such as ops@example.com, or "" for none',
      })
      .transform((address) => address || undefined),
  })
  .superRefine((settings, ctx) => {
    const match = FROM_PATTERN.exec(settings.fromAddress);
    const domain = (match?.[1] ?? match?.[2] ?? '').split('@')[1]?.toLowerCase();
    // SES only sends from a verified identity, and the stack verifies just the sending domain.
    if (domain !== settings.sendingDomain) {
      ctx.addIssue({
        code: 'custom',
        path: ['fromAddress'],
        message: `must be an address at the sending domain "${settings.sendingDomain}"`,
      });
    }
  });

export type DeploySettings = z.output<typeof deploySettingsSchema>;

/** Reads the deploy settings from context, falling back to the defaults; throws naming every bad key. */
export function readDeploySettings(node: Node): DeploySettings {
  const raw = Object.fromEntries(
    (Object.keys(DEPLOY_DEFAULTS) as DeploySettingKey[]).map((key) => [
      key,
      node.tryGetContext(key) ?? DEPLOY_DEFAULTS[key],
    ]),
  ) as Record<DeploySettingKey, unknown>;
  const parsed = deploySettingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? 'context') as DeploySettingKey;
    return `  - "${key}" ${issue.message} (got ${JSON.stringify(raw[key])})`;
  });
  throw new Error(
    `Invalid CDK context for the knee coach stack:\n${problems.join('\n')}\n` +
      'Fix it in cdk.json under "context", or pass it with -c <key>=<value>.',
  );
}

// send-week handles one SQS batch (10 subscribers) within this; the queue visibility timeout follows from it.
const SEND_WEEK_TIMEOUT = Duration.seconds(60);
// The inbound Lambda parses one message, writes a report and may send one acknowledgement.
const INBOUND_TIMEOUT = Duration.seconds(30);
// The longest Lambda allows: at a million due subscribers and 4 shards the dispatch takes about 10 minutes
// (README, Scale); more shards shorten it.
const DISPATCH_TIMEOUT = Duration.minutes(15);
// The dispatch duration alarm fires at this share of its timeout, before runs start being cut off.
const DISPATCH_DURATION_ALARM_FRACTION = 0.8;
// The feedback Lambda handles one SES event (SNS delivers one per invocation): a few item reads and writes.
const FEEDBACK_TIMEOUT = Duration.seconds(10);
// SES writes every received message under this key prefix; the inbound Lambda may read nothing else.
const RAW_MAIL_PREFIX = 'inbound/';
// The public endpoints see sign-ups and link clicks, a trickle: these caps stop a flood before Lambda.
const API_THROTTLE = { rateLimit: 20, burstLimit: 50 };

export class CoachStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const settings = readDeploySettings(this.node);
    Tags.of(this).add('project', 'knee-coach');
    if (settings.sendingDomain.endsWith('example.com')) {
      Annotations.of(this).addWarningV2(
        'knee-coach:example-sending-domain',
        `sendingDomain is ${settings.sendingDomain}: set your own domain in cdk.json before deploying.`,
      );
    }

    const table = new Table(this, 'Table', {
      partitionKey: { name: 'PK', type: AttributeType.STRING },
      sortKey: { name: 'SK', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      encryption: TableEncryption.AWS_MANAGED,
      // Subscribers and their history outlive any one deployment of the code.
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    table.addGlobalSecondaryIndex({
      indexName: DUE_INDEX.name,
      partitionKey: { name: DUE_INDEX.partitionKey, type: AttributeType.STRING },
      sortKey: { name: DUE_INDEX.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });

    const tokenSecret = new Secret(this, 'TokenSigningSecret', {
      description: 'HMAC key that signs the links and reply addresses in coach emails',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });

    const configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      // Plans adapt to pain reports, so they are health data: never hand them to a server over plain text.
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    const mailFromDomain = `mail.${settings.sendingDomain}`;
    const identity = new EmailIdentity(this, 'SendingIdentity', {
      identity: Identity.domain(settings.sendingDomain),
      configurationSet,
      dkimSigning: true,
      dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
      // A MAIL FROM on our own domain lets SPF align with the From domain for DMARC.
      mailFromDomain,
      mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
    });
    // SES receives mail only for verified domains; a subdomain of the sending domain (the default
    // reply.coach.example.com) is covered by the sending identity, any other inbound domain needs its own.
    const inboundIdentity = isSameOrSubdomain(settings.inboundDomain, settings.sendingDomain)
      ? undefined
      : new EmailIdentity(this, 'InboundIdentity', {
          identity: Identity.domain(settings.inboundDomain),
          dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
        });
    const configurationSetArn = this.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: configurationSet.configurationSetName,
    });

    // Weekly sends that fail five times are parked here for a look, instead of retrying for days.
    const sendDeadLetters = new Queue(this, 'SendWeekDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const sendQueue = new Queue(this, 'SendWeekQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for Lambda consumers: six times the function timeout, so retries do not overlap.
      visibilityTimeout: Duration.seconds(SEND_WEEK_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: sendDeadLetters, maxReceiveCount: 5 },
    });
    // Hourly dispatch runs that could not be delivered by the scheduler or kept failing in Lambda.
    const dispatchDeadLetters = new Queue(this, 'DispatchDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    // Received messages whose inbound run failed three times (first try plus two retries).
    const inboundDeadLetters = new Queue(this, 'InboundDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    // SES feedback events that SNS could not deliver, or whose feedback run failed three times. Kept the full
    // 14 days: each one may be a hard bounce or complaint not yet suppressed.
    const feedbackDeadLetters = new Queue(this, 'FeedbackDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    const api = new HttpApi(this, 'HttpApi', {
      description: 'Knee coach: subscribe, confirm and unsubscribe',
      createDefaultStage: false,
    });
    const publicBaseUrl = api.apiEndpoint;
    const logRetention = settings.logRetentionDays;
    const dueShards = String(settings.dueShards);
    const mailEnvironment = {
      [ENV.fromAddress]: settings.fromAddress,
      [ENV.inboundDomain]: settings.inboundDomain,
      [ENV.publicBaseUrl]: publicBaseUrl,
      [ENV.configurationSet]: configurationSet.configurationSetName,
      [ENV.operatorName]: settings.operatorName,
      [ENV.operatorAddress]: settings.operatorAddress,
      [ENV.tokenSecretArn]: tokenSecret.secretArn,
    };

    const apiFunction = new CoachFunction(this, 'ApiFunction', {
      handlerName: 'api',
      description: 'Knee coach HTTP API: subscribe, confirm, unsubscribe',
      logRetention,
      timeout: Duration.seconds(10),
      environment: { [ENV.tableName]: table.tableName, [ENV.dueShards]: dueShards, ...mailEnvironment },
    });
    const dispatchFunction = new CoachFunction(this, 'DispatchFunction', {
      handlerName: 'dispatch',
      description: 'Knee coach hourly dispatch: queues the subscribers whose weekly plan is due',
      logRetention,
      memorySize: 256,
      timeout: DISPATCH_TIMEOUT,
      deadLetterQueue: dispatchDeadLetters,
      environment: {
        [ENV.tableName]: table.tableName,
        [ENV.dueShards]: dueShards,
        [ENV.queueUrl]: sendQueue.queueUrl,
      },
    });
    const sendWeekFunction = new CoachFunction(this, 'SendWeekFunction', {
      handlerName: 'send-week',
      description: 'Knee coach weekly send: plans, renders and emails one week per subscriber',
      logRetention,
      timeout: SEND_WEEK_TIMEOUT,
      environment: { [ENV.tableName]: table.tableName, [ENV.dueShards]: dueShards, ...mailEnvironment },
    });

    const rawMail = new RawMailBucket(this, 'RawMail', {
      prefix: RAW_MAIL_PREFIX,
      retentionDays: settings.rawMailRetentionDays,
      accessLogRetentionDays: logRetention,
    });
    const inboundFunction = new CoachFunction(this, 'InboundFunction', {
      handlerName: 'inbound',
      description: 'Knee coach inbound mail: replies, email sign-ups and unsubscribes received by SES',
      logRetention,
      timeout: INBOUND_TIMEOUT,
      memorySize: 512,
      deadLetterQueue: inboundDeadLetters,
      environment: {
        [ENV.tableName]: table.tableName,
        [ENV.dueShards]: dueShards,
        ...mailEnvironment,
        [ENV.inboundBucket]: rawMail.bucket.bucketName,
        [ENV.inboundPrefix]: RAW_MAIL_PREFIX,
        // SES puts SPF and DKIM verdicts in the event; a reply counts only from a sender that passed one.
        [ENV.requireSenderAuth]: 'true',
      },
    });
    // SES invokes asynchronously: two retries cover a throttle or a blip, then the event goes to the DLQ.
    inboundFunction.configureAsyncInvoke({ retryAttempts: 2 });
    // It only keeps subscriber state (suppression, soft-bounce count): no mail settings, no secret.
    const feedbackFunction = new CoachFunction(this, 'FeedbackFunction', {
      handlerName: 'feedback',
      description: 'Knee coach SES feedback: suppresses addresses on hard bounces and complaints',
      logRetention,
      timeout: FEEDBACK_TIMEOUT,
      memorySize: 256,
      deadLetterQueue: feedbackDeadLetters,
      environment: { [ENV.tableName]: table.tableName, [ENV.dueShards]: dueShards },
    });
    // SNS invokes asynchronously too: two retries, then the event goes to the same DLQ as SNS's own failures.
    feedbackFunction.configureAsyncInvoke({ retryAttempts: 2 });

    // Item reads and writes on the table itself: no Scan, no streams, no index (only dispatch queries it).
    const subscriberItemAccess = new PolicyStatement({
      actions: [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:ConditionCheckItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem',
      ],
      resources: [table.tableArn],
    });
    // SES v2 authorizes a send against both the From identity and the configuration set.
    const sendCoachEmail = new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [identity.emailIdentityArn, configurationSetArn],
    });
    for (const fn of [apiFunction, sendWeekFunction, inboundFunction]) {
      fn.addToRolePolicy(subscriberItemAccess);
      fn.addToRolePolicy(sendCoachEmail);
      tokenSecret.grantRead(fn);
    }
    dispatchFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${table.tableArn}/index/${DUE_INDEX.name}`],
      }),
    );
    sendQueue.grantSendMessages(dispatchFunction);
    // Look the address up, then write the suppression record and the subscriber (conditional on its version):
    // item reads and writes on the table only; no Scan, no deletes, no batch writes, no index.
    feedbackFunction.addToRolePolicy(
      new PolicyStatement({
        actions: [
          'dynamodb:GetItem',
          'dynamodb:Query',
          'dynamodb:ConditionCheckItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
        ],
        resources: [table.tableArn],
      }),
    );
    // Read only, and only the raw messages: SES writes them, the lifecycle rule deletes them.
    inboundFunction.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [rawMail.objectsArn] }),
    );
    // Without ListBucket, S3 answers a read of a missing object with 403, which looks like a fault and is
    // retried into the dead-letter queue; with it, the answer is 404 and the event is dropped with one log
    // line. The keys it could list are SES message ids, nothing personal. (An s3:prefix condition would not
    // do: a GetObject request carries no prefix, so S3 would still answer 403.)
    inboundFunction.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [rawMail.bucket.bucketArn] }),
    );

    sendWeekFunction.addEventSource(
      new SqsEventSource(sendQueue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: settings.sendConcurrency,
      }),
    );

    const apiAccessLogs = new LogGroup(this, 'HttpApiAccessLogs', {
      retention: logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(apiAccessLogs),
        // The route, never the query string: confirm and unsubscribe links carry tokens there.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    const apiIntegration = new HttpLambdaIntegration('ApiIntegration', apiFunction);
    for (const [path, methods] of routesByPath()) {
      api.addRoutes({ path, methods: methods.map((m) => HttpMethod[m]), integration: apiIntegration });
    }

    const schedulerRole = new Role(this, 'DispatchSchedulerRole', {
      description: 'Lets EventBridge Scheduler start the hourly dispatch',
      // Only schedules in this account may assume it (confused-deputy guard).
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    });
    new Schedule(this, 'HourlyDispatch', {
      description: 'Every hour on the hour: queue the weekly plans that are due',
      schedule: ScheduleExpression.cron({ minute: '0' }),
      target: new LambdaInvoke(dispatchFunction, {
        role: schedulerRole,
        // The dispatch handler's `at`: the scheduled hour, not the moment of a retry, decides who is due.
        input: ScheduleTargetInput.fromObject({ at: ContextAttribute.scheduledTime }),
        retryAttempts: 3,
        // Past this the next hourly run is close and picks up the same subscribers.
        maxEventAge: Duration.minutes(50),
        deadLetterQueue: dispatchDeadLetters,
      }),
    });

    const receiving = new InboundReceiving(this, 'InboundReceiving', {
      inboundDomain: settings.inboundDomain,
      rawMail,
      handler: inboundFunction,
      logRetention,
    });

    new SendingFeedback(this, 'SendingFeedback', {
      configurationSet,
      handler: feedbackFunction,
      deadLetterQueue: feedbackDeadLetters,
    });

    const alarms = new OperatorAlarms(this, 'Alarms', { email: settings.alarmEmail });
    alarms.addReputationAlarms();
    // One alarm per dead-letter queue: anything parked there is work the coach did not do.
    const deadLetterAlarms: Array<[string, string, Queue, string]> = [
      ['SendWeekDeadLetters', 'send-week-dead-letters', sendDeadLetters, 'Weekly sends (subscriber batches)'],
      ['DispatchDeadLetters', 'dispatch-dead-letters', dispatchDeadLetters, 'Hourly dispatch runs'],
      ['InboundDeadLetters', 'inbound-dead-letters', inboundDeadLetters, 'Received messages'],
      ['FeedbackDeadLetters', 'feedback-dead-letters', feedbackDeadLetters, 'SES feedback events'],
    ];
    for (const [id, suffix, queue, what] of deadLetterAlarms) {
      alarms.addDeadLetterAlarm(id, suffix, queue, what);
    }
    // One alarm per function; each says what became of the failed event.
    const errorAlarms: Array<[string, string, CoachFunction, string, string]> = [
      ['ApiErrors', 'api-errors', apiFunction, 'HTTP API', 'the caller got an HTTP 500; nothing is retried'],
      [
        'DispatchErrors',
        'dispatch-errors',
        dispatchFunction,
        'hourly dispatch',
        'Lambda retries the run twice, then it goes to the dispatch dead-letter queue; the next hourly run picks up the same subscribers',
      ],
      [
        'SendWeekErrors',
        'send-week-errors',
        sendWeekFunction,
        'weekly send',
        'SQS redelivers the batch; a message received five times goes to the send-week dead-letter queue',
      ],
      [
        'InboundErrors',
        'inbound-errors',
        inboundFunction,
        'inbound mail',
        'it retries twice, then the message goes to the inbound dead-letter queue',
      ],
      [
        'FeedbackErrors',
        'feedback-errors',
        feedbackFunction,
        'SES feedback',
        'it retries twice, then the event goes to the feedback dead-letter queue',
      ],
    ];
    for (const [id, suffix, fn, what, afterFailure] of errorAlarms) {
      alarms.addErrorAlarm(id, suffix, fn, what, afterFailure);
    }
    alarms.addDurationAlarm('DispatchDuration', 'dispatch-duration', dispatchFunction, 'hourly dispatch', {
      timeout: DISPATCH_TIMEOUT,
      fraction: DISPATCH_DURATION_ALARM_FRACTION,
      // One run an hour: an hour-long period holds that run's duration until the next run replaces it.
      period: Duration.hours(1),
      remedy: 'raise dueShards (README, Scale) before the dispatch outgrows the Lambda limit.',
    });

    this.suppressNagFindings({
      functions: [apiFunction, dispatchFunction, sendWeekFunction, inboundFunction, feedbackFunction],
      api,
      tokenSecret,
      schedulerRole,
      dispatchFunction,
      inboundFunction,
      rawMail,
    });

    new CfnOutput(this, 'ApiUrl', { value: publicBaseUrl, description: 'Public base URL of the HTTP API' });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'SendWeekDeadLetterQueueUrl', { value: sendDeadLetters.queueUrl });
    new CfnOutput(this, 'DispatchDeadLetterQueueUrl', { value: dispatchDeadLetters.queueUrl });
    new CfnOutput(this, 'InboundDeadLetterQueueUrl', { value: inboundDeadLetters.queueUrl });
    new CfnOutput(this, 'FeedbackDeadLetterQueueUrl', { value: feedbackDeadLetters.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: alarms.topic.topicArn,
      description: 'Alarm notifications: subscribe here, or set alarmEmail in cdk.json',
    });
    new CfnOutput(this, 'RawMailBucketName', { value: rawMail.bucket.bucketName });
    new CfnOutput(this, 'ReceiptRuleSetName', { value: receiving.ruleSetName });
    new CfnOutput(this, 'ConfigurationSetName', { value: configurationSet.configurationSetName });
    identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        value: `${record.name} CNAME ${record.value}`,
        description: 'Easy DKIM: publish this CNAME in the sending domain',
      });
    });
    new CfnOutput(this, 'MailFromMxRecord', {
      value: `${mailFromDomain} MX 10 feedback-smtp.${this.region}.amazonses.com`,
      description: 'Custom MAIL FROM: publish this MX record',
    });
    new CfnOutput(this, 'MailFromSpfRecord', {
      value: `${mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`,
      description: 'Custom MAIL FROM: publish this TXT record',
    });
    new CfnOutput(this, 'InboundMxRecord', {
      value: `${settings.inboundDomain} MX 10 inbound-smtp.${this.region}.amazonaws.com`,
      description: 'SES receiving: publish this MX record so replies reach the inbound domain',
    });
    inboundIdentity?.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `InboundDkimRecord${index + 1}`, {
        value: `${record.name} CNAME ${record.value}`,
        description: 'Easy DKIM: publish this CNAME in the inbound domain (verifies it for SES receiving)',
      });
    });
  }

  // cdk-nag findings accepted on purpose (cdk-nag 3 reads CDK's own acknowledgements); each says why.
  private suppressNagFindings(parts: {
    functions: CoachFunction[];
    api: HttpApi;
    tokenSecret: Secret;
    schedulerRole: Role;
    dispatchFunction: CoachFunction;
    inboundFunction: CoachFunction;
    rawMail: RawMailBucket;
  }): void {
    for (const fn of parts.functions) {
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          'The product pins Node.js 22 (DESIGN.md), the runtime the code and its tests target; moving to a newer runtime is a deliberate upgrade, not a drive-by.',
      });
    }
    Validations.of(parts.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Public by design: the sign-up page and POST /subscribe take anonymous visitors (double opt-in stops abuse), and /confirm and /unsubscribe are authenticated by the HMAC-signed, expiring token in the link, which the api Lambda verifies. Stage throttling caps the rate.',
    });
    const dispatchLogicalId = this.getLogicalId(parts.dispatchFunction.node.defaultChild as CfnFunction);
    Validations.of(parts.schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${dispatchLogicalId}.Arn>:*]`,
      reason:
        "The scheduler target grant (CDK grantInvoke) also covers the dispatch function's versions and aliases (ARN:*); it names that one function and nothing else.",
    });
    const rawMailBucketLogicalId = this.getLogicalId(parts.rawMail.bucket.node.defaultChild as CfnBucket);
    Validations.of(parts.inboundFunction.role ?? parts.inboundFunction).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${rawMailBucketLogicalId}.Arn>/${RAW_MAIL_PREFIX}*]`,
      reason:
        'Object keys are the SES message ids, unknown until a message arrives: the inbound Lambda may s3:GetObject any object under the raw-mail prefix of its own bucket, and nothing else in S3.',
    });
    Validations.of(parts.tokenSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the signing key would invalidate every confirm, unsubscribe and reply token already sent; rotation with an overlap window (old and new key both accepted) comes in a later issue.',
    });
  }
}

/** True when `domain` is `parent` or one of its subdomains. */
function isSameOrSubdomain(domain: string, parent: string): boolean {
  return domain === parent || domain.endsWith(`.${parent}`);
}
