// The dispatch Lambda: run hourly by EventBridge Scheduler, it queues every subscriber whose plan is due.
import * as z from 'zod/mini';
import { type DispatchDeps, dispatchDeps } from '#lambdas/compose/index';
import { type DispatchResult, dispatchDue } from '#use-cases/dispatch';
import { sweepOpenClaims } from '#use-cases/sweep-claims';

/** The schedule sends an empty object; an explicit `at` replays a run as of that time. */
export const dispatchEventSchema = z.looseObject({
  at: z.optional(z.iso.datetime({ offset: true })),
});

export function makeDispatchHandler(getDeps: () => Promise<DispatchDeps> | DispatchDeps) {
  return async (event: unknown): Promise<DispatchResult & { resumed: number }> => {
    const deps = await getDeps();
    const parsed = dispatchEventSchema.safeParse(event ?? {});
    if (!parsed.success) {
      deps.log.error('dispatch event rejected', { issues: parsed.error.issues.map((i) => i.message) });
      throw new Error('invalid dispatch event: "at" must be an ISO date-time');
    }
    const at = parsed.data.at ? new Date(parsed.data.at) : deps.clock.now();
    // Weeks claimed earlier and never sent first, then everyone due now.
    const resumed = await sweepOpenClaims(deps, at);
    return { ...(await dispatchDue(deps, at)), resumed };
  };
}

export const handler = makeDispatchHandler(dispatchDeps);
