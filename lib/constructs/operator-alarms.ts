// CloudWatch alarms for the operator, all notifying one encrypted SNS topic (emailed when an address is set).
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ServiceTopic } from './service-topic';

/**
 * SES's own guidance: an account whose bounce rate reaches 5% or whose complaint rate reaches 0.1% is put
 * under review (and paused at 10% and 0.5%). The Reputation.* metrics are fractions, not percentages.
 */
export const REPUTATION_THRESHOLDS = { bounceRate: 0.05, complaintRate: 0.001 } as const;

export interface OperatorAlarmsProps {
  /** Email address subscribed to the alarm topic; none when undefined (subscribe later, by any means). */
  readonly email?: string;
  /** The alarms to create, each notifying the topic. */
  readonly alarms: readonly AlarmRecord[];
}

/** One alarm, as data: what it watches, when it fires, and what the operator should do then. */
export interface AlarmRecord {
  /** Construct id under the Alarms construct; the alarm's logical ID follows from it, so keep it stable. */
  readonly id: string;
  /** The alarm's name after the stack name: `<stack name>-<name>`. */
  readonly name: string;
  readonly metric: IMetric;
  readonly threshold: number;
  readonly comparison: ComparisonOperator;
  /** The notification's text: what happened and where to look next. */
  readonly description: string;
}

/** The alarm topic and the alarms that notify it; every alarm is named `<stack name>-<suffix>`. */
export class OperatorAlarms extends Construct {
  readonly topic: Topic;
  readonly namePrefix: string;
  /** Every alarm made here, in the order given (the dashboard shows their states). */
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: OperatorAlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // Stack names are unique per account and region, and so are the alarm names built on them; the topic
    // policy below trusts alarms by this prefix.
    this.namePrefix = stack.stackName;

    // CloudWatch cannot publish to a topic under the AWS managed SNS key, so it gets a key of its own.
    const { topic } = new ServiceTopic(this, 'Notifications', {
      description: 'operator alarms',
      publisher: 'cloudwatch.amazonaws.com',
    });
    this.topic = topic;
    // The topic policy that enforceSSL creates replaces SNS's default one, so CloudWatch needs its own
    // statement; only this stack's alarms in this account may publish.
    topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowThisStacksAlarmsToPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: `${this.namePrefix}-*`,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    if (props.email) topic.addSubscription(new EmailSubscription(props.email));
    this.action = new SnsAction(topic);
    for (const record of props.alarms) this.add(record);
  }

  /** The alarm made from the record with this id. */
  alarm(id: string): Alarm {
    const found = this.alarms.find((alarm) => alarm.node.id === id);
    if (!found) throw new Error(`no alarm with id ${id}`);
    return found;
  }

  /** An alarm that notifies the topic when it fires and again when it clears. */
  private add(record: AlarmRecord): Alarm {
    const alarm = new Alarm(this, record.id, {
      alarmName: `${this.namePrefix}-${record.name}`,
      alarmDescription: record.description,
      metric: record.metric,
      threshold: record.threshold,
      comparisonOperator: record.comparison,
      evaluationPeriods: 1,
      // No data means nothing happened (no sends, an empty queue, no invocations), which is healthy.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}

const reputation = (metricName: string) =>
  new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });

/** Account-wide bounce and complaint rates, the ones SES reviews and pauses sending on. */
export const REPUTATION_ALARMS: readonly AlarmRecord[] = [
  {
    id: 'BounceRate',
    name: 'ses-bounce-rate',
    metric: reputation('Reputation.BounceRate'),
    threshold: REPUTATION_THRESHOLDS.bounceRate,
    comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    description:
      'SES account bounce rate reached 5%: SES puts the account under review here (pauses at 10%). Check the feedback Lambda and the sign-up flow.',
  },
  {
    id: 'ComplaintRate',
    name: 'ses-complaint-rate',
    metric: reputation('Reputation.ComplaintRate'),
    threshold: REPUTATION_THRESHOLDS.complaintRate,
    comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    description:
      'SES account complaint rate reached 0.1%: SES puts the account under review here (pauses at 0.5%). Check who is being mailed and how easy unsubscribing is.',
  },
];

/** Fires as soon as one message sits in the dead-letter queue; `holds` says what, such as "Received messages". */
export function deadLetterAlarm(spec: {
  id: string;
  name: string;
  queue: IQueue;
  holds: string;
}): AlarmRecord {
  return {
    id: spec.id,
    name: spec.name,
    metric: spec.queue.metricApproximateNumberOfMessagesVisible({
      statistic: 'Maximum',
      period: Duration.minutes(5),
    }),
    threshold: 0,
    comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
    description: `${spec.holds} are waiting in a dead-letter queue: look at them, fix the cause, then redrive.`,
  };
}

/**
 * Fires on any failed invocation of the function; `afterFailure` says what becomes of the failed event
 * (retried, dead-lettered, or returned to the caller), so the notification says where to look next.
 */
export function errorAlarm(spec: {
  id: string;
  name: string;
  fn: IFunction;
  what: string;
  afterFailure: string;
}): AlarmRecord {
  return {
    id: spec.id,
    name: spec.name,
    metric: spec.fn.metricErrors({ statistic: 'Sum', period: Duration.minutes(5) }),
    threshold: 0,
    comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
    description: `The ${spec.what} Lambda failed: see its logs (${spec.afterFailure}).`,
  };
}

/**
 * Fires when one invocation runs for `fraction` of the function's timeout or longer: a warning before the
 * work outgrows the timeout and Lambda starts cutting runs off.
 */
export function durationAlarm(spec: {
  id: string;
  name: string;
  fn: IFunction;
  what: string;
  timeout: Duration;
  fraction: number;
  period: Duration;
  remedy: string;
}): AlarmRecord {
  const percent = Math.round(spec.fraction * 100);
  return {
    id: spec.id,
    name: spec.name,
    metric: spec.fn.metricDuration({ statistic: 'Maximum', period: spec.period }),
    // Lambda reports Duration in milliseconds.
    threshold: spec.timeout.toMilliseconds() * spec.fraction,
    comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    description: `The ${spec.what} Lambda ran for ${percent}% of its timeout (${spec.timeout.toHumanString()}) or longer: ${spec.remedy}`,
  };
}
