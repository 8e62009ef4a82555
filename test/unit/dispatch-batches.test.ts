// The dispatcher queues a page's SQS batches several at a time, within a bound: every message once, in batches
// of at most ten, never more batches in flight than the bound, and a batch SQS refuses fails the run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemorySubscriberStore } from '#adapters/memory-subscriber-store';
import type { SendQueue, SendWeekMessage } from '#lambdas/ports';
import { contractSubscriber } from '#test/support/store-contract';
import { dispatchDue, enqueueInBatches, QUEUE_BATCHES_IN_FLIGHT, queuePages } from '#use-cases/dispatch';

/** A queue whose every batch takes a few turns of the event loop, recording how many were in flight at once. */
function slowQueue(fail?: (batch: SendWeekMessage[]) => boolean) {
  const batches: SendWeekMessage[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const queue: SendQueue & { batches: typeof batches; maxInFlight(): number } = {
    batches,
    maxInFlight: () => maxInFlight,
    async enqueue(messages) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
      inFlight--;
      if (fail?.(messages)) throw new Error('SQS refused the batch');
      batches.push(messages);
    },
  };
  return queue;
}

const message = (i: number): SendWeekMessage => ({ subscriberId: `s${i}`, at: '2026-12-06T17:00:00.000Z' });

describe('queueing a page in batches', () => {
  it('queues every message once, in batches of at most ten, within the bound of batches in flight', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 1, max: 20 }),
        async (count, bound) => {
          const queue = slowQueue();
          const messages = Array.from({ length: count }, (_, i) => message(i));

          await enqueueInBatches({ queue, batchesInFlight: bound }, messages);

          const queued = queue.batches.flat().map((m) => m.subscriberId);
          expect(queued.sort()).toEqual(messages.map((m) => m.subscriberId).sort());
          expect(queue.batches.every((b) => b.length >= 1 && b.length <= 10)).toBe(true);
          expect(queue.batches).toHaveLength(Math.ceil(count / 10));
          const batches = Math.ceil(count / 10);
          expect(queue.maxInFlight()).toBe(Math.min(bound, batches));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('sends ten batches at once by default', async () => {
    const queue = slowQueue();

    await enqueueInBatches(
      { queue },
      Array.from({ length: 500 }, (_, i) => message(i)),
    );

    expect(QUEUE_BATCHES_IN_FLIGHT).toBe(10);
    expect(queue.maxInFlight()).toBe(10);
  });

  it('fails the run when SQS refuses a batch, so the scheduler retries it', async () => {
    const queue = slowQueue((batch) => batch.some((m) => m.subscriberId === 's42'));

    await expect(
      enqueueInBatches(
        { queue },
        Array.from({ length: 100 }, (_, i) => message(i)),
      ),
    ).rejects.toThrow('SQS refused the batch');
  });

  it('dispatches every due subscriber across the shards with batches in flight', async () => {
    const store = new MemorySubscriberStore(4);
    for (let i = 0; i < 230; i++) {
      const id = `due${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`;
      await store.createPending(
        contractSubscriber(id, { status: 'active', nextSendAt: '2026-12-06T17:00:00.000Z' }),
        `${id}@x.io`,
      );
    }
    const queue = slowQueue();

    const result = await dispatchDue(
      { store, queue, log: { info: () => {}, warn: () => {}, error: () => {} }, dueShards: 4 },
      new Date('2026-12-06T17:00:00.000Z'),
    );

    expect(result.enqueued).toBe(230);
    expect(new Set(queue.batches.flat().map((m) => m.subscriberId)).size).toBe(230);
    expect(queue.maxInFlight()).toBeGreaterThan(4);
  });

  it('reads the next page while queueing the current one, and queues every page once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 8 }),
        async (sizes) => {
          const events: string[] = [];
          const queue: SendQueue = {
            async enqueue(messages) {
              events.push(`queue ${messages[0]?.subscriberId.split('-')[0]} start`);
              for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
              events.push(`queue ${messages[0]?.subscriberId.split('-')[0]} end`);
            },
          };
          const fetchPage = async (cursor: string | undefined) => {
            const index = cursor === undefined ? 0 : Number(cursor);
            events.push(`read p${index}`);
            const items = Array.from({ length: sizes[index] ?? 0 }, (_, i) => `p${index}-${i}`);
            return index + 1 < sizes.length ? { items, cursor: String(index + 1) } : { items };
          };

          const count = await queuePages({ queue }, fetchPage, (id) => ({
            subscriberId: id,
            at: '2026-12-06T17:00:00.000Z',
          }));

          expect(count).toBe(sizes.reduce((a, b) => a + b, 0));
          expect(events.filter((e) => e.startsWith('read'))).toEqual(sizes.map((_, i) => `read p${i}`));
          // Page i+1 is read before page i's first batch is queued.
          for (let i = 0; i + 1 < sizes.length; i++) {
            const firstQueued = events.indexOf(`queue p${i} start`);
            if (firstQueued >= 0) expect(events.indexOf(`read p${i + 1}`)).toBeLessThan(firstQueued);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('fails with the queue error when a page cannot be queued, leaving no read ahead unhandled', async () => {
    const queue: SendQueue = {
      enqueue: async () => {
        throw new Error('SQS refused the batch');
      },
    };
    const fetchPage = async (cursor: string | undefined) => {
      if (cursor !== undefined) throw new Error('the read ahead failed too');
      return { items: ['a'], cursor: '1' };
    };

    await expect(
      queuePages({ queue }, fetchPage, (id) => ({ subscriberId: id, at: '2026-12-06T17:00:00.000Z' })),
    ).rejects.toThrow('SQS refused the batch');
  });
});
