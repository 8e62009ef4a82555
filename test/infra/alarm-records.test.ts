// Alarms as data: the records the parts hand to OperatorAlarms, one per thing the operator must look at.
import { App, Duration, Stack } from 'aws-cdk-lib';
import { ComparisonOperator } from 'aws-cdk-lib/aws-cloudwatch';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import {
  deadLetterAlarm,
  durationAlarm,
  errorAlarm,
  REPUTATION_ALARMS,
  REPUTATION_THRESHOLDS,
} from '#lib/constructs/operator-alarms';

const stack = new Stack(new App(), 'Sample');
const queue = new Queue(stack, 'Parked');
const fn = new LambdaFunction(stack, 'Worker', {
  runtime: Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: Code.fromInline('export const handler = () => {};'),
});

describe('alarm records', () => {
  it('fires a dead-letter alarm on the first visible message and says what is parked', () => {
    // Act
    const record = deadLetterAlarm({ id: 'ParkedAlarm', name: 'parked', queue, holds: 'Parked jobs' });

    // Assess
    expect(record).toMatchObject({
      id: 'ParkedAlarm',
      name: 'parked',
      threshold: 0,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      description:
        'Parked jobs are waiting in a dead-letter queue: look at them, fix the cause, then redrive.',
    });
    expect(record.metric.toMetricConfig().metricStat?.metricName).toBe('ApproximateNumberOfMessagesVisible');
  });

  it('says in an error alarm what became of the failed event', () => {
    // Act
    const record = errorAlarm({ id: 'E', name: 'e', fn, what: 'worker', afterFailure: 'nothing is retried' });

    // Assess
    expect(record.description).toBe('The worker Lambda failed: see its logs (nothing is retried).');
    expect(record.metric.toMetricConfig().metricStat).toMatchObject({
      metricName: 'Errors',
      statistic: 'Sum',
    });
  });

  it('puts a duration alarm at the given share of the timeout, in milliseconds', () => {
    // Act
    const record = durationAlarm({
      id: 'D',
      name: 'd',
      fn,
      what: 'worker',
      timeout: Duration.minutes(10),
      fraction: 0.75,
      period: Duration.hours(1),
      remedy: 'split the work.',
    });

    // Assess
    expect(record.threshold).toBe(450_000);
    expect(record.comparison).toBe(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
    expect(record.description).toBe(
      'The worker Lambda ran for 75% of its timeout (10 minutes) or longer: split the work.',
    );
  });

  it('watches the SES reputation at the rates SES reviews an account at', () => {
    // Assess
    expect(REPUTATION_ALARMS.map(({ name, threshold }) => [name, threshold])).toEqual([
      ['ses-bounce-rate', REPUTATION_THRESHOLDS.bounceRate],
      ['ses-complaint-rate', REPUTATION_THRESHOLDS.complaintRate],
    ]);
  });
});
