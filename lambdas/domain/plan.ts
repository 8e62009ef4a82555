// The weekly plan engine: from a profile and the weeks already planned, the next week's runs, rest and strength.
// Walking-skeleton rules: a 2.5% ramp on last week's volume, runs on non-consecutive days, two strength
// sessions, a rotating tip. Pain-guided decisions (hold, back-off, deload, pause) come with the full engine.
import { datesOfWeek } from './schedule';
import type {
  CrossTraining,
  Decision,
  PlannedRun,
  StrengthExercise,
  StrengthSession,
  Tip,
  Unit,
  WeekPlan,
} from './types';
import { DEFAULT_RAMP_RATE } from './types';

export interface PlanProfile {
  unit: Unit;
  weeklyVolume: number;
  runDays: number;
  rampRate?: number;
  goalVolume?: number;
}

export interface HistoryWeek {
  weekStart: string;
  weekNumber?: number;
  decision?: Decision;
  runs: { date: string; amount: number }[];
  /** What the subscriber reported running, when they did. */
  actualVolume?: number;
}

export interface PlanInput {
  profile: PlanProfile;
  /** Oldest first; empty for a new subscriber. */
  history: HistoryWeek[];
  weekStart: string;
}

/**
 * Which weekdays (0 = Monday) to run on. Within a week, four days or fewer never put two runs on
 * consecutive days. Across weeks that holds up to three days; with four, Sunday then Monday is the one
 * back-to-back pair, since four runs each followed by a rest day would need an eight-day week.
 */
export const RUN_DAY_PATTERNS: Record<number, number[]> = {
  1: [5],
  2: [1, 5],
  3: [0, 2, 5],
  4: [0, 2, 4, 6],
  5: [0, 1, 3, 4, 6],
  6: [0, 1, 2, 4, 5, 6],
  7: [0, 1, 2, 3, 4, 5, 6],
};

// The article's exercises. Strength protects (Lauersen 2014: strength training cut sports injuries
// to about a third); stretches are for comfort only, and we say so.
const EXERCISES: StrengthExercise[] = [
  {
    name: 'Lunge',
    sets: 2,
    reps: 8,
    cue: 'Step long, lower slowly, keep the front knee over the middle of the foot.',
  },
  { name: 'Side lunge', sets: 2, reps: 8, cue: 'Sit back into one hip and keep the other leg straight.' },
  {
    name: 'Side plank',
    sets: 2,
    holdSeconds: 20,
    cue: 'Keep a straight line from head to heels; drop to the knees if needed.',
  },
  {
    name: 'Quad stretch',
    sets: 1,
    holdSeconds: 30,
    cue: 'For comfort: hold a wall, heel towards the seat, knees together.',
  },
  {
    name: 'Hamstring stretch',
    sets: 1,
    holdSeconds: 30,
    cue: 'For comfort: heel on a low step, lean forward with a long back.',
  },
];

const TIPS: Tip[] = [
  {
    topic: 'cadence',
    text: 'Try taking slightly quicker, shorter steps (about 5% more per minute than usual) so your foot lands closer under you: it eases the load on your knees.',
  },
  {
    topic: 'one-change',
    text: 'Change one thing at a time. New shoes, a new route, hills or more distance: pick one and keep the rest the same for a couple of weeks.',
  },
  {
    topic: 'shoes',
    text: 'There is no perfect shoe. The best one for you is the pair that feels comfortable from the first step.',
  },
  {
    topic: 'surface',
    text: 'Road, trail or track matters less than what your legs are used to. If you switch surfaces, do it gradually.',
  },
  {
    topic: 'rest',
    text: 'Rest days are when your body adapts to the running. Keep at least one easy day between runs.',
  },
  {
    topic: 'cross-training',
    text: 'Cycling or swimming on a rest day keeps you fit without the pounding, so your knees get a break.',
  },
  {
    topic: 'pain',
    text: 'Pain up to about 3 out of 10 that settles by the next morning is fine. More than that, or pain that lingers, is a sign to ease off: tell us in your reply.',
  },
];

const CROSS_TRAINING = ['Easy cycling', 'Swimming', 'Brisk walking'];

function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Volumes this close count as equal: sums of split run amounts carry floating-point dust. */
const EPSILON = 1e-9;

function plannedVolume(week: HistoryWeek): number {
  return week.runs.reduce((sum, run) => sum + run.amount, 0);
}

