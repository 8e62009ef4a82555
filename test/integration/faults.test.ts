// Faults injected at our adapters' seams (never by editing the services): SES throttling during a weekly run of
// 1,000 subscribers, and a worker that dies between claiming a week and sending it.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeEach, expect, inject, it } from 'vitest';
import type { Subscriber } from '#domain/types';
import { randomIds } from '#lambdas/compose/index';
import type { Mailer } from '#lambdas/ports';
import { runWeek } from '#lib/local/stack';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';
import { captureLog, freshTable, localDynamo, ManualClock, mailbox, testDeps } from '#test/support/local';
import type { CoachDeps } from '#use-cases/deps';
import { sendWeeklyPlan } from '#use-cases/send-week';

const dynamo = localDynamo();
let deps: CoachDeps;
let clock: ManualClock;

let table = '';
const tableNameOf = () => table;

beforeEach(async () => {
  clock = new ManualClock(new Date('2026-11-29T17:00:00Z'));
  table = await freshTable(dynamo);
  deps = await testDeps(table, clock, captureLog());
});

function subscriber(email: string): Subscriber {
  return {
    id: randomIds.newId(),
    email,
    status: 'active',
    preferences: BERLIN_PREFERENCES,
    createdAt: '2026-11-01T00:00:00.000Z',
    nextSendAt: '2026-11-29T17:00:00.000Z',
    confirmSends: 0,
    version: 1,
  };
}

/** A seeded share of SES calls fails with throttling or a 5xx, at most twice for any one recipient. */
function throttlingMailer(inner: Mailer, share: number, seed: number): Mailer & { failures: number } {
  let state = seed;
  const failedFor = new Map<string, number>();
  const mailer = {
    failures: 0,
    send: async (email: Parameters<Mailer['send']>[0]) => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      const unlucky = state / 2_147_483_648 < share;
      const times = failedFor.get(email.to) ?? 0;
      if (unlucky && times < 2) {
        failedFor.set(email.to, times + 1);
        mailer.failures++;
        const error = new Error(times % 2 === 0 ? 'Maximum sending rate exceeded.' : 'Service unavailable');
        error.name = times % 2 === 0 ? 'TooManyRequestsException' : 'InternalFailure';
        throw error;
      }
      return inner.send(email);
    },
  };
  return mailer;
}

it('sends every one of 1,000 subscribers exactly one email while a quarter of SES calls are throttled', async () => {
  const run = randomIds.newId().slice(0, 6);
  const emails = Array.from({ length: 1000 }, (_, i) => `fault-${run}-${i}@example.com`);
  for (let i = 0; i < emails.length; i += 25) {
    await Promise.all(emails.slice(i, i + 25).map((e) => deps.store.createPending(subscriber(e), e)));
  }
  const mailer = throttlingMailer(deps.mailer, 0.25, 42);

  const report = await runWeek({ ...deps, mailer }, new Date('2026-11-29T17:00:00Z'));

  expect(mailer.failures).toBeGreaterThan(100);
  expect(report).toMatchObject({ due: 1000, sent: 1000, parked: 0 });
  const received = new Map<string, number>();
  for (const email of await mailbox()) {
    for (const to of email.destination.to) received.set(to, (received.get(to) ?? 0) + 1);
  }
  expect(emails.filter((e) => received.get(e) !== 1)).toEqual([]);
  // Nothing is left due: running the week again sends nothing.
  expect((await runWeek(deps, new Date('2026-11-29T17:00:00Z'))).sent).toBe(0);
}, 180_000);

it('takes over, after the timeout, a claim left by a worker that died before sending; once', async () => {
  const email = `died-${randomIds.newId()}@example.com`;
  const runner = subscriber(email);
  await deps.store.createPending(runner, email);
  // The worker claims the week, then its process is killed: no send, no release.
  const dying: CoachDeps = {
    ...deps,
    mailer: {
      send: () => new Promise<string>(() => undefined), // never returns: the process dies here
    },
  };
  void sendWeeklyPlan(dying, runner.id, clock.now(), 'worker-that-died');
  await expect.poll(async () => (await deps.store.getWeek(runner.id, '2026-11-30'))?.status).toBe('claimed');

  // Before the timeout another delivery leaves the claim alone; after it, one delivery takes over.
  expect(await sendWeeklyPlan(deps, runner.id, clock.now(), 'redelivery-early')).toBe('not-due');
  clock.set(new Date(clock.now().getTime() + deps.settings.staleClaimMs + 1000).toISOString());
  const outcomes = await Promise.all([
    sendWeeklyPlan(deps, runner.id, new Date('2026-11-29T17:00:00Z'), 'redelivery-a'),
    sendWeeklyPlan(deps, runner.id, new Date('2026-11-29T17:00:00Z'), 'redelivery-b'),
  ]);

  // Exactly one takes over and sends. The other lost the conditional takeover ('already-sent'), or read the
  // week after the takeover, when the claim was fresh again, and left it alone ('not-due'): both send nothing.
  const [loser, winner] = outcomes.sort();
  expect(winner).toBe('sent');
  expect(['already-sent', 'not-due']).toContain(loser);
  expect(await mailbox(email)).toHaveLength(1);
  expect((await deps.store.getWeek(runner.id, '2026-11-30'))?.status).toBe('sent');
});

