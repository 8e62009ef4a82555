// The weekly send: every hour EventBridge Scheduler starts one dispatch invocation per due-index shard, each
// queues its shard's due subscribers in batches, and send-week plans, renders and mails each week from the queue.
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { allDueShards } from '#domain/due-shard';
import { CoachFunction, type Wiring } from './coach-function';
import { DeadLetterQueue } from './dead-letter-queue';
import { type AlarmRecord, durationAlarm, errorAlarm } from './operator-alarms';
import { StackPart } from './stack-part';
import type { SubscriberTable } from './subscriber-table';

// send-week handles one SQS batch (10 subscribers) within this; the queue visibility timeout follows from it.
const SEND_WEEK_TIMEOUT = Duration.seconds(60);
// The longest Lambda allows. Each invocation walks one shard, so at a million due subscribers and 16 shards one
// run is well under a minute (docs/scale.md); a replay of all shards in one invocation takes longer.
const DISPATCH_TIMEOUT = Duration.minutes(15);
/** The memory at which Lambda gives a function one whole vCPU. */
export const DISPATCH_MEMORY_MB = 1769;
// The dispatch duration alarm fires at this share of its timeout, before runs start being cut off.
const DISPATCH_DURATION_ALARM_FRACTION = 0.8;

export interface WeeklySendProps {
  readonly logRetention: RetentionDays;
  /** Most send-week Lambdas running at once (SQS event source maximum concurrency). */
  readonly sendConcurrency: number;
  /** A claimed week whose email is not out this long after the claim is queued again by the dispatch. */
  readonly staleClaimSeconds: number;
  readonly table: SubscriberTable;
  /** send-week mails the plan. */
  readonly mail: Wiring;
}

export class WeeklySend extends StackPart {
  readonly dispatchFunction: CoachFunction;
  readonly sendWeekFunction: CoachFunction;
  readonly sendQueue: Queue;
  readonly alarms: readonly AlarmRecord[];

  constructor(scope: Construct, id: string, props: WeeklySendProps) {
    super(scope, id);

    // Weekly sends that fail five times are parked here for a look, instead of retrying for days.
    const sendDeadLetters = new DeadLetterQueue(this, 'SendWeekDeadLetters', {
      holds: 'Weekly sends (subscriber batches)',
      alarmName: 'send-week-dead-letters',
      outputName: 'SendWeekDeadLetterQueueUrl',
    });
    this.sendQueue = new Queue(this, 'SendWeekQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for Lambda consumers: six times the function timeout, so retries do not overlap.
      visibilityTimeout: Duration.seconds(SEND_WEEK_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: sendDeadLetters, maxReceiveCount: 5 },
    });
    // Hourly dispatch runs that could not be delivered by the scheduler or kept failing in Lambda.
    const dispatchDeadLetters = new DeadLetterQueue(this, 'DispatchDeadLetters', {
      holds: 'Hourly dispatch runs',
      alarmName: 'dispatch-dead-letters',
      outputName: 'DispatchDeadLetterQueueUrl',
    });

