// The sweep before each dispatch: weeks claimed but never sent (their message was lost, parked in the dead-letter
// queue, or its worker was killed) are queued again, so no week is dropped.
import { allDueShards } from '#domain/due-shard';
import type { Clock, SendWeekMessage, SubscriberStore } from '#lambdas/ports';
import type { Log } from './deps';
import { type QueueingDeps, queuePages } from './dispatch';

export interface SweepDeps extends QueueingDeps {
  store: SubscriberStore;
  log: Log;
  clock: Clock;
  dueShards: number;
  /** A claim older than this (and still not sent) is queued again. */
  staleClaimMs: number;
}

/**
 * Queries the given shards of the claim index (all of them unless told; a claim lives in its subscriber's due
 * shard, so each shard's dispatch sweeps its own) for claims older than the stale window and queues one message per
 * claimed week, naming the week. The send takes the claim over conditionally, so a claim that a retry or
 * another sweep finishes meanwhile is sent once. Returns how many were queued.
 */
export async function sweepOpenClaims(
  deps: SweepDeps,
  at: Date,
  shards: readonly number[] = allDueShards(deps.dueShards),
): Promise<number> {
  const claimedBefore = new Date(deps.clock.now().getTime() - deps.staleClaimMs).toISOString();
  const atIso = at.toISOString();
  const counts = await Promise.all(
    shards.map((shard) =>
      queuePages(
        deps,
        (cursor) => deps.store.queryOpenClaims(shard, claimedBefore, cursor),
        (claim): SendWeekMessage => ({
          subscriberId: claim.subscriberId,
          at: atIso,
          weekStart: claim.weekStart,
        }),
      ),
    ),
  );
  const requeued = counts.reduce((a, b) => a + b, 0);
  if (requeued > 0) deps.log.warn('unsent claimed weeks queued again', { requeued, claimedBefore, shards });
  return requeued;
}
