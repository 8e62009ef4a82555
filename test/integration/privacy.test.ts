// The subscriber's data against DynamoDB Local and the SES emulator: exported whole, erased whole.
import { beforeEach, describe, expect, it } from 'vitest';
import { WEEK_RETENTION_DAYS } from '#adapters/dynamo-subscriber-store';
import { addressHash } from '#domain/email-address';
import type { Subscriber } from '#domain/types';
import { makeApiHandler } from '#handlers/api';
import { runWeek } from '#lib/local/stack';
import { apiEvent, EXAMPLE_SUBSCRIPTION, subscribeEvent } from '#test/support/api-events';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';
import {
  freshTable,
  linkFrom,
  localDynamo,
  ManualClock,
  mailbox,
  storeActiveSubscriber,
  tableItems,
  testDeps,
} from '#test/support/local';
import type { CoachDeps } from '#use-cases/deps';

const dynamo = localDynamo();
let tableName: string;
let clock: ManualClock;
let deps: CoachDeps;
let api: ReturnType<typeof makeApiHandler>;

beforeEach(async () => {
  tableName = await freshTable(dynamo);
  clock = new ManualClock(new Date('2026-11-29T17:00:00Z'));
  deps = await testDeps(tableName, clock);
  api = makeApiHandler(async () => deps);
});

const activeSubscriber = (extra: Partial<Subscriber> = {}) =>
  storeActiveSubscriber(deps.store, 'privacy', extra);

/** Two weekly plans sent (weeks of 30 November and 7 December), a report on the first; the link from the newest email. */
async function twoWeeks(subscriber: Subscriber): Promise<string> {
  await runWeek(deps, new Date('2026-11-29T17:00:00Z'));
  await deps.store.saveReport(subscriber.id, '2026-11-30', {
    pain: { score: 3, settledNextMorning: true },
    changes: ['shoes'],
    receivedAt: '2026-12-02T08:00:00.000Z',
  });
  await runWeek(deps, new Date('2026-12-06T17:00:00Z'));
  clock.set('2026-12-08T10:00:00Z');
  const newest = (await mailbox(subscriber.email)).at(-1);
  if (!newest) throw new Error('no plan email');
  return new URL(linkFrom(newest, '/preferences')).searchParams.get('token') ?? '';
}

const call = (method: 'GET' | 'POST', path: string, token: string) =>
  api(apiEvent(method, path, { query: { token } }));

describe('GET /export', () => {
  it('downloads the profile and every week with its report, without the confirmation secret', async () => {
    // Prepare: confirmation nonces left on the profile must never leave the table.
    const subscriber = await activeSubscriber({
      confirmNonce: 'nonce-that-must-stay-private',
      earlierConfirmNonces: [{ nonce: 'earlier-nonce-also-private', expiresAt: '2026-12-09T10:00:00.000Z' }],
    });
    const token = await twoWeeks(subscriber);

    // Act
    const response = await call('GET', '/export', token);

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers?.['content-disposition']).toBe('attachment; filename="knee-coach-data.json"');
    expect(response.headers?.['cache-control']).toBe('no-store');
    const body = response.body ?? '';
    expect(body).toContain('\n  "subscriber": {\n'); // pretty-printed, for a person to read
    expect(body).not.toMatch(/confirmNonce/i);
    expect(body).not.toContain('nonce-that-must-stay-private');
    expect(body).not.toContain('earlier-nonce-also-private');
    const data = JSON.parse(body);
    expect(data.exportedAt).toBe('2026-12-08T10:00:00.000Z');
    expect(data.subscriber).toMatchObject({
      id: subscriber.id,
      email: subscriber.email,
      status: 'active',
      preferences: BERLIN_PREFERENCES,
    });
    expect(data.weeks.map((w: { weekStart: string }) => w.weekStart)).toEqual(['2026-11-30', '2026-12-07']);
    expect(data.weeks[0].plan.runs.length).toBeGreaterThan(0);
    expect(data.weeks[0].report).toEqual({
      pain: { score: 3, settledNextMorning: true },
      changes: ['shoes'],
      receivedAt: '2026-12-02T08:00:00.000Z',
    });
    expect(data.weeks[1].plan.weekNumber).toBe(2);
  });

  it('refuses a link of another purpose or a forged one', async () => {
    // Prepare
    const subscriber = await activeSubscriber();
    const token = await twoWeeks(subscriber);
    const unsubscribeLink = linkFrom((await mailbox(subscriber.email))[0] as never, '/unsubscribe');

    // Act
    const responses = [
      await call('GET', '/export', new URL(unsubscribeLink).searchParams.get('token') ?? ''),
      await call('GET', '/export', `${token}x`),
    ];

    // Assess
    for (const response of responses) {
      expect(response.statusCode).toBe(400);
      expect(response.headers?.['content-type']).toMatch(/^text\/html/);
      expect(response.body).not.toContain(subscriber.email);
    }
  });
});

