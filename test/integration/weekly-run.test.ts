// The weekly run against DynamoDB Local and the SES emulator: dispatch → SQS-shaped batches → send-week.
import type { SQSEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DynamoSubscriberStore } from '#adapters/dynamo-subscriber-store';
import { allDueShards, dueShardOf } from '#domain/due-shard';
import type { Preferences, Subscriber } from '#domain/types';
import { makeSendWeekHandler } from '#handlers/send-week';
import { runWeek } from '#lib/local/stack';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';
import {
  captureLog,
  freshTable,
  localDynamo,
  ManualClock,
  mailbox,
  storeActiveSubscriber,
  testDeps,
} from '#test/support/local';
import type { CoachDeps } from '#use-cases/deps';

const client = localDynamo();
let deps: CoachDeps;
let store: DynamoSubscriberStore;
let clock: ManualClock;

const berlin = BERLIN_PREFERENCES;

const _counter = 0;
const activeSubscriber = (nextSendAt: string, preferences: Preferences = berlin) =>
  storeActiveSubscriber(store, 'weekly', { nextSendAt, preferences });

function sqsEvent(records: { messageId: string; body: string }[]): SQSEvent {
  return {
    Records: records.map((r) => ({
      ...r,
      receiptHandle: r.messageId,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '0',
        SenderId: 'test',
        ApproximateFirstReceiveTimestamp: '0',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:send-week',
      awsRegion: 'eu-west-1',
    })),
  };
}

let currentTable = '';
const tableNameOf = (_deps: CoachDeps) => currentTable;

beforeEach(async () => {
  const tableName = await freshTable(client);
  currentTable = tableName;
  clock = new ManualClock(new Date('2026-11-29T17:00:00Z'));
  deps = await testDeps(tableName, clock);
  store = deps.store as DynamoSubscriberStore;
});

