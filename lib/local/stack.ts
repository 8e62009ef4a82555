// The local stack: the very same handlers wired to local stand-ins of DynamoDB, SES, S3, API Gateway and SQS.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { SMTPServer } from 'smtp-server';
import * as z from 'zod';
import { allDueShards } from '#domain/due-shard';
import { makeApiHandler } from '#handlers/api';
import { makeDispatchHandler } from '#handlers/dispatch';
import { makeInboundHandler } from '#handlers/inbound';
import { makeSendWeekHandler } from '#handlers/send-week';
import { buildInboundDeps } from '#lambdas/compose/inbound';
import { buildCoachDeps, dispatchDepsOf, dynamoClient } from '#lambdas/compose/index';
import {
  type InboundConfig,
  loadSignUpLimits,
  loadStaleClaimSeconds,
  type MailConfig,
} from '#lambdas/config';
import type { Mailer } from '#lambdas/ports';
import type { CoachDeps, Log } from '#use-cases/deps';
import { MAX_INBOUND_BYTES } from '#use-cases/receive-mail';
import { startApiServer } from './api-server';
import { LocalSendQueue } from './local-queue';
import {
  assertPortFree,
  checkJava,
  type RunningService,
  startDynamoLocal,
  startS3,
  startSesEmulator,
} from './services';
import { startSmtpInbound } from './smtp-inbound';
import { ensureTable } from './table';

export const LOCAL_TABLE = 'coach';
export const LOCAL_INBOUND_BUCKET = 'coach-inbound-mail';

export interface LocalPorts {
  api: number;
  mailbox: number;
  dynamodb: number;
  s3: number;
  smtp: number;
}

export const PORT_ENV: Record<keyof LocalPorts, { name: string; default: number; what: string }> = {
  api: { name: 'COACH_API_PORT', default: 3000, what: 'the API' },
  mailbox: { name: 'COACH_MAILBOX_PORT', default: 8005, what: 'the SES emulator and mailbox' },
  dynamodb: { name: 'COACH_DYNAMODB_PORT', default: 8000, what: 'DynamoDB Local' },
  s3: { name: 'COACH_S3_PORT', default: 4569, what: 'the S3 stand-in' },
  smtp: { name: 'COACH_SMTP_PORT', default: 2525, what: 'the inbound SMTP server' },
};

export const LOCAL_INBOUND_PREFIX = 'inbound/';

const portSchema = z.coerce.number().int().min(1).max(65535);

/** Ports from COACH_*_PORT environment variables, with the documented defaults. */
export function portsFromEnv(env: Record<string, string | undefined> = process.env): LocalPorts {
  const ports = {} as LocalPorts;
  for (const [key, spec] of Object.entries(PORT_ENV) as [keyof LocalPorts, (typeof PORT_ENV)['api']][]) {
    const raw = env[spec.name];
    const parsed = portSchema.safeParse(raw ?? spec.default);
    if (!parsed.success) throw new Error(`${spec.name} must be a port number from 1 to 65535, got "${raw}"`);
    ports[key] = parsed.data;
  }
  return ports;
}

