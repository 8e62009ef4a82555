// The dispatch Lambda: run hourly by EventBridge Scheduler, once per due-index shard, it queues every subscriber
// of that shard whose plan is due.
import * as z from 'zod/mini';
import { allDueShards } from '#domain/due-shard';
import { type DispatchDeps, dispatchDeps } from '#lambdas/compose/index';
import { type DispatchResult, dispatchDue } from '#use-cases/dispatch';
import { sweepOpenClaims } from '#use-cases/sweep-claims';

/**
 * Each hourly schedule sends `{ at, shard }`: the scheduled hour and the one shard that invocation walks. An
 * event without `shard` (a replay by hand, the local stack) walks every shard; without `at` it runs as of now.
 */
export const dispatchEventSchema = z.looseObject({
  at: z.optional(z.iso.datetime({ offset: true })),
  shard: z.optional(z.int().check(z.gte(0))),
});

/** The time and shards an event asks for, or why it is refused (such as a shard this deployment lacks). */
export function shardsOf(event: unknown, dueShards: number): { at?: string; shards: number[] } | string {
  const parsed = dispatchEventSchema.safeParse(event ?? {});
  const rules: Record<string, string> = {
    at: '"at" must be an ISO date-time',
    shard: `"shard" must be a whole number from 0 to ${dueShards - 1}`,
  };
  const wrong = parsed.success
    ? []
    : parsed.error.issues.map((i) => rules[String(i.path[0])] ?? 'not an object');
  const shard = parsed.success ? parsed.data.shard : undefined;
  if (shard !== undefined && shard >= dueShards) wrong.push(rules.shard as string);
  if (!parsed.success || wrong.length > 0) return `invalid dispatch event: ${[...new Set(wrong)].join('; ')}`;
  const { at } = parsed.data;
  return {
    ...(at === undefined ? {} : { at }),
    shards: shard === undefined ? allDueShards(dueShards) : [shard],
  };
}

export function makeDispatchHandler(getDeps: () => Promise<DispatchDeps> | DispatchDeps) {
  return async (event: unknown): Promise<DispatchResult & { resumed: number }> => {
    const deps = await getDeps();
    const asked = shardsOf(event, deps.dueShards);
    if (typeof asked === 'string') {
      deps.log.error('dispatch event rejected', { reason: asked });
      throw new Error(asked);
    }
    const at = asked.at ? new Date(asked.at) : deps.clock.now();
    // Weeks claimed earlier and never sent first, then everyone due now; both for these shards only.
    const resumed = await sweepOpenClaims(deps, at, asked.shards);
    return { ...(await dispatchDue(deps, at, asked.shards)), resumed };
  };
}

export const handler = makeDispatchHandler(dispatchDeps);
