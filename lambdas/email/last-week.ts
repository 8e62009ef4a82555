// The weeks before a plan, as the email shows them: the "Last week" line (planned against done) and the chart's
// points. Only what the runner told us is said to be done; a week they did not report on is shown as planned.
import type { IllnessSummary, Unit, WeekReport, WeekSummary } from '#domain/types';
import { convertVolume } from '#domain/units';
import { addDays, count, formatAmount, formatDoneOfPlanned, shownAmount } from './format';

/** One past week as the email needs it: its planned runs and, when they replied, what they told us. */
export interface PastWeek {
  /** The Monday of the week. */
  weekStart: string;
  /** The unit the week was planned in (the runner may have changed it since). */
  unit: Unit;
  /** The runs planned that week, in `unit`. */
  runs: readonly { amount: number }[];
  report?: Pick<WeekReport, 'actualVolume' | 'done' | 'illness' | 'pain'>;
}

/** A stored week as the email needs it. */
export function pastWeekOf(week: WeekSummary): PastWeek {
  return {
    weekStart: week.weekStart,
    unit: week.plan.unit,
    runs: week.plan.runs,
    ...(week.report ? { report: week.report } : {}),
  };
}

/** One bar of the chart: what was planned and, only when reported, what was run; in the email's unit. */
export interface VolumePoint {
  weekStart: string;
  planned: number;
  /** What was run, when they told us; absent when they did not. */
  done?: number;
  painScore?: number;
}

const sum = (amounts: readonly number[]) => amounts.reduce((total, a) => total + a, 0);

function plannedRuns(week: PastWeek): number[] {
  return week.runs.map((r) => r.amount).filter((amount) => amount > 0);
}

/** The volume they told us they ran that week, in the week's own unit, or undefined when they did not say. */
export function reportedVolume(report: PastWeek['report']): number | undefined {
  if (report === undefined) return undefined;
  const done = report.done;
  if (done?.none || done?.runs === 0) return 0;
  return done?.volume ?? report.actualVolume;
}

export function pastWeekPoint(week: PastWeek, unit: Unit): VolumePoint {
  const to = (amount: number) => convertVolume(amount, week.unit, unit);
  const done = reportedVolume(week.report);
  return {
    weekStart: week.weekStart,
    planned: to(sum(plannedRuns(week))),
    ...(done === undefined ? {} : { done: to(done) }),
    ...(week.report?.pain === undefined ? {} : { painScore: week.report.pain.score }),
  };
}

/** "ill for 5 days", "a cold most of the week", "ill all week": how an illness is said back to the runner. */
export function illnessPhrase(illness: IllnessSummary): string {
  const days = illness.days;
  const length =
    days === undefined
      ? illness.most
        ? ' most of the week'
        : ''
      : days >= 7
        ? ' all week'
        : ` for ${count(days, 'day')}`;
  return illness.kind === 'mild' ? `a cold${length}` : `ill${length}`;
}

/** "2 of 3 runs", "all 3 runs", or "4 runs (3 planned)". */
function runsDone(runs: number, planned: number): string {
  if (planned === 0) return count(runs, 'run');
  if (runs === planned) return planned === 1 ? 'the 1 run planned' : `all ${count(planned, 'run')}`;
  if (runs < planned) return `${runs} of ${count(planned, 'run')}`;
  return `${count(runs, 'run')} (${planned} planned)`;
}

/** "41 of 63 min", or "70 min (63 min planned)" when they ran more than planned. */
function volumeDone(done: number, planned: number, unit: Unit): string {
  // Compared as shown, so "63 of 63 min" never reads as more than planned.
  if (planned > 0 && shownAmount(done, unit) <= shownAmount(planned, unit)) {
    return formatDoneOfPlanned(done, planned, unit);
  }
  return planned > 0
    ? `${formatAmount(done, unit)} (${formatAmount(planned, unit)} planned)`
    : formatAmount(done, unit);
}

/**
 * The "Last week" line: the week before `weekStart` as planned against what they told us they did. It never
 * says a run was done that was not reported: a week with no word on it says the plan was counted as done.
 * Undefined when there was no week before (the first plan).
 */
export function lastWeekLine(
  history: readonly PastWeek[],
  weekStart: string,
  unit: Unit,
): string | undefined {
  const last = history.find((w) => w.weekStart === addDays(weekStart, -7));
  if (last === undefined) return undefined;
  const to = (amount: number) => convertVolume(amount, last.unit, unit);
  const runs = plannedRuns(last);
  const planned = to(sum(runs));
  const plan =
    runs.length === 0 ? 'a rest week' : `${formatAmount(planned, unit)} over ${count(runs.length, 'run')}`;
  const report = last.report;
  const done = report?.done;
  const volume = reportedVolume(report);
  const ill = report?.illness === undefined ? '' : `, ${illnessPhrase(report.illness)}`;

  if (done?.none || done?.runs === 0 || volume === 0) {
    return runs.length === 0
      ? `Last week: a rest week, no runs${ill}.`
      : `Last week: no runs${ill} (the plan had ${plan}).`;
  }
  if (done !== undefined || volume !== undefined) {
    const parts: string[] = [];
    if (done?.runs !== undefined) parts.push(runsDone(done.runs, runs.length));
    if (volume !== undefined) parts.push(volumeDone(to(volume), planned, unit));
    if (parts.length === 0 && done?.skipped?.includes('long')) parts.push('everything but the long run');
    if (parts.length > 0) {
      const planNote = volume === undefined && runs.length > 0 ? ` (the plan had ${plan})` : '';
      return `Last week: you ran ${parts.join(', ')}${planNote}${ill}.`;
    }
  }
  if (report?.illness !== undefined) {
    return `Last week: ${illnessPhrase(report.illness)}; you didn't say what you ran (the plan had ${plan}).`;
  }
  if (runs.length === 0) return 'Last week: a rest week.';
  return report === undefined
    ? `Last week: we didn't hear how it went, so we counted the plan (${plan}) as done. If it went differently, reply and tell us what you ran.`
    : `Last week: you told us about your knee but not what you ran, so we counted the plan (${plan}) as done.`;
}
