// Sending one subscriber's weekly plan: claim the week exactly once, plan it, render it, send it, record it.

import { engineHistory } from '#domain/history';
import { planWeek } from '#domain/plan';
import { firstRunDay, nextSendAfterWeek, weekStartFor } from '#domain/schedule';
import type { Subscriber, WeekPlan, WeekRecord, WeekSummary } from '#domain/types';
import { reportSummary } from '#domain/week-report';
import { pastWeekOf } from '#email/last-week';
import { renderWeeklyPlanEmail } from '#email/render';
import type { CoachDeps } from './deps';
import { listUnsubscribeHeaders, replyAddress, signedLink, unsubscribeAddress } from './links';
import { CONFLICT, retryOnConflict } from './retry-on-conflict';

// Moved to the domain; re-exported for the modules that import them from here.
export { engineHistory, toHistoryWeek } from '#domain/history';

export type SendWeekOutcome =
  | 'sent'
  | 'not-due'
  | 'not-active'
  | 'already-sent'
  | 'unknown-subscriber'
  | 'claim-released';

const HISTORY_WEEKS = 8;
/** A sweep still sends a claimed week up to this long after its Monday (a day of slack for time zones). */
const RESUMABLE_FOR_MS = 8 * 86_400_000;

/**
 * Sends the plan due by `at` to one subscriber, at most once per week: the week is claimed with a
 * conditional write (together with moving `nextSendAt` on) before anything is sent, so retries and
 * duplicate deliveries find the claim and send nothing. A retry carrying the same `claimId`, or one
 * arriving after the claim went stale (`settings.staleClaimMs`), finishes a claimed-but-unsent week.
 */
export async function sendWeeklyPlan(
  deps: CoachDeps,
  subscriberId: string,
  at: Date,
  claimId: string,
  snapshot?: Subscriber,
): Promise<SendWeekOutcome> {
  const { store } = deps;
  // The dispatcher's snapshot saves a read; the claim's version check catches it if it is stale.
  let known = snapshot?.id === subscriberId ? snapshot : undefined;
  return retryOnConflict(
    'send-week',
    async (): Promise<SendWeekOutcome | typeof CONFLICT> => {
      const fromSnapshot = known !== undefined;
      const subscriber = known ?? (await store.get(subscriberId));
      known = undefined;
      if (subscriber === undefined) return 'unknown-subscriber';
      if (subscriber.status !== 'active') {
        if (fromSnapshot) return CONFLICT; // it may have changed since the dispatcher read it: look again
        return 'not-active';
      }
      const zone = subscriber.preferences.timeZone;
      const weekStart = weekStartFor(at, zone);

      if (subscriber.nextSendAt === undefined || subscriber.nextSendAt > at.toISOString()) {
        // Not due, unless this is a retry of a claim whose email never went out.
        const week = await store.getWeek(subscriberId, weekStart);
        if (week && isResumable(deps, week, claimId)) {
          return finish(deps, subscriber, week, await recentWeeks(deps, subscriber), claimId);
        }
        return 'not-due';
      }

      const history = (await recentWeeks(deps, subscriber)).filter((w) => w.weekStart < weekStart);
      const plan = planWeek({
        profile: subscriber.preferences,
        history: engineHistory(history, subscriber, weekStart),
        weekStart,
        today: firstRunDay(at, subscriber.preferences),
      });
      const now = deps.clock.now();
      const week: WeekRecord = {
        subscriberId,
        weekStart,
        plan,
        status: 'claimed',
        claimId,
        claimedAt: now.toISOString(),
      };
      const advanced: Subscriber = {
        ...subscriber,
        nextSendAt: nextSendAfterWeek(weekStart, subscriber.preferences).toISOString(),
        version: subscriber.version + 1,
        recent: withWeek(history, week),
      };
      // The pause they asked for ends with this week's return plan.
      if (advanced.resumeAt !== undefined && weekStart >= advanced.resumeAt) delete advanced.resumeAt;
      const claim = await store.claimWeek(week, advanced, subscriber.version);
      if (claim === 'claimed') return finish(deps, advanced, week, history, undefined);
      if (claim === 'subscriber-changed') return CONFLICT;

      // The week was claimed before. The dispatcher's snapshot may be stale (they may have unsubscribed
      // since): decide on a fresh read.
      if (fromSnapshot) return CONFLICT;
      // Finish it if it is ours, otherwise just move the schedule on.
      const existing = await store.getWeek(subscriberId, weekStart);
      if (existing && isResumable(deps, existing, claimId)) {
        return finish(deps, subscriber, existing, history, claimId);
      }
      const moved: Subscriber = { ...advanced, recent: subscriber.recent ?? advanced.recent ?? {} };
      return (await store.update(moved, subscriber.version)) ? 'already-sent' : CONFLICT;
    },
    3,
  );
}

/**
 * The last weeks of a subscriber, oldest first: from the copy on the profile, or (for a profile written
 * before the copy existed) read from the week items once.
 */
async function recentWeeks(deps: CoachDeps, subscriber: Subscriber): Promise<WeekSummary[]> {
  if (subscriber.recent) {
    return Object.values(subscriber.recent).sort((a, b) => a.weekStart.localeCompare(b.weekStart));
  }
  return deps.store.recentWeeks(subscriber.id, HISTORY_WEEKS);
}

