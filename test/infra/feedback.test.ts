// CDK assertions on SES sending feedback and the operator alarms: the configuration set's event destination,
// the encrypted topic, the feedback Lambda and its grants, and the CloudWatch alarms on the alarm topic.
import { Capture, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '#lambdas/env-names';
import { DEPLOY_DEFAULTS } from '#lib/settings';
import {
  asList,
  functionByEntry,
  logicalIdOf,
  policyStatementsOf,
  type Resource,
  roleIdOf,
  type Statement,
  synthesize,
} from './fixtures';

const ref = (id: string) => ({ Ref: id });
const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const thisAccount = { Ref: 'AWS::AccountId' };

function topicPolicyStatements(template: Template, topicId: string): Statement[] {
  const policies = Object.values(
    template.findResources('AWS::SNS::TopicPolicy', { Properties: { Topics: [ref(topicId)] } }) as Record<
      string,
      Resource
    >,
  );
  expect(policies).toHaveLength(1);
  return ((policies[0] as Resource).Properties.PolicyDocument as { Statement: Statement[] }).Statement;
}

function keyOf(template: Template, topicId: string): { id: string; key: Resource } {
  const topic = template.toJSON().Resources[topicId] as Resource;
  const keyArn = topic.Properties.KmsMasterKeyId as { 'Fn::GetAtt': [string, string] };
  const id = keyArn['Fn::GetAtt'][0];
  return { id, key: template.toJSON().Resources[id] as Resource };
}

function deadLetterQueueIdOf(fn: Resource): string {
  return (fn.Properties.DeadLetterConfig as { TargetArn: { 'Fn::GetAtt': [string, string] } }).TargetArn[
    'Fn::GetAtt'
  ][0];
}

/** Key policy statements for AWS services (the rest is CDK's default account-root statement). */
function serviceStatementsOf(key: Resource): Statement[] {
  return (key.Properties.KeyPolicy as { Statement: Statement[] }).Statement.filter(
    (statement) => (statement.Principal as { Service?: string }).Service !== undefined,
  );
}

describe('CoachStack SES sending feedback', () => {
  let template: Template;
  let tableId: string;
  let topicId: string;
  let feedback: { id: string; fn: Resource };
  let deadLettersId: string;

  beforeAll(() => {
    // Prepare
    template = synthesize();
    tableId = Object.keys(template.findResources('AWS::DynamoDB::Table'))[0] as string;
    topicId = logicalIdOf(template, 'AWS::SNS::Topic', { DisplayName: 'Knee coach SES sending feedback' });
    feedback = functionByEntry(template, /SES feedback/);
    deadLettersId = deadLetterQueueIdOf(feedback.fn);
  });

  it('publishes bounces, complaints, deliveries and rejects of the configuration set to the topic', () => {
    // Prepare
    const configurationSetId = logicalIdOf(template, 'AWS::SES::ConfigurationSet', {});
    const events = new Capture();
    const destination = Object.values(
      template.findResources('AWS::SES::ConfigurationSetEventDestination') as Record<string, Resource>,
    );

    // Act
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: ref(configurationSetId),
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: events,
        SnsDestination: { TopicARN: ref(topicId) },
      },
    });

    // Assess
    expect(destination).toHaveLength(1);
    expect(events.asArray().sort()).toEqual(['bounce', 'complaint', 'delivery', 'reject']);
    // SES checks it may publish when the destination is created, so the topic policy has to exist first.
    const topicPolicyId = Object.keys(
      template.findResources('AWS::SNS::TopicPolicy', { Properties: { Topics: [ref(topicId)] } }),
    )[0];
    expect(destination[0]?.DependsOn).toContain(topicPolicyId);
  });

  it('keeps SES suppressing bounced and complaining addresses account-wide through the configuration set', () => {
    // Assess
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: Match.arrayEquals(['BOUNCE', 'COMPLAINT']) },
      ReputationOptions: { ReputationMetricsEnabled: true },
    });
  });

  it('encrypts the topic with its own rotating key that only SES, for this account, may use besides the account', () => {
    // Prepare
    const { key } = keyOf(template, topicId);

    // Assess
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(serviceStatementsOf(key)).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'ses.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': thisAccount } },
      }),
    ]);
  });

  it('lets only SES publish, for this account and this configuration set, and only over TLS', () => {
    // Prepare
    const configurationSetId = logicalIdOf(template, 'AWS::SES::ConfigurationSet', {});
    const statements = topicPolicyStatements(template, topicId);
    const allows = statements.filter((statement) => statement.Effect === 'Allow');

    // Assess
    expect(allows).toEqual([
      expect.objectContaining({
        Principal: { Service: 'ses.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: ref(topicId),
        Condition: {
          StringEquals: {
            'AWS:SourceAccount': thisAccount,
            'AWS:SourceArn': {
              'Fn::Join': ['', expect.arrayContaining([':configuration-set/', ref(configurationSetId)])],
            },
          },
        },
      }),
    ]);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'sns:Publish',
        Principal: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it('subscribes the feedback Lambda, with undeliverable events going to an encrypted dead-letter queue', () => {
    // Prepare
    const queue = template.toJSON().Resources[deadLettersId] as Resource;
    const queuePolicy = Object.values(
      template.findResources('AWS::SQS::QueuePolicy', {
        Properties: { Queues: [ref(deadLettersId)] },
      }) as Record<string, Resource>,
    )[0] as Resource;

    // Assess
    expect(deadLettersId).toMatch(/^FeedbackDeadLetters/);
    template.resourcePropertiesCountIs('AWS::SNS::Subscription', { TopicArn: ref(topicId) }, 1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      TopicArn: ref(topicId),
      Protocol: 'lambda',
      Endpoint: arnOf(feedback.id),
      RedrivePolicy: { deadLetterTargetArn: arnOf(deadLettersId) },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: arnOf(feedback.id),
      Principal: 'sns.amazonaws.com',
      SourceArn: ref(topicId),
    });
    expect(queue.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    expect((queuePolicy.Properties.PolicyDocument as { Statement: Statement[] }).Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Condition: { ArnEquals: { 'aws:SourceArn': ref(topicId) } },
        }),
      ]),
    );
  });

  it('runs the feedback function on Node 22 ARM64 with the table, retrying twice into the same queue', () => {
    // Assess
    expect(feedback.fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Environment: {
        Variables: {
          [ENV.tableName]: ref(tableId),
          [ENV.dueShards]: String(DEPLOY_DEFAULTS.dueShards),
        },
      },
      DeadLetterConfig: { TargetArn: arnOf(deadLettersId) },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: ref(feedback.id),
      MaximumRetryAttempts: 2,
    });
  });

  it('lets the feedback function read and write table items only: no Scan, no deletes, no email, no S3', () => {
    // Prepare
    const statements = policyStatementsOf(template, roleIdOf(feedback.fn));
    const actions = statements.flatMap((statement) => asList(statement.Action) as string[]);

    // Assess
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: [
        'dynamodb:ConditionCheckItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ],
      Resource: arnOf(tableId),
    });
    for (const forbidden of [
      'dynamodb:Scan',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
      'ses:SendEmail',
      'ses:SendRawEmail',
    ]) {
      expect(actions).not.toContain(forbidden);
    }
    expect(actions.filter((action) => !/^(dynamodb|logs):/.test(action))).toEqual(['sqs:SendMessage']);
    expect(actions.some((action) => /^(s3|ses|secretsmanager|kms):/.test(action))).toBe(false);
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: arnOf(deadLettersId),
    });
  });
});

