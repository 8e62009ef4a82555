// The weekly plan engine: from a profile and the weeks so far, next week's decision, runs, rest and strength.
// Pure and deterministic: the same input always gives the same plan. The rules and their sources are in
// plan-decision.ts (how much), plan-runs.ts (which days, how long each run) and plan-content.ts (the rest).

import { CROSS_TRAINING_ACTIVITIES, strengthExercises, tipFor } from './plan-content';
import {
  allAway,
  awayDatesIn,
  decideWeek,
  EPSILON,
  type HistoryWeek,
  type PlanProfile,
  PROGRESS_WEEKS_BEFORE_DELOAD,
  runDaysLimit,
} from './plan-decision';
import {
  layoutRuns,
  layoutRunsOn,
  longestRecentRun,
  pickRunDates,
  RUN_DAY_PATTERNS,
  SINGLE_RUN_LIMIT,
} from './plan-runs';
import { datesOfWeek } from './schedule';
import { type CrossTraining, DEFAULT_RAMP_RATE, type StrengthSession, type WeekPlan } from './types';

export type {
  DateRange,
  DoneReport,
  HistoryWeek,
  IllnessKind,
  PlanProfile,
  PlanRequest,
} from './plan-decision';
export { RUN_DAY_PATTERNS } from './plan-runs';

export interface PlanInput {
  profile: PlanProfile;
  /** Oldest first; empty for a new subscriber. */
  history: HistoryWeek[];
  /** The Monday of the week to plan, YYYY-MM-DD. */
  weekStart: string;
  /**
   * The first day a run can still be done on, YYYY-MM-DD in the subscriber's zone (tomorrow when the plan
   * goes out in the evening): earlier days of the week get no run. Absent: the whole week is ahead.
   */
  today?: string;
}

/** Decisions a week away turns into a lighter week (the others are already light or have no running). */
const LIGHTENED: ReadonlySet<string> = new Set(['progress', 'hold', 'maintain', 'deload']);

