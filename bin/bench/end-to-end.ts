// The weekly run end to end against DynamoDB Local and the SES emulator, beside a floor of the same raw SDK calls.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type AttributeValue, type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { type SESv2Client, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { SqsSendQueue } from '#adapters/sqs-send-queue';
import { buildPersonas } from '#bin/personas';
import { allDueShards, dueShardOf } from '#domain/due-shard';
import type { Preferences, Subscriber, Unit } from '#domain/types';
import { renderWeeklyPlanEmail } from '#email/render';
import { makeDispatchHandler } from '#handlers/dispatch';
import { buildCoachDeps, dispatchDepsOf, dynamoClient, randomIds, sesClient } from '#lambdas/compose/index';
import { DUE_INDEX } from '#lambdas/env-names';
import type { Clock, SendQueue, SendWeekMessage } from '#lambdas/ports';
import { freePort, type RunningService, startDynamoLocal, startSesEmulator } from '#lib/local/services';
import { LOCAL_TABLE, localConfig, runWeek } from '#lib/local/stack';
import { ensureTable } from '#lib/local/table';
import { DEPLOY_DEFAULTS } from '#lib/settings';
import type { Log } from '#use-cases/deps';
import { QUEUE_BATCHES_IN_FLIGHT } from '#use-cases/dispatch';
import { seededRandom } from './rendering';
import { startSqsStubProcess } from './sqs-stub';
import { withConcurrency } from './timing';

export interface EndToEndFigures {
  subscribers: number;
  emailsPerSecond: number;
  floorEmailsPerSecond: number;
  ratioToFloor: number;
  /** The floor again, sending a full plan email each time instead of a small one (not a target). */
  fullEmailFloorEmailsPerSecond: number;
  ratioToFullEmailFloor: number;
  dynamoOpsPerSubscriber: number;
  sesCallsPerSubscriber: number;
  /** Every DynamoDB call of the measured week, by SDK command. */
  dynamoOpsByCommand: Record<string, number>;
  sent: number;
  parked: number;
  errorsLogged: number;
  seconds: number;
  /** Both floor runs together (one before the timed week, one after). */
  floorSeconds: number;
  /** Sends in flight at once, in both the stack and the floor: one per due-index shard (see below). */
  concurrency: number;
  /** Wall time × concurrency / subscribers: how long one subscriber's send takes here, all included. */
  sendMsPerSubscriber: number;
  floorMsPerSubscriber: number;
  dispatch: DispatchFigures;
  /**
   * DynamoDB's size of the items a week writes, averaged over a sample (feeds the cost model): the profile
   * after weeks 1 and 2 (it carries the last weeks' summaries, so it grows for a while) and a week item.
   */
  itemBytes: { profileAfterWeek1: number; profile: number; week: number };
}

/** SQS's SendMessageBatch round trip in-region, assumed (no SQS runs locally): the stub answers after this. */
export const SQS_LATENCY_MS = 15;

export interface DispatchSqsFigures {
  /** The assumed SendMessageBatch round trip the stub waits before answering. */
  sqsLatencyMs: number;
  /** Shards of the local stack's due index (the bench's subscribers are spread over these). */
  shards: number;
  /** Shards a deployment has by default (DEPLOY_DEFAULTS.dueShards): one dispatch Lambda each, in parallel. */
  deployedShards: number;
  /** Batches in flight per shard as the dispatch Lambda runs (QUEUE_BATCHES_IN_FLIGHT), and one at a time. */
  batchesInFlight: number;
  /**
   * Wall time per due subscriber of one shard's dispatch run alone, as one Lambda runs it (`{ at, shard }`):
   * each local shard timed on its own, one after the other, through the real SQS client; total time over total
   * subscribers.
   */
  msPerSubscriber: number;
  msPerSubscriberOneAtATime: number;
  /** The dispatcher's own CPU (this process: query parsing, messages, the SQS client) per due subscriber. */
  cpuMsPerSubscriber: number;
  /** The largest shard's share of 1,000,000 generated ids at `deployedShards` (1 / shards if perfectly even). */
  largestShardShare: number;
  /**
   * The dispatch of 1,000,000 due subscribers with `deployedShards` Lambdas in parallel, each with its own
   * vCPU: the largest shard's subscribers × msPerSubscriber. Assumes DynamoDB and SQS serve the shards in
   * parallel (separate index partitions; a standard queue) and leaves out the Lambdas' start (cold start).
   */
  minutesFor1M: number;
  minutesFor1MOneAtATime: number;
  /** The same model at the local stack's shard count. */
  minutesFor1MAtLocalShards: number;
  /** What one invocation of all shards in one process (the old design, and a replay without a shard) takes. */
  minutesFor1MAllShardsInOneProcess: number;
  sqsCalls: number;
  maxRequestsInFlight: number;
}

