// The knee coach on AWS, part by part as in the data flow of docs/architecture.md: the table and the token secret, the
// sending identity, the public API, the weekly send, inbound mail, and the operator's alarms and dashboard.
import {
  Annotations,
  type CfnElement,
  CfnOutput,
  Stack,
  type StackProps,
  Tags,
  Validations,
} from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { Wiring } from './constructs/coach-function';
import { InboundMail } from './constructs/inbound-mail';
import { OperatorAlarms, REPUTATION_ALARMS } from './constructs/operator-alarms';
import { OperatorDashboard } from './constructs/operator-dashboard';
import { PublicApi } from './constructs/public-api';
import { SendingIdentity } from './constructs/sending-identity';
import { logicalIdWithoutParts } from './constructs/stack-part';
import { SubscriberTable } from './constructs/subscriber-table';
import { WeeklySend } from './constructs/weekly-send';
import { readDeploySettings } from './settings';

export class CoachStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const settings = readDeploySettings(this.node);
    const { logRetentionDays: logRetention } = settings;
    // Every resource that takes tags, but not the dashboard: in us-east-1 CloudFormation's dashboard has no Tags
    // property yet, and the deploy would fail there (cfn-lint E3002).
    Tags.of(this).add('project', 'knee-coach', { excludeResourceTypes: ['AWS::CloudWatch::Dashboard'] });
    if (settings.sendingDomain.endsWith('example.com')) {
      Annotations.of(this).addWarningV2(
        'knee-coach:example-sending-domain',
        `sendingDomain is ${settings.sendingDomain}: set your own domain in cdk.json before deploying.`,
      );
    }

    // DynamoDB: subscribers, their weeks, address uniqueness.
    const table = new SubscriberTable(this, 'Table', { dueShards: settings.dueShards });
    const tokenSecret = this.tokenSecret();

    // SES: the identity and configuration set every email goes through; bounces and complaints come back
    // through SNS to the feedback Lambda, which suppresses the address.
    const sending = new SendingIdentity(this, 'Sending', { settings, tokenSecret, table, logRetention });

    // The sign-ups' limits, for the two ways in: the web form (api) and sign-up by email (inbound).
    const signUpLimits: Wiring = {
      environment: {
        signupsPerSourcePerHour: String(settings.signupsPerSourcePerHour),
        signupsPerAddressPerHour: String(settings.signupsPerAddressPerHour),
        maxConfirmSends: String(settings.maxConfirmSends),
      },
    };

    // web page / API ──► api Lambda ──► DynamoDB ──► SES (confirm email, first plan).
    const api = new PublicApi(this, 'PublicApi', {
      logRetention,
      wiring: (publicBaseUrl) => [table.items(), sending.mail(publicBaseUrl), signUpLimits],
    });
    const mail = sending.mail(api.url);

    // Scheduler (hourly) ──► dispatch Lambda ──► SQS ──► send-week Lambda: plan + render + SES.
    const weeklySend = new WeeklySend(this, 'WeeklySend', {
      logRetention,
      sendConcurrency: settings.sendConcurrency,
      staleClaimSeconds: settings.staleClaimSeconds,
      table,
      mail,
    });

    // reply email ──► SES receiving ──► S3 (raw MIME) ──► inbound Lambda.
    const inboundMail = new InboundMail(this, 'InboundMail', {
      inboundDomain: settings.inboundDomain,
      sendingDomain: settings.sendingDomain,
      rawMailRetentionDays: settings.rawMailRetentionDays,
      logRetention,
      table,
      mail,
      signUpLimits,
    });

    const alarms = new OperatorAlarms(this, 'Alarms', {
      email: settings.alarmEmail,
      alarms: [
        ...REPUTATION_ALARMS,
        ...weeklySend.alarms,
        ...inboundMail.alarms,
        ...sending.alarms,
        ...api.alarms,
      ],
    });

    // What the Lambdas count, beside the alarms: one page for whoever runs the coach.
    const dashboard = new OperatorDashboard(this, 'Dashboard', {
      alarms: alarms.alarms,
      graphed: REPUTATION_ALARMS.map((record) => alarms.alarm(record.id)),
    });

    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: alarms.topic.topicArn,
      description: 'Alarm notifications: subscribe here, or set alarmEmail in cdk.json',
    });
    new CfnOutput(this, 'DashboardName', {
      value: dashboard.dashboard.dashboardName,
      description: 'The operator dashboard: CloudWatch → Dashboards',
    });
  }

  /**
   * The parts group resources in the construct tree but leave the logical IDs as they were before the parts
   * existed: a new ID would make CloudFormation replace the table, the queues or the API (see StackPart).
   */
  protected override allocateLogicalId(element: CfnElement): string {
    return logicalIdWithoutParts(this, element);
  }

  /** The HMAC key that signs the links and reply addresses in coach emails. */
  private tokenSecret(): Secret {
    const secret = new Secret(this, 'TokenSigningSecret', {
      description: 'HMAC key that signs the links and reply addresses in coach emails',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the signing key would invalidate every confirm, unsubscribe and reply token already sent; rotation with an overlap window (old and new key both accepted) comes in a later issue.',
    });
    return secret;
  }
}
