// The config the tests run the coach with, for a given table and local endpoints (no vitest needed).
import { type MailConfig, SIGN_UP_LIMIT_DEFAULTS, STALE_CLAIM_SECONDS_DEFAULT } from '#lambdas/config';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hmac-0123456789';

export function testConfigFrom(
  tableName: string,
  dynamoEndpoint: string,
  sesEndpoint: string,
  overrides: Partial<MailConfig> = {},
): MailConfig {
  return {
    tableName,
    dueShards: 4,
    dynamoEndpoint,
    sesEndpoint,
    fromAddress: 'Knee Coach <coach@coach.test>',
    inboundDomain: 'reply.coach.test',
    publicBaseUrl: 'http://coach.test',
    operatorName: 'Knee Coach Test',
    operatorAddress: '1 Test Street, Testville',
    tokenSecret: TEST_SECRET,
    signUpLimits: SIGN_UP_LIMIT_DEFAULTS,
    staleClaimSeconds: STALE_CLAIM_SECONDS_DEFAULT,
    ...overrides,
  };
}