export interface DispatchFigures {
  /** The same dispatch with the real SQS client and batches, against a stand-in SQS that answers after SQS_LATENCY_MS. */
  withSqs?: DispatchSqsFigures;
  /** Dispatcher runs timed (each reads every due subscriber; the queue is a no-op so nothing changes). */
  runs: number;
  pages: number;
  subscribersRead: number;
  itemsPerPage: number;
  ms: number;
  msPerPage: number;
  msPerSubscriber: number;
  shards: number;
}

/** Counts every SDK call a client makes, by command, before anything else in its middleware stack runs. */
function countCalls(client: DynamoDBClient | SESv2Client, counts: Map<string, number>): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCallCounter' },
  );
}

const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

/** Keeps the run quiet (send-week logs a line per email) but counts what went wrong. */
function quietLog(): Log & { errors: string[] } {
  const errors: string[] = [];
  return {
    errors,
    info: () => {},
    warn: () => {},
    error: (message, fields) => {
      errors.push(`${message} ${JSON.stringify(fields ?? {})}`);
    },
  };
}

class SettableClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
}

// Sunday 23:30 UTC is after 18:00 local on Sunday in each of these zones, and still the same Monday-week.
const ZONES = [
  'Europe/Berlin',
  'Europe/London',
  'Europe/Lisbon',
  'Europe/Madrid',
  'America/New_York',
  'America/Sao_Paulo',
];
const WEEK_1 = new Date('2026-11-29T23:30:00Z');
const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Varied, valid preferences: every unit, 1–7 run days, some with a goal, all sending on Sunday at 18:00. */
function preferencesFor(random: () => number): Preferences {
  const units: Unit[] = ['min', 'km', 'mi'];
  const unit = units[Math.floor(random() * units.length)] as Unit;
  const weeklyVolume = Math.round((unit === 'min' ? 30 + random() * 200 : 5 + random() * 40) * 10) / 10;
  return {
    weeklyVolume,
    unit,
    runDays: 1 + Math.floor(random() * 7),
    timeZone: ZONES[Math.floor(random() * ZONES.length)] as string,
    sendDay: 'sun',
    sendHour: 18,
    rampRate: 0.025,
    runHour: 5 + Math.floor(random() * 15),
    ...(random() < 0.5 ? { goalVolume: Math.round(weeklyVolume * 1.5) } : {}),
  };
}

/** DynamoDB's item size: attribute names plus values (numbers about one byte per two digits), nesting 3 bytes + 1 each. */
export function dynamoItemBytes(item: Record<string, AttributeValue>): number {
  const valueBytes = (v: AttributeValue): number => {
    if (v.S !== undefined) return Buffer.byteLength(v.S);
    if (v.N !== undefined) return Math.ceil(v.N.replace(/^-|\.|^0+/g, '').length / 2) + 1;
    if (v.B !== undefined) return v.B.byteLength;
    if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
    if (v.L !== undefined) return 3 + v.L.reduce((s, x) => s + 1 + valueBytes(x), 0);
    if (v.M !== undefined)
      return 3 + Object.entries(v.M).reduce((s, [k, x]) => s + 1 + Buffer.byteLength(k) + valueBytes(x), 0);
    if (v.SS !== undefined) return v.SS.reduce((s, x) => s + Buffer.byteLength(x), 0);
    if (v.NS !== undefined) return v.NS.reduce((s, x) => s + Math.ceil(x.length / 2) + 1, 0);
    return 0;
  };
  return Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k) + valueBytes(v), 0);
}

