// The contract every SubscriberStore keeps, as one suite run against each implementation (DynamoDB Local
// in the `local` project, the in-memory store in the unit tests): uniqueness, optimistic concurrency,
// week claims, reports, erasure and the due index.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { planWeek } from '#domain/plan';
import { type Subscriber, subscriberSchema, type WeekRecord } from '#domain/types';
import type { SubscriberStore } from '#lambdas/ports';
import { BERLIN_PREFERENCES } from './fixtures';
import { arbitrarySubscriber } from './stored-shapes';

export interface StoreUnderTest {
  store: SubscriberStore;
  /** The ids of every profile stored, to check that a refused write left nothing behind. */
  profileIds(): Promise<string[]>;
}

/** Each store is made with four due-index shards. */
export const CONTRACT_DUE_SHARDS = 4;

const preferences = BERLIN_PREFERENCES;

export function contractSubscriber(id: string, overrides: Partial<Subscriber> = {}): Subscriber {
  return {
    id,
    email: `${id}@example.com`,
    status: 'pending',
    preferences,
    createdAt: '2026-11-20T10:00:00.000Z',
    confirmNonce: `nonce${id}`,
    confirmSends: 1,
    version: 1,
    ...overrides,
  };
}

export function contractWeek(subscriberId: string, weekStart: string, claimId = 'claim-1'): WeekRecord {
  return {
    subscriberId,
    weekStart,
    plan: planWeek({ profile: preferences, history: [], weekStart }),
    status: 'claimed',
    claimId,
    claimedAt: '2026-11-29T17:00:00.000Z',
  };
}