export function planWeek(input: PlanInput): WeekPlan {
  const { profile, history, weekStart, today } = input;
  const ramp = profile.rampRate ?? DEFAULT_RAMP_RATE;
  const weekNumber = (history.at(-1)?.weekNumber ?? history.length) + 1;
  const decided = decideWeek(profile, history);
  const dates = datesOfWeek(weekStart);
  const runDays = Math.min(7, Math.max(1, Math.round(profile.runDays)));
  const passed = new Set(today === undefined ? [] : dates.filter((d) => d < today));
  const upcoming = (d: string) => !passed.has(d);
  const away = awayDatesIn(allAway(history), weekStart);
  // "Busy week, only 2 days": a limit below the usual run days, said in last week's report.
  const said = runDaysLimit(history, weekStart);
  const limit = said !== undefined && said < runDays ? said : undefined;

  // The single-run limit: 110% of the longest recent run; for a new subscriber (or after a long break) the
  // baseline is the week split evenly over the run days.
  const recent = longestRecentRun(history, weekStart);
  const baseline = history.length === 0 ? profile.weeklyVolume / runDays : decided.total / runDays;
  const maxSingleRun = SINGLE_RUN_LIMIT * (recent ?? baseline);

  const running = decided.decision !== 'pause';
  let decision = decided.decision;
  let reason = decided.reason;
  let layout: { runs: WeekPlan['runs']; total: number } = { runs: [], total: 0 };
  if (running && passed.size === 0 && away.size === 0 && limit === undefined) {
    layout = layoutRuns(decided.total, runDays, dates, maxSingleRun, decided.walkRun, decided.easyOnly);
  } else if (running) {
    // Days away get no run and the week is that much lighter, in proportion to the days left (no make-up
    // later); it counts as a lighter week, so the week after builds on the one before it (rule of thumb
    // in issue 14; the deload rule in plan-decision.ts). A limit on the days they can run ("only 2 days
    // next week") works the same way: at most that many runs, each the size it would have been, so never
    // more volume than the week would otherwise have. Days already past only move the runs to the days
    // left, within the rest-day and single-run rules.
    const free = 7 - away.size;
    const awayCount =
      away.size === 0 ? runDays : free === 0 ? 0 : Math.max(1, Math.round((runDays * free) / 7));
    const count = Math.min(awayCount, limit ?? runDays);
    const limited = limit !== undefined && limit < awayCount;
    const total = (decided.total * count) / runDays;
    const runDates = pickRunDates(dates, runDays, new Set([...passed, ...away]), count);
    layout = layoutRunsOn(total, runDates, maxSingleRun, decided.walkRun, decided.easyOnly);
    if (away.size > 0 || limited) {
      if (count < runDays && LIGHTENED.has(decision)) decision = 'deload';
      const said = [
        ...(away.size > 0 ? [awaySentence(away.size, awayCount < runDays)] : []),
        ...(limited ? [limitSentence(count)] : []),
      ].join(' ');
      // A step up turned into a lighter week must not still promise the 2.5%.
      reason =
        decided.decision === 'progress' && decision === 'deload'
          ? `Your knees handled last week well. ${said}`
          : `${reason} ${said}`;
    }
    if ((RUN_DAY_PATTERNS[runDays] as number[]).some((i) => passed.has(dates[i] as string))) {
      reason = `${reason} The days already past have no run; the week's running falls on the days left.`;
    }
  }
  const runDates = new Set(layout.runs.map((r) => r.date));
  const restDays = dates.filter((d) => !runDates.has(d));

  // Two strength sessions a week (rest days at home first, then rest days away, since the exercises need no
  // kit, then after an easy run); none while paused, since a knee with a red flag should be looked at before
  // it is loaded. Never on a day past.
  const strengthDays = running
    ? pickSpread(
        restDays.filter((d) => upcoming(d) && !away.has(d)),
        2,
      )
    : [];
  if (running && strengthDays.length < 2) {
    const awayRest = restDays.filter((d) => upcoming(d) && away.has(d));
    strengthDays.push(...pickSpread(awayRest, 2 - strengthDays.length));
    strengthDays.sort();
  }
  if (running && strengthDays.length < 2) {
    const runOnly = layout.runs.map((r) => r.date).filter((d) => !strengthDays.includes(d));
    strengthDays.push(...pickSpread(runOnly, 2 - strengthDays.length));
    strengthDays.sort();
  }
  const strength: StrengthSession[] = strengthDays.map((date) => ({
    date,
    exercises: strengthExercises(weekNumber),
  }));
  const crossMinutes = decision === 'back-off' || decision === 'return' ? 30 : 20;
  const crossTraining: CrossTraining[] = running
    ? restDays
        // Nothing is planned for days away beyond the optional short run the reason offers.
        .filter((d) => upcoming(d) && !away.has(d) && !strengthDays.includes(d))
        .map((date, i) => ({
          date,
          activity: CROSS_TRAINING_ACTIVITIES[i % CROSS_TRAINING_ACTIVITIES.length] as string,
          minutes: crossMinutes,
        }))
    : [];

  const plan: WeekPlan = {
    weekStart,
    weekNumber,
    decision,
    reason,
    unit: profile.unit,
    totalVolume: layout.total,
    runs: layout.runs,
    restDays,
    crossTraining,
    strength,
    tip: tipFor(weekNumber, decision, decided.changes),
    maxSingleRun: running ? maxSingleRun : 0,
    ...(decided.returnStep === undefined ? {} : { returnStep: decided.returnStep }),
  };
  if (profile.goalVolume !== undefined) {
    plan.projection = {
      goalVolume: profile.goalVolume,
      weeksToGoal: weeksToGoal(
        layout.total > 0 ? layout.total : profile.weeklyVolume,
        profile.goalVolume,
        ramp,
      ),
    };
  }
  return plan;
}

/**
 * About how many weeks until the goal at this ramp: the progressing weeks the ramp needs, plus the lighter
 * week that comes after every three of them.
 */
export function weeksToGoal(current: number, goal: number, ramp: number): number {
  if (current >= goal - EPSILON) return 0;
  const start = Math.max(current, goal * 1e-6); // keeps the logarithm finite for absurdly small volumes
  const progressing = Math.ceil(Math.log(goal / start) / Math.log(1 + ramp) - EPSILON);
  return progressing + Math.floor((progressing - 1) / PROGRESS_WEEKS_BEFORE_DELOAD);
}

function awaySentence(days: number, lighter: boolean): string {
  const option = 'a short easy run, on a treadmill or in a hotel gym, is fine if you feel like it';
  if (days >= 7) return `You are away all week, so there are no runs; ${option}.`;
  const which = days === 1 ? 'one day' : `${days} days`;
  return `You are away ${which} this week, so ${days === 1 ? 'that day has' : 'those days have'} no run${
    lighter ? ' and the week is lighter' : ''
  }; ${option}.`;
}

function limitSentence(days: number): string {
  const which = days === 1 ? 'one day' : `${days} days`;
  return `You told us you can only run on ${which} this week, so there ${
    days === 1 ? 'is one run' : `are ${days} runs`
  } and the week is lighter.`;
}

function pickSpread<T>(items: T[], count: number): T[] {
  if (items.length <= count) return [...items];
  if (count === 1) return [items[0] as T];
  const step = (items.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => items[Math.round(i * step)] as T);
}