async function clearMailbox(sesUrl: string): Promise<void> {
  // The emulator keeps every email in memory; thousands of plan emails are worth dropping between phases.
  await fetch(`${sesUrl}/clear-store`, { method: 'POST' });
}

export async function measureEndToEnd(
  subscribers: number,
  progress: (line: string) => void,
): Promise<EndToEndFigures> {
  const services: RunningService[] = [];
  try {
    const [dynamoPort, sesPort] = [await freePort(), await freePort()];
    progress(`end-to-end: starting DynamoDB Local (:${dynamoPort}) and the SES emulator (:${sesPort})…`);
    services.push(await startDynamoLocal(dynamoPort));
    const ses = await startSesEmulator(sesPort);
    services.push(ses);

    const config = localConfig(
      { api: 0, mailbox: sesPort, dynamodb: dynamoPort, s3: 0, smtp: 0 },
      randomBytes(48).toString('base64url'),
    );
    const dynamoCounts = new Map<string, number>();
    const sesCounts = new Map<string, number>();
    const dynamo = dynamoClient(config);
    const sesSdk = sesClient(config);
    countCalls(dynamo, dynamoCounts);
    countCalls(sesSdk, sesCounts);
    // Reads for the item sizes go through their own client, so they are never counted.
    const plain = dynamoClient(config);
    await ensureTable(plain, LOCAL_TABLE);

    const log = quietLog();
    const clock = new SettableClock(WEEK_1);
    const deps = await buildCoachDeps(config, { log, clock, dynamo, ses: sesSdk });

    // Subscribers go in through the store itself, so their items are exactly what sign-up writes.
    const random = seededRandom(7);
    const people: Subscriber[] = Array.from({ length: subscribers }, (_, i) => ({
      id: deps.ids.newId(),
      email: `runner${i}@bench.coach.localhost`,
      status: 'active',
      preferences: preferencesFor(random),
      createdAt: '2026-11-01T00:00:00.000Z',
      confirmedAt: '2026-11-01T00:00:00.000Z',
      nextSendAt: WEEK_1.toISOString(),
      confirmSends: 1,
      version: 1,
    }));
    let created = 0;
    await withConcurrency(people, 16, async (s) => {
      if ((await deps.store.createPending(s, s.email)) !== 'created')
        throw new Error('seeding: address taken');
      if (++created % 1000 === 0 || created === subscribers)
        progress(`end-to-end: ${created} subscribers created`);
    });

    // Week 1, untimed: every subscriber gets a first plan through the real path, so week 2 meets the
    // steady state (a week of history written by the system itself), and Java and V8 are warm.
    progress(`end-to-end: week 1 (warm-up, not timed) running…`);
    const warm = await runWeek(deps, WEEK_1);
    progress(`end-to-end: week 1 sent ${warm.sent} of ${warm.due} due`);
    const afterWeek1 = await sampleItemBytes(plain, people, WEEK_1);
    await clearMailbox(ses.url);

    const week2 = new Date(WEEK_1.getTime() + WEEK_MS);
    const week3 = new Date(week2.getTime() + WEEK_MS);
    const week4 = new Date(week3.getTime() + WEEK_MS);
    clock.current = week2;
    const dispatch = await timeDispatcher(deps, week2, subscribers, dynamoCounts, progress);
    dispatch.withSqs = await timeDispatchWithSqs(deps, week2, subscribers, progress);

    // The floor works on copies of the profiles under their own due-index shards (FLOOR#0…), so it can run
    // both before and after the timed week and the drift of a shared machine falls on both sides alike.
    // The stack sends one subscriber at a time per due-index shard: dispatch walks each shard in its own
    // loop and waits while the local queue hands each batch of 10 to send-week, which works through it in
    // order. So the floor runs one sequential worker per shard too.
    const concurrency = config.dueShards;
    await copyForFloor(plain, concurrency, week2.toISOString());
    const floor = async (at: Date, label: string, content?: SimpleContent) => {
      progress(`end-to-end: floor (raw SDK calls, ${concurrency} workers${label}) running…`);
      const floorStart = performance.now();
      const sent = await runFloor(dynamo, sesSdk, concurrency, at.toISOString(), content);
      const floorSeconds = (performance.now() - floorStart) / 1000;
      progress(`end-to-end: floor${label} sent ${sent} in ${floorSeconds.toFixed(1)} s`);
      if (sent !== subscribers)
        progress(`end-to-end: warning: the floor found ${sent} due, not ${subscribers}`);
      await clearMailbox(ses.url);
      return { sent, seconds: floorSeconds };
    };
    const before = await floor(week2, ', before the timed week');

    progress(`end-to-end: week 2 (timed) running for ${subscribers} subscribers…`);
    dynamoCounts.clear();
    sesCounts.clear();
    const errorsBefore = log.errors.length;
    const start = performance.now();
    const report = await runWeek(deps, week2);
    const seconds = (performance.now() - start) / 1000;
    const dynamoOps = total(dynamoCounts);
    const sesCalls = total(sesCounts);
    const dynamoOpsByCommand = Object.fromEntries(dynamoCounts);
    progress(
      `end-to-end: week 2 sent ${report.sent} of ${report.due} due in ${seconds.toFixed(1)} s; ${dynamoOps} DynamoDB calls, ${sesCalls} SES calls`,
    );
    const afterWeek2 = await sampleItemBytes(plain, people, week2);
    const itemBytes = {
      profileAfterWeek1: afterWeek1.profile,
      profile: afterWeek2.profile,
      week: afterWeek2.week,
    };
    await clearMailbox(ses.url);

    const after = await floor(week3, ', after the timed week');
    const floorSent = before.sent + after.sent;
    const floorSeconds = before.seconds + after.seconds;
    // The same floor sending a real plan email (HTML, text, .ics, headers) instead of a small one: the gap
    // between the two floors is what the bytes of our email cost here, the rest of the gap is our logic.
    const full = await floor(week4, ', full-size emails', fullSizeEmail());
    const fullSent = full.sent;
    const fullSeconds = full.seconds;

    const emailsPerSecond = report.sent / seconds;
    const floorEmailsPerSecond = floorSent / floorSeconds;
    const errors = log.errors.slice(errorsBefore);
    if (errors.length > 0) progress(`end-to-end: ${errors.length} errors logged, first: ${errors[0]}`);
    return {
      subscribers,
      emailsPerSecond,
      floorEmailsPerSecond,
      ratioToFloor: emailsPerSecond / floorEmailsPerSecond,
      fullEmailFloorEmailsPerSecond: fullSent / fullSeconds,
      ratioToFullEmailFloor: emailsPerSecond / (fullSent / fullSeconds),
      dynamoOpsPerSubscriber: dynamoOps / subscribers,
      sesCallsPerSubscriber: sesCalls / subscribers,
      dynamoOpsByCommand,
      sent: report.sent,
      parked: report.parked,
      errorsLogged: errors.length,
      seconds,
      floorSeconds,
      concurrency,
      sendMsPerSubscriber: (seconds * 1000 * concurrency) / subscribers,
      floorMsPerSubscriber: (floorSeconds * 1000 * concurrency) / floorSent,
      dispatch,
      itemBytes,
    };
  } finally {
    for (const service of services.reverse()) await service.stop();
  }
}