/** What last week's ramp builds on: the reported volume when there is one, otherwise the plan. */
function lastWeekVolume(week: HistoryWeek): number {
  // A reported zero (a missed week) must not plan zero forever: build on the plan instead.
  return week.actualVolume !== undefined && week.actualVolume > 0 ? week.actualVolume : plannedVolume(week);
}

export function planWeek(input: PlanInput): WeekPlan {
  const { profile, history, weekStart } = input;
  const ramp = profile.rampRate ?? DEFAULT_RAMP_RATE;
  const last = history.at(-1);
  const weekNumber = (last?.weekNumber ?? history.length) + 1;

  let decision: Decision;
  let reason: string;
  let total: number;
  const goal = profile.goalVolume;
  if (last === undefined) {
    decision = 'hold';
    total = goal === undefined ? profile.weeklyVolume : Math.min(profile.weeklyVolume, goal);
    reason = 'Your first week starts at what you run now, so your knees can settle into the routine.';
  } else {
    const base = lastWeekVolume(last);
    const ramped = base * (1 + ramp);
    if (goal !== undefined && base >= goal - EPSILON) {
      decision = 'maintain';
      total = goal;
      reason = 'You have reached your goal, so we keep your week steady instead of adding more.';
    } else {
      decision = 'progress';
      total = goal === undefined ? ramped : Math.min(ramped, goal);
      reason = `Last week went to plan, so this week adds a small ${roundTo(ramp * 100, 1)}% to it.`;
    }
  }

  const dates = datesOfWeek(weekStart);
  const runDays = Math.min(7, Math.max(1, Math.round(profile.runDays)));
  const pattern = RUN_DAY_PATTERNS[runDays] ?? [0, 2, 5];
  const perRun = total / pattern.length;
  const runs: PlannedRun[] = pattern.map((dayIndex) => ({
    date: dates[dayIndex] as string,
    amount: perRun,
    kind: 'easy',
  }));
  const runDates = new Set(runs.map((r) => r.date));
  const restDays = dates.filter((d) => !runDates.has(d));

  // Strength on two rest days (spread apart where possible), or after an easy run when there are fewer
  // rest days; cross-training offered on the other rest days.
  const strengthDays = pickSpread(restDays, 2);
  if (strengthDays.length < 2) {
    const runOnly = runs.map((r) => r.date).filter((d) => !strengthDays.includes(d));
    strengthDays.push(...pickSpread(runOnly, 2 - strengthDays.length));
    strengthDays.sort();
  }
  const strength: StrengthSession[] = strengthDays.map((date) => ({
    date,
    exercises: progressExercises(weekNumber),
  }));
  const crossTraining: CrossTraining[] = restDays
    .filter((d) => !strengthDays.includes(d))
    .map((date, i) => ({ date, activity: CROSS_TRAINING[i % CROSS_TRAINING.length] as string, minutes: 20 }));

  const tip = TIPS[(weekNumber - 1) % TIPS.length] as Tip;
  const plan: WeekPlan = {
    weekStart,
    weekNumber,
    decision,
    reason,
    unit: profile.unit,
    totalVolume: total,
    runs,
    restDays,
    crossTraining,
    strength,
    tip,
  };
  if (profile.goalVolume !== undefined) {
    plan.projection = {
      goalVolume: profile.goalVolume,
      weeksToGoal: weeksToGoal(total, profile.goalVolume, ramp),
    };
  }
  return plan;
}

export function weeksToGoal(current: number, goal: number, ramp: number): number {
  if (current >= goal - EPSILON) return 0;
  return Math.ceil(Math.log(goal / current) / Math.log(1 + ramp));
}

function pickSpread<T>(items: T[], count: number): T[] {
  if (items.length <= count) return [...items];
  if (count === 1) return [items[0] as T];
  const step = (items.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => items[Math.round(i * step)] as T);
}

/** Adds a rep (or five seconds of hold) every four weeks, up to a modest ceiling. */
function progressExercises(weekNumber: number): StrengthExercise[] {
  const level = Math.min(4, Math.floor((weekNumber - 1) / 4));
  return EXERCISES.map((e) => ({
    ...e,
    ...(e.reps === undefined ? {} : { reps: e.reps + level }),
    ...(e.holdSeconds === undefined || e.name.includes('stretch')
      ? {}
      : { holdSeconds: e.holdSeconds + 5 * level }),
  }));
}
