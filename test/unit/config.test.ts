// Tests for the Lambdas' environment parsing (lambdas/config.ts): valid settings, defaults and named failures.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  loadBaseConfig,
  loadMailConfig,
  loadQueueUrl,
  loadSignUpLimits,
  loadStaleClaimSeconds,
  SIGN_UP_LIMIT_DEFAULTS,
} from '#lambdas/config';
import { ENV } from '#lambdas/env-names';
import { localConfig } from '#lib/local/stack';

const SECRET = 'a-local-token-secret-of-enough-length-0123';

function fullEnv(): Record<string, string | undefined> {
  return {
    [ENV.tableName]: 'knee-coach',
    [ENV.dueShards]: '8',
    [ENV.dynamoEndpoint]: 'http://localhost:8000/',
    [ENV.fromAddress]: 'Knee Coach <coach@example.com>',
    [ENV.inboundDomain]: 'reply.example.com',
    [ENV.publicBaseUrl]: 'https://coach.example.com/',
    [ENV.configurationSet]: 'knee-coach-events',
    [ENV.operatorName]: 'Example Running Ltd',
    [ENV.operatorAddress]: '1 High Street, Exampletown',
    [ENV.tokenSecret]: SECRET,
    [ENV.sesEndpoint]: 'http://localhost:8005',
    [ENV.staleClaimSeconds]: '600',
  };
}