/** Copies every profile due by `at` to PK FLOOR#…, in due-index shard FLOOR#<shard>, for the floor runs. */
async function copyForFloor(client: DynamoDBClient, shards: number, at: string): Promise<void> {
  const doc = DynamoDBDocumentClient.from(client);
  for (let shard = 0; shard < shards; shard++) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: LOCAL_TABLE,
          IndexName: DUE_INDEX.name,
          KeyConditionExpression: '#shard = :shard AND #next <= :at',
          ExpressionAttributeNames: { '#shard': DUE_INDEX.partitionKey, '#next': DUE_INDEX.sortKey },
          ExpressionAttributeValues: { ':shard': `DUE#${shard}`, ':at': at },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      const copies = (page.Items ?? []).map((item) => ({
        PutRequest: { Item: { ...item, PK: `FLOOR#${item.PK}`, [DUE_INDEX.partitionKey]: `FLOOR#${shard}` } },
      }));
      for (let i = 0; i < copies.length; i += 25) {
        let pending = copies.slice(i, i + 25);
        while (pending.length > 0) {
          const out = await doc.send(new BatchWriteCommand({ RequestItems: { [LOCAL_TABLE]: pending } }));
          pending = (out.UnprocessedItems?.[LOCAL_TABLE] ?? []) as typeof pending;
        }
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
}

/**
 * The dispatcher alone, with a queue that only counts: it reads the due index page by page, shard by shard,
 * exactly as on AWS, and changes nothing, so it can run several times for a page count worth timing.
 */
async function timeDispatcher(
  deps: Awaited<ReturnType<typeof buildCoachDeps>>,
  at: Date,
  subscribers: number,
  counts: Map<string, number>,
  progress: (line: string) => void,
): Promise<DispatchFigures> {
  let enqueued = 0;
  const queue: SendQueue = {
    enqueue: async (messages: SendWeekMessage[]) => {
      enqueued += messages.length;
    },
  };
  const dispatch = makeDispatchHandler(() => dispatchDepsOf(deps, queue));
  await dispatch({ at: at.toISOString() }); // warm-up
  counts.clear();
  enqueued = 0;
  progress('end-to-end: dispatcher alone (queue counts only) running…');
  const start = performance.now();
  let runs = 0;
  // At least 3 runs and 200 pages (or 20 runs), so the per-page time is not one page's noise.
  while (runs < 3 || (total(counts) < 200 && runs < 20)) {
    await dispatch({ at: at.toISOString() });
    runs++;
  }
  const ms = performance.now() - start;
  const pages = total(counts);
  if (enqueued !== runs * subscribers) {
    progress(`end-to-end: warning: the dispatcher found ${enqueued / runs} due, not ${subscribers}`);
  }
  progress(
    `end-to-end: dispatcher read ${enqueued} due in ${pages} pages over ${runs} runs, ${ms.toFixed(0)} ms`,
  );
  return {
    runs,
    pages,
    subscribersRead: enqueued,
    itemsPerPage: enqueued / pages,
    ms,
    msPerPage: ms / pages,
    msPerSubscriber: ms / enqueued,
    shards: deps.settings.dueShards,
  };
}

/** The average profile and week item sizes, from up to 50 subscribers after the send of `at`'s week. */
async function sampleItemBytes(
  client: DynamoDBClient,
  people: Subscriber[],
  at: Date,
): Promise<{ profile: number; week: number }> {
  const sample = people.slice(0, 50);
  let profile = 0;
  let week = 0;
  let weeks = 0;
  for (const s of sample) {
    const pk = { S: `SUB#${s.id}` };
    const p = await client.send(
      new GetItemCommand({ TableName: LOCAL_TABLE, Key: { PK: pk, SK: { S: 'PROFILE' } } }),
    );
    profile += p.Item ? dynamoItemBytes(p.Item) : 0;
    // The Monday after `at` is the week planned in every zone used here.
    const monday = new Date(at.getTime() + 24 * 3600 * 1000).toISOString().slice(0, 10);
    const w = await client.send(
      new GetItemCommand({ TableName: LOCAL_TABLE, Key: { PK: pk, SK: { S: `WEEK#${monday}` } } }),
    );
    if (w.Item) {
      week += dynamoItemBytes(w.Item);
      weeks++;
    }
  }
  return { profile: profile / sample.length, week: weeks === 0 ? 0 : week / weeks };
}

type SimpleContent = NonNullable<NonNullable<SendEmailCommandInput['Content']>['Simple']>;

const SMALL_EMAIL: SimpleContent = { Subject: { Data: 'floor' }, Body: { Text: { Data: 'floor' } } };

/** A persona's plan email as SesMailer sends it: subject, HTML, text, list-unsubscribe headers, the .ics. */
function fullSizeEmail(): SimpleContent {
  const input = buildPersonas()[1]?.input;
  if (!input) throw new Error('no persona to render');
  const email = renderWeeklyPlanEmail(input);
  return {
    Subject: { Data: email.subject, Charset: 'UTF-8' },
    Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
    Headers: [
      { Name: 'List-Unsubscribe', Value: '<https://coach.example/unsubscribe?t=floor>' },
      { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
    ],
    Attachments: (email.attachments ?? []).map((a) => ({
      FileName: a.fileName,
      ContentType: a.contentType,
      RawContent: a.content,
      ContentDisposition: 'ATTACHMENT',
    })),
  };
}

/**
 * The floor: the same kinds of calls with no logic between them. Per shard, one worker queries the due
 * index 100 items a page (the copies under FLOOR#<shard>); per subscriber it writes a week item of a real plan's size together with the
 * profile (one transaction, as the claim does), marks the week sent (one update), and sends one email: a
 * small one unless `content` is given.
 */
async function runFloor(
  dynamo: DynamoDBClient,
  ses: SESv2Client,
  workers: number,
  at: string,
  content: SimpleContent = SMALL_EMAIL,
): Promise<number> {
  const doc = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  const plan = buildPersonas()[0]?.input.plan;
  const next = new Date(Date.parse(at) + WEEK_MS).toISOString();
  let sent = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, shard) => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new QueryCommand({
            TableName: LOCAL_TABLE,
            IndexName: DUE_INDEX.name,
            KeyConditionExpression: '#shard = :shard AND #next <= :at',
            ExpressionAttributeNames: { '#shard': DUE_INDEX.partitionKey, '#next': DUE_INDEX.sortKey },
            ExpressionAttributeValues: { ':shard': `FLOOR#${shard}`, ':at': at },
            Limit: 100,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of page.Items ?? []) {
          const key = { PK: item.PK, SK: `WEEK#${at}` };
          await doc.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: LOCAL_TABLE,
                    Item: { ...key, plan, status: 'claimed', claimedAt: at },
                    ConditionExpression: 'attribute_not_exists(PK)',
                  },
                },
                {
                  Put: {
                    TableName: LOCAL_TABLE,
                    Item: { ...item, [DUE_INDEX.sortKey]: next, version: Number(item.version) + 1 },
                    ConditionExpression: 'version = :v',
                    ExpressionAttributeValues: { ':v': item.version },
                  },
                },
              ],
            }),
          );
          const out = await ses.send(
            new SendEmailCommand({
              FromEmailAddress: 'coach@coach.localhost',
              Destination: { ToAddresses: [String(item.email)] },
              Content: { Simple: content },
            }),
          );
          await doc.send(
            new UpdateCommand({
              TableName: LOCAL_TABLE,
              Key: key,
              UpdateExpression: 'SET #status = :sent, messageId = :m',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':sent': 'sent', ':m': out.MessageId ?? '' },
            }),
          );
          sent++;
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
  return sent;
}

