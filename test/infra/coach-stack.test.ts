// CDK assertions on the knee coach stack: specific resources and wiring, synthesized without bundling.
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_INDEX, DUE_INDEX, ENV, TTL_ATTRIBUTE } from '#lambdas/env-names';
import { CoachStack } from '#lib/coach-stack';
import { DISPATCH_MEMORY_MB } from '#lib/constructs/weekly-send';
import { DEPLOY_DEFAULTS } from '#lib/settings';
import {
  asList,
  functionByEntry,
  logicalIdOf,
  policyStatementsOf,
  type Resource,
  roleIdOf,
  synthesize,
  testApp,
} from './fixtures';

describe('CoachStack', () => {
  let template: Template;
  let tableId: string;
  let api: { id: string; fn: Resource };
  let dispatch: { id: string; fn: Resource };
  let sendWeek: { id: string; fn: Resource };
  let inbound: { id: string; fn: Resource };
  let feedback: { id: string; fn: Resource };

  beforeAll(() => {
    // Prepare
    template = synthesize();
    tableId = Object.keys(template.findResources('AWS::DynamoDB::Table'))[0] as string;
    api = functionByEntry(template, /HTTP API/);
    dispatch = functionByEntry(template, /hourly dispatch/);
    sendWeek = functionByEntry(template, /weekly send/);
    inbound = functionByEntry(template, /inbound mail/);
    feedback = functionByEntry(template, /SES feedback/);
  });

  it('stores everything in one on-demand table with PITR, TTL and the due index, retained on delete', () => {
    // Assess
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayWith([
          { AttributeName: 'PK', AttributeType: 'S' },
          { AttributeName: 'SK', AttributeType: 'S' },
          { AttributeName: DUE_INDEX.partitionKey, AttributeType: 'S' },
          { AttributeName: DUE_INDEX.sortKey, AttributeType: 'S' },
          { AttributeName: CLAIM_INDEX.partitionKey, AttributeType: 'S' },
          { AttributeName: CLAIM_INDEX.sortKey, AttributeType: 'S' },
        ]),
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
        SSESpecification: { SSEEnabled: true },
        GlobalSecondaryIndexes: [
          {
            IndexName: DUE_INDEX.name,
            KeySchema: [
              { AttributeName: DUE_INDEX.partitionKey, KeyType: 'HASH' },
              { AttributeName: DUE_INDEX.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
          {
            // Sparse: only weeks claimed and not yet sent carry its key, for the dispatcher's sweep.
            IndexName: CLAIM_INDEX.name,
            KeySchema: [
              { AttributeName: CLAIM_INDEX.partitionKey, KeyType: 'HASH' },
              { AttributeName: CLAIM_INDEX.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
      }),
    });
  });

  it('runs api, dispatch, send-week, inbound and feedback on Node 22, ARM64, ESM bundles with source maps', () => {
    // Prepare
    const coachFunctions = [api, dispatch, sendWeek, inbound, feedback].map(({ id }) => id);
    const others = Object.keys(template.findResources('AWS::Lambda::Function')).filter(
      (id) => !coachFunctions.includes(id),
    );

    // Assess
    // The sixth is CDK's AwsCustomResource provider, which activates the SES receipt rule set.
    expect(others).toEqual([expect.stringMatching(/^AWS679f53fac002430cb0da5b7982bd2287/)]);
    for (const { fn } of [api, dispatch, sendWeek, inbound, feedback]) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } },
        LoggingConfig: { LogFormat: 'JSON' },
      });
    }
  });

  it('gives every function its own log group with the configured retention', () => {
    // Assess
    const functions = Object.values(
      template.findResources('AWS::Lambda::Function') as Record<string, Resource>,
    );
    expect(functions).toHaveLength(6);
    for (const fn of functions) {
      const logGroupRef = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      const logGroup = template.toJSON().Resources[logGroupRef] as Resource;
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays).toBe(DEPLOY_DEFAULTS.logRetentionDays);
    }
  });

  it('wires each function to exactly the settings it reads', () => {
    // Prepare
    const mailSettings = {
      [ENV.fromAddress]: DEPLOY_DEFAULTS.fromAddress,
      [ENV.inboundDomain]: DEPLOY_DEFAULTS.inboundDomain,
      [ENV.publicBaseUrl]: { 'Fn::GetAtt': [Match.stringLikeRegexp('^HttpApi'), 'ApiEndpoint'] },
      [ENV.configurationSet]: { Ref: Match.stringLikeRegexp('^ConfigurationSet') },
      [ENV.operatorName]: DEPLOY_DEFAULTS.operatorName,
      [ENV.operatorAddress]: DEPLOY_DEFAULTS.operatorAddress,
      [ENV.tokenSecretArn]: { Ref: Match.stringLikeRegexp('^TokenSigningSecret') },
    };
    const tableName = new Capture();
    const queueUrl = new Capture();

    // Act
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('hourly dispatch'),
      Environment: {
        Variables: Match.objectEquals({
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_SERVICE_NAME: 'knee-coach',
          POWERTOOLS_METRICS_NAMESPACE: 'KneeCoach',
          [ENV.tableName]: tableName,
          [ENV.dueShards]: String(DEPLOY_DEFAULTS.dueShards),
          [ENV.queueUrl]: queueUrl,
          [ENV.staleClaimSeconds]: String(DEPLOY_DEFAULTS.staleClaimSeconds),
        }),
      },
    });

    // Assess
    expect(tableName.asObject()).toEqual({ Ref: tableId });
    expect(queueUrl.asObject()).toEqual({ Ref: expect.stringMatching(/^SendWeekQueue/) });
    // Feedback only keeps subscriber state: the table, and no mail settings or secret.
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('SES feedback'),
      Environment: {
        Variables: Match.objectEquals({
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_SERVICE_NAME: 'knee-coach',
          POWERTOOLS_METRICS_NAMESPACE: 'KneeCoach',
          [ENV.tableName]: { Ref: tableId },
          [ENV.dueShards]: String(DEPLOY_DEFAULTS.dueShards),
        }),
      },
    });
    // Sign-ups come in through the web form (api) and by email (inbound): both get the limits.
    const signUpLimits = {
      [ENV.signupsPerSourcePerHour]: String(DEPLOY_DEFAULTS.signupsPerSourcePerHour),
      [ENV.signupsPerAddressPerHour]: String(DEPLOY_DEFAULTS.signupsPerAddressPerHour),
      [ENV.maxConfirmSends]: String(DEPLOY_DEFAULTS.maxConfirmSends),
    };
    for (const description of ['HTTP API', 'weekly send', 'inbound mail']) {
      // The weekly send and the dispatch agree on when a claim is stale.
      const signUps =
        description === 'weekly send'
          ? { [ENV.staleClaimSeconds]: String(DEPLOY_DEFAULTS.staleClaimSeconds) }
          : signUpLimits;
      const inboundOnly =
        description === 'inbound mail'
          ? {
              [ENV.inboundBucket]: { Ref: Match.stringLikeRegexp('^RawMailBucket') },
              [ENV.inboundPrefix]: 'inbound/',
              [ENV.requireSenderAuth]: 'true',
            }
          : {};
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp(description),
        Environment: {
          Variables: Match.objectEquals({
            NODE_OPTIONS: '--enable-source-maps',
            POWERTOOLS_SERVICE_NAME: 'knee-coach',
            POWERTOOLS_METRICS_NAMESPACE: 'KneeCoach',
            [ENV.tableName]: { Ref: tableId },
            [ENV.dueShards]: String(DEPLOY_DEFAULTS.dueShards),
            ...mailSettings,
            ...signUps,
            ...inboundOnly,
          }),
        },
      });
    }
  });

  it('puts an HTTP API with the five public routes, throttling and access logs in front of api', () => {
    // Prepare
    const routeKeys = Object.values(
      template.findResources('AWS::ApiGatewayV2::Route') as Record<string, Resource>,
    )
      .map((route) => route.Properties.RouteKey)
      .sort();
    const integrationTarget = new Capture();

    // Act
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: integrationTarget,
    });

    // Assess
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    expect(routeKeys).toEqual([
      'GET /',
      'GET /confirm',
      'GET /erase',
      'GET /export',
      'GET /preferences',
      'GET /unsubscribe',
      'POST /confirm',
      'POST /erase',
      'POST /preferences',
      'POST /subscribe',
      'POST /unsubscribe',
    ]);
    expect(integrationTarget.asObject()).toEqual({ 'Fn::GetAtt': [api.id, 'Arn'] });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^HttpApiAccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('\\$context.requestId'),
      },
    });
    template.hasOutput('ApiUrl', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^HttpApi'), 'ApiEndpoint'] },
    });
  });

  it('runs dispatch every hour on the hour once per due-index shard, with retries and a dead-letter queue', () => {
    // Prepare
    const deadLetterArn = new Capture();
    const roleArn = new Capture();

    // Act
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')) as Resource[];
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 * * * ? *)',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [dispatch.id, 'Arn'] },
        Input: JSON.stringify({ at: '<aws.scheduler.scheduled-time>', shard: 0 }),
        RetryPolicy: { MaximumRetryAttempts: Match.anyValue(), MaximumEventAgeInSeconds: Match.anyValue() },
        DeadLetterConfig: { Arn: deadLetterArn },
        RoleArn: roleArn,
      },
    });

    // Assess
    // One schedule per shard, every shard exactly once, all alike but for the shard they name.
    expect(schedules).toHaveLength(DEPLOY_DEFAULTS.dueShards);
    const targets = schedules.map((s) => s.Properties.Target as Record<string, unknown>);
    const inputs = targets.map((t) => JSON.parse(t.Input as string) as { at: string; shard: number });
    expect(inputs.map((i) => i.shard).toSorted((a, b) => a - b)).toEqual(
      Array.from({ length: DEPLOY_DEFAULTS.dueShards }, (_, shard) => shard),
    );
    for (const [i, schedule] of schedules.entries()) {
      expect(inputs[i]?.at).toBe('<aws.scheduler.scheduled-time>');
      expect(schedule.Properties.ScheduleExpression).toBe('cron(0 * * * ? *)');
      expect(targets[i]).toMatchObject({
        Arn: { 'Fn::GetAtt': [dispatch.id, 'Arn'] },
        RoleArn: roleArn.asObject(),
        DeadLetterConfig: { Arn: deadLetterArn.asObject() },
      });
    }
    expect(deadLetterArn.asObject()).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^DispatchDeadLetters/), 'Arn'],
    });
    expect(dispatch.fn.Properties.DeadLetterConfig).toEqual({ TargetArn: deadLetterArn.asObject() });
  });

  it('lets the schedules only invoke the dispatch function, and only schedules in this account', () => {
    // Prepare
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })],
        },
      },
    });
    const [roleId] = Object.keys(roles);

    // Act
    const statements = policyStatementsOf(template, roleId as string);

    // Assess
    expect(Object.keys(roles)).toHaveLength(1);
    expect(JSON.stringify(roles)).toContain('aws:SourceAccount');
    // Invoke the dispatch function (and its versions), and park a run it cannot deliver: one statement each,
    // however many schedules share the role.
    expect(statements.map((s) => ({ action: s.Action, resource: s.Resource }))).toEqual([
      {
        action: 'lambda:InvokeFunction',
        resource: [
          { 'Fn::GetAtt': [dispatch.id, 'Arn'] },
          { 'Fn::Join': ['', [{ 'Fn::GetAtt': [dispatch.id, 'Arn'] }, ':*']] },
        ],
      },
      {
        action: 'sqs:SendMessage',
        resource: { 'Fn::GetAtt': [expect.stringMatching(/^DispatchDeadLetters/), 'Arn'] },
      },
    ]);
  });

  it('feeds send-week from an encrypted queue in batches of 10 with partial failures and a DLQ', () => {
    // Prepare
    const queueArn = new Capture();
    const deadLetterArn = new Capture();
    const visibilityTimeout = new Capture();

    // Act
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: sendWeek.id },
      EventSourceArn: queueArn,
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: DEPLOY_DEFAULTS.sendConcurrency },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: deadLetterArn, maxReceiveCount: 5 },
      VisibilityTimeout: visibilityTimeout,
    });

    // Assess
    expect(queueArn.asObject()).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^SendWeekQueue/), 'Arn'] });
    expect(deadLetterArn.asObject()).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^SendWeekDeadLetters/), 'Arn'],
    });
    expect(visibilityTimeout.asNumber()).toBeGreaterThanOrEqual(
      6 * (sendWeek.fn.Properties.Timeout as number),
    );
    const queues = Object.values(template.findResources('AWS::SQS::Queue') as Record<string, Resource>);
    // Send queue plus the send-week, dispatch, inbound and feedback dead-letter queues.
    expect(queues).toHaveLength(5);
    for (const queue of queues) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    const tlsOnlyPolicies = template.findResources('AWS::SQS::QueuePolicy', {
      Properties: {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      },
    });
    expect(Object.keys(tlsOnlyPolicies)).toHaveLength(5);
  });

  it('sends through an SES configuration set and the sending domain verified with Easy DKIM', () => {
    // Assess
    const configurationSetId = logicalIdOf(template, 'AWS::SES::ConfigurationSet', {});
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: DEPLOY_DEFAULTS.sendingDomain,
      DkimAttributes: { SigningEnabled: true },
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: configurationSetId } },
      MailFromAttributes: { MailFromDomain: `mail.${DEPLOY_DEFAULTS.sendingDomain}` },
    });
    for (const n of [1, 2, 3]) {
      template.hasOutput(`DkimRecord${n}`, {
        Value: {
          'Fn::Join': [
            '',
            Match.arrayWith([
              { 'Fn::GetAtt': [Match.stringLikeRegexp('^SendingIdentity'), `DkimDNSTokenName${n}`] },
            ]),
          ],
        },
      });
    }
  });

  it('generates the token-signing secret in Secrets Manager', () => {
    // Assess
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
  });

  it('gives dispatch a whole vCPU, since queueing a million messages is CPU-bound', () => {
    expect(dispatch.fn.Properties.MemorySize).toBe(DISPATCH_MEMORY_MB);
    expect(DISPATCH_MEMORY_MB).toBeGreaterThanOrEqual(1769);
    expect(dispatch.fn.Properties.Timeout).toBe(900);
  });

  it('lets dispatch only query the due and claim indexes and queue sends: no table writes, no email', () => {
    // Prepare
    const statements = policyStatementsOf(template, roleIdOf(dispatch.fn));
    const actions = statements.flatMap((statement) => asList(statement.Action) as string[]);

    // Assess
    expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual(['dynamodb:Query']);
    expect(actions.some((action) => action.startsWith('ses:'))).toBe(false);
    expect(actions.some((action) => action.startsWith('secretsmanager:'))).toBe(false);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: 'dynamodb:Query',
        Resource: expect.arrayContaining([
          { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, `/index/${DUE_INDEX.name}`]] },
          { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, `/index/${CLAIM_INDEX.name}`]] },
        ]),
      }),
    );
    const query = statements.find((statement) => statement.Action === 'dynamodb:Query');
    expect(asList(query?.Resource)).toHaveLength(2);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: expect.arrayContaining(['sqs:SendMessage']),
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^SendWeekQueue/), 'Arn'] },
      }),
    );
  });

  it('lets api, send-week and inbound send email only from the identity through the configuration set', () => {
    for (const { fn } of [api, sendWeek, inbound]) {
      // Prepare
      const statements = policyStatementsOf(template, roleIdOf(fn));
      const send = statements.find((statement) => asList(statement.Action).includes('ses:SendEmail'));

      // Assess
      expect(send?.Resource).toEqual([
        expect.objectContaining({ 'Fn::Join': ['', expect.arrayContaining([':configuration-set/'])] }),
        expect.objectContaining({ 'Fn::Join': ['', expect.arrayContaining([':identity/'])] }),
      ]);
      expect(statements).toContainEqual(
        expect.objectContaining({
          Action: expect.arrayContaining(['secretsmanager:GetSecretValue']),
          Resource: { Ref: expect.stringMatching(/^TokenSigningSecret/) },
        }),
      );
      expect(statements).toContainEqual(
        expect.objectContaining({
          Action: expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']),
          Resource: { 'Fn::GetAtt': [tableId, 'Arn'] },
        }),
      );
    }
  });

  it('grants on every resource ("*") only the one SES action that has no resource type', () => {
    // Prepare
    const policies = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>);
    const roles = Object.values(template.findResources('AWS::IAM::Role') as Record<string, Resource>);
    const onEverything = policies
      .flatMap(
        (policy) =>
          (policy.Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement,
      )
      .filter((statement) => asList(statement.Resource).includes('*'));

    // Assess
    expect(onEverything).toEqual([{ Effect: 'Allow', Action: 'ses:SetActiveReceiptRuleSet', Resource: '*' }]);
    for (const role of roles) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});

