// What a reply adds to the report of the week it answers: what was done, illness, days away, requests.
import type { ReplyFindings } from './reply/interpret';
import { type DoneSummary, type PlannedRun, type Unit, WEEKDAYS, type WeekReport } from './types';
import { convertVolume } from './units';
import { dayNumber, weekdayOfDay } from './zoned-time';

/** The planned week a reply is read against: its runs and unit. */
export interface PlannedWeek {
  unit: Unit;
  runs: PlannedRun[];
}

/**
 * The report fields a reply sets, beside pain, changes and commands (set by the reply use case). Only what
 * the reply said is set, so a later reply about the same week changes only what it speaks of.
 */
export function reportFromFindings(
  findings: Pick<ReplyFindings, 'done' | 'illness' | 'away' | 'runDays' | 'commands' | 'crossTraining'>,
  week: PlannedWeek,
): Partial<WeekReport> {
  const report: Partial<WeekReport> = {};
  const done = doneSummary(findings, week);
  if (done !== undefined) {
    report.done = done;
    if (done.volume !== undefined) report.actualVolume = done.volume;
  }
  if (findings.illness) {
    const { days, kind, most } = findings.illness;
    report.illness = {
      ...(days === null ? {} : { days: Math.min(7, Math.max(1, Math.round(days))) }),
      ...(days === null && most ? { most: true } : {}),
      ...(kind === null ? {} : { kind }),
    };
  }
  if (findings.away.length > 0) report.away = findings.away.map(({ from, to }) => ({ from, to }));
  if (findings.runDays !== null)
    report.nextWeekRunDays = Math.min(7, Math.max(1, Math.round(findings.runDays)));
  const request = findings.commands.findLast((c) => c.kind === 'repeat-week' || c.kind === 'easier');
  if (request) report.request = request.kind === 'easier' ? 'easier' : 'repeat-week';
  if (findings.crossTraining.length > 0) {
    report.crossTraining = findings.crossTraining.map((c) => ({
      activity: c.activity,
      ...(c.minutes === undefined ? {} : { minutes: c.minutes }),
    }));
  }
  return report;
}

/**
 * What was run, in the plan's unit, with the run count worked out from the plan where the reply implies it:
 * "all three" is every planned run, "skipped the long run" is one fewer. Nothing else is filled in.
 */
export function doneSummary(
  findings: Pick<ReplyFindings, 'done' | 'illness'>,
  week: PlannedWeek,
): DoneSummary | undefined {
  const said = findings.done;
  if (!said) return undefined;
  const planned = week.runs.filter((r) => r.amount > 0);
  const to = (amount: number) => (said.unit ? convertVolume(amount, said.unit, week.unit) : undefined);
  let runs = said.none ? 0 : said.runs;
  if (runs === undefined && said.all) runs = planned.length;
  const skipped = said.skipped ?? [];
  if (runs === undefined && skipped.length > 0) {
    const missed = new Set<PlannedRun>();
    for (const skip of skipped) {
      if (skip === 'long') {
        const long = planned.find((r) => r.kind === 'long');
        if (long) missed.add(long);
      } else if (skip === 'short') {
        for (const run of planned) if (run.kind !== 'long') missed.add(run);
      } else {
        const run = planned.find((r) => weekdayOfDay(dayNumber(r.date)) === WEEKDAYS.indexOf(skip) + 1);
        if (run) missed.add(run);
      }
    }
    // A skip the plan cannot place ("skipped the long run" in a week without one) says no count.
    if (missed.size > 0) runs = planned.length - missed.size;
  }
  const volume = said.none ? 0 : said.volume === undefined ? undefined : to(said.volume);
  const longestRun = said.none || said.longestRun === undefined ? undefined : to(said.longestRun);
  const summary: DoneSummary = {
    ...(runs === undefined ? {} : { runs: Math.min(14, Math.max(0, runs)) }),
    ...(volume === undefined ? {} : { volume }),
    ...(longestRun === undefined ? {} : { longestRun }),
    ...(skipped.length > 0 ? { skipped: [...skipped] } : {}),
    ...(said.none ? { none: true } : {}),
  };
  return Object.keys(summary).length > 0 ? summary : undefined;
}

/**
 * A report as the profile's copy of recent weeks keeps it: everything but the watch-file activities. Those stay
 * on the week item alone (to count each once); the copy only needs the amounts made from them, and it is
 * rewritten with every send and reply.
 */
export function reportSummary(report: WeekReport): WeekReport {
  const { activities: _activities, ...summary } = report;
  return summary;
}
