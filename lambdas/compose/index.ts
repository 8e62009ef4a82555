// The composition root shared by the Lambda handlers and the local stack: config in, adapters and use-case deps out.
import { randomBytes } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoSubscriberStore } from '#adapters/dynamo-subscriber-store';
import { MemoryMetrics } from '#adapters/memory-metrics';
import { PowertoolsMetrics } from '#adapters/powertools-metrics';
import { SesMailer } from '#adapters/ses-mailer';
import { SqsSendQueue } from '#adapters/sqs-send-queue';
import { base32 } from '#domain/tokens';
import {
  type BaseConfig,
  loadBaseConfig,
  loadMailConfig,
  loadQueueUrl,
  type MailConfig,
} from '#lambdas/config';
import { DEFAULT_METRICS_NAMESPACE, METRICS_NAMESPACE_VARIABLE, SERVICE_NAME } from '#lambdas/metric-names';
import type { Clock, IdSource, Metrics, SendQueue, SubscriberStore } from '#lambdas/ports';
import type { CoachDeps, Log } from '#use-cases/deps';
import type { FeedbackDeps } from '#use-cases/feedback';

/** Credentials for the local stand-ins, which accept any; never used against AWS. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export function dynamoClient(config: BaseConfig): DynamoDBClient {
  return config.dynamoEndpoint
    ? new DynamoDBClient({ endpoint: config.dynamoEndpoint, region: 'local', credentials: LOCAL_CREDENTIALS })
    : new DynamoDBClient({});
}

export function sesClient(config: MailConfig): SESv2Client {
  return config.sesEndpoint
    ? new SESv2Client({ endpoint: config.sesEndpoint, region: 'local', credentials: LOCAL_CREDENTIALS })
    : new SESv2Client({});
}

export function s3Client(config: { s3Endpoint?: string }): S3Client {
  return config.s3Endpoint
    ? new S3Client({
        endpoint: config.s3Endpoint,
        region: 'local',
        // s3rver accepts signed requests only with its own well-known key.
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        forcePathStyle: true,
      })
    : new S3Client({});
}

export const systemClock: Clock = { now: () => new Date() };

/** 100 random bits in lower-case base32: short enough for reply addresses, far too many to guess. */
export const randomIds: IdSource = { newId: () => base32(randomBytes(13)).slice(0, 20) };

export function lambdaLog(serviceName: string): Log {
  const logger = new Logger({ serviceName });
  return {
    info: (message, fields) => logger.info(message, fields ?? {}),
    warn: (message, fields) => logger.warn(message, fields ?? {}),
    error: (message, fields) => logger.error(message, fields ?? {}),
  };
}

/**
 * The operator's counts as CloudWatch metrics, in the namespace the stack sets (its own name), with `service` as
 * the only dimension. One per container; the handlers flush it once per invocation.
 */
export function lambdaMetrics(env: Record<string, string | undefined> = process.env): Metrics {
  return new PowertoolsMetrics({
    namespace: env[METRICS_NAMESPACE_VARIABLE] || DEFAULT_METRICS_NAMESPACE,
    service: SERVICE_NAME,
  });
}

async function resolveTokenSecret(config: MailConfig): Promise<string> {
  if (config.tokenSecret) return config.tokenSecret;
  if (!config.tokenSecretArn) throw new Error('no token secret configured');
  const out = await new SecretsManagerClient({}).send(
    new GetSecretValueCommand({ SecretId: config.tokenSecretArn }),
  );
  if (!out.SecretString || out.SecretString.length < 32)
    throw new Error('the token secret is missing or too short');
  return out.SecretString;
}

/**
 * The secret's value may hold several secrets, one per line: the first signs, and all are accepted. To rotate,
 * put a new line first, deploy, and drop the old line once the links signed with it have expired.
 */
export function tokenSecrets(value: string): { tokenSecret: string; tokenSecrets: string[] } {
  const secrets = value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (secrets.length === 0 || secrets.some((s) => s.length < 32)) {
    throw new Error('every token secret must be at least 32 characters');
  }
  return { tokenSecret: secrets[0] as string, tokenSecrets: secrets };
}

