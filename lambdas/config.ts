// The Lambdas' environment, parsed once with zod: a missing or malformed setting fails fast with its name.
import * as z from 'zod/mini';
import { MAX_CONFIRM_SENDS_LIMIT } from '#domain/types';
import { ENV } from './env-names';

// Links are built by appending paths to this base: only plain http(s), no query or fragment.
const url = z.pipe(
  z
    .url()
    .check(
      z.refine(
        (u) => /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/i.test(u),
        'must be an http(s) URL without query or fragment',
      ),
    ),
  z.transform((u: string) => u.replace(/\/+$/, '')),
);

/** A week claimed this long ago whose email never went out is sent again (seconds). */
export const STALE_CLAIM_SECONDS_DEFAULT = 900;
export const STALE_CLAIM_SECONDS_MAX = 86_400;
const staleClaimSeconds = (() => {
  const error = `must be a whole number of seconds from 1 to ${STALE_CLAIM_SECONDS_MAX}`;
  const whole = (n: number) => Number.isInteger(n) && n >= 1 && n <= STALE_CLAIM_SECONDS_MAX;
  return z._default(z.coerce.number({ error }).check(z.refine(whole, error)), STALE_CLAIM_SECONDS_DEFAULT);
})();

const baseSchema = z.object({
  [ENV.tableName]: z.string().check(z.minLength(1)),
  [ENV.dueShards]: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000)), 4),
  [ENV.dynamoEndpoint]: z.optional(url),
  [ENV.staleClaimSeconds]: staleClaimSeconds,
});

/**
 * The stale-claim window in seconds from one environment variable (a Lambda's STALE_CLAIM_SECONDS, or the
 * shell's COACH_STALE_CLAIM_SECONDS for the local stack), 900 when unset.
 */
export function loadStaleClaimSeconds(
  env: Record<string, string | undefined> = process.env,
  name: string = ENV.staleClaimSeconds,
): number {
  const result = staleClaimSeconds.safeParse(env[name]);
  if (!result.success) {
    throw new ConfigError(`invalid configuration: ${name}: ${result.error.issues[0]?.message ?? 'invalid'}`);
  }
  return result.data;
}

const mailSchema = z
  .object({
    [ENV.fromAddress]: z.string().check(z.minLength(3)),
    [ENV.inboundDomain]: z.string().check(z.regex(/^[a-z0-9.-]+$/i, 'must be a domain name')),
    [ENV.publicBaseUrl]: url,
    [ENV.configurationSet]: z.optional(z.string().check(z.minLength(1))),
    [ENV.operatorName]: z._default(z.string().check(z.minLength(1)), 'Knee Coach'),
    [ENV.operatorAddress]: z.string().check(z.minLength(1)),
    [ENV.tokenSecret]: z.optional(z.string().check(z.minLength(32, 'must be at least 32 characters'))),
    [ENV.tokenSecretArn]: z.optional(z.string().check(z.startsWith('arn:'))),
    [ENV.sesEndpoint]: z.optional(url),
  })
  .check(
    z.refine((e) => e[ENV.tokenSecret] !== undefined || e[ENV.tokenSecretArn] !== undefined, {
      message: `set ${ENV.tokenSecret} (locally) or ${ENV.tokenSecretArn} (on AWS)`,
      path: [ENV.tokenSecret],
    }),
  );

export interface BaseConfig {
  tableName: string;
  dueShards: number;
  dynamoEndpoint?: string;
  /** A claimed week whose email is not out this long after the claim is sent again by the next dispatch. */
  staleClaimSeconds: number;
}

export interface MailConfig extends BaseConfig {
  fromAddress: string;
  inboundDomain: string;
  publicBaseUrl: string;
  configurationSet?: string;
  operatorName: string;
  operatorAddress: string;
  tokenSecret?: string;
  tokenSecretArn?: string;
  sesEndpoint?: string;
  signUpLimits: SignUpLimits;
}

/** Sign-ups an hour per source address and per email address, and confirmation emails per pending address. */
export interface SignUpLimits {
  signupsPerSourcePerHour: number;
  signupsPerAddressPerHour: number;
  maxConfirmSends: number;
}

/** The sign-up limits' defaults (each is a stack setting too, see lib/settings.ts) and the largest allowed. */
export const SIGN_UP_LIMIT_DEFAULTS: Readonly<SignUpLimits> = Object.freeze({
  signupsPerSourcePerHour: 30,
  signupsPerAddressPerHour: 5,
  maxConfirmSends: 3,
});
export const SIGN_UP_LIMIT_MAX: Readonly<SignUpLimits> = Object.freeze({
  signupsPerSourcePerHour: 100_000,
  signupsPerAddressPerHour: 1000,
  maxConfirmSends: MAX_CONFIRM_SENDS_LIMIT,
});