/** The largest shard's share of `count` ids from the production id source, at `shards` shards. */
export function largestShardShare(shards: number, count = 1_000_000): number {
  const sizes = new Array<number>(shards).fill(0);
  for (let i = 0; i < count; i++) {
    const shard = dueShardOf(randomIds.newId(), shards);
    sizes[shard] = (sizes[shard] ?? 0) + 1;
  }
  return Math.max(...sizes) / count;
}

/**
 * The dispatcher as on AWS, with the real SQS client and the Lambda's SqsSendQueue, against the stand-in SQS: the
 * due-index pages come from DynamoDB Local and every SendMessageBatch waits the assumed round trip. On AWS each
 * shard has its own invocation (its own schedule, its own vCPU), so each local shard is timed alone here, one
 * after the other, this process running nothing else meanwhile (DynamoDB Local and the stand-in SQS are processes
 * of their own); with the Lambda's batches in flight and with one at a time. Each run changes nothing.
 */
async function timeDispatchWithSqs(
  deps: Awaited<ReturnType<typeof buildCoachDeps>>,
  at: Date,
  subscribers: number,
  progress: (line: string) => void,
): Promise<DispatchSqsFigures> {
  const stub = await startSqsStubProcess(SQS_LATENCY_MS);
  const client = new SQSClient({
    endpoint: stub.url,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const queue = new SqsSendQueue(client, `${stub.url}/000000000000/send-week`);
  const shards = allDueShards(deps.settings.dueShards);
  const time = async (batchesInFlight: number | undefined, passes: number, shard?: number) => {
    const dispatch = makeDispatchHandler(() => dispatchDepsOf(deps, queue, batchesInFlight));
    const event = (s?: number) => ({ at: at.toISOString(), ...(s === undefined ? {} : { shard: s }) });
    for (const s of shards) await dispatch(event(s)); // warm-up: connections, JIT
    let ms = 0;
    let cpuMs = 0;
    let read = 0;
    for (let pass = 0; pass < passes; pass++) {
      for (const s of shard === undefined ? shards : [shard]) {
        const start = performance.now();
        const cpu = process.cpuUsage();
        read += (await dispatch(event(s))).enqueued;
        ms += performance.now() - start;
        const used = process.cpuUsage(cpu);
        cpuMs += (used.user + used.system) / 1000;
      }
    }
    return { msPerSubscriber: ms / read, cpuMsPerSubscriber: cpuMs / read, read };
  };
  const allInOne = async () => {
    const dispatch = makeDispatchHandler(() => dispatchDepsOf(deps, queue));
    const start = performance.now();
    const { enqueued } = await dispatch({ at: at.toISOString() });
    return (performance.now() - start) / enqueued;
  };
  try {
    progress(
      `end-to-end: dispatcher through the SQS client (stand-in answering in ${SQS_LATENCY_MS} ms), one shard at a time, running…`,
    );
    const alone = await time(undefined, 3);
    if (alone.read !== 3 * subscribers) {
      progress(
        `end-to-end: warning: the dispatcher with SQS found ${alone.read / 3} due, not ${subscribers}`,
      );
    }
    const { calls: sqsCalls, maxInFlight: maxRequestsInFlight } = await stub.stats();
    const oneAtATime = await time(1, 1);
    const msAllInOne = await allInOne();
    const deployedShards = DEPLOY_DEFAULTS.dueShards;
    const largest = largestShardShare(deployedShards);
    const minutes = (msPerSubscriber: number, share: number) => (msPerSubscriber * 1e6 * share) / 60_000;
    const figures: DispatchSqsFigures = {
      sqsLatencyMs: SQS_LATENCY_MS,
      shards: shards.length,
      deployedShards,
      batchesInFlight: QUEUE_BATCHES_IN_FLIGHT,
      msPerSubscriber: alone.msPerSubscriber,
      msPerSubscriberOneAtATime: oneAtATime.msPerSubscriber,
      cpuMsPerSubscriber: alone.cpuMsPerSubscriber,
      largestShardShare: largest,
      minutesFor1M: minutes(alone.msPerSubscriber, largest),
      minutesFor1MOneAtATime: minutes(oneAtATime.msPerSubscriber, largest),
      minutesFor1MAtLocalShards: minutes(alone.msPerSubscriber, largestShardShare(shards.length)),
      minutesFor1MAllShardsInOneProcess: minutes(msAllInOne, 1),
      sqsCalls,
      maxRequestsInFlight,
    };
    progress(
      `end-to-end: dispatch through SQS: one shard alone takes ${(alone.msPerSubscriber * 1000).toFixed(0)} µs per subscriber ` +
        `(CPU ${(alone.cpuMsPerSubscriber * 1000).toFixed(0)} µs, ${QUEUE_BATCHES_IN_FLIGHT} batches in flight, ${maxRequestsInFlight} requests in flight at most); ` +
        `1,000,000 over ${deployedShards} Lambdas in parallel (largest shard ${(largest * 100).toFixed(2)}%): ${figures.minutesFor1M.toFixed(2)} min, ` +
        `${figures.minutesFor1MOneAtATime.toFixed(2)} min one batch at a time; ${figures.minutesFor1MAtLocalShards.toFixed(2)} min over ${shards.length}; ` +
        `all ${shards.length} shards in one process: ${figures.minutesFor1MAllShardsInOneProcess.toFixed(2)} min`,
    );
    return figures;
  } finally {
    client.destroy();
    await stub.close();
  }
}
