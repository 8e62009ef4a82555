// CDK assertions on the operator alarms beyond SES feedback: one alarm per dead-letter queue, one Errors
// alarm per coach function, and the dispatch Duration alarm, all on the one alarm topic.
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { logicalIdOf, type Resource, synthesize } from './fixtures';

const ref = (id: string) => ({ Ref: id });
const queueNameOf = (id: string) => ({ 'Fn::GetAtt': [id, 'QueueName'] });

type Dimension = { Name: string; Value: unknown };

/** Queues named somewhere as where failures go: SQS redrive, Lambda, SNS, Scheduler, async OnFailure. */
function queuesUsedAsDeadLetters(template: Template): Set<string> {
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const found = new Set<string>();
  const walk = (value: unknown, underDeadLetterKey: boolean): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, underDeadLetterKey);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const getAtt = (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
    if (underDeadLetterKey && getAtt && resources[getAtt[0]]?.Type === 'AWS::SQS::Queue') {
      found.add(getAtt[0]);
    }
    for (const [key, child] of Object.entries(value)) {
      walk(child, underDeadLetterKey || /dead.?letter|OnFailure/i.test(key));
    }
  };
  for (const resource of Object.values(resources)) walk(resource.Properties, false);
  return found;
}

function alarmsOn(template: Template, metricName: string, dimension: Dimension): Resource[] {
  return Object.values(
    template.findResources('AWS::CloudWatch::Alarm', {
      Properties: { MetricName: metricName, Dimensions: [dimension] },
    }) as Record<string, Resource>,
  );
}

describe('CoachStack dead-letter and Lambda alarms', () => {
  let template: Template;
  let alarmTopicId: string;
  let queues: Record<string, Resource>;
  let functions: Record<string, Resource>;

  beforeAll(() => {
    // Prepare
    template = synthesize();
    alarmTopicId = logicalIdOf(template, 'AWS::SNS::Topic', { DisplayName: 'Knee coach operator alarms' });
    queues = template.findResources('AWS::SQS::Queue') as Record<string, Resource>;
    functions = template.findResources('AWS::Lambda::Function') as Record<string, Resource>;
  });

  it('names every queue that receives failures a dead-letter queue, and finds the four of them', () => {
    // Prepare
    const byName = Object.keys(queues).filter(
      (id) =>
        /DeadLetter/.test(id) || /dead-?letter|dlq/i.test(String(queues[id]?.Properties.QueueName ?? '')),
    );
    const byUse = [...queuesUsedAsDeadLetters(template)];

    // Assess
    expect(byName.sort()).toEqual(byUse.sort());
    expect(byName.map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'DispatchDeadLetters',
      'FeedbackDeadLetters',
      'InboundDeadLetters',
      'SendWeekDeadLetters',
    ]);
  });

  it('alarms on each dead-letter queue, exactly once, as soon as one message is visible', () => {
    // Prepare
    const deadLetterIds = [...queuesUsedAsDeadLetters(template)];

    // Assess
    expect(deadLetterIds).toHaveLength(4);
    for (const id of deadLetterIds) {
      const dimension = { Name: 'QueueName', Value: queueNameOf(id) };
      expect(alarmsOn(template, 'ApproximateNumberOfMessagesVisible', dimension), id).toHaveLength(1);
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: Match.stringLikeRegexp('^KneeCoach-[a-z-]+-dead-letters$'),
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [dimension],
        Statistic: 'Maximum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [ref(alarmTopicId)],
        OKActions: [ref(alarmTopicId)],
      });
    }
    // The work queue itself is not a dead-letter queue and gets no such alarm.
    template.resourcePropertiesCountIs(
      'AWS::CloudWatch::Alarm',
      { MetricName: 'ApproximateNumberOfMessagesVisible' },
      4,
    );
  });

  it.each([
    ['KneeCoach-send-week-dead-letters', 'SendWeekDeadLetters'],
    ['KneeCoach-dispatch-dead-letters', 'DispatchDeadLetters'],
    ['KneeCoach-inbound-dead-letters', 'InboundDeadLetters'],
    ['KneeCoach-feedback-dead-letters', 'FeedbackDeadLetters'],
  ])('names the alarm %s after the %s queue', (alarmName, queuePrefix) => {
    // Prepare
    const queueId = Object.keys(queues).find((id) => id.startsWith(queuePrefix)) as string;

    // Assess
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: alarmName,
      Dimensions: [{ Name: 'QueueName', Value: queueNameOf(queueId) }],
    });
  });

  it('has an Errors alarm, exactly once, on every coach function', () => {
    // Prepare
    const ours = Object.keys(functions).filter((id) =>
      /^Knee coach /.test(String(functions[id]?.Properties.Description)),
    );
    const others = Object.keys(functions).filter((id) => !ours.includes(id));

    // Assess
    expect(ours).toHaveLength(5);
    // The only other function is CDK's AwsCustomResource provider, which runs at deploy time only (a failure
    // there fails the deployment, which is its own alarm).
    expect(others.map((id) => id.replace(/[0-9A-F]{8}$/, ''))).toEqual([
      'AWS679f53fac002430cb0da5b7982bd2287',
    ]);
    for (const id of ours) {
      const dimension = { Name: 'FunctionName', Value: ref(id) };
      expect(alarmsOn(template, 'Errors', dimension), id).toHaveLength(1);
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: Match.stringLikeRegexp('^KneeCoach-[a-z-]+-errors$'),
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [dimension],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [ref(alarmTopicId)],
        OKActions: [ref(alarmTopicId)],
      });
    }
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { MetricName: 'Errors' }, 5);
  });

  it.each([
    ['KneeCoach-api-errors', 'ApiFunction'],
    ['KneeCoach-dispatch-errors', 'DispatchFunction'],
    ['KneeCoach-send-week-errors', 'SendWeekFunction'],
    ['KneeCoach-inbound-errors', 'InboundFunction'],
    ['KneeCoach-feedback-errors', 'FeedbackFunction'],
  ])('names the alarm %s after the %s', (alarmName, functionPrefix) => {
    // Prepare
    const functionId = Object.keys(functions).find((id) => id.startsWith(functionPrefix)) as string;

    // Assess
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: alarmName,
      Dimensions: [{ Name: 'FunctionName', Value: ref(functionId) }],
    });
  });

  it('alarms when one dispatch run takes 80% of its 15-minute timeout', () => {
    // Prepare
    const dispatchId = Object.keys(functions).find((id) => id.startsWith('DispatchFunction')) as string;
    const timeoutSeconds = functions[dispatchId]?.Properties.Timeout as number;

    // Assess
    expect(timeoutSeconds).toBe(15 * 60);
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { MetricName: 'Duration' }, 1);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'KneeCoach-dispatch-duration',
      Namespace: 'AWS/Lambda',
      MetricName: 'Duration',
      Dimensions: [{ Name: 'FunctionName', Value: ref(dispatchId) }],
      Statistic: 'Maximum',
      // Duration is in milliseconds: 80% of 900 s is 720,000 ms.
      Threshold: timeoutSeconds * 1000 * 0.8,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [ref(alarmTopicId)],
      OKActions: [ref(alarmTopicId)],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'KneeCoach-dispatch-duration',
      Threshold: 720_000,
    });
  });
});