function configErrorOf(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadBaseConfig', () => {
  it('reads a full environment', () => {
    // Act
    const config = loadBaseConfig(fullEnv());

    // Assess
    expect(config).toEqual({
      tableName: 'knee-coach',
      dueShards: 8,
      dynamoEndpoint: 'http://localhost:8000',
      staleClaimSeconds: 600,
    });
  });

  it('defaults to 4 due shards and no endpoint', () => {
    const config = loadBaseConfig({ [ENV.tableName]: 'knee-coach' });

    expect(config).toEqual({ tableName: 'knee-coach', dueShards: 4, staleClaimSeconds: 900 });
    expect('dynamoEndpoint' in config).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
  ])('names TABLE_NAME when it is %s', (_label, value) => {
    const error = configErrorOf(() => loadBaseConfig({ ...fullEnv(), [ENV.tableName]: value }));

    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain(ENV.tableName);
  });

  it.each(['0', '1001', '2.5', 'four', '-1', ''])('rejects DUE_SHARDS=%j, naming it', (value) => {
    const error = configErrorOf(() => loadBaseConfig({ ...fullEnv(), [ENV.dueShards]: value }));

    expect(error.message).toContain(ENV.dueShards);
  });

  it('coerces any whole number of shards from 1 to 1000', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (shards) => {
        expect(loadBaseConfig({ ...fullEnv(), [ENV.dueShards]: String(shards) }).dueShards).toBe(shards);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects any whole number of shards outside 1 to 1000', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -1_000_000, max: 0 }), fc.integer({ min: 1001, max: 1_000_000 })),
        (shards) => {
          expect(() => loadBaseConfig({ ...fullEnv(), [ENV.dueShards]: String(shards) })).toThrow(
            ConfigError,
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it.each(['0', '86401', '1.5', 'soon', '-5', ''])(
    'rejects STALE_CLAIM_SECONDS=%j, naming it and the range',
    (value) => {
      const error = configErrorOf(() => loadBaseConfig({ ...fullEnv(), [ENV.staleClaimSeconds]: value }));

      expect(error.message).toContain(ENV.staleClaimSeconds);
      expect(error.message).toContain('1 to 86400');
    },
  );

  it("reads the local stack's stale window from COACH_STALE_CLAIM_SECONDS, 900 when unset", () => {
    const ports = { api: 3000, mailbox: 8005, dynamodb: 8000, s3: 4569, smtp: 2525 };

    expect(localConfig(ports, SECRET, {}).staleClaimSeconds).toBe(900);
    expect(localConfig(ports, SECRET, { COACH_STALE_CLAIM_SECONDS: '2' }).staleClaimSeconds).toBe(2);
    expect(() =>
      loadStaleClaimSeconds({ COACH_STALE_CLAIM_SECONDS: 'x' }, 'COACH_STALE_CLAIM_SECONDS'),
    ).toThrow(/COACH_STALE_CLAIM_SECONDS: must be a whole number of seconds from 1 to 86400/);
  });

  it('rejects a DynamoDB endpoint that is not a URL', () => {
    const error = configErrorOf(() =>
      loadBaseConfig({ ...fullEnv(), [ENV.dynamoEndpoint]: 'localhost 8000' }),
    );

    expect(error.message).toContain(ENV.dynamoEndpoint);
  });
});

describe('loadMailConfig', () => {
  it('reads a full environment and strips the trailing slash from URLs', () => {
    // Act
    const config = loadMailConfig(fullEnv());

    // Assess
    expect(config).toEqual({
      tableName: 'knee-coach',
      dueShards: 8,
      dynamoEndpoint: 'http://localhost:8000',
      fromAddress: 'Knee Coach <coach@example.com>',
      inboundDomain: 'reply.example.com',
      publicBaseUrl: 'https://coach.example.com',
      configurationSet: 'knee-coach-events',
      operatorName: 'Example Running Ltd',
      operatorAddress: '1 High Street, Exampletown',
      tokenSecret: SECRET,
      sesEndpoint: 'http://localhost:8005',
      signUpLimits: { signupsPerSourcePerHour: 30, signupsPerAddressPerHour: 5, maxConfirmSends: 3 },
      staleClaimSeconds: 600,
    });
  });

  it('accepts a secret ARN instead of a secret, and defaults the operator name', () => {
    // Prepare
    const env = {
      ...fullEnv(),
      [ENV.tokenSecret]: undefined,
      [ENV.tokenSecretArn]: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:token-AbCdEf',
      [ENV.operatorName]: undefined,
      [ENV.configurationSet]: undefined,
      [ENV.sesEndpoint]: undefined,
    };

    // Act
    const config = loadMailConfig(env);

    // Assess
    expect(config.tokenSecretArn).toBe('arn:aws:secretsmanager:eu-west-1:123456789012:secret:token-AbCdEf');
    expect(config.operatorName).toBe('Knee Coach');
    expect('tokenSecret' in config).toBe(false);
    expect('configurationSet' in config).toBe(false);
    expect('sesEndpoint' in config).toBe(false);
  });

  it('removes every trailing slash of the public base URL, and keeps its path', () => {
    expect(
      loadMailConfig({ ...fullEnv(), [ENV.publicBaseUrl]: 'https://x.example.com/coach///' }).publicBaseUrl,
    ).toBe('https://x.example.com/coach');
    expect(loadMailConfig({ ...fullEnv(), [ENV.publicBaseUrl]: 'http://localhost:3000' }).publicBaseUrl).toBe(
      'http://localhost:3000',
    );
  });

  it('names TABLE_NAME when it is missing', () => {
    const error = configErrorOf(() => loadMailConfig({ ...fullEnv(), [ENV.tableName]: undefined }));

    expect(error.message).toContain(ENV.tableName);
  });

  it('asks for TOKEN_SECRET or TOKEN_SECRET_ARN when neither is set', () => {
    const error = configErrorOf(() =>
      loadMailConfig({ ...fullEnv(), [ENV.tokenSecret]: undefined, [ENV.tokenSecretArn]: undefined }),
    );

    expect(error.message).toContain(ENV.tokenSecret);
    expect(error.message).toContain(ENV.tokenSecretArn);
  });

  it.each(['', 'short', 'x'.repeat(31)])('rejects the short token secret %j', (secret) => {
    const error = configErrorOf(() => loadMailConfig({ ...fullEnv(), [ENV.tokenSecret]: secret }));

    expect(error.message).toContain(ENV.tokenSecret);
    expect(error.message).toContain('at least 32 characters');
  });

  it('rejects a secret ARN that is not an ARN', () => {
    const error = configErrorOf(() =>
      loadMailConfig({ ...fullEnv(), [ENV.tokenSecret]: undefined, [ENV.tokenSecretArn]: 'token-secret' }),
    );

    expect(error.message).toContain(ENV.tokenSecretArn);
  });

  it.each([
    'not a url',
    'coach.example.com',
    '',
    '/relative/path',
    'javascript:alert(1)',
    'mailto:a@b.co',
    'file:///etc',
    'https://coach.example.com/?x=1',
    'https://coach.example.com/#top',
  ])('rejects PUBLIC_BASE_URL=%j, naming it', (value) => {
    const error = configErrorOf(() => loadMailConfig({ ...fullEnv(), [ENV.publicBaseUrl]: value }));

    expect(error.message).toContain(ENV.publicBaseUrl);
  });

  it.each([
    [ENV.fromAddress, undefined],
    [ENV.fromAddress, 'ab'],
    [ENV.inboundDomain, undefined],
    [ENV.inboundDomain, 'reply example.com'],
    [ENV.operatorAddress, undefined],
    [ENV.operatorAddress, ''],
  ])('names %s when it is %j', (name, value) => {
    const error = configErrorOf(() => loadMailConfig({ ...fullEnv(), [name]: value }));

    expect(error.message).toContain(name);
  });

  it('names every missing mail setting at once', () => {
    const error = configErrorOf(() => loadMailConfig({ [ENV.tableName]: 'knee-coach' }));

    for (const name of [ENV.fromAddress, ENV.inboundDomain, ENV.publicBaseUrl, ENV.operatorAddress]) {
      expect(error.message).toContain(name);
    }
  });
});

describe('loadSignUpLimits', () => {
  it('defaults to the limits the coach always had: 30 an hour per source, 5 per address, 3 confirmations', () => {
    // Act
    const limits = loadSignUpLimits({});

    // Assess
    expect(limits).toEqual({ signupsPerSourcePerHour: 30, signupsPerAddressPerHour: 5, maxConfirmSends: 3 });
    expect(limits).toEqual(SIGN_UP_LIMIT_DEFAULTS);
  });

  it('reads each limit from its variable, as the mail config does', () => {
    // Prepare
    const env = {
      [ENV.signupsPerSourcePerHour]: '500',
      [ENV.signupsPerAddressPerHour]: '12',
      [ENV.maxConfirmSends]: '10',
    };

    // Act
    const limits = loadSignUpLimits(env);

    // Assess
    expect(limits).toEqual({
      signupsPerSourcePerHour: 500,
      signupsPerAddressPerHour: 12,
      maxConfirmSends: 10,
    });
    expect(loadMailConfig({ ...fullEnv(), ...env }).signUpLimits).toEqual(limits);
  });

  it('gives the local stack (npm start) the limits from the shell, under the same names', () => {
    // Prepare
    const ports = { api: 3000, mailbox: 8005, dynamodb: 8000, s3: 4569, smtp: 2525 };

    // Act
    const config = localConfig(ports, SECRET, { [ENV.signupsPerSourcePerHour]: '120' });

    // Assess
    expect(config.signUpLimits).toEqual({ ...SIGN_UP_LIMIT_DEFAULTS, signupsPerSourcePerHour: 120 });
    expect(() => localConfig(ports, SECRET, { [ENV.maxConfirmSends]: '0' })).toThrow(ConfigError);
  });

  it.each([
    [ENV.signupsPerSourcePerHour, '0', 'must be a whole number from 1 to 100000'],
    [ENV.signupsPerSourcePerHour, 'lots', 'must be a whole number from 1 to 100000'],
    [ENV.signupsPerSourcePerHour, '100001', 'must be a whole number from 1 to 100000'],
    [ENV.signupsPerAddressPerHour, '2.5', 'must be a whole number from 1 to 1000'],
    [ENV.signupsPerAddressPerHour, '', 'must be a whole number from 1 to 1000'],
    [ENV.maxConfirmSends, '11', 'must be a whole number from 1 to 10'],
    [ENV.maxConfirmSends, '-1', 'must be a whole number from 1 to 10'],
  ])('rejects %s=%j with a message naming it and what it must be', (name, value, message) => {
    // Act
    const error = configErrorOf(() => loadSignUpLimits({ [name]: value }));

    // Assess
    expect(error.message).toBe(`invalid configuration: ${name}: ${message}`);
  });
});

describe('loadQueueUrl', () => {
  it('reads the send-week queue URL the dispatcher fills', () => {
    const url = 'https://sqs.eu-central-1.amazonaws.com/123456789012/send-week';
    expect(loadQueueUrl({ [ENV.queueUrl]: url })).toBe(url);
  });

  it('fails when it is missing or not a URL', () => {
    expect(() => loadQueueUrl({})).toThrow();
    expect(() => loadQueueUrl({ [ENV.queueUrl]: 'send-week' })).toThrow();
  });
});