describe('coach run-week', () => {
  it('sends exactly one plan to each subscriber due by the given time, and none to the others', async () => {
    const due = await activeSubscriber('2026-11-29T17:00:00.000Z');
    const dueEarlier = await activeSubscriber('2026-11-29T08:00:00.000Z', {
      ...berlin,
      timeZone: 'Asia/Tokyo',
    });
    const notYet = await activeSubscriber('2026-11-29T17:00:00.001Z');

    const report = await runWeek(deps, new Date('2026-11-29T17:00:00Z'));
    const again = await runWeek(deps, new Date('2026-11-29T17:00:00Z'));

    expect(report).toMatchObject({ due: 2, sent: 2, parked: 0 });
    expect(again).toMatchObject({ due: 0, sent: 0 });
    expect(await mailbox(due.email)).toHaveLength(1);
    expect(await mailbox(dueEarlier.email)).toHaveLength(1);
    expect(await mailbox(notYet.email)).toHaveLength(0);
    expect((await store.get(due.id))?.nextSendAt).toBe('2026-12-06T17:00:00.000Z');
    // Tokyo: Sunday 17:00 local plans the week of 30 November; next is Sunday 6 December 18:00 JST.
    expect((await store.get(dueEarlier.id))?.nextSendAt).toBe('2026-12-06T09:00:00.000Z');
  });

  it('keeps the local send hour across a daylight-saving change', async () => {
    // Europe/Berlin springs forward on Sunday 28 March 2027.
    const runner = await activeSubscriber('2027-03-21T17:00:00.000Z');

    await runWeek(deps, new Date('2027-03-21T17:00:00Z'));
    const afterFirst = (await store.get(runner.id))?.nextSendAt;
    await runWeek(deps, new Date('2027-03-28T16:00:00Z'));
    const afterSecond = (await store.get(runner.id))?.nextSendAt;

    expect(afterFirst).toBe('2027-03-28T16:00:00.000Z'); // 18:00 CEST
    expect(afterSecond).toBe('2027-04-04T16:00:00.000Z');
    const subjects = (await mailbox(runner.email)).map((e) => e.subject);
    expect(subjects).toEqual([expect.stringMatching(/^Week 1:/), expect.stringMatching(/^Week 2:/)]);
  });

  it('catches up with one email for the current week after weeks of downtime', async () => {
    const runner = await activeSubscriber('2026-11-08T17:00:00.000Z');

    const report = await runWeek(deps, new Date('2026-11-29T17:30:00Z'));

    expect(report.sent).toBe(1);
    expect(await mailbox(runner.email)).toHaveLength(1);
    expect((await store.get(runner.id))?.nextSendAt).toBe('2026-12-06T17:00:00.000Z');
  });

  it('ramps the volume week on week from what was planned', async () => {
    const runner = await activeSubscriber('2026-11-29T17:00:00.000Z');
    await runWeek(deps, new Date('2026-11-29T17:00:00Z'));
    await runWeek(deps, new Date('2026-12-06T17:00:00Z'));
    await runWeek(deps, new Date('2026-12-13T17:00:00Z'));

    const weeks = await store.recentWeeks(runner.id, 10);
    expect(weeks.map((w) => w.plan.totalVolume)).toEqual([90, 90 * 1.025, 90 * 1.025 * 1.025]);
    expect(weeks.map((w) => w.status)).toEqual(['sent', 'sent', 'sent']);
    expect((await mailbox(runner.email)).map((e) => e.subject)).toEqual([
      'Week 1: 90 min over 3 runs',
      'Week 2: 92 min over 3 runs',
      'Week 3: 95 min over 3 runs',
    ]);
  });

  it('plans next week from what was reported on the stored week: pain 6/10 backs off', async () => {
    const runner = await activeSubscriber('2026-11-29T17:00:00.000Z');
    await runWeek(deps, new Date('2026-11-29T17:00:00Z'));
    const saved = await store.saveReport(runner.id, '2026-11-30', {
      pain: { score: 6, settledNextMorning: true },
      receivedAt: '2026-12-03T08:00:00.000Z',
    });
    await runWeek(deps, new Date('2026-12-06T17:00:00Z'));

    const weeks = await store.recentWeeks(runner.id, 10);
    expect(saved).toBe(true);
    expect(weeks[0]?.report?.pain?.score).toBe(6);
    expect(weeks[1]?.plan.decision).toBe('back-off');
    expect(weeks[1]?.plan.totalVolume).toBeLessThanOrEqual(0.85 * 90 + 1e-9);
    const [, second] = await mailbox(runner.email);
    expect(second?.subject).toMatch(/^Week 2: easing off, /);
    expect(second?.body.text).toContain('6/10');
    expect(await store.saveReport(runner.id, '2027-01-04', { receivedAt: '2026-12-03T08:00:00.000Z' })).toBe(
      false,
    );
  });

  it('sends one email each when the dispatcher runs twice at once', async () => {
    const runners = await Promise.all(
      [0, 1, 2, 3, 4].map(() => activeSubscriber('2026-11-29T17:00:00.000Z')),
    );

    const reports = await Promise.all([
      runWeek(deps, new Date('2026-11-29T17:00:00Z')),
      runWeek(deps, new Date('2026-11-29T17:00:00Z')),
    ]);

    expect(reports[0].sent + reports[1].sent).toBe(5);
    for (const runner of runners) expect(await mailbox(runner.email)).toHaveLength(1);
  });
});

describe('the run of an hour, one dispatch per due-index shard', () => {
  it('dispatches every shard once, each queueing exactly the due subscribers stored under its key', async () => {
    const log = captureLog();
    deps = await testDeps(currentTable, clock, log);
    store = deps.store as DynamoSubscriberStore;
    const runners = await Promise.all(
      Array.from({ length: 12 }, () => activeSubscriber('2026-11-29T17:00:00.000Z')),
    );
    const shards = deps.settings.dueShards;

    const report = await runWeek(deps, new Date('2026-11-29T17:00:00Z'));

    const finished = log.lines.filter((l) => l.message === 'dispatch finished').map((l) => l.fields);
    expect(finished.map((f) => f.shards).toSorted()).toEqual(allDueShards(shards).map((shard) => [shard]));
    for (const f of finished) {
      const [shard] = f.shards as number[];
      const own = runners.filter((r) => dueShardOf(r.id, shards) === shard);
      expect(f).toMatchObject({ at: '2026-11-29T17:00:00.000Z', enqueued: own.length, of: shards });
    }
    expect(report).toMatchObject({ due: 12, sent: 12, parked: 0, resumed: 0 });
    for (const runner of runners) expect(await mailbox(runner.email)).toHaveLength(1);
  });
});

