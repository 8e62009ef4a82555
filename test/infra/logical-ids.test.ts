// Pins the CloudFormation logical IDs a deploy must never change: a new ID means a new resource, so the
// table, buckets, secret, keys and queues would be replaced (their data lost), and the API, identity, topics
// and receipt rules replaced too (a new URL breaks every mailed link; new DKIM tokens; lost subscriptions).
// Also checks that a StackPart really leaves logical IDs as they were at the stack level.
import { App, Names, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cdkLogicalId, logicalIdWithoutParts, StackPart } from '#lib/constructs/stack-part';
import { type Resource, synthesize } from './fixtures';

/** Recorded from `cdk synth` before the stack was split into parts (issue 13); all of each type. */
const STATEFUL: Record<string, string[]> = {
  'AWS::DynamoDB::Table': ['TableCD117FA1'],
  'AWS::S3::Bucket': ['RawMailAccessLogs5EC90548', 'RawMailBucket20C34D36'],
  'AWS::SecretsManager::Secret': ['TokenSigningSecret3C3E41B6'],
  'AWS::KMS::Key': ['AlarmsNotificationsKeyA999AB18', 'SendingFeedbackEventsKeyE0D040FF'],
  'AWS::SQS::Queue': [
    'DispatchDeadLetters55D2D538',
    'FeedbackDeadLetters07994F3B',
    'InboundDeadLettersE1D1B897',
    'SendWeekDeadLettersE866DBFE',
    'SendWeekQueue946C3C0E',
  ],
};

/** Known from outside the stack, or named, so a replacement breaks something or fails the deploy. */
const KNOWN_OUTSIDE: Array<[string, string, string]> = [
  ['HttpApiF5A9A8A7', 'AWS::ApiGatewayV2::Api', 'its URL is in every link already mailed'],
  ['HttpApiDefaultStage3EEB07D6', 'AWS::ApiGatewayV2::Stage', 'the $default stage of that URL'],
  ['SendingIdentityB3D09D49', 'AWS::SES::EmailIdentity', 'its DKIM tokens are published in DNS'],
  ['ConfigurationSet3DD38186', 'AWS::SES::ConfigurationSet', 'every send names it'],
  ['AlarmsNotificationsTopic2EFF2A3E', 'AWS::SNS::Topic', 'operators confirmed subscriptions to it'],
  ['SendingFeedbackEventsTopic8A1A51B6', 'AWS::SNS::Topic', 'the configuration set publishes to it'],
  ['InboundReceivingRuleSet04551589', 'AWS::SES::ReceiptRuleSet', 'fixed name: a second one would clash'],
  ['InboundReceivingRuleSetRule6F127092', 'AWS::SES::ReceiptRule', 'fixed name'],
  [
    'InboundReceivingActivation9A374276',
    'Custom::SesActiveReceiptRuleSet',
    'deleting the old one would deactivate receiving',
  ],
  [
    'SendWeekFunctionSqsEventSourceKneeCoachSendWeekQueue62B24A4E44FF952F',
    'AWS::Lambda::EventSourceMapping',
    'Lambda refuses a second mapping of the same queue to the same function',
  ],
];

describe('CoachStack logical IDs', () => {
  let resources: Record<string, Resource>;

  beforeAll(() => {
    // Prepare
    resources = synthesize().toJSON().Resources as Record<string, Resource>;
  });

  it.each(Object.entries(STATEFUL))('keeps every %s at its recorded logical ID', (type, ids) => {
    // Act
    const found = Object.keys(resources).filter((id) => resources[id]?.Type === type);

    // Assess
    expect(found.sort()).toEqual(ids);
  });

  it.each(KNOWN_OUTSIDE)('keeps %s (%s): %s', (id, type) => {
    // Assess
    expect(resources[id]?.Type).toBe(type);
  });
});

/** A stack whose logical IDs ignore StackParts, as CoachStack's do. */
class PartAwareStack extends Stack {
  protected override allocateLogicalId(element: Parameters<Stack['getLogicalId']>[0]): string {
    return logicalIdWithoutParts(this, element);
  }
}

/** The same few resources, directly in the stack or inside a part (with a plain construct around one). */
function sample(stack: Stack, inPart: boolean): Template {
  const scope = inPart ? new StackPart(stack, 'Part') : stack;
  const queue = new Queue(scope, 'Work');
  const fn = new LambdaFunction(scope, 'Worker', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('export const handler = () => {};'),
  });
  fn.addEventSource(new SqsEventSource(queue));
  new Bucket(new Construct(scope, 'Group'), 'Default');
  return Template.fromStack(stack);
}

describe('StackPart', () => {
  it('computes logical IDs exactly as CDK does, at any depth', () => {
    // Prepare
    const stack = new Stack(new App(), 'Sample');
    sample(stack, false);

    // Act
    const elements = stack.node
      .findAll()
      .filter((construct) => Stack.isStack(construct) === false && 'logicalId' in construct);

    // Assess
    expect(elements.length).toBeGreaterThan(5);
    for (const element of elements) {
      // Below the app and the stack.
      const path = element.node.scopes.slice(2).map((scope) => scope.node.id);
      expect(cdkLogicalId(path), element.node.path).toBe(
        stack.getLogicalId(element as Parameters<Stack['getLogicalId']>[0]),
      );
    }
    // Names.nodeUniqueId is the same naming over the path from the app down.
    expect(cdkLogicalId(['Sample', 'Work'])).toBe(Names.nodeUniqueId(stack.node.findChild('Work').node));
  });

  it('gives resources in a part the logical IDs they had directly in the stack', () => {
    // Act
    const flat = sample(new Stack(new App(), 'Sample'), false).toJSON();
    const grouped = sample(new PartAwareStack(new App(), 'Sample'), true).toJSON();

    // Assess
    expect(Object.keys(grouped.Resources).sort()).toEqual(Object.keys(flat.Resources).sort());
    // The event source mapping is named after its queue's path: that embedded id is restored too.
    expect(
      Object.keys(grouped.Resources).filter((id) => id.startsWith('WorkerSqsEventSourceSampleWork')),
    ).toHaveLength(1);
  });

  it('fails synthesis when two parts hold children of the same name', () => {
    // Prepare
    const stack = new PartAwareStack(new App(), 'Sample');
    new Queue(new StackPart(stack, 'One'), 'Work');
    new Queue(new StackPart(stack, 'Two'), 'Work');

    // Act
    const synth = () => Template.fromStack(stack);

    // Assess
    expect(synth).toThrow(/already contains|Duplicate|duplicate/);
  });
});