export async function buildCoachDeps(
  config: MailConfig,
  options: {
    log: Log;
    /** CloudWatch metrics on AWS (lambdaMetrics); counted in memory and dropped when absent (the local stack). */
    metrics?: Metrics;
    clock?: Clock;
    dynamo?: DynamoDBClient;
    ses?: SESv2Client;
  },
): Promise<CoachDeps> {
  const dynamo = options.dynamo ?? dynamoClient(config);
  const ses = options.ses ?? sesClient(config);
  return {
    store: new DynamoSubscriberStore(dynamo, config.tableName, config.dueShards),
    mailer: new SesMailer(ses, config.fromAddress, config.configurationSet),
    clock: options.clock ?? systemClock,
    ids: randomIds,
    log: options.log,
    metrics: options.metrics ?? new MemoryMetrics(),
    settings: {
      ...tokenSecrets(await resolveTokenSecret(config)),
      publicBaseUrl: config.publicBaseUrl,
      inboundDomain: config.inboundDomain,
      operator: { name: config.operatorName, postalAddress: config.operatorAddress },
      dueShards: config.dueShards,
      staleClaimMs: config.staleClaimSeconds * 1000,
      ...config.signUpLimits,
    },
  };
}

/**
 * Builds a Lambda's dependencies once per container, on its first invocation; a failed build is not kept, so the
 * next invocation tries again (a secret that was briefly unreadable does not poison the container).
 */
export function once<T>(build: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () => {
    built ??= build().catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
  };
}

// Each Lambda's needs, from its environment. The `once` calls are marked pure so a bundle keeps only its own.

export const apiDeps = /* @__PURE__ */ once(() =>
  buildCoachDeps(loadMailConfig(), { log: lambdaLog('api'), metrics: lambdaMetrics() }),
);

export const sendWeekDeps = /* @__PURE__ */ once(() =>
  buildCoachDeps(loadMailConfig(), { log: lambdaLog('send-week'), metrics: lambdaMetrics() }),
);

export interface DispatchDeps {
  store: SubscriberStore;
  queue: SendQueue;
  log: Log;
  clock: Clock;
  dueShards: number;
  /** Claims older than this whose email is not out are queued again (ms). */
  staleClaimMs: number;
  /** SQS batches in flight at once per shard; QUEUE_BATCHES_IN_FLIGHT when absent. */
  batchesInFlight?: number;
}

/** The dispatcher's deps from a composed coach and a queue: the local stack, the bench and tests run it so. */
export function dispatchDepsOf(deps: CoachDeps, queue: SendQueue, batchesInFlight?: number): DispatchDeps {
  return {
    store: deps.store,
    queue,
    log: deps.log,
    clock: deps.clock,
    dueShards: deps.settings.dueShards,
    staleClaimMs: deps.settings.staleClaimMs,
    ...(batchesInFlight === undefined ? {} : { batchesInFlight }),
  };
}

// Dispatch and feedback need no secret: their builds are synchronous, so a plain memo does (a throw keeps none).
let dispatch: DispatchDeps | undefined;
export function dispatchDeps(): DispatchDeps {
  if (dispatch) return dispatch;
  const config = loadBaseConfig();
  const queueUrl = loadQueueUrl();
  dispatch = {
    store: new DynamoSubscriberStore(dynamoClient(config), config.tableName, config.dueShards),
    queue: new SqsSendQueue(new SQSClient({}), queueUrl),
    log: lambdaLog('dispatch'),
    clock: systemClock,
    dueShards: config.dueShards,
    staleClaimMs: config.staleClaimSeconds * 1000,
  };
  return dispatch;
}

let feedback: FeedbackDeps | undefined;
export function feedbackDeps(): FeedbackDeps {
  if (feedback) return feedback;
  const config = loadBaseConfig();
  feedback = {
    store: new DynamoSubscriberStore(dynamoClient(config), config.tableName, config.dueShards),
    clock: systemClock,
    log: lambdaLog('feedback'),
    metrics: lambdaMetrics(),
  };
  return feedback;
}