describe('cost and races', () => {
  it('uses at most 3 DynamoDB operations and exactly one SES call per subscriber-week', async () => {
    const runners = await Promise.all(
      Array.from({ length: 12 }, () => activeSubscriber('2026-11-29T17:00:00.000Z')),
    );
    // First weeks are in: from now on each profile carries its recent weeks.
    await runWeek(deps, new Date('2026-11-29T17:00:00Z'));
    let dynamoOps = 0;
    let sesCalls = 0;
    const countingDynamo = localDynamo();
    countingDynamo.middlewareStack.add(
      (next) => async (args) => {
        dynamoOps++;
        return next(args);
      },
      { step: 'initialize' },
    );
    const counted = await testDeps(tableNameOf(deps), clock, captureLog(), {}, countingDynamo);
    const mailer = {
      send: (email: Parameters<CoachDeps['mailer']['send']>[0]) => {
        sesCalls++;
        return counted.mailer.send(email);
      },
    };

    const report = await runWeek({ ...counted, mailer }, new Date('2026-12-06T17:00:00Z'));

    expect(report.sent).toBe(runners.length);
    expect(sesCalls).toBe(runners.length);
    // Per run, one due-index page and one (empty) claim-index page per shard, amortized over the list; per
    // subscriber, the conditional claim and the week's record.
    expect(dynamoOps).toBeLessThanOrEqual(2 * runners.length + 2 * counted.settings.dueShards);
  });

  it('loses no pain report when a reply and the weekly run touch the same subscriber at once', async () => {
    const runner = await activeSubscriber('2026-11-29T17:00:00.000Z');
    await runWeek(deps, new Date('2026-11-29T17:00:00Z'));

    await Promise.all([
      store.saveReport(runner.id, '2026-11-30', {
        pain: { score: 6, settledNextMorning: true },
        receivedAt: '2026-12-06T17:00:00.000Z',
      }),
      runWeek(deps, new Date('2026-12-06T17:00:00Z')),
    ]);

    const profile = await store.get(runner.id);
    expect((await store.getWeek(runner.id, '2026-11-30'))?.report?.pain?.score).toBe(6);
    expect(profile?.recent?.['2026-11-30']?.report?.pain?.score).toBe(6);
    expect(Object.keys(profile?.recent ?? {})).toEqual(['2026-11-30', '2026-12-07']);
  });
});

