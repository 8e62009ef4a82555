// The weeks the plan engine learns from: stored weeks as it sees them, and a finished pause turned into a resume.
import type { DoneReport, HistoryWeek } from './plan';
import { MOST_MISSED_DAYS } from './plan-decision';
import type { Subscriber, Unit, WeekSummary } from './types';
import { convertVolume } from './units';

/**
 * A stored week as the engine sees it: the plan that was sent and what the subscriber reported, in the
 * subscriber's current unit (they may have switched since).
 */
export function toHistoryWeek(record: WeekSummary, unit: Unit = record.plan.unit): HistoryWeek {
  const { plan, report } = record;
  const to = (amount: number) => convertVolume(amount, plan.unit, unit);
  return {
    weekStart: record.weekStart,
    weekNumber: plan.weekNumber,
    decision: plan.decision,
    runs: plan.runs.map((r) => ({
      date: r.date,
      amount: to(r.amount),
      kind: r.kind,
      // Intervals are timed: kept while the unit is still minutes (the next session builds on them).
      ...(r.intervals !== undefined && unit === 'min' ? { intervals: r.intervals } : {}),
    })),
    totalVolume: to(plan.totalVolume),
    ...(plan.returnStep === undefined ? {} : { returnStep: plan.returnStep }),
    ...(report?.actualVolume === undefined ? {} : { actualVolume: to(report.actualVolume) }),
    ...engineReport(report, to),
    ...(report?.pain ? { pain: report.pain } : {}),
    ...(report?.changes?.length ? { changes: report.changes } : {}),
    ...(report?.redFlags?.length ? { redFlags: report.redFlags } : {}),
    ...(report?.paused === undefined ? {} : { paused: report.paused }),
  };
}

/**
 * What the engine reads of the reply's newer parts: what was done, illness, days away, a limit on the next
 * week's run days, a request.
 */
function engineReport(report: WeekSummary['report'], to: (amount: number) => number): Partial<HistoryWeek> {
  if (!report) return {};
  const week: Partial<HistoryWeek> = {};
  const done = report.done;
  if (done) {
    const engineDone: DoneReport = {
      ...(done.runs === undefined ? {} : { runs: done.runs }),
      ...(done.volume === undefined ? {} : { volume: to(done.volume) }),
      ...(done.longestRun === undefined ? {} : { longestRun: to(done.longestRun) }),
    };
    if (Object.keys(engineDone).length > 0) week.done = engineDone;
  }
  if (report.illness) {
    // An illness said without its length counts as one day lost (no progress, easy runs after it); "most
    // of the week" as four, the least that counts as most of a week missed.
    week.illDays = report.illness.days ?? (report.illness.most ? MOST_MISSED_DAYS : 1);
    if (report.illness.kind) week.illness = report.illness.kind;
  }
  if (report.away?.length) week.away = report.away.map((r) => ({ from: r.from, to: r.to }));
  if (report.nextWeekRunDays !== undefined) week.nextWeekRunDays = report.nextWeekRunDays;
  if (report.request) week.request = report.request;
  return week;
}

/**
 * The engine's input history for planning `weekStart`: the stored weeks before it, and, when a pause they
 * asked for is over (`resumeAt`), their "resume" on the last of them, so the engine plans a return week.
 */
export function engineHistory(
  records: WeekSummary[],
  subscriber: Subscriber,
  weekStart: string,
): HistoryWeek[] {
  const history = records
    .filter((w) => w.weekStart < weekStart)
    .map((w) => toHistoryWeek(w, subscriber.preferences.unit));
  const last = history.at(-1);
  if (
    last &&
    subscriber.resumeAt !== undefined &&
    weekStart >= subscriber.resumeAt &&
    last.paused !== false
  ) {
    history[history.length - 1] = { ...last, paused: false };
  }
  return history;
}
