// The hourly dispatch runs once per due-index shard (one schedule each on AWS): the event names the shard, each
// run sweeps and queries only its own, and together the runs queue every due subscriber exactly once, as one run
// of all shards does. A shard dispatched twice still sends each week once; a bad event changes nothing.
import type { SQSEvent } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allDueShards, dueShardOf } from '#domain/due-shard';
import type { Subscriber } from '#domain/types';
import { makeDispatchHandler, shardsOf } from '#handlers/dispatch';
import { makeSendWeekHandler } from '#handlers/send-week';
import { dispatchDepsOf } from '#lambdas/compose/index';
import type { SendWeekMessage } from '#lambdas/ports';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';
import { type MemoryDeps, memoryDeps } from '#test/support/memory-deps';

// Sunday 6 December 2026, 18:00 in Berlin: the plan for the week of Monday 7 December is due.
const AT = new Date('2026-12-06T17:00:00.000Z');

function subscriber(id: string, nextSendAt: string): Subscriber {
  return {
    id,
    email: `${id}@example.com`,
    status: 'active',
    preferences: BERLIN_PREFERENCES,
    createdAt: '2026-11-20T10:00:00.000Z',
    confirmedAt: '2026-11-20T10:05:00.000Z',
    nextSendAt,
    confirmSends: 1,
    version: 1,
  };
}

async function world(ids: string[], notDue: Set<string> = new Set()) {
  const clock = { current: AT };
  const deps = memoryDeps({ now: () => clock.current });
  const queued: SendWeekMessage[] = [];
  for (const id of ids) {
    const next = notDue.has(id) ? '2026-12-13T17:00:00.000Z' : AT.toISOString();
    await deps.store.createPending(subscriber(id, next), `${id}@example.com`);
  }
  const dispatch = makeDispatchHandler(() =>
    dispatchDepsOf(deps, { enqueue: async (messages) => void queued.push(...messages) }),
  );
  return { deps, queued, dispatch, clock };
}

const sendWeek = (deps: MemoryDeps) => makeSendWeekHandler(async () => deps);
const sqsEvent = (messages: SendWeekMessage[]) =>
  ({
    Records: messages.map((m, i) => ({ messageId: `m-${i}`, body: JSON.stringify(m) })),
  }) as unknown as SQSEvent;
const ids = fc.uniqueArray(fc.stringMatching(/^[a-z2-7]{4,26}$/), { minLength: 0, maxLength: 40 });

describe('which shards a dispatch event asks for', () => {
  it('names every shard exactly once across the runs of an hour, and each run one shard', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), (dueShards) => {
        const runs = allDueShards(dueShards).map((shard) =>
          shardsOf({ at: AT.toISOString(), shard }, dueShards),
        );
        const shards = runs.flatMap((r) => (typeof r === 'string' ? [] : r.shards));
        expect(runs.every((r) => typeof r !== 'string' && r.shards.length === 1)).toBe(true);
        expect(shards.toSorted((a, b) => a - b)).toEqual(Array.from({ length: dueShards }, (_, i) => i));
        // Without a shard, one run walks them all.
        expect(shardsOf({ at: AT.toISOString() }, dueShards)).toEqual({
          at: AT.toISOString(),
          shards: shards.toSorted((a, b) => a - b),
        });
      }),
    );
  });

  it('refuses a shard the deployment does not have, or one that is not a whole number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.oneof(
          fc.integer({ min: 64, max: 10_000 }),
          fc.integer({ max: -1 }),
          fc.double({ noInteger: true }),
          fc.string(),
          fc.constant(null),
        ),
        (dueShards, shard) => {
          expect(shardsOf({ shard }, dueShards)).toBe(
            `invalid dispatch event: "shard" must be a whole number from 0 to ${dueShards - 1}`,
          );
        },
      ),
    );
    expect(shardsOf({ at: 'yesterday', shard: 'x' }, 4)).toBe(
      'invalid dispatch event: "at" must be an ISO date-time; "shard" must be a whole number from 0 to 3',
    );
    expect(shardsOf('go', 4)).toBe('invalid dispatch event: not an object');
  });
});