describe('CoachStack deploy settings', () => {
  it('falls back to the documented defaults when the context is empty', () => {
    // Act
    const template = Template.fromStack(new CoachStack(testApp({}), 'KneeCoach'));

    // Assess
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: DEPLOY_DEFAULTS.sendingDomain,
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ScalingConfig: { MaximumConcurrency: DEPLOY_DEFAULTS.sendConcurrency },
    });
  });

  it('takes every setting from context, including strings passed with -c', () => {
    // Act
    const template = synthesize({
      sendingDomain: 'Run.Example.org',
      fromAddress: 'Coach <hello@run.example.org>',
      inboundDomain: 'in.run.example.org',
      operatorName: 'Run Club',
      operatorAddress: '2 Track Lane, Leeds',
      dueShards: '8',
      sendConcurrency: '25',
      logRetentionDays: '90',
      rawMailRetentionDays: '7',
      alarmEmail: ' ops@run.example.org ',
      signupsPerSourcePerHour: '200',
      signupsPerAddressPerHour: 8,
      maxConfirmSends: '4',
    });

    // Assess
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'run.example.org' });
    // A running club signing its members up from one network: both ways in carry the raised limits.
    for (const description of ['HTTP API', 'inbound mail']) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp(description),
        Environment: {
          Variables: Match.objectLike({
            [ENV.signupsPerSourcePerHour]: '200',
            [ENV.signupsPerAddressPerHour]: '8',
            [ENV.maxConfirmSends]: '4',
          }),
        },
      });
    }
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('weekly send'),
      Environment: {
        Variables: Match.objectLike({
          [ENV.dueShards]: '8',
          [ENV.fromAddress]: 'Coach <hello@run.example.org>',
          [ENV.inboundDomain]: 'in.run.example.org',
          [ENV.operatorName]: 'Run Club',
          [ENV.operatorAddress]: '2 Track Lane, Leeds',
        }),
      },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ScalingConfig: { MaximumConcurrency: 25 },
    });
    // One hourly schedule per shard.
    template.resourceCountIs('AWS::Scheduler::Schedule', 8);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({ Input: JSON.stringify({ at: '<aws.scheduler.scheduled-time>', shard: 7 }) }),
    });
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ Prefix: 'inbound/', ExpirationInDays: 7 })],
      },
    });
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({ Recipients: ['in.run.example.org'] }),
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@run.example.org',
    });
  });

  it('refuses to build from bad context (lib/settings.ts names the key; test/infra/settings.test.ts)', () => {
    // Act
    const build = () => synthesize({ dueShards: 'many' });

    // Assess
    expect(build).toThrow(/"dueShards" must be a whole number from 1 to 64 \(got "many"\)/);
  });
});