/** The local token secret: generated once into the data folder, never committed. */
export function localTokenSecret(dataDir: string): string {
  const file = join(dataDir, 'token-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/** The local stack's name for the stale-claim window (STALE_CLAIM_SECONDS on AWS), in seconds. */
export const LOCAL_STALE_CLAIM_ENV = 'COACH_STALE_CLAIM_SECONDS';

/**
 * The local stack's config. The sign-up limits come from the shell, as a Lambda reads them from its
 * environment (SIGNUPS_PER_SOURCE_PER_HOUR, SIGNUPS_PER_ADDRESS_PER_HOUR, MAX_CONFIRM_SENDS), and the
 * stale-claim window from COACH_STALE_CLAIM_SECONDS (default 900), so a killed run can be recovered in seconds.
 */
export function localConfig(
  ports: LocalPorts,
  tokenSecret: string,
  env: Record<string, string | undefined> = process.env,
): MailConfig {
  return {
    tableName: LOCAL_TABLE,
    dueShards: 4,
    dynamoEndpoint: `http://127.0.0.1:${ports.dynamodb}`,
    sesEndpoint: `http://127.0.0.1:${ports.mailbox}`,
    fromAddress: 'Knee Coach <coach@coach.localhost>',
    inboundDomain: 'reply.coach.localhost',
    publicBaseUrl: `http://localhost:${ports.api}`,
    operatorName: 'Knee Coach (local)',
    operatorAddress: '1 Example Street, 10115 Berlin, Germany',
    tokenSecret,
    signUpLimits: loadSignUpLimits(env),
    staleClaimSeconds: loadStaleClaimSeconds(env, LOCAL_STALE_CLAIM_ENV),
  };
}

/** Prints one compact line per event, for a person watching the terminal. */
export function consoleLog(write: (line: string) => void = (l) => console.log(l)): Log {
  const line = (level: string, message: string, fields?: Record<string, unknown>) => {
    const extra = Object.entries(fields ?? {})
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    write(`${new Date().toISOString().slice(11, 19)} ${level} ${message}${extra ? ` ${extra}` : ''}`);
  };
  return {
    info: (m, f) => line('info ', m, f),
    warn: (m, f) => line('warn ', m, f),
    error: (m, f) => line('error', m, f),
  };
}

export interface RunWeekReport {
  at: string;
  due: number;
  sent: number;
  parked: number;
  /** Weeks claimed by an earlier run and never sent, queued again by the sweep. */
  resumed: number;
}

/** Counts the emails a weekly run sends, to report them. */
class CountingMailer implements Mailer {
  sent = 0;
  constructor(private readonly inner: Mailer) {}
  async send(email: Parameters<Mailer['send']>[0]): Promise<string> {
    const id = await this.inner.send(email);
    this.sent++;
    return id;
  }
}

/** Runs the dispatcher as of `at` (now when absent), once per shard, handing its SQS-shaped batches to the send-week handler in-process. */
export async function runWeek(
  deps: CoachDeps,
  at: Date | undefined,
  parkedFile?: string,
): Promise<RunWeekReport> {
  const mailer = new CountingMailer(deps.mailer);
  const sendWeek = makeSendWeekHandler(async () => ({ ...deps, mailer }));
  const queue = new LocalSendQueue(sendWeek, {
    maxReceiveCount: 5,
    retryDelayMs: 200,
    onParked: (message) => {
      deps.log.error('message parked in the local dead-letter file', { messageId: message.messageId });
      if (parkedFile) writeFileSync(parkedFile, `${JSON.stringify(message)}\n`, { flag: 'a' });
    },
  });
  // The local queue sends each batch in-process as it is handed over, so batches in flight here would be
  // sends in flight: one batch at a time keeps one send per shard, as the stack has always run locally.
  const dispatch = makeDispatchHandler(() => dispatchDepsOf(deps, queue, 1));
  // As on AWS, where each shard's schedule starts an invocation of its own at the same hour: one dispatch per
  // shard, all at once, all as of the same time.
  const runAt = (at ?? deps.clock.now()).toISOString();
  const results = await Promise.all(
    allDueShards(deps.settings.dueShards).map((shard) => dispatch({ at: runAt, shard })),
  );
  return {
    at: runAt,
    due: results.reduce((sum, r) => sum + r.enqueued, 0),
    sent: mailer.sent,
    parked: queue.stats.parked,
    resumed: results.reduce((sum, r) => sum + r.resumed, 0),
  };
}

export interface LocalStackOptions {
  ports: LocalPorts;
  /** Where data persists between runs; in memory when absent (tests). */
  dataDir?: string;
  /** Start from empty data. */
  fresh?: boolean;
  /** Run the dispatcher at every full hour, as the schedule does on AWS. */
  hourlyDispatch?: boolean;
  log?: Log;
  tokenSecret?: string;
  /** Called with progress lines while starting. */
  progress?: (line: string) => void;
}

export interface LocalStack {
  ports: LocalPorts;
  urls: { api: string; mailbox: string; dynamodb: string; s3: string; smtp: string };
  config: MailConfig;
  deps: CoachDeps;
  runWeek(at?: Date): Promise<RunWeekReport>;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { ports, dataDir } = options;
  const progress = options.progress ?? (() => {});
  const log = options.log ?? consoleLog();
  // Settings first: a bad one (such as a sign-up limit from the shell) stops the start before anything runs.
  const secret =
    options.tokenSecret ?? (dataDir ? localTokenSecret(dataDir) : randomBytes(48).toString('base64url'));
  const config = localConfig(ports, secret);
  checkJava();
  for (const [key, spec] of Object.entries(PORT_ENV) as [keyof LocalPorts, (typeof PORT_ENV)['api']][]) {
    await assertPortFree(ports[key], spec.what, spec.name);
  }
  if (dataDir && options.fresh) {
    rmSync(join(dataDir, 'dynamodb'), { recursive: true, force: true });
    rmSync(join(dataDir, 's3'), { recursive: true, force: true });
  }

  const running: RunningService[] = [];
  let api: Server | undefined;
  let smtp: SMTPServer | undefined;
  let timer: NodeJS.Timeout | undefined;
  const stop = async () => {
    if (timer) clearTimeout(timer);
    if (smtp) await new Promise<void>((r) => smtp?.close(() => r()));
    if (api) {
      api.closeAllConnections();
      await new Promise<void>((r) => api?.close(() => r()));
    }
    for (const service of running.reverse()) await service.stop();
  };

  try {
    progress('starting DynamoDB Local…');
    running.push(await startDynamoLocal(ports.dynamodb, dataDir ? join(dataDir, 'dynamodb') : undefined));
    progress('starting the SES emulator and S3 stand-in…');
    running.push(await startSesEmulator(ports.mailbox));
    const s3Dir = dataDir
      ? join(dataDir, 's3')
      : join(process.env.TMPDIR ?? '/tmp', `coach-s3-${process.pid}-${ports.s3}`);
    running.push(await startS3(ports.s3, s3Dir, [LOCAL_INBOUND_BUCKET]));

    const dynamo = dynamoClient(config);
    await ensureTable(dynamo, config.tableName);
    const deps = await buildCoachDeps(config, { log, dynamo });

    progress('starting the API and the inbound SMTP server…');
    api = await startApiServer(
      ports.api,
      makeApiHandler(async () => deps),
    );
    const inboundConfig = localInboundConfig(config, ports);
    const inbound = await buildInboundDeps(inboundConfig, { log, dynamo, clock: deps.clock });
    smtp = await startSmtpInbound({
      port: ports.smtp,
      inboundDomain: config.inboundDomain,
      bucket: inboundConfig.inboundBucket,
      prefix: inboundConfig.inboundPrefix,
      rawMail: inbound.deps.rawMail,
      deliver: makeInboundHandler(async () => inbound),
      maxBytes: MAX_INBOUND_BYTES,
      onError: (error) =>
        log.error('inbound mail failed', { error: error instanceof Error ? error.name : 'unknown' }),
    });
    const parkedFile = dataDir ? join(dataDir, 'dead-letters.jsonl') : undefined;
    const stack: LocalStack = {
      ports,
      urls: {
        api: `http://localhost:${ports.api}`,
        mailbox: `http://localhost:${ports.mailbox}`,
        dynamodb: `http://localhost:${ports.dynamodb}`,
        s3: `http://localhost:${ports.s3}`,
        smtp: `smtp://localhost:${ports.smtp}`,
      },
      config,
      deps,
      runWeek: (at) => runWeek(deps, at, parkedFile),
      stop,
    };

    if (options.hourlyDispatch) {
      const tick = async () => {
        try {
          const report = await stack.runWeek();
          if (report.due > 0) log.info('hourly dispatch', { ...report });
        } catch (error) {
          log.error('hourly dispatch failed', { error: error instanceof Error ? error.message : 'unknown' });
        }
        timer = setTimeout(tick, msToNextHour());
      };
      // Catch up once at start (sends missed while the stack was off), then every full hour.
      void tick();
    }
    return stack;
  } catch (error) {
    await stop();
    throw error;
  }
}

function msToNextHour(now = Date.now()): number {
  return 3_600_000 - (now % 3_600_000) + 1000;
}

export function localInboundConfig(config: MailConfig, ports: LocalPorts): InboundConfig {
  return {
    ...config,
    inboundBucket: LOCAL_INBOUND_BUCKET,
    inboundPrefix: LOCAL_INBOUND_PREFIX,
    // Nothing checks SPF or DKIM on loopback; on AWS this is 'true' and SES's verdicts decide.
    requireSenderAuth: false,
    s3Endpoint: `http://127.0.0.1:${ports.s3}`,
  };
}

/** Connects to a stack started by `npm start` (for `coach run-week` in another terminal). */
export async function connectLocalStack(ports: LocalPorts, dataDir: string, log: Log): Promise<CoachDeps> {
  const config = localConfig(ports, localTokenSecret(dataDir));
  return buildCoachDeps(config, { log });
}
