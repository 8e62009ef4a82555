// The weekly dispatcher: find every subscriber due by a given time through the due index and queue their sends.
import type { SendQueue, SendWeekMessage, SubscriberStore } from '#lambdas/ports';
import type { Log } from './deps';

export const QUEUE_BATCH_SIZE = 10;

export interface DispatchResult {
  at: string;
  enqueued: number;
}

/** Queries every shard of the due index in parallel (never a scan) and enqueues batches of ten. */
export async function dispatchDue(
  deps: { store: SubscriberStore; queue: SendQueue; log: Log; dueShards: number },
  at: Date,
): Promise<DispatchResult> {
  const atIso = at.toISOString();
  const counts = await Promise.all(
    Array.from({ length: deps.dueShards }, async (_, shard) => {
      let cursor: string | undefined;
      let count = 0;
      do {
        const page = await deps.store.queryDue(shard, atIso, cursor);
        const messages: SendWeekMessage[] = page.items.map((item) => ({
          subscriberId: item.subscriberId,
          at: atIso,
          ...(item.subscriber ? { snapshot: item.subscriber } : {}),
        }));
        for (let i = 0; i < messages.length; i += QUEUE_BATCH_SIZE) {
          await deps.queue.enqueue(messages.slice(i, i + QUEUE_BATCH_SIZE));
        }
        count += messages.length;
        cursor = page.cursor;
      } while (cursor !== undefined);
      return count;
    }),
  );
  const enqueued = counts.reduce((a, b) => a + b, 0);
  deps.log.info('dispatch finished', { at: atIso, enqueued, shards: deps.dueShards });
  return { at: atIso, enqueued };
}