describe('CoachStack operator alarms', () => {
  let template: Template;
  let alarmTopicId: string;

  beforeAll(() => {
    // Prepare
    template = synthesize();
    alarmTopicId = logicalIdOf(template, 'AWS::SNS::Topic', { DisplayName: 'Knee coach operator alarms' });
  });

  it.each([
    ['Reputation.BounceRate', 'KneeCoach-ses-bounce-rate', 0.05],
    ['Reputation.ComplaintRate', 'KneeCoach-ses-complaint-rate', 0.001],
  ])('alarms on the account-wide SES %s at or above %s', (metricName, alarmName, threshold) => {
    // Assess
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: alarmName,
      Namespace: 'AWS/SES',
      MetricName: metricName,
      // The account-wide rates, which are the ones SES reviews and pauses sending on.
      Dimensions: Match.absent(),
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  it('alarms as soon as a feedback event is dead-lettered or the feedback function fails', () => {
    // Prepare
    const feedback = functionByEntry(template, /SES feedback/);
    const deadLettersId = deadLetterQueueIdOf(feedback.fn);

    // Assess
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'KneeCoach-feedback-dead-letters',
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [deadLettersId, 'QueueName'] } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'KneeCoach-feedback-errors',
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: ref(feedback.id) }],
      Statistic: 'Sum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('notifies the alarm topic when any alarm fires and when it clears', () => {
    // Prepare
    const alarms = Object.values(
      template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>,
    );

    // Assess
    // 2 SES rates, 4 dead-letter queues, 5 functions' errors and the dispatch duration (alarms.test.ts).
    expect(alarms).toHaveLength(12);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmName).toMatch(/^KneeCoach-/);
      expect(alarm.Properties.AlarmActions).toEqual([ref(alarmTopicId)]);
      expect(alarm.Properties.OKActions).toEqual([ref(alarmTopicId)]);
    }
  });

  it('encrypts the alarm topic with a key CloudWatch may use, and lets only this stack’s alarms publish', () => {
    // Prepare
    const { key } = keyOf(template, alarmTopicId);
    const statements = topicPolicyStatements(template, alarmTopicId);

    // Assess
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(serviceStatementsOf(key)).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Condition: { StringEquals: { 'aws:SourceAccount': thisAccount } },
      }),
    ]);
    expect(statements.filter((statement) => statement.Effect === 'Allow')).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: ref(alarmTopicId),
        Condition: {
          StringEquals: { 'aws:SourceAccount': thisAccount },
          ArnLike: {
            'aws:SourceArn': { 'Fn::Join': ['', expect.arrayContaining([':alarm:KneeCoach-*'])] },
          },
        },
      }),
    ]);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('subscribes no one by default, and the alarmEmail address when one is set', () => {
    // Act
    const withEmail = synthesize({ alarmEmail: 'ops@example.org' });

    // Assess
    expect(DEPLOY_DEFAULTS.alarmEmail).toBe('');
    template.resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'email' }, 0);
    withEmail.resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'email' }, 1);
    withEmail.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
      TopicArn: { Ref: Match.stringLikeRegexp('^AlarmsNotificationsTopic') },
    });
    template.hasOutput('AlarmTopicArn', { Value: ref(alarmTopicId) });
  });
});