/** The profile's copy of the last weeks, with the newly claimed one added and the oldest dropped. */
function withWeek(history: WeekSummary[], week: WeekRecord): Record<string, WeekSummary> {
  const summaries = [...history, week].slice(-HISTORY_WEEKS).map(
    (w): WeekSummary => ({
      weekStart: w.weekStart,
      plan: {
        weekNumber: w.plan.weekNumber,
        decision: w.plan.decision,
        unit: w.plan.unit,
        totalVolume: w.plan.totalVolume,
        runs: w.plan.runs,
        ...(w.plan.returnStep === undefined ? {} : { returnStep: w.plan.returnStep }),
      },
      ...(w.report ? { report: reportSummary(w.report) } : {}),
    }),
  );
  return Object.fromEntries(summaries.map((w) => [w.weekStart, w]));
}

/**
 * Finishes a week the sweep found claimed and never sent (its message was lost or parked, or its worker died):
 * sends it once if it is still ours to send, otherwise drops it from the open claims with the reason logged.
 */
export async function resumeClaimedWeek(
  deps: CoachDeps,
  subscriberId: string,
  weekStart: string,
  at: Date,
  claimId: string,
): Promise<SendWeekOutcome> {
  const week = await deps.store.getWeek(subscriberId, weekStart);
  if (week === undefined || week.status !== 'claimed') return 'already-sent';
  // A claim taken over since the sweep read it is someone else's to finish.
  if (!isResumable(deps, week, claimId)) return 'not-due';
  const subscriber = await deps.store.get(subscriberId);
  // Judged against the run's time, so a replayed run (`at` in the past) resumes the weeks it claimed.
  const weekOver = at.getTime() - Date.parse(`${weekStart}T00:00:00Z`) > RESUMABLE_FOR_MS;
  if (subscriber?.status !== 'active' || weekOver) {
    const released = await deps.store.releaseClaim(subscriberId, weekStart, week.claimedAt);
    deps.log.warn('unsent claimed week released', {
      subscriberId,
      weekStart,
      reason: weekOver ? 'week-over' : 'not-active',
      released,
    });
    return 'claim-released';
  }
  return finish(deps, subscriber, week, await recentWeeks(deps, subscriber), claimId);
}

function isResumable(deps: CoachDeps, week: WeekRecord, claimId: string): boolean {
  if (week.status !== 'claimed') return false;
  const age = deps.clock.now().getTime() - Date.parse(week.claimedAt);
  return week.claimId === claimId || age > deps.settings.staleClaimMs;
}

/**
 * Sends a claimed week and marks it sent. `resumeAs` is the delivery's claim id when it finishes a claim it did
 * not just make (a retry, a stale claim, the sweep): it then first takes the claim over conditionally on the
 * `claimedAt` it read, so of two deliveries finishing the same claim at once only one sends.
 */
async function finish(
  deps: CoachDeps,
  subscriber: Subscriber,
  week: WeekRecord,
  history: WeekSummary[],
  resumeAs: string | undefined,
): Promise<SendWeekOutcome> {
  let claimedAt = week.claimedAt;
  const claimId = resumeAs ?? week.claimId;
  if (resumeAs !== undefined) {
    const now = deps.clock.now().toISOString();
    if (!(await deps.store.takeOverClaim(subscriber.id, week.weekStart, week.claimedAt, resumeAs, now))) {
      return 'already-sent';
    }
    claimedAt = now;
  }
  let messageId: string;
  try {
    messageId = await sendPlanEmail(deps, subscriber, week.plan, history);
  } catch (error) {
    // Nothing went out: make the claim stale at once, so the next delivery (a retry, or the dispatcher
    // after a failed first plan) can finish it without waiting for the timeout.
    await deps.store
      .takeOverClaim(subscriber.id, week.weekStart, claimedAt, claimId, new Date(0).toISOString())
      .catch(() => false);
    throw error;
  }
  await deps.store.markWeekSent(subscriber.id, week.weekStart, messageId, deps.clock.now().toISOString());
  deps.metrics.count('PlansSent');
  deps.log.info('weekly plan sent', {
    subscriberId: subscriber.id,
    weekStart: week.weekStart,
    weekNumber: week.plan.weekNumber,
    decision: week.plan.decision,
  });
  return 'sent';
}

async function sendPlanEmail(
  deps: CoachDeps,
  subscriber: Subscriber,
  plan: WeekPlan,
  history: WeekSummary[],
): Promise<string> {
  const now = deps.clock.now();
  const unsubscribeUrl = signedLink(deps.settings, '/unsubscribe', 'unsubscribe', subscriber.id, now);
  const email = renderWeeklyPlanEmail({
    plan,
    timeZone: subscriber.preferences.timeZone,
    runHour: subscriber.preferences.runHour,
    history: history
      .filter((w) => w.weekStart < plan.weekStart)
      .slice(-7)
      .map(pastWeekOf),
    unsubscribeUrl,
    preferencesUrl: signedLink(deps.settings, '/preferences', 'preferences', subscriber.id, now),
    operator: deps.settings.operator,
    now,
  });
  return deps.mailer.send({
    to: subscriber.email,
    replyTo: replyAddress(deps.settings, subscriber.id, plan.weekStart),
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers: listUnsubscribeHeaders(
      unsubscribeUrl,
      unsubscribeAddress(deps.settings, subscriber.id, plan.weekStart),
    ),
    ...(email.attachments ? { attachments: email.attachments } : {}),
  });
}