export function storeContract(makeStore: () => Promise<StoreUnderTest>): void {
  let store: SubscriberStore;
  let under: StoreUnderTest;
  const subscriber = contractSubscriber;
  const week = contractWeek;

  beforeEach(async () => {
    under = await makeStore();
    store = under.store;
  });

  describe('subscribers', () => {
    it('creates a pending subscriber and reserves the address', async () => {
      // Act
      const result = await store.createPending(subscriber('aaaa'), 'aaaa@example.com');
      // Assess
      expect(result).toBe('created');
      expect(await store.findIdByEmail('aaaa@example.com')).toBe('aaaa');
      expect(await store.get('aaaa')).toMatchObject({ id: 'aaaa', status: 'pending', version: 1 });
    });

    it('lets only one of many concurrent subscriptions of the same address through', async () => {
      const results = await Promise.all(
        ['bbba', 'bbbb', 'bbbc', 'bbbd', 'bbbe'].map((id) =>
          store.createPending(subscriber(id), 'same@example.com'),
        ),
      );
      expect(results.filter((r) => r === 'created')).toHaveLength(1);
      const owner = await store.findIdByEmail('same@example.com');
      // The losers wrote nothing at all: the reservation and the profile are one transaction.
      expect(await under.profileIds()).toEqual([owner]);
    });

    it('refuses an update made from a stale version and keeps the newer data', async () => {
      await store.createPending(subscriber('cccc'), 'cccc@example.com');
      const first = await store.update(subscriber('cccc', { status: 'active', version: 2 }), 1);
      const stale = await store.update(subscriber('cccc', { status: 'unsubscribed', version: 2 }), 1);
      expect(first).toBe(true);
      expect(stale).toBe(false);
      expect((await store.get('cccc'))?.status).toBe('active');
    });

    it('refuses an update of a subscriber that is not stored', async () => {
      expect(await store.update(subscriber('nobody', { version: 2 }), 1)).toBe(false);
      expect(await store.get('nobody')).toBeUndefined();
    });

    it('reads back every field of any subscriber it stored (write, read, nothing lost)', async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          arbitrarySubscriber(fc.constant('x')).map((s) => ({ ...s, id: `rt${n++}` })),
          async (written) => {
            // Act
            expect(await store.createPending(written, `${written.id}@example.com`)).toBe('created');
            const read = await store.get(written.id);
            // Assess: equal, and equal to what the domain's schema makes of it (no default filled in).
            expect(read).toEqual(written);
            expect(subscriberSchema.parse(written)).toEqual(written);
          },
        ),
        { numRuns: 25 },
      );
    });
  });

  describe('week claims', () => {
    it('claims a week once; a second claim finds it, and nothing else changes', async () => {
      await store.createPending(
        subscriber('dddd', { status: 'active', nextSendAt: '2026-11-29T17:00:00.000Z' }),
        'd@x.io',
      );
      const advanced = subscriber('dddd', {
        status: 'active',
        nextSendAt: '2026-12-06T17:00:00.000Z',
        version: 2,
      });

      const first = await store.claimWeek(week('dddd', '2026-11-30'), advanced, 1);
      const second = await store.claimWeek(
        week('dddd', '2026-11-30', 'claim-2'),
        { ...advanced, version: 3 },
        2,
      );

      expect(first).toBe('claimed');
      expect(second).toBe('week-exists');
      const stored = await store.getWeek('dddd', '2026-11-30');
      expect(stored?.claimId).toBe('claim-1');
      expect((await store.get('dddd'))?.version).toBe(2);
    });

    it('writes neither the week nor the profile when the profile changed meanwhile', async () => {
      await store.createPending(
        subscriber('eeee', { status: 'active', nextSendAt: '2026-11-29T17:00:00.000Z' }),
        'e@x.io',
      );
      const result = await store.claimWeek(
        week('eeee', '2026-11-30'),
        subscriber('eeee', { status: 'active', version: 6 }),
        5,
      );
      expect(result).toBe('subscriber-changed');
      expect(await store.getWeek('eeee', '2026-11-30')).toBeUndefined();
    });

    it('marks a week sent and lists recent weeks oldest first', async () => {
      for (const w of ['2026-11-16', '2026-11-23', '2026-11-30']) {
        await store.claimWeek(week('ffff', w), subscriber('ffff', { version: 1 }), 0).catch(() => undefined);
      }
      // The profile does not exist yet, so claims above failed; create it and claim for real.
      await store.createPending(subscriber('ffff', { status: 'active' }), 'f@x.io');
      let version = 1;
      for (const w of ['2026-11-16', '2026-11-23', '2026-11-30']) {
        expect(
          await store.claimWeek(
            week('ffff', w),
            subscriber('ffff', { status: 'active', version: version + 1 }),
            version,
          ),
        ).toBe('claimed');
        version++;
      }
      await store.markWeekSent('ffff', '2026-11-30', 'msg-1', '2026-11-29T17:00:01.000Z');

      const recent = await store.recentWeeks('ffff', 2);
      expect(recent.map((w) => w.weekStart)).toEqual(['2026-11-23', '2026-11-30']);
      expect(recent[1]).toMatchObject({ status: 'sent', messageId: 'msg-1' });
      expect((await store.allWeeks('ffff')).map((w) => w.weekStart)).toEqual([
        '2026-11-16',
        '2026-11-23',
        '2026-11-30',
      ]);
    });

    it('lets only one taker take over a stale claim, and none once it is sent', async () => {
      await store.createPending(subscriber('hhhh', { status: 'active' }), 'h@x.io');
      await store.claimWeek(
        week('hhhh', '2026-11-30'),
        subscriber('hhhh', { status: 'active', version: 2 }),
        1,
      );
      const claimedAt = '2026-11-29T17:00:00.000Z';

      const takers = await Promise.all(
        ['t1', 't2', 't3'].map((id) =>
          store.takeOverClaim('hhhh', '2026-11-30', claimedAt, id, '2026-11-29T17:30:00.000Z'),
        ),
      );
      await store.markWeekSent('hhhh', '2026-11-30', 'msg', '2026-11-29T17:31:00.000Z');
      const late = await store.takeOverClaim(
        'hhhh',
        '2026-11-30',
        '2026-11-29T17:30:00.000Z',
        't4',
        '2026-11-29T18:00:00.000Z',
      );

      expect(takers.filter(Boolean)).toHaveLength(1);
      expect(late).toBe(false);
      expect((await store.getWeek('hhhh', '2026-11-30'))?.claimId).toBe(
        ['t1', 't2', 't3'][takers.indexOf(true)],
      );
    });
  });

  describe('open claims', () => {
    /** Claims `id`'s week with the given claim time; the profile is created first. */
    async function claimAt(id: string, weekStart: string, claimedAt: string): Promise<void> {
      await store.createPending(subscriber(id, { status: 'active' }), `${id}@x.io`);
      const result = await store.claimWeek(
        { ...week(id, weekStart), claimedAt },
        subscriber(id, { status: 'active', version: 2 }),
        1,
      );
      expect(result).toBe('claimed');
    }

    async function openClaims(before: string, pageSize?: number): Promise<string[]> {
      const found: string[] = [];
      for (let shard = 0; shard < CONTRACT_DUE_SHARDS; shard++) {
        let cursor: string | undefined;
        do {
          const page = await store.queryOpenClaims(shard, before, cursor, pageSize);
          if (pageSize !== undefined) expect(page.items.length).toBeLessThanOrEqual(pageSize);
          found.push(...page.items.map((c) => `${c.subscriberId} ${c.weekStart} ${c.claimedAt}`));
          cursor = page.cursor;
        } while (cursor);
      }
      return found.sort();
    }

    it('finds claimed, unsent weeks claimed before the cut-off, across all shards, page by page', async () => {
      const old = ['oa', 'ob', 'oc', 'od', 'oe'];
      for (const id of old) await claimAt(id, '2026-11-30', '2026-11-29T17:00:00.000Z');
      await claimAt('of', '2026-11-30', '2026-11-29T17:20:00.000Z');
      await claimAt('og', '2026-11-30', '2026-11-29T17:00:00.000Z');
      await store.markWeekSent('og', '2026-11-30', 'msg', '2026-11-29T17:00:02.000Z');

      const found = await openClaims('2026-11-29T17:15:00.000Z', 2);

      expect(found).toEqual(old.map((id) => `${id} 2026-11-30 2026-11-29T17:00:00.000Z`));
      expect(await openClaims('2026-11-29T18:00:00.000Z')).toContain(
        'of 2026-11-30 2026-11-29T17:20:00.000Z',
      );
    });

    it('moves a taken-over claim to its new time, and drops it once sent', async () => {
      await claimAt('ta', '2026-11-30', '2026-11-29T17:00:00.000Z');

      expect(
        await store.takeOverClaim(
          'ta',
          '2026-11-30',
          '2026-11-29T17:00:00.000Z',
          'sweep',
          '2026-11-29T18:00:00.000Z',
        ),
      ).toBe(true);
      const afterTakeOver = await openClaims('2026-11-29T17:30:00.000Z');
      const later = await openClaims('2026-11-29T19:00:00.000Z');
      await store.markWeekSent('ta', '2026-11-30', 'msg', '2026-11-29T18:00:01.000Z');

      expect(afterTakeOver).toEqual([]);
      expect(later).toEqual(['ta 2026-11-30 2026-11-29T18:00:00.000Z']);
      expect(await openClaims('2026-11-29T19:00:00.000Z')).toEqual([]);
    });

    it('releases a claim only while it carries the expected time, leaving the week claimed and unsent', async () => {
      await claimAt('ra', '2026-11-30', '2026-11-29T17:00:00.000Z');
      await claimAt('rb', '2026-11-30', '2026-11-29T17:00:00.000Z');

      const stale = await store.releaseClaim('ra', '2026-11-30', '2026-11-29T16:00:00.000Z');
      const released = await store.releaseClaim('ra', '2026-11-30', '2026-11-29T17:00:00.000Z');
      const missing = await store.releaseClaim('ra', '2026-11-23', '2026-11-29T17:00:00.000Z');

      expect(stale).toBe(false);
      expect(released).toBe(true);
      expect(missing).toBe(false);
      expect(await openClaims('2026-11-30T00:00:00.000Z')).toEqual([
        'rb 2026-11-30 2026-11-29T17:00:00.000Z',
      ]);
      expect(await store.getWeek('ra', '2026-11-30')).toMatchObject({
        status: 'claimed',
        claimId: 'claim-1',
      });
    });

    it('never lists a sent week, whatever the order of claims and sends', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z]{6}$/), fc.boolean()), {
            minLength: 1,
            maxLength: 6,
            selector: ([id]) => id,
          }),
          async (cases) => {
            // Each run in its own ids, so one store serves every run.
            run++;
            for (const [id, sent] of cases) {
              await claimAt(`${id}${run}`, '2026-11-30', '2026-11-29T17:00:00.000Z');
              if (sent)
                await store.markWeekSent(`${id}${run}`, '2026-11-30', 'msg', '2026-11-29T17:00:01.000Z');
            }
            const expected = cases
              .filter(([, sent]) => !sent)
              .map(([id]) => `${id}${run} 2026-11-30 2026-11-29T17:00:00.000Z`);
            const found = (await openClaims('2026-11-30T00:00:00.000Z')).filter(
              (c) => /^[a-z]{6}(\d+) /.exec(c)?.[1] === String(run),
            );
            expect(found).toEqual(expected.sort());
          },
        ),
        { numRuns: 15 },
      );
    });
  });

  describe('reports', () => {
    it("stores a report on the week and on the profile's copy of it, bumping the profile's version", async () => {
      const weekStart = '2026-11-30';
      const summary = { weekStart, plan: { ...week('iiii', weekStart).plan } };
      await store.createPending(
        subscriber('iiii', { status: 'active', recent: { [weekStart]: summary } }),
        'i@x.io',
      );
      await store.claimWeek(
        week('iiii', weekStart),
        subscriber('iiii', { status: 'active', version: 2, recent: { [weekStart]: summary } }),
        1,
      );
      const report = { pain: { score: 2, settledNextMorning: true }, receivedAt: '2026-12-01T08:00:00.000Z' };

      // Act
      const saved = await store.saveReport('iiii', weekStart, report);
      const missing = await store.saveReport('iiii', '2026-11-23', report);

      // Assess
      expect(saved).toBe(true);
      expect(missing).toBe(false);
      expect((await store.getWeek('iiii', weekStart))?.report).toEqual(report);
      const profile = await store.get('iiii');
      expect(profile?.recent?.[weekStart]?.report).toEqual(report);
      expect(profile?.version).toBe(3);
    });

    it("keeps a report's watch-file activities on the week only, not on the profile's copy", async () => {
      const weekStart = '2026-11-30';
      const summary = { weekStart, plan: { ...week('fafa', weekStart).plan } };
      await store.createPending(
        subscriber('fafa', { status: 'active', recent: { [weekStart]: summary } }),
        'fa@x.io',
      );
      await store.claimWeek(
        week('fafa', weekStart),
        subscriber('fafa', { status: 'active', version: 2, recent: { [weekStart]: summary } }),
        1,
      );
      const activity = {
        startedAt: '2026-12-01T06:00:00Z',
        sport: 'run' as const,
        distanceKm: 6,
        movingMinutes: 36,
        fingerprint: 'f1',
      };
      const report = {
        done: { runs: 1, volume: 6, longestRun: 6 },
        actualVolume: 6,
        activities: [activity],
        receivedAt: '2026-12-01T08:00:00.000Z',
      };

      // Act
      expect(await store.saveReport('fafa', weekStart, report)).toBe(true);

      // Assess
      expect((await store.getWeek('fafa', weekStart))?.report?.activities).toEqual([activity]);
      const copy = (await store.get('fafa'))?.recent?.[weekStart]?.report;
      expect(copy).toEqual({ done: report.done, actualVolume: 6, receivedAt: report.receivedAt });
    });

    it('saves a report only over the one read, when asked: a report written in between is not lost', async () => {
      await store.createPending(subscriber('cccc', { status: 'active' }), 'c@x.io');
      await store.claimWeek(
        week('cccc', '2026-11-30'),
        subscriber('cccc', { status: 'active', version: 2 }),
        1,
      );
      const first = { pain: { score: 2, settledNextMorning: true }, receivedAt: '2026-12-01T08:00:00.000Z' };
      const second = { pain: { score: 3, settledNextMorning: true }, receivedAt: '2026-12-01T09:00:00.000Z' };

      // Act: the first onto no report; a second that read no report loses; one that read the first wins.
      const onNone = await store.saveReport('cccc', '2026-11-30', first, null);
      const stale = await store.saveReport('cccc', '2026-11-30', second, null);
      const staleTime = await store.saveReport('cccc', '2026-11-30', second, '2026-12-01T07:00:00.000Z');
      const fresh = await store.saveReport('cccc', '2026-11-30', second, first.receivedAt);
      const missing = await store.saveReport('cccc', '2026-11-23', second, null);

      // Assess
      expect([onNone, stale, staleTime, fresh, missing]).toEqual([true, 'changed', 'changed', true, false]);
      expect((await store.getWeek('cccc', '2026-11-30'))?.report).toEqual(second);
    });

    it('stores a report on a week the profile keeps no copy of, leaving the profile alone', async () => {
      await store.createPending(subscriber('jjjj', { status: 'active' }), 'j@x.io');
      await store.claimWeek(
        week('jjjj', '2026-11-30'),
        subscriber('jjjj', { status: 'active', version: 2 }),
        1,
      );
      const report = { paused: true, receivedAt: '2026-12-01T08:00:00.000Z' };

      expect(await store.saveReport('jjjj', '2026-11-30', report)).toBe(true);
      expect((await store.getWeek('jjjj', '2026-11-30'))?.report).toEqual(report);
      expect((await store.get('jjjj'))?.version).toBe(2);
    });
  });

  describe('erasure, suppression and rate limits', () => {
    it('erases the profile, its weeks and its address reservation, and nobody else', async () => {
      await store.createPending(subscriber('kkkk', { status: 'active' }), 'k@x.io');
      await store.createPending(subscriber('llll', { status: 'active' }), 'l@x.io');
      await store.claimWeek(
        week('kkkk', '2026-11-30'),
        subscriber('kkkk', { status: 'active', version: 2 }),
        1,
      );

      await store.erase('kkkk', 'k@x.io');

      expect(await store.get('kkkk')).toBeUndefined();
      expect(await store.allWeeks('kkkk')).toEqual([]);
      expect(await store.findIdByEmail('k@x.io')).toBeUndefined();
      expect(await store.findIdByEmail('l@x.io')).toBe('llll');
      expect(await under.profileIds()).toEqual(['llll']);
    });

    it('remembers suppressed addresses by hash', async () => {
      await store.addSuppression('hash-1', 'bounce');
      expect(await store.isSuppressed('hash-1')).toBe(true);
      expect(await store.isSuppressed('hash-2')).toBe(false);
    });

    it('allows a rate-limited action up to its limit in a window', async () => {
      const taken = [];
      for (let i = 0; i < 4; i++) taken.push(await store.takeRateLimit('key', 3, 2_000_000_000));
      expect(taken).toEqual([true, true, true, false]);
      expect(await store.takeRateLimit('other', 3, 2_000_000_000)).toBe(true);
    });
  });

  describe('the due index', () => {
    it('finds only active subscribers due by the given time, across all shards, page by page', async () => {
      const due = ['ga', 'gb', 'gc', 'gd', 'ge', 'gf', 'gg'];
      for (const id of due) {
        await store.createPending(
          subscriber(id, { status: 'active', nextSendAt: '2026-11-29T17:00:00.000Z' }),
          `${id}@x.io`,
        );
      }
      await store.createPending(
        subscriber('gh', { status: 'active', nextSendAt: '2026-11-29T17:00:00.001Z' }),
        'gh@x.io',
      );
      await store.createPending(
        subscriber('gi', { status: 'pending', nextSendAt: '2026-11-01T00:00:00.000Z' }),
        'gi@x.io',
      );
      await store.createPending(
        subscriber('gj', { status: 'unsubscribed', nextSendAt: '2026-11-01T00:00:00.000Z' }),
        'gj@x.io',
      );

      const found: string[] = [];
      for (let shard = 0; shard < CONTRACT_DUE_SHARDS; shard++) {
        let cursor: string | undefined;
        do {
          const page = await store.queryDue(shard, '2026-11-29T17:00:00.000Z', cursor, 2);
          expect(page.items.length).toBeLessThanOrEqual(2);
          // The stored profile as it is, which parses back to the subscriber (send-week parses it).
          for (const item of page.items) {
            expect(subscriberSchema.parse(item.snapshot).id).toBe(item.subscriberId);
            expect(Object.keys(item.snapshot ?? {})).not.toContain('PK');
          }
          found.push(...page.items.map((i) => i.subscriberId));
          cursor = page.cursor;
        } while (cursor);
      }
      expect(found.sort()).toEqual(due);
    });
  });
}
