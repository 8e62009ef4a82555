// The one kind of dead-letter queue: where work that kept failing is parked for a look, with its alarm.
import { CfnOutput, Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type AlarmRecord, deadLetterAlarm } from './operator-alarms';

export interface DeadLetterQueueProps {
  /** What is parked here, as the alarm says it: "Weekly sends (subscriber batches)". */
  readonly holds: string;
  /** The alarm's name after the stack name, such as `send-week-dead-letters`. */
  readonly alarmName: string;
  /** The stack output that gives the queue's URL, for a look and a redrive. */
  readonly outputName: string;
}

/** Encrypted, TLS only, and kept the longest SQS allows, 14 days: time to fix the cause and redrive. */
export class DeadLetterQueue extends Queue {
  /** Fires as soon as one message is parked: anything here is work the coach did not do. */
  readonly alarm: AlarmRecord;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.alarm = deadLetterAlarm({ id, name: props.alarmName, queue: this, holds: props.holds });
    new CfnOutput(scope, props.outputName, { value: this.queueUrl });
  }
}