describe('the dispatch of one shard', () => {
  it('queues, over one run per shard, exactly the messages one run of all shards queues', async () => {
    await fc.assert(
      fc.asyncProperty(ids, fc.func(fc.boolean()), async (subscriberIds, dueOrNot) => {
        const notDue = new Set(subscriberIds.filter((id) => dueOrNot(id)));
        const all = await world(subscriberIds, notDue);
        const perShard = await world(subscriberIds, notDue);
        const shards = all.deps.settings.dueShards;

        const whole = await all.dispatch({ at: AT.toISOString() });
        const runs = [];
        for (const shard of allDueShards(shards)) {
          const before = perShard.queued.length;
          const result = await perShard.dispatch({ at: AT.toISOString(), shard });
          runs.push({ shard, result, queued: perShard.queued.slice(before) });
        }

        const key = (m: SendWeekMessage) => JSON.stringify(m);
        expect(perShard.queued.map(key).toSorted()).toEqual(all.queued.map(key).toSorted());
        const due = subscriberIds.filter((id) => !notDue.has(id)).toSorted();
        expect(perShard.queued.map((m) => m.subscriberId).toSorted()).toEqual(due);
        expect(runs.reduce((sum, r) => sum + r.result.enqueued, 0)).toBe(whole.enqueued);
        for (const run of runs) {
          // A run queues only its own shard's subscribers (the memory store hashes as the Dynamo one writes).
          expect(run.queued.every((m) => dueShardOf(m.subscriberId, shards) === run.shard)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('sweeps only its own shard of the claim index', async () => {
    const w = await world(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel']);
    const shards = w.deps.settings.dueShards;
    // Every week claimed by a worker that never came back, long enough ago to be stale.
    await w.dispatch({ at: AT.toISOString() });
    const messages = w.queued.splice(0);
    const send = sendWeek(w.deps);
    const hang = w.deps.mailer;
    w.deps.mailer = { send: () => new Promise<string>(() => undefined) };
    for (const m of messages) void send(sqsEvent([m]));
    for (let i = 0; i < 100; i++) await new Promise((r) => setImmediate(r));
    w.deps.mailer = hang;
    expect(messages).toHaveLength(8);
    expect(w.deps.sent).toEqual([]);
    w.clock.current = new Date(AT.getTime() + w.deps.settings.staleClaimMs + 60_000);

    for (const shard of allDueShards(shards)) {
      const result = await w.dispatch({ at: AT.toISOString(), shard });
      const resumed = w.queued.splice(0);
      const own = messages.filter((m) => dueShardOf(m.subscriberId, shards) === shard);
      expect(result).toMatchObject({ resumed: own.length, enqueued: 0 });
      expect(resumed.map((m) => m.subscriberId).toSorted()).toEqual(
        own.map((m) => m.subscriberId).toSorted(),
      );
    }
  });

  it('sends each week once when a shard is dispatched twice (a retried or duplicated schedule run)', async () => {
    await fc.assert(
      fc.asyncProperty(ids, fc.integer({ min: 0, max: 3 }), async (subscriberIds, shard) => {
        const w = await world(subscriberIds);
        await w.dispatch({ at: AT.toISOString(), shard });
        await w.dispatch({ at: AT.toISOString(), shard });
        const first = w.queued.splice(0);
        // Both runs' messages, delivered in one batch and then again (SQS delivers at least once).
        await sendWeek(w.deps)(sqsEvent(first));
        await sendWeek(w.deps)(sqsEvent(first));
        await w.dispatch({ at: AT.toISOString(), shard });

        const own = subscriberIds.filter((id) => dueShardOf(id, w.deps.settings.dueShards) === shard);
        expect(w.deps.sent.map((e) => e.to).toSorted()).toEqual(
          own.map((id) => `${id}@example.com`).toSorted(),
        );
        // Sent, so no longer due: the third run of the hour finds nobody.
        expect(w.queued).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('rejects a bad event with a clear error and reads and queues nothing', async () => {
    const w = await world(['alpha', 'bravo']);
    let reads = 0;
    const { store } = w.deps;
    const queryDue = store.queryDue.bind(store);
    const queryOpenClaims = store.queryOpenClaims.bind(store);
    store.queryDue = (...args) => {
      reads++;
      return queryDue(...args);
    };
    store.queryOpenClaims = (...args) => {
      reads++;
      return queryOpenClaims(...args);
    };

    await expect(w.dispatch({ at: AT.toISOString(), shard: 4 })).rejects.toThrow(
      'invalid dispatch event: "shard" must be a whole number from 0 to 3',
    );
    await expect(w.dispatch({ at: AT.toISOString(), shard: '1' })).rejects.toThrow(/"shard" must be/);

    expect(reads).toBe(0);
    expect(w.queued).toEqual([]);
    expect(w.deps.logged).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'dispatch event rejected' }),
    );
  });
});
