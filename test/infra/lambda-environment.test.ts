// Building a Lambda's environment from its wirings: ENV names, one value per variable, no local-only keys.
import { describe, expect, it } from 'vitest';
import { ENV } from '#lambdas/env-names';
import { type EnvironmentPart, lambdaEnvironment } from '#lib/lambda-environment';

describe('lambdaEnvironment', () => {
  it('puts every part under its ENV name', () => {
    // Act
    const environment = lambdaEnvironment([
      { tableName: 'coach-table', dueShards: '4' },
      { queueUrl: 'https://sqs.example/queue' },
    ]);

    // Assess
    expect(environment).toEqual({
      [ENV.tableName]: 'coach-table',
      [ENV.dueShards]: '4',
      [ENV.queueUrl]: 'https://sqs.example/queue',
    });
  });

  it('accepts the same value from two parts, such as the table from both its wirings', () => {
    // Act
    const environment = lambdaEnvironment([
      { tableName: 't' },
      { tableName: 't', requireSenderAuth: 'true' },
    ]);

    // Assess
    expect(environment).toEqual({ [ENV.tableName]: 't', [ENV.requireSenderAuth]: 'true' });
  });

  it('refuses one variable set to two different values', () => {
    // Act
    const build = () => lambdaEnvironment([{ dueShards: '4' }, { dueShards: '8' }]);

    // Assess
    expect(build).toThrow('DUE_SHARDS is set twice, to different values');
  });

  it.each(['tokenSecret', 'dynamoEndpoint', 'sesEndpoint', 's3Endpoint', 'notAVariable'])(
    'refuses %s, which no deployed function reads',
    (key) => {
      // Act
      const build = () => lambdaEnvironment([{ [key]: 'x' } as EnvironmentPart]);

      // Assess
      expect(build).toThrow(`"${key}" is not a variable a deployed coach function reads`);
    },
  );
});
