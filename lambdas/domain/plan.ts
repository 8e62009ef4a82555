// The weekly plan engine: from a profile and the weeks so far, next week's decision, runs, rest and strength.
// Pure and deterministic: the same input always gives the same plan. The rules and their sources are in
// plan-decision.ts (how much), plan-runs.ts (which days, how long each run) and plan-content.ts (the rest).

import { CROSS_TRAINING_ACTIVITIES, strengthExercises, tipFor } from './plan-content';
import {
  decideWeek,
  EPSILON,
  type HistoryWeek,
  type PlanProfile,
  PROGRESS_WEEKS_BEFORE_DELOAD,
} from './plan-decision';
import { layoutRuns, longestRecentRun, SINGLE_RUN_LIMIT } from './plan-runs';
import { datesOfWeek } from './schedule';
import { type CrossTraining, DEFAULT_RAMP_RATE, type StrengthSession, type WeekPlan } from './types';

export type { HistoryWeek, PlanProfile } from './plan-decision';
export { RUN_DAY_PATTERNS } from './plan-runs';

export interface PlanInput {
  profile: PlanProfile;
  /** Oldest first; empty for a new subscriber. */
  history: HistoryWeek[];
  /** The Monday of the week to plan, YYYY-MM-DD. */
  weekStart: string;
}

export function planWeek(input: PlanInput): WeekPlan {
  const { profile, history, weekStart } = input;
  const ramp = profile.rampRate ?? DEFAULT_RAMP_RATE;
  const weekNumber = (history.at(-1)?.weekNumber ?? history.length) + 1;
  const decided = decideWeek(profile, history);
  const dates = datesOfWeek(weekStart);
  const runDays = Math.min(7, Math.max(1, Math.round(profile.runDays)));

  // The single-run limit: 110% of the longest recent run; for a new subscriber (or after a long break) the
  // baseline is the week split evenly over the run days.
  const recent = longestRecentRun(history, weekStart);
  const baseline = history.length === 0 ? profile.weeklyVolume / runDays : decided.total / runDays;
  const maxSingleRun = SINGLE_RUN_LIMIT * (recent ?? baseline);

  const running = decided.decision !== 'pause';
  const layout = running
    ? layoutRuns(decided.total, runDays, dates, maxSingleRun, decided.walkRun)
    : { runs: [], total: 0 };
  const runDates = new Set(layout.runs.map((r) => r.date));
  const restDays = dates.filter((d) => !runDates.has(d));

  // Two strength sessions a week (rest days first, after an easy run when rest days run out); none while
  // paused, since a knee with a red flag should be looked at before it is loaded.
  const strengthDays = running ? pickSpread(restDays, 2) : [];
  if (running && strengthDays.length < 2) {
    const runOnly = layout.runs.map((r) => r.date).filter((d) => !strengthDays.includes(d));
    strengthDays.push(...pickSpread(runOnly, 2 - strengthDays.length));
    strengthDays.sort();
  }
  const strength: StrengthSession[] = strengthDays.map((date) => ({
    date,
    exercises: strengthExercises(weekNumber),
  }));
  const crossMinutes = decided.decision === 'back-off' || decided.decision === 'return' ? 30 : 20;
  const crossTraining: CrossTraining[] = running
    ? restDays
        .filter((d) => !strengthDays.includes(d))
        .map((date, i) => ({
          date,
          activity: CROSS_TRAINING_ACTIVITIES[i % CROSS_TRAINING_ACTIVITIES.length] as string,
          minutes: crossMinutes,
        }))
    : [];

  const plan: WeekPlan = {
    weekStart,
    weekNumber,
    decision: decided.decision,
    reason: decided.reason,
    unit: profile.unit,
    totalVolume: layout.total,
    runs: layout.runs,
    restDays,
    crossTraining,
    strength,
    tip: tipFor(weekNumber, decided.decision, decided.changes),
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

function pickSpread<T>(items: T[], count: number): T[] {
  if (items.length <= count) return [...items];
  if (count === 1) return [items[0] as T];
  const step = (items.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => items[Math.round(i * step)] as T);
}
