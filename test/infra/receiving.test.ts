// CDK assertions on receiving replies: the raw-mail bucket, the SES receipt rule, its activation and the
// inbound Lambda's grants.
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
  synthesize,
} from './fixtures';

const RULE_SET_NAME = 'KneeCoach-inbound-mail';
const RULE_NAME = 'store-then-process';
// The ARN SES presents as aws:SourceArn when the one receipt rule writes to S3 or invokes the Lambda.
const ruleArn = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':ses:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      `:receipt-rule-set/${RULE_SET_NAME}:receipt-rule/${RULE_NAME}`,
    ],
  ],
};
const objectsUnder = (bucketId: string, pattern: string) => ({
  'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, pattern]],
});

describe('CoachStack receiving replies', () => {
  let template: Template;
  let bucketId: string;
  let inbound: { id: string; fn: Resource };

  beforeAll(() => {
    // Prepare
    template = synthesize();
    bucketId = logicalIdOf(template, 'AWS::S3::Bucket', {
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'raw-mail/' }),
    });
    inbound = functionByEntry(template, /inbound mail/);
  });

  it('stores raw mail in an encrypted, private, unversioned bucket that is retained on delete', () => {
    // Assess
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: {
          DestinationBucketName: { Ref: Match.stringLikeRegexp('^RawMailAccessLogs') },
        },
        VersioningConfiguration: Match.absent(),
      }),
    });
    const bucket = template.toJSON().Resources[bucketId] as Resource;
    expect(bucket.Properties.VersioningConfiguration).toBeUndefined();
  });

  it('expires raw mail under the prefix after the rawMailRetentionDays default', () => {
    // Assess
    expect(DEPLOY_DEFAULTS.rawMailRetentionDays).toBe(30);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'raw-mail/' }),
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            Status: 'Enabled',
            Prefix: 'inbound/',
            ExpirationInDays: DEPLOY_DEFAULTS.rawMailRetentionDays,
          }),
        ],
      },
    });
  });

  it('keeps the access logs in their own private, TLS-only bucket that expires them', () => {
    // Assess
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: Match.absent(),
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: Match.objectLike({
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      }),
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ ExpirationInDays: DEPLOY_DEFAULTS.logRetentionDays })],
      },
    });
  });

  it('denies every request to either bucket that is not over TLS', () => {
    // Prepare
    const policies = template.findResources('AWS::S3::BucketPolicy', {
      Properties: {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      },
    }) as Record<string, Resource>;

    // Assess
    expect(Object.values(policies).map((policy) => policy.Properties.Bucket)).toEqual(
      expect.arrayContaining([{ Ref: bucketId }, { Ref: expect.stringMatching(/^RawMailAccessLogs/) }]),
    );
    expect(Object.keys(policies)).toHaveLength(2);
  });

  it('lets SES put objects under the prefix only for this account and this receipt rule', () => {
    // Prepare
    const policy = Object.values(
      template.findResources('AWS::S3::BucketPolicy', {
        Properties: { Bucket: { Ref: bucketId } },
      }) as Record<string, Resource>,
    )[0] as Resource;
    const statements = (policy.Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> })
      .Statement;
    const forSes = statements.filter((statement) => JSON.stringify(statement.Principal).includes('ses.'));

    // Assess
    expect(forSes).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'ses.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: objectsUnder(bucketId, '/inbound/*'),
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' }, 'aws:SourceArn': ruleArn },
        },
      }),
    ]);
  });

  it('receives the inbound domain with one rule: scan, TLS required, store in S3, then invoke inbound', () => {
    // Prepare
    const actions = new Capture();
    const ruleSet = new Capture();

    // Act
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      RuleSetName: ruleSet,
      Rule: {
        Name: RULE_NAME,
        Enabled: true,
        Recipients: [DEPLOY_DEFAULTS.inboundDomain],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: actions,
      },
    });

    // Assess
    template.resourceCountIs('AWS::SES::ReceiptRuleSet', 1);
    template.resourceCountIs('AWS::SES::ReceiptRule', 1);
    template.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: RULE_SET_NAME });
    expect(ruleSet.asObject()).toEqual({ Ref: expect.stringMatching(/RuleSet/) });
    // Order matters: SES runs the actions in turn, and the Lambda reads what the S3 action stored.
    expect(actions.asArray()).toEqual([
      { S3Action: { BucketName: { Ref: bucketId }, ObjectKeyPrefix: 'inbound/' } },
      { LambdaAction: { FunctionArn: { 'Fn::GetAtt': [inbound.id, 'Arn'] }, InvocationType: 'Event' } },
    ]);
  });

  it('creates the rule only after the bucket policy and the invoke permission SES checks for', () => {
    // Prepare
    const rule = Object.values(
      template.findResources('AWS::SES::ReceiptRule') as Record<string, Resource>,
    )[0];
    const permissionId = logicalIdOf(template, 'AWS::Lambda::Permission', {
      Principal: 'ses.amazonaws.com',
    });
    const bucketPolicyId = Object.keys(
      template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: bucketId } } }),
    )[0];

    // Assess
    expect(rule?.DependsOn).toEqual(expect.arrayContaining([permissionId, bucketPolicyId]));
  });

  it('lets only SES, for this account and this rule, invoke the inbound function', () => {
    // Assess
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [inbound.id, 'Arn'] },
      Principal: 'ses.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
      SourceArn: ruleArn,
    });
  });

  it('activates the rule set through SetActiveReceiptRuleSet, and deactivates it on delete', () => {
    // Prepare
    const activation = Object.values(
      template.findResources('Custom::SesActiveReceiptRuleSet') as Record<string, Resource>,
    );
    const ruleId = Object.keys(template.findResources('AWS::SES::ReceiptRule'))[0];

    // Assess
    expect(activation).toHaveLength(1);
    template.hasResourceProperties('Custom::SesActiveReceiptRuleSet', {
      Create: Match.serializedJson(
        Match.objectLike({
          service: 'SES',
          action: 'setActiveReceiptRuleSet',
          parameters: { RuleSetName: RULE_SET_NAME },
          physicalResourceId: { id: Match.anyValue() },
        }),
      ),
      Update: Match.serializedJson(
        Match.objectLike({ action: 'setActiveReceiptRuleSet', parameters: { RuleSetName: RULE_SET_NAME } }),
      ),
      Delete: Match.serializedJson(Match.objectLike({ action: 'setActiveReceiptRuleSet', parameters: {} })),
      InstallLatestAwsSdk: false,
    });
    // After the rule exists on create; before the rule set goes on delete (SES keeps the active one).
    expect(activation[0]?.DependsOn).toContain(ruleId);
  });

  it('lets the activation allow ses:SetActiveReceiptRuleSet and nothing else beyond its own logs', () => {
    // Prepare
    const [provider] = Object.values(
      template.findResources('AWS::Lambda::Function', {
        Properties: { Handler: 'index.handler', Description: Match.absent() },
      }) as Record<string, Resource>,
    );
    const activationServiceToken = (
      Object.values(template.findResources('Custom::SesActiveReceiptRuleSet'))[0] as Resource
    ).Properties.ServiceToken as { 'Fn::GetAtt': [string, string] };
    const statements = policyStatementsOf(template, roleIdOf(provider as Resource));

    // Assess
    expect(activationServiceToken['Fn::GetAtt'][0]).toMatch(/^AWS679f53fac002430cb0da5b7982bd2287/);
    expect((provider as Resource).Properties.Role).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^InboundReceivingActivationRole/), 'Arn'],
    });
    expect(statements.flatMap((statement) => asList(statement.Action)).sort()).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'ses:SetActiveReceiptRuleSet',
    ]);
  });

  it('runs the inbound function on Node 22 ARM64 with the bucket and sender authentication required', () => {
    // Assess
    expect(inbound.fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 30,
      Environment: {
        Variables: {
          [ENV.inboundBucket]: { Ref: bucketId },
          [ENV.inboundPrefix]: 'inbound/',
          [ENV.requireSenderAuth]: 'true',
        },
      },
    });
  });

  it('retries a failed inbound run twice, then parks the event in an encrypted dead-letter queue', () => {
    // Prepare
    const deadLetterArn = (
      inbound.fn.Properties.DeadLetterConfig as { TargetArn: { 'Fn::GetAtt': string[] } }
    ).TargetArn;
    const queue = template.toJSON().Resources[deadLetterArn['Fn::GetAtt'][0] as string] as Resource;

    // Act
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: inbound.id },
      MaximumRetryAttempts: 2,
    });

    // Assess
    expect(deadLetterArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^InboundDeadLetters/), 'Arn'] });
    expect(queue.Type).toBe('AWS::SQS::Queue');
    expect(queue.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('lets inbound only read raw messages under the prefix, and list the bucket so a missing one is a 404', () => {
    // Prepare
    const statements = policyStatementsOf(template, roleIdOf(inbound.fn));
    const s3Statements = statements.filter((statement) =>
      asList(statement.Action).some((action) => String(action).startsWith('s3:')),
    );

    // Assess
    expect(s3Statements).toEqual([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: objectsUnder(bucketId, '/inbound/*') },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] } },
    ]);
    const actions = statements.flatMap((statement) => asList(statement.Action));
    expect(actions).not.toContain('s3:PutObject');
    expect(actions).not.toContain('s3:DeleteObject');
  });

  it('outputs the MX record the inbound domain needs', () => {
    // Assess
    template.hasOutput('InboundMxRecord', {
      Value: {
        'Fn::Join': [
          '',
          [`${DEPLOY_DEFAULTS.inboundDomain} MX 10 inbound-smtp.`, { Ref: 'AWS::Region' }, '.amazonaws.com'],
        ],
      },
    });
  });

  it('needs no identity of its own for an inbound domain under the sending domain', () => {
    // Assess
    template.resourceCountIs('AWS::SES::EmailIdentity', 1);
    expect(Object.keys(template.findOutputs('InboundDkimRecord*'))).toEqual([]);
  });

  it('verifies an inbound domain outside the sending domain with its own Easy DKIM identity', () => {
    // Act
    const elsewhere = synthesize({ inboundDomain: 'replies.example.org' });

    // Assess
    elsewhere.resourceCountIs('AWS::SES::EmailIdentity', 2);
    elsewhere.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'replies.example.org',
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
    });
    for (const n of [1, 2, 3]) {
      elsewhere.hasOutput(`InboundDkimRecord${n}`, {
        Value: {
          'Fn::Join': [
            '',
            Match.arrayWith([
              { 'Fn::GetAtt': [Match.stringLikeRegexp('^InboundIdentity'), `DkimDNSTokenName${n}`] },
            ]),
          ],
        },
      });
    }
    elsewhere.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({ Recipients: ['replies.example.org'] }),
    });
  });
});