it('recovers a week whose worker process was killed between the claim and the send', async () => {
  const email = `killed-${randomIds.newId()}@example.com`;
  const runner = subscriber(email);
  await deps.store.createPending(runner, email);

  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, '../support/die-after-claim.ts')],
    {
      env: {
        ...process.env,
        tableName: tableNameOf(),
        dynamoEndpoint: inject('dynamoEndpoint'),
        sesEndpoint: inject('sesEndpoint'),
        subscriberId: runner.id,
        at: '2026-11-29T17:00:00.000Z',
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  expect(child.signal).toBe('SIGKILL');
  expect((await deps.store.getWeek(runner.id, '2026-11-30'))?.status).toBe('claimed');
  expect(await mailbox(email)).toHaveLength(0);

  clock.set(new Date(clock.now().getTime() + deps.settings.staleClaimMs + 1000).toISOString());
  expect(await sendWeeklyPlan(deps, runner.id, new Date('2026-11-29T17:00:00Z'), 'redelivery')).toBe('sent');
  expect(await mailbox(email)).toHaveLength(1);
});

it('sends, at the next hourly run, the week of a worker killed mid-send whose message is gone', async () => {
  const email = `swept-${randomIds.newId()}@example.com`;
  const runner = subscriber(email);
  await deps.store.createPending(runner, email);
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', resolve(import.meta.dirname, '../support/die-after-claim.ts')],
    {
      env: {
        ...process.env,
        tableName: tableNameOf(),
        dynamoEndpoint: inject('dynamoEndpoint'),
        sesEndpoint: inject('sesEndpoint'),
        subscriberId: runner.id,
        at: '2026-11-29T17:00:00.000Z',
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  expect(child.signal).toBe('SIGKILL');

  // No redelivery comes: the next runs' sweeps must find the claim. Within the window they leave it alone.
  clock.set('2026-11-29T17:10:00.000Z');
  const early = await runWeek(deps, new Date('2026-11-29T17:00:00Z'));
  clock.set('2026-11-29T18:00:00.000Z');
  const hourly = await runWeek(deps, new Date('2026-11-29T18:00:00Z'));
  const after = await runWeek(deps, new Date('2026-11-29T19:00:00Z'));

  expect(early).toMatchObject({ due: 0, resumed: 0, sent: 0 });
  expect(hourly).toMatchObject({ due: 0, resumed: 1, sent: 1 });
  expect(after).toMatchObject({ due: 0, resumed: 0, sent: 0 });
  expect(await mailbox(email)).toHaveLength(1);
  expect((await deps.store.getWeek(runner.id, '2026-11-30'))?.status).toBe('sent');
});

it('sends, at the next run, the week whose message was parked in the dead-letter queue', async () => {
  const emails = [0, 1, 2].map((i) => `parked-${i}-${randomIds.newId()}@example.com`);
  for (const e of emails) await deps.store.createPending(subscriber(e), e);
  // SES refuses every send to the first address: its message fails five times and is parked.
  const refusing: Mailer = {
    send: async (email) => {
      if (email.to === emails[0])
        throw Object.assign(new Error('Service unavailable'), { name: 'InternalFailure' });
      return deps.mailer.send(email);
    },
  };

  const first = await runWeek({ ...deps, mailer: refusing }, new Date('2026-11-29T17:00:00Z'));
  const delivered = await mailbox(emails[0]);
  clock.set('2026-11-29T18:00:00.000Z');
  const next = await runWeek(deps, new Date('2026-11-29T18:00:00Z'));

  expect(first).toMatchObject({ due: 3, sent: 2, parked: 1 });
  expect(delivered).toHaveLength(0);
  expect(next).toMatchObject({ due: 0, resumed: 1, sent: 1, parked: 0 });
  for (const e of emails) expect(await mailbox(e)).toHaveLength(1);
}, 60_000);