describe('erasure', () => {
  it('shows what goes on GET, deletes every item of theirs on POST, and the old links then do nothing', async () => {
    // Prepare: someone else's data must stay.
    const subscriber = await activeSubscriber();
    const bystander = await activeSubscriber();
    const token = await twoWeeks(subscriber);
    const before = await tableItems(dynamo, tableName);

    // Act
    const ask = await call('GET', '/erase', token);
    const afterAsk = await tableItems(dynamo, tableName);
    const erased = await call('POST', '/erase', token);

    // Assess
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('Delete your data?');
    expect(ask.body).toMatch(/<form method="post" action="\/erase\?token=[^"]+">/);
    expect(ask.body).not.toContain('fingerprint');
    expect(afterAsk).toEqual(before);
    expect(erased.statusCode).toBe(200);
    expect(erased.body).toContain('Your data is deleted');
    const items = await tableItems(dynamo, tableName);
    expect(items.filter((i) => i.PK?.S === `SUB#${subscriber.id}`)).toEqual([]);
    expect(items.filter((i) => i.PK?.S === `EMAIL#${subscriber.email}`)).toEqual([]);
    expect(JSON.stringify(items)).not.toContain(subscriber.email);
    expect(items.filter((i) => i.PK?.S === `SUB#${bystander.id}`).length).toBeGreaterThan(0);
    expect(items.some((i) => i.PK?.S === `EMAIL#${bystander.email}`)).toBe(true);

    // Act: every old link now answers that it does not work, and changes nothing.
    const later = [
      await call('GET', '/preferences', token),
      await call('POST', '/preferences', token),
      await call('GET', '/export', token),
      await call('GET', '/erase', token),
      await call('POST', '/erase', token),
    ];
    const run = await runWeek(deps, new Date('2026-12-13T17:00:00Z'));

    // Assess
    for (const response of later) {
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('This link does not work');
    }
    expect(run.sent).toBe(1); // the bystander only
    expect(await mailbox(subscriber.email)).toHaveLength(2);
    expect(JSON.stringify(await tableItems(dynamo, tableName))).not.toContain(subscriber.email);
  });

  it('lets the same address subscribe again afterwards', async () => {
    // Prepare
    const subscriber = await activeSubscriber();
    const token = await twoWeeks(subscriber);
    await call('POST', '/erase', token);

    // Act
    const response = await api(subscribeEvent({ email: subscriber.email, ...EXAMPLE_SUBSCRIPTION }));

    // Assess
    expect(response.statusCode).toBe(202);
    const mails = await mailbox(subscriber.email);
    expect(mails.at(-1)?.subject).toMatch(/confirm/i);
    const profiles = (await tableItems(dynamo, tableName)).filter((i) => i.SK?.S === 'PROFILE');
    expect(profiles).toHaveLength(1);
    expect(profiles[0]?.id?.S).not.toBe(subscriber.id);
    expect(profiles[0]?.status?.S).toBe('pending');
  });

  it.each([
    ['with a suppression already recorded', true],
    ['with only the profile marked', false],
  ])(
    'keeps exactly one hashed suppression record for a suppressed address (%s), which stays suppressed',
    async (_, recorded) => {
      // Prepare
      const subscriber = await activeSubscriber();
      const token = await twoWeeks(subscriber);
      const current = (await deps.store.get(subscriber.id)) as Subscriber;
      const suppressed: Subscriber = {
        ...current,
        status: 'suppressed',
        suppressedAt: '2026-12-07T09:00:00.000Z',
        suppressedReason: 'bounce',
        version: current.version + 1,
      };
      delete suppressed.nextSendAt;
      expect(await deps.store.update(suppressed, current.version)).toBe(true);
      if (recorded) await deps.store.addSuppression(addressHash(subscriber.email), 'bounce');
      const sentBefore = (await mailbox(subscriber.email)).length;

      // Act
      const ask = await call('GET', '/erase', token);
      const erased = await call('POST', '/erase', token);
      const again = await api(subscribeEvent({ email: subscriber.email, ...EXAMPLE_SUBSCRIPTION }));

      // Assess
      expect(ask.body).toContain('one-way fingerprint of the address (never the address itself)');
      expect(erased.statusCode).toBe(200);
      expect(again.statusCode).toBe(202); // the same answer as ever: nothing is revealed
      // Besides the suppression, only the sign-up rate counters of that last attempt (hashed, expiring in hours).
      const all = await tableItems(dynamo, tableName);
      expect(all.filter((i) => i.PK?.S?.startsWith('RATE#')).every((i) => Number(i.expiresAt?.N) > 0)).toBe(
        true,
      );
      const items = all.filter((i) => !i.PK?.S?.startsWith('RATE#'));
      expect(items).toHaveLength(1);
      expect(items[0]?.PK?.S).toBe(`SUPPRESS#${addressHash(subscriber.email)}`);
      expect(items[0]?.reason?.S).toBe('erased-after-suppression');
      const everything = JSON.stringify(items);
      expect(everything).not.toContain(subscriber.email);
      expect(everything).not.toContain(subscriber.email.split('@')[0]);
      expect(everything).not.toContain(subscriber.id);
      expect(await deps.store.isSuppressed(addressHash(subscriber.email))).toBe(true);
      expect(await mailbox(subscriber.email)).toHaveLength(sentBefore);
    },
  );
});

describe('retention', () => {
  it('stores each week with its expiry, so plans and pain reports go 400 days after the week', async () => {
    // Prepare
    const subscriber = await activeSubscriber();

    // Act
    await twoWeeks(subscriber);

    // Assess
    const weeks = (await tableItems(dynamo, tableName)).filter((i) => i.SK?.S?.startsWith('WEEK#'));
    expect(weeks).toHaveLength(2);
    for (const week of weeks) {
      const weekStart = week.SK?.S?.slice('WEEK#'.length) ?? '';
      expect(Number(week.expiresAt?.N)).toBe(
        Date.parse(`${weekStart}T00:00:00Z`) / 1000 + WEEK_RETENTION_DAYS * 86_400,
      );
    }
    expect(WEEK_RETENTION_DAYS).toBe(400);
  });
});
