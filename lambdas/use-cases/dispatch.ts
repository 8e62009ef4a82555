// The weekly dispatcher: find every subscriber due by a given time through the due index and queue their sends.
import { allDueShards } from '#domain/due-shard';
import type { SendQueue, SendWeekMessage, SubscriberStore } from '#lambdas/ports';
import type { Log } from './deps';

export const QUEUE_BATCH_SIZE = 10;
/**
 * SQS batches sent at once per shard while a page is queued: a page of 500 is 50 batches, and one after the
 * other they would take 50 round trips. On AWS each shard has a Lambda of its own, so this is 10 requests in
 * flight per invocation; a run of all shards in one process (locally, or a replay without a shard) has 10 per
 * shard, and the SDK queues what goes past its 50 sockets.
 */
export const QUEUE_BATCHES_IN_FLIGHT = 10;

export interface QueueingDeps {
  queue: SendQueue;
  /** SQS batches in flight at once per shard (default QUEUE_BATCHES_IN_FLIGHT). */
  batchesInFlight?: number;
}

/** Queues the messages in batches of ten, at most `batchesInFlight` batches at once; rejects if any batch fails. */
export async function enqueueInBatches(deps: QueueingDeps, messages: SendWeekMessage[]): Promise<void> {
  const batches: SendWeekMessage[][] = [];
  for (let i = 0; i < messages.length; i += QUEUE_BATCH_SIZE)
    batches.push(messages.slice(i, i + QUEUE_BATCH_SIZE));
  const inFlight = Math.max(1, Math.min(deps.batchesInFlight ?? QUEUE_BATCHES_IN_FLIGHT, batches.length));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      if (batch) await deps.queue.enqueue(batch);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

export interface DispatchResult {
  at: string;
  enqueued: number;
}

/**
 * Queries the given shards of the due index (all of them unless told; on AWS one per invocation) in parallel,
 * never a scan, and enqueues each page in batches of ten, several batches at once.
 */
export async function dispatchDue(
  deps: QueueingDeps & { store: SubscriberStore; log: Log; dueShards: number },
  at: Date,
  shards: readonly number[] = allDueShards(deps.dueShards),
): Promise<DispatchResult> {
  const atIso = at.toISOString();
  const counts = await Promise.all(
    shards.map((shard) =>
      queuePages(
        deps,
        (cursor) => deps.store.queryDue(shard, atIso, cursor),
        (item) => ({
          subscriberId: item.subscriberId,
          at: atIso,
          ...(item.snapshot ? { snapshot: item.snapshot } : {}),
        }),
      ),
    ),
  );
  const enqueued = counts.reduce((a, b) => a + b, 0);
  deps.log.info('dispatch finished', { at: atIso, enqueued, shards, of: deps.dueShards });
  return { at: atIso, enqueued };
}

/**
 * Walks one shard page by page and queues each page's messages, reading the next page while the current one is
 * queued (the two take about as long as each other on AWS, so a shard takes about the longer of them, not both).
 * Returns how many messages were queued.
 */
export async function queuePages<T>(
  deps: QueueingDeps,
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; cursor?: string }>,
  toMessage: (item: T) => SendWeekMessage,
): Promise<number> {
  let count = 0;
  let next = fetchPage(undefined);
  for (;;) {
    const page = await next;
    const { cursor } = page;
    if (cursor !== undefined) {
      next = fetchPage(cursor);
      // If queueing this page fails, the run fails with that error; a failure of the read ahead is then moot.
      next.catch(() => undefined);
    }
    const messages = page.items.map(toMessage);
    await enqueueInBatches(deps, messages);
    count += messages.length;
    if (cursor === undefined) return count;
  }
}
