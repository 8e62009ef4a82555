// Pausing and resuming a plan, asked for in a reply or on the preferences page: the same flags, the same words.
import { addWeeks } from '#domain/schedule';
import type { Subscriber, WeekRecord } from '#domain/types';
import { formatDate } from '#email/format';
import type { CoachDeps } from './deps';
import { CONFLICT, retryOnConflict } from './retry-on-conflict';

export type PauseCommand = { kind: 'pause'; weeks?: number } | { kind: 'resume' };

/**
 * Applies a pause or a resume to a profile being written (only `resumeAt` changes) and returns the sentence
 * that tells the subscriber. A pause for some weeks ends by itself: the plan of `resumeAt` is a return week.
 */
export function applyPauseToProfile(next: Subscriber, command: PauseCommand, latestWeek: string): string {
  if (command.kind === 'resume') {
    delete next.resumeAt;
    return 'Welcome back: we will ease you in gently.';
  }
  if (command.weeks === undefined) {
    delete next.resumeAt;
    return 'Your plan is paused until you tell us. Reply "resume" whenever you are ready.';
  }
  next.resumeAt = addWeeks(latestWeek, command.weeks + 1);
  return `Paused for ${command.weeks} week${command.weeks === 1 ? '' : 's'}: your plan picks up again from ${formatDate(next.resumeAt)} with an easy return week.`;
}

/**
 * Marks the newest week paused or resumed, keeping everything else they reported for it: the next plan is
 * built from this week, and the engine reads `paused` from it.
 */
export async function markLatestWeek(
  deps: Pick<CoachDeps, 'store'>,
  latest: WeekRecord,
  paused: boolean,
  now: Date,
): Promise<void> {
  await deps.store.saveReport(latest.subscriberId, latest.weekStart, {
    ...(latest.report ?? {}),
    receivedAt: now.toISOString(),
    paused,
  });
}

/**
 * Whether the next plan will be a rest week because they asked for a break: the engine's own rule (a pause
 * lasts until an explicit resume), a red flag on the newest week, or a pause with an end date.
 */
export function isPlanPaused(subscriber: Subscriber, latest: WeekRecord | undefined): boolean {
  if (subscriber.resumeAt !== undefined) return true;
  if (latest === undefined) return false;
  const report = latest.report;
  if (report?.paused === true || (report?.redFlags?.length ?? 0) > 0) return true;
  return latest.plan.decision === 'pause' && report?.paused !== false;
}

export type PauseOutcome =
  | { kind: 'paused' | 'resumed'; subscriber: Subscriber; message: string }
  | { kind: 'no-plan-yet' }
  | { kind: 'not-subscribed' }
  | { kind: 'unknown-subscriber' };

/** Pauses or resumes from the preferences page: the newest week's report, then the profile (optimistic, retried). */
export async function pauseOrResume(
  deps: CoachDeps,
  subscriberId: string,
  command: PauseCommand,
): Promise<PauseOutcome> {
  const now = deps.clock.now();
  return retryOnConflict('pause', async (): Promise<PauseOutcome | typeof CONFLICT> => {
    const subscriber = await deps.store.get(subscriberId);
    if (subscriber === undefined) return { kind: 'unknown-subscriber' };
    if (subscriber.status !== 'active') return { kind: 'not-subscribed' };
    // A pause is stored on a week: before the first plan there is none to store it on.
    const latest = (await deps.store.recentWeeks(subscriberId, 1))[0];
    if (latest === undefined) return { kind: 'no-plan-yet' };
    const next: Subscriber = { ...subscriber, version: subscriber.version + 1 };
    const message = applyPauseToProfile(next, command, latest.weekStart);
    if (!(await deps.store.update(next, subscriber.version))) return CONFLICT;
    // After the profile: storing the flag on the week bumps the profile's version too.
    await markLatestWeek(deps, latest, command.kind === 'pause', now);
    deps.log.info(command.kind === 'pause' ? 'plan paused' : 'plan resumed', {
      subscriberId,
      ...(command.kind === 'pause' ? { weeks: command.weeks ?? null } : {}),
    });
    return { kind: command.kind === 'pause' ? 'paused' : 'resumed', subscriber: next, message };
  });
}