    // Both sides agree on when a claim is stale: dispatch sweeps it, send-week may then take it over.
    const staleClaims: Wiring = { environment: { staleClaimSeconds: String(props.staleClaimSeconds) } };
    const sendQueue = this.sendQueue;
    const queueSends: Wiring = {
      environment: { queueUrl: sendQueue.queueUrl },
      grant: (fn) => sendQueue.grantSendMessages(fn),
    };
    this.dispatchFunction = new CoachFunction(this, 'DispatchFunction', {
      handlerName: 'dispatch',
      description: 'Knee coach hourly dispatch: queues the subscribers whose weekly plan is due',
      logRetention: props.logRetention,
      // One full vCPU (Lambda gives CPU in proportion to memory; 256 MB is about a seventh of a core): the
      // dispatcher is CPU-bound, the SQS client's work for every message, and a list of 1,000,000 is a few
      // minutes of CPU (npm run bench), spread over one invocation per shard. Each runs once an hour for
      // seconds, so the memory costs next to nothing.
      memorySize: DISPATCH_MEMORY_MB,
      timeout: DISPATCH_TIMEOUT,
      deadLetterQueue: dispatchDeadLetters,
      wiring: [props.table.dueIndex(), queueSends, staleClaims],
    });
    this.sendWeekFunction = new CoachFunction(this, 'SendWeekFunction', {
      handlerName: 'send-week',
      description: 'Knee coach weekly send: plans, renders and emails one week per subscriber',
      logRetention: props.logRetention,
      timeout: SEND_WEEK_TIMEOUT,
      wiring: [props.table.items(), props.mail, staleClaims],
    });
    this.sendWeekFunction.addEventSource(
      new SqsEventSource(sendQueue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: props.sendConcurrency,
      }),
    );

    this.scheduleHourly(dispatchDeadLetters, props.table.dueShards);

    this.alarms = [
      sendDeadLetters.alarm,
      dispatchDeadLetters.alarm,
      errorAlarm({
        id: 'DispatchErrors',
        name: 'dispatch-errors',
        fn: this.dispatchFunction,
        what: 'hourly dispatch',
        afterFailure:
          "Lambda retries that shard's run twice, then it goes to the dispatch dead-letter queue; the next hourly run picks up the same subscribers",
      }),
      errorAlarm({
        id: 'SendWeekErrors',
        name: 'send-week-errors',
        fn: this.sendWeekFunction,
        what: 'weekly send',
        afterFailure:
          'SQS redelivers the batch; a message received five times goes to the send-week dead-letter queue',
      }),
      durationAlarm({
        id: 'DispatchDuration',
        name: 'dispatch-duration',
        fn: this.dispatchFunction,
        what: 'hourly dispatch',
        timeout: DISPATCH_TIMEOUT,
        fraction: DISPATCH_DURATION_ALARM_FRACTION,
        // One run an hour: an hour-long period holds that run's duration until the next run replaces it.
        period: Duration.hours(1),
        remedy: 'raise dueShards (docs/scale.md) before the dispatch outgrows the Lambda limit.',
      }),
    ];
  }

  /**
   * Every hour on the hour, EventBridge Scheduler starts the dispatch for that hour once per due-index shard:
   * one schedule per shard, each invoking the dispatch Lambda with `{ at, shard }`, so the shards run in
   * parallel, each on a vCPU of its own, and a failed shard is retried (and parked) alone.
   */
  private scheduleHourly(deadLetters: DeadLetterQueue, dueShards: number): void {
    const stack = Stack.of(this);
    const schedulerRole = new Role(this, 'DispatchSchedulerRole', {
      description: 'Lets EventBridge Scheduler start the hourly dispatch',
      // Only schedules in this account may assume it (confused-deputy guard).
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    for (const shard of allDueShards(dueShards)) {
      new Schedule(this, `HourlyDispatchShard${shard}`, {
        description: `Every hour on the hour: queue the weekly plans that are due in due-index shard ${shard} of ${dueShards}`,
        schedule: ScheduleExpression.cron({ minute: '0' }),
        target: new LambdaInvoke(this.dispatchFunction, {
          role: schedulerRole,
          // The dispatch handler's `at`: the scheduled hour, not the moment of a retry, decides who is due.
          input: ScheduleTargetInput.fromObject({ at: ContextAttribute.scheduledTime, shard }),
          retryAttempts: 3,
          // Past this the next hourly run is close and picks up the same subscribers.
          maxEventAge: Duration.minutes(50),
          deadLetterQueue: deadLetters,
        }),
      });
    }
    const dispatchLogicalId = stack.getLogicalId(this.dispatchFunction.node.defaultChild as CfnFunction);
    Validations.of(schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${dispatchLogicalId}.Arn>:*]`,
      reason:
        "The scheduler target grant (CDK grantInvoke) also covers the dispatch function's versions and aliases (ARN:*); it names that one function and nothing else.",
    });
  }
}