describe('the send-week handler', () => {
  it('sends once when the same message arrives twice, in one batch or two', async () => {
    const runner = await activeSubscriber('2026-11-29T17:00:00.000Z');
    const handler = makeSendWeekHandler(async () => deps);
    const body = JSON.stringify({ subscriberId: runner.id, at: '2026-11-29T17:00:00.000Z' });

    const first = await handler(
      sqsEvent([
        { messageId: 'm1', body },
        { messageId: 'm2', body },
      ]),
    );
    const second = await handler(sqsEvent([{ messageId: 'm1', body }]));

    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    expect(await mailbox(runner.email)).toHaveLength(1);
  });

  it('reports malformed records as failures and still processes the rest of the batch', async () => {
    const runner = await activeSubscriber('2026-11-29T17:00:00.000Z');
    const handler = makeSendWeekHandler(async () => deps);

    const result = await handler(
      sqsEvent([
        { messageId: 'bad-json', body: '{not json' },
        { messageId: 'bad-shape', body: JSON.stringify({ subscriberId: 'UPPER CASE', at: 'yesterday' }) },
        {
          messageId: 'good',
          body: JSON.stringify({ subscriberId: runner.id, at: '2026-11-29T17:00:00.000Z' }),
        },
      ]),
    );

    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['bad-json', 'bad-shape']);
    expect(await mailbox(runner.email)).toHaveLength(1);
  });

  it('finishes a claimed week when the send failed, on the retry of the same message, exactly once', async () => {
    const runner = await activeSubscriber('2026-11-29T17:00:00.000Z');
    let failNext = true;
    const flaky: CoachDeps = {
      ...deps,
      mailer: {
        send: (email) => {
          if (failNext) {
            failNext = false;
            return Promise.reject(new Error('SES throttled'));
          }
          return deps.mailer.send(email);
        },
      },
    };
    const handler = makeSendWeekHandler(async () => flaky);
    const event = sqsEvent([
      {
        messageId: 'm-retry',
        body: JSON.stringify({ subscriberId: runner.id, at: '2026-11-29T17:00:00.000Z' }),
      },
    ]);

    const first = await handler(event);
    const retry = await handler(event);
    const duplicate = await handler(
      sqsEvent([
        {
          messageId: 'm-other',
          body: JSON.stringify({ subscriberId: runner.id, at: '2026-11-29T17:00:00.000Z' }),
        },
      ]),
    );

    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'm-retry' }]);
    expect(retry.batchItemFailures).toEqual([]);
    expect(duplicate.batchItemFailures).toEqual([]);
    expect(await mailbox(runner.email)).toHaveLength(1);
    expect((await store.getWeek(runner.id, '2026-11-30'))?.status).toBe('sent');
  });

  it('never sends on a retry whose snapshot is stale: unsubscribed after a failed first attempt', async () => {
    const runner = await activeSubscriber('2026-11-29T17:00:00.000Z');
    const snapshot = await store.get(runner.id);
    let failing = true;
    const flaky: CoachDeps = {
      ...deps,
      mailer: {
        send: (email) => (failing ? Promise.reject(new Error('SES throttled')) : deps.mailer.send(email)),
      },
    };
    const handler = makeSendWeekHandler(async () => flaky);
    const event = sqsEvent([
      {
        messageId: 'm-stale',
        body: JSON.stringify({ subscriberId: runner.id, at: '2026-11-29T17:00:00.000Z', snapshot }),
      },
    ]);

    expect((await handler(event)).batchItemFailures).toHaveLength(1);
    const current = await store.get(runner.id);
    await store.update(
      { ...(current as Subscriber), status: 'unsubscribed', version: (current?.version ?? 0) + 1 },
      current?.version ?? 0,
    );
    failing = false;
    const retry = await handler(event);

    expect(retry.batchItemFailures).toEqual([]);
    expect(await mailbox(runner.email)).toHaveLength(0);
  });

  it('lets only one of two deliveries take over a claim whose email never went out', async () => {
    const runner = await activeSubscriber('2026-11-29T17:00:00.000Z');
    let failing = true;
    const flaky: CoachDeps = {
      ...deps,
      mailer: {
        send: (email) => (failing ? Promise.reject(new Error('SES down')) : deps.mailer.send(email)),
      },
    };
    const body = JSON.stringify({ subscriberId: runner.id, at: '2026-11-29T17:00:00.000Z' });
    await makeSendWeekHandler(async () => flaky)(sqsEvent([{ messageId: 'first', body }]));
    failing = false;
    // The failed send released its claim at once; two other deliveries now race to finish it.
    const handler = makeSendWeekHandler(async () => deps);
    await Promise.all([
      handler(sqsEvent([{ messageId: 'second', body }])),
      handler(sqsEvent([{ messageId: 'third', body }])),
    ]);
    expect(await mailbox(runner.email)).toHaveLength(1);
    expect((await store.getWeek(runner.id, '2026-11-30'))?.status).toBe('sent');
  });

  it('sends nothing to a subscriber who unsubscribed after being queued', async () => {
    const runner = await activeSubscriber('2026-11-29T17:00:00.000Z');
    await store.update({ ...runner, status: 'unsubscribed', version: 2 }, 1);
    const handler = makeSendWeekHandler(async () => deps);

    const result = await handler(
      sqsEvent([
        { messageId: 'm', body: JSON.stringify({ subscriberId: runner.id, at: '2026-11-29T17:00:00.000Z' }) },
      ]),
    );

    expect(result.batchItemFailures).toEqual([]);
    expect(await mailbox(runner.email)).toHaveLength(0);
  });
});