const limit = (key: keyof SignUpLimits) => {
  const error = `must be a whole number from 1 to ${SIGN_UP_LIMIT_MAX[key]}`;
  const whole = (n: number) => Number.isInteger(n) && n >= 1 && n <= SIGN_UP_LIMIT_MAX[key];
  return z._default(z.coerce.number({ error }).check(z.refine(whole, error)), SIGN_UP_LIMIT_DEFAULTS[key]);
};
const limitsSchema = z.object({
  [ENV.signupsPerSourcePerHour]: limit('signupsPerSourcePerHour'),
  [ENV.signupsPerAddressPerHour]: limit('signupsPerAddressPerHour'),
  [ENV.maxConfirmSends]: limit('maxConfirmSends'),
});

/** The sign-up limits from the environment (a Lambda's, or the shell's for the local stack), with defaults. */
export function loadSignUpLimits(env: Record<string, string | undefined> = process.env): SignUpLimits {
  const l = parse(limitsSchema, env);
  return {
    signupsPerSourcePerHour: l[ENV.signupsPerSourcePerHour],
    signupsPerAddressPerHour: l[ENV.signupsPerAddressPerHour],
    maxConfirmSends: l[ENV.maxConfirmSends],
  };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function parse<T extends z.ZodMiniType>(schema: T, env: Record<string, string | undefined>): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${lines.join('; ')}`);
  }
  return result.data;
}

export function loadBaseConfig(env: Record<string, string | undefined> = process.env): BaseConfig {
  const e = parse(baseSchema, env);
  const dynamoEndpoint = e[ENV.dynamoEndpoint];
  return {
    tableName: e[ENV.tableName],
    dueShards: e[ENV.dueShards],
    ...(dynamoEndpoint ? { dynamoEndpoint } : {}),
    staleClaimSeconds: e[ENV.staleClaimSeconds],
  };
}

export function loadMailConfig(env: Record<string, string | undefined> = process.env): MailConfig {
  const m = parse(mailSchema, env);
  const optional = <K extends string>(key: K, value: string | undefined) =>
    value === undefined ? {} : ({ [key]: value } as Record<K, string>);
  return {
    ...loadBaseConfig(env),
    fromAddress: m[ENV.fromAddress],
    inboundDomain: m[ENV.inboundDomain],
    publicBaseUrl: m[ENV.publicBaseUrl],
    operatorName: m[ENV.operatorName],
    operatorAddress: m[ENV.operatorAddress],
    ...optional('configurationSet', m[ENV.configurationSet]),
    ...optional('tokenSecret', m[ENV.tokenSecret]),
    ...optional('tokenSecretArn', m[ENV.tokenSecretArn]),
    ...optional('sesEndpoint', m[ENV.sesEndpoint]),
    signUpLimits: loadSignUpLimits(env),
  };
}

const inboundSchema = z.object({
  [ENV.inboundBucket]: z.string().check(z.minLength(3)),
  [ENV.inboundPrefix]: z._default(
    z.string().check(z.regex(/^[A-Za-z0-9!_.*'()/-]*$/, 'must be an S3 key prefix')),
    'inbound/',
  ),
  [ENV.requireSenderAuth]: z._default(z.enum(['true', 'false'], { error: 'must be true or false' }), 'true'),
  [ENV.s3Endpoint]: z.optional(url),
});

export interface InboundConfig extends MailConfig {
  inboundBucket: string;
  inboundPrefix: string;
  requireSenderAuth: boolean;
  s3Endpoint?: string;
}

export function loadInboundConfig(env: Record<string, string | undefined> = process.env): InboundConfig {
  const i = parse(inboundSchema, env);
  const s3Endpoint = i[ENV.s3Endpoint];
  return {
    ...loadMailConfig(env),
    inboundBucket: i[ENV.inboundBucket],
    inboundPrefix: i[ENV.inboundPrefix],
    requireSenderAuth: i[ENV.requireSenderAuth] === 'true',
    ...(s3Endpoint ? { s3Endpoint } : {}),
  };
}

/** The send-week queue the dispatcher fills (checked as a URL only: CDK sets it from the queue itself). */
export function loadQueueUrl(env: Record<string, string | undefined> = process.env): string {
  return z.url().parse(env[ENV.queueUrl]);
}
