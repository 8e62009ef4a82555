// Sending as the coach: the SES domain identity and configuration set every email goes through, the mail
// settings and grants a mailing function is wired with, and the feedback loop that suppresses bad addresses.
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
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
import type { Construct } from 'constructs';
import type { DeploySettings } from '#lib/settings';
import { CoachFunction, type Wiring } from './coach-function';
import { DeadLetterQueue } from './dead-letter-queue';
import { type AlarmRecord, errorAlarm } from './operator-alarms';
import { SendingFeedback } from './sending-feedback';
import { StackPart } from './stack-part';
import type { SubscriberTable } from './subscriber-table';

// The feedback Lambda handles one SES event (SNS delivers one per invocation): a few item reads and writes.
const FEEDBACK_TIMEOUT = Duration.seconds(10);

export interface SendingIdentityProps {
  readonly settings: Pick<
    DeploySettings,
    'sendingDomain' | 'fromAddress' | 'inboundDomain' | 'operatorName' | 'operatorAddress'
  >;
  /** Signs the links and reply addresses in every email. */
  readonly tokenSecret: ISecret;
  readonly table: SubscriberTable;
  readonly logRetention: RetentionDays;
}

export class SendingIdentity extends StackPart {
  readonly configurationSet: ConfigurationSet;
  readonly identity: EmailIdentity;
  readonly feedbackFunction: CoachFunction;
  readonly alarms: readonly AlarmRecord[];
  private readonly sendEmail: PolicyStatement;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: SendingIdentityProps,
  ) {
    super(scope, id);
    const { settings } = props;

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      // Plans adapt to pain reports, so they are health data: never hand them to a server over plain text.
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    const mailFromDomain = `mail.${settings.sendingDomain}`;
    this.identity = new EmailIdentity(this, 'SendingIdentity', {
      identity: Identity.domain(settings.sendingDomain),
      configurationSet: this.configurationSet,
      dkimSigning: true,
      dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
      // A MAIL FROM on our own domain lets SPF align with the From domain for DMARC.
      mailFromDomain,
      mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
    });
    // SES v2 authorizes a send against both the From identity and the configuration set.
    this.sendEmail = new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [
        this.identity.emailIdentityArn,
        Stack.of(this).formatArn({
          service: 'ses',
          resource: 'configuration-set',
          resourceName: this.configurationSet.configurationSetName,
        }),
      ],
    });

    // SES feedback events that SNS could not deliver, or whose feedback run failed three times. Kept the full
    // 14 days: each one may be a hard bounce or complaint not yet suppressed.
    const deadLetters = new DeadLetterQueue(this, 'FeedbackDeadLetters', {
      holds: 'SES feedback events',
      alarmName: 'feedback-dead-letters',
      outputName: 'FeedbackDeadLetterQueueUrl',
    });
    // It only keeps subscriber state (suppression, soft-bounce count): no mail settings, no secret.
    this.feedbackFunction = new CoachFunction(this, 'FeedbackFunction', {
      handlerName: 'feedback',
      description: 'Knee coach SES feedback: suppresses addresses on hard bounces and complaints',
      logRetention: props.logRetention,
      timeout: FEEDBACK_TIMEOUT,
      memorySize: 256,
      deadLetterQueue: deadLetters,
      wiring: [props.table.suppressions()],
    });
    // SNS invokes asynchronously too: two retries, then the event goes to the same DLQ as SNS's own failures.
    this.feedbackFunction.configureAsyncInvoke({ retryAttempts: 2 });
    new SendingFeedback(this, 'SendingFeedback', {
      configurationSet: this.configurationSet,
      handler: this.feedbackFunction,
      deadLetterQueue: deadLetters,
    });

    this.alarms = [
      deadLetters.alarm,
      errorAlarm({
        id: 'FeedbackErrors',
        name: 'feedback-errors',
        fn: this.feedbackFunction,
        what: 'SES feedback',
        afterFailure: 'it retries twice, then the event goes to the feedback dead-letter queue',
      }),
    ];

    new CfnOutput(this, 'ConfigurationSetName', { value: this.configurationSet.configurationSetName });
    this.identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        value: `${record.name} CNAME ${record.value}`,
        description: 'Easy DKIM: publish this CNAME in the sending domain',
      });
    });
    const region = Stack.of(this).region;
    new CfnOutput(this, 'MailFromMxRecord', {
      value: `${mailFromDomain} MX 10 feedback-smtp.${region}.amazonses.com`,
      description: 'Custom MAIL FROM: publish this MX record',
    });
    new CfnOutput(this, 'MailFromSpfRecord', {
      value: `${mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`,
      description: 'Custom MAIL FROM: publish this TXT record',
    });
  }

  /**
   * What a function that mails subscribers is wired with: the settings an email is built from (sender, reply
   * domain, footer, link base), the secret that signs its links, and leave to send through this identity.
   */
  mail(publicBaseUrl: string): Wiring {
    const { settings, tokenSecret } = this.props;
    return {
      environment: {
        fromAddress: settings.fromAddress,
        inboundDomain: settings.inboundDomain,
        publicBaseUrl,
        configurationSet: this.configurationSet.configurationSetName,
        operatorName: settings.operatorName,
        operatorAddress: settings.operatorAddress,
        tokenSecretArn: tokenSecret.secretArn,
      },
      grant: (fn) => {
        fn.addToRolePolicy(this.sendEmail);
        tokenSecret.grantRead(fn);
      },
    };
  }
}
