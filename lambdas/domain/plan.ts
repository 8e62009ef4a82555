// The weekly plan engine: from a profile and the weeks so far, next week's decision, runs, rest and strength.
// Pure and deterministic: the same input always gives the same plan. The rules and their sources are in
// plan-decision.ts (how much), plan-runs.ts (which days, how long each run) and plan-content.ts (the rest).

import { goalKm, inUnit, mondayOf, RECOVERY_SHARE, racePhase, readyLongRun, TAPER_SHARE } from './goal';
import { CROSS_TRAINING_ACTIVITIES, strengthExercises, tipFor } from './plan-content';
import {
  allAway,
  awayDatesIn,
  BACK_OFF_FACTOR,
  decideWeek,
  doneVolume,
  EPSILON,
  type HistoryWeek,
  MIN_WEEKLY,
  type PlanProfile,
  PROGRESS_WEEKS_BEFORE_DELOAD,
  runDaysLimit,
  type WeekDecision,
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
import {
  type CrossTraining,
  DEFAULT_RAMP_RATE,
  type Intervals,
  type PlannedRun,
  type StrengthSession,
  type WeekPlan,
} from './types';
import {
  COOLDOWN_MINUTES,
  isContinuousWeek,
  sessionFor,
  WALK_RUN_RAMP,
  WARMUP_MINUTES,
  walkRunStart,
} from './walk-run';
import { addDays } from './zoned-time';

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

/** On the walk-run path: a beginner (in minutes) who has not yet had a week of continuous 30-minute runs. */
export function onWalkRunPath(profile: PlanProfile, history: HistoryWeek[]): boolean {
  return (
    walkRunStart(profile) !== undefined &&
    !history.some((w) => w.decision !== 'pause' && isContinuousWeek(w.runs))
  );
}

/** How many weeks ahead the email's "road ahead" line looks. */
export const AHEAD_WEEKS = 6;
/** The furthest a goal projection looks: two years. */
export const PROJECTION_WEEKS = 104;

export function planWeek(input: PlanInput): WeekPlan {
  const plan = planWeekCore(input);
  const { profile } = input;
  const phase = racePhase(profile.goal, input.weekStart);
  const walkPath = onWalkRunPath(profile, input.history);
  const projecting = profile.goal !== undefined && (phase === undefined || phase === 'before');
  if (plan.decision === 'pause' || (!projecting && !walkPath)) return plan;
  // The road ahead, as the engine would plan it: each week assumed run as planned with no pain. A race date
  // plays no part here (no taper, no race), so readiness is measured by the usual rules alone.
  const goal = profile.goal;
  const simProfile: PlanProfile =
    goal === undefined ? profile : { ...profile, goal: { distance: goal.distance } };
  const needed = goal === undefined ? undefined : readyLongRun(goal, profile.unit);
  const weeks = projecting ? PROJECTION_WEEKS : AHEAD_WEEKS;
  let readyBy: string | undefined;
  let ahead: WeekPlan | undefined;
  const stop = (p: WeekPlan, i: number): boolean => {
    // The road ahead skips a lighter week: it shows the level reached, not the week of rest.
    if (i === AHEAD_WEEKS - 1 || (i === AHEAD_WEEKS && p.decision !== 'deload')) ahead = p;
    if (needed !== undefined && readyBy === undefined) {
      const long = longestTraining(p.runs);
      if (long !== undefined && long.amount >= needed - EPSILON) readyBy = long.date;
    }
    return i >= AHEAD_WEEKS && (needed === undefined || readyBy !== undefined);
  };
  simulate({ ...input, profile: simProfile }, weeks, stop, plan);
  const projection: NonNullable<WeekPlan['projection']> = { ...(plan.projection ?? {}) };
  if (goal !== undefined && projecting) {
    projection.goal = {
      distanceKm: goalKm(goal),
      ...(readyBy === undefined ? {} : { readyBy }),
      ...(goal.date === undefined
        ? {}
        : { raceDate: goal.date, onTime: readyBy !== undefined && readyBy < mondayOf(goal.date) }),
    };
  }
  const aheadRun = ahead === undefined ? undefined : longestTraining((ahead as WeekPlan).runs);
  if (aheadRun !== undefined) {
    projection.ahead = {
      weeks: AHEAD_WEEKS,
      amount: aheadRun.amount,
      kind: aheadRun.kind,
      ...(aheadRun.intervals === undefined ? {} : { intervals: aheadRun.intervals }),
    };
  }
  return { ...plan, projection };
}

/**
 * The next `weeks` weeks from `input`, each assumed run as planned with no pain: what `coach plan --weeks`
 * prints. Each week carries its own projection, as its email would.
 */
export function planAhead(input: PlanInput, weeks: number): WeekPlan[] {
  const plans: WeekPlan[] = [];
  let history = [...input.history];
  let weekStart = input.weekStart;
  for (let i = 0; i < weeks; i++) {
    const plan = planWeek({
      profile: input.profile,
      history,
      weekStart,
      ...(i === 0 && input.today !== undefined ? { today: input.today } : {}),
    });
    plans.push(plan);
    history = [...history, assumedDone(plan)];
    weekStart = addDays(weekStart, 7);
  }
  return plans;
}

/** Plans week after week from `input` (the first week's plan given) until `stop` says so or `weeks` are done. */
function simulate(
  input: PlanInput,
  weeks: number,
  stop: (plan: WeekPlan, index: number) => boolean,
  first: WeekPlan,
): void {
  const history = [...input.history];
  let plan = first;
  for (let i = 0; i <= weeks; i++) {
    if (stop(plan, i)) return;
    history.push(assumedDone(plan));
    plan = planWeekCore({ profile: input.profile, history, weekStart: addDays(plan.weekStart, 7) });
  }
}

/** A planned week as if run exactly as planned, with no knee pain. */
export function assumedDone(plan: WeekPlan): HistoryWeek {
  const longest = longestTraining(plan.runs);
  return {
    weekStart: plan.weekStart,
    weekNumber: plan.weekNumber,
    decision: plan.decision,
    runs: plan.runs,
    totalVolume: plan.totalVolume,
    ...(plan.returnStep === undefined ? {} : { returnStep: plan.returnStep }),
    done: {
      runs: plan.runs.length,
      volume: plan.totalVolume,
      ...(longest === undefined ? {} : { longestRun: longest.amount }),
    },
    pain: { score: 0, settledNextMorning: true },
  };
}

/** The longest run that is training (not a race). */
function longestTraining(runs: PlannedRun[]): PlannedRun | undefined {
  let longest: PlannedRun | undefined;
  for (const run of runs) {
    if (run.kind !== 'race' && (longest === undefined || run.amount > longest.amount)) longest = run;
  }
  return longest;
}

function planWeekCore(input: PlanInput): WeekPlan {
  const { history, weekStart, today } = input;
  const runDays = Math.min(7, Math.max(1, Math.round(input.profile.runDays)));
  // On the walk-run path the week is counted in running minutes, from the beginner's start, at the walk-run
  // ramp; every other rule (pain, changes, illness, missed runs, the deload) acts exactly as for everyone.
  const walkPath = onWalkRunPath(input.profile, history);
  const profile: PlanProfile = walkPath
    ? {
        ...input.profile,
        weeklyVolume: (walkRunStart(input.profile) as number) * runDays,
        rampRate: WALK_RUN_RAMP,
      }
    : input.profile;
  const ramp = profile.rampRate ?? DEFAULT_RAMP_RATE;
  const weekNumber = (history.at(-1)?.weekNumber ?? history.length) + 1;
  const decided = eased(decideWeek(profile, history), profile, history, walkPath);
  const dates = datesOfWeek(weekStart);
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
  // Backing off after a week that hurt: no run longer than that week's longest, whatever the 30-day limit
  // would allow (a lighter week must not hide a longer long run).
  const hurtWeek = decided.decision === 'back-off' ? history.at(-1) : undefined;
  const hurtLongest = hurtWeek
    ? Math.max(0, ...hurtWeek.runs.filter((r) => r.kind !== 'race').map((r) => r.amount))
    : 0;
  const maxSingleRun = Math.min(
    SINGLE_RUN_LIMIT * (recent ?? baseline),
    hurtLongest > 0 ? hurtLongest : Number.POSITIVE_INFINITY,
  );

  const running = decided.decision !== 'pause';
  let decision = decided.decision;
  let reason = decided.reason;
  let layout: { runs: WeekPlan['runs']; total: number } = { runs: [], total: 0 };
  if (running && passed.size === 0 && away.size === 0 && limit === undefined) {
    layout = layoutRuns(
      decided.total,
      runDays,
      dates,
      maxSingleRun,
      decided.walkRun || walkPath,
      decided.easyOnly,
    );
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
    layout = layoutRunsOn(total, runDates, maxSingleRun, decided.walkRun || walkPath, decided.easyOnly);
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
  // The last walk-run session's intervals: this week's spells build on them.
  const previous = history.flatMap((w) => w.runs).findLast((r) => r.intervals !== undefined)?.intervals;
  if (running && walkPath) layout = asWalkRun(layout, maxSingleRun, previous);
  const phase = racePhase(profile.goal, weekStart);
  if (running && walkPath && decided.decision === 'progress' && decision === 'progress') {
    reason = 'Your knees handled last week well, so a little more of each session is running this week.';
  }
  if (running && walkPath && history.length === 0) {
    reason =
      'Your first week starts gently: short spells of running between brisk walks, so your legs and knees can get used to it.';
  }
  if (running && profile.goal?.date !== undefined && phase !== undefined && phase !== 'before') {
    const race = aroundTheRace(profile, history, dates, phase, decision, layout, maxSingleRun, walkPath);
    layout = race.layout;
    decision = race.decision;
    reason = race.reason ?? reason;
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
  if (profile.goalVolume !== undefined && !walkPath) {
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

/**
 * On the walk-run path a step that hurt is eased, never raised: the smallest-week floor (10 min) must not lift
 * a back-off above the week that hurt, as it could for a beginner's one short session a week.
 */
function eased(
  decided: WeekDecision,
  profile: PlanProfile,
  history: HistoryWeek[],
  walkPath: boolean,
): WeekDecision {
  const last = history.at(-1);
  const hurt = last?.pain !== undefined && (last.pain.score > 5 || !last.pain.settledNextMorning);
  if (last !== undefined && hurt && decided.decision === 'return') {
    // A return step after a week that hurt is never bigger than that week, whatever step it falls back to.
    const floor = walkPath ? 0 : MIN_WEEKLY[profile.unit];
    return { ...decided, total: Math.min(decided.total, Math.max(doneVolume(last), floor)) };
  }
  if (last === undefined || decided.decision !== 'back-off') return decided;
  // A lighter week after a week of equal runs keeps equal runs: a new long run would be longer than any run
  // of the week that hurt.
  const equal = !last.runs.some((r) => r.kind === 'long') ? { easyOnly: true } : {};
  if (!walkPath) return { ...decided, ...equal };
  return { ...decided, ...equal, total: Math.min(decided.total, doneVolume(last) * BACK_OFF_FACTOR) };
}

/** A week's runs as walk-run sessions: intervals that run no more than each run's minutes (and the limit). */
function asWalkRun(
  layout: { runs: PlannedRun[]; total: number },
  maxSingleRun: number,
  previous?: Intervals,
) {
  const runs = layout.runs.map((run): PlannedRun => {
    const session = sessionFor(Math.min(run.amount, maxSingleRun), previous);
    if ('continuous' in session) {
      return { date: run.date, amount: session.running, kind: 'easy', warmupMinutes: WARMUP_MINUTES };
    }
    return {
      date: run.date,
      amount: session.running,
      kind: 'walk-run',
      intervals: session.intervals,
      warmupMinutes: WARMUP_MINUTES,
      cooldownMinutes: COOLDOWN_MINUTES,
    };
  });
  return { runs, total: runs.reduce((sum, r) => sum + r.amount, 0) };
}

/**
 * The race week, and the weeks after it. Race week: the runs before race day at 60% of the week's level, easy,
 * none the day before, then the race on its day. The week after: easy runs at 60% of the level before the
 * race. Later: the running is held steady (maintain) until they choose a new goal.
 */
function aroundTheRace(
  profile: PlanProfile,
  history: HistoryWeek[],
  dates: string[],
  phase: 'race-week' | 'recovery' | 'after',
  decision: WeekPlan['decision'],
  layout: { runs: PlannedRun[]; total: number },
  maxSingleRun: number,
  walkPath: boolean,
): { layout: { runs: PlannedRun[]; total: number }; decision: WeekPlan['decision']; reason?: string } {
  const goal = profile.goal as NonNullable<PlanProfile['goal']>;
  const raceDate = goal.date as string;
  const before = history.findLast((w) => w.weekStart === addDays(mondayOf(raceDate), -7));
  const preRace = before === undefined ? layout.total : plannedWithoutRace(before);
  const runDays = Math.min(7, Math.max(1, Math.round(profile.runDays)));
  if (phase === 'race-week') {
    const free = new Set(dates.filter((d) => d >= addDays(raceDate, -1)));
    const count = Math.max(0, runDays - 1);
    const picked = pickRunDates(dates, runDays, free, count);
    const lighter = Math.min(layout.total, preRace) * TAPER_SHARE * (count / runDays);
    const easy = layoutRunsOn(lighter, picked, maxSingleRun, false, true);
    const taper = walkPath ? asWalkRun(easy, maxSingleRun) : easy;
    const raceRun: PlannedRun = { date: raceDate, amount: inUnit(goalKm(goal), profile.unit), kind: 'race' };
    const runs = [...taper.runs, raceRun].sort((a, b) => a.date.localeCompare(b.date));
    const light = decision === 'back-off' || decision === 'return' ? decision : 'deload';
    return {
      layout: { runs, total: taper.total + raceRun.amount },
      decision: light,
      reason:
        'Race week: the runs before your race are shorter and easy, with a rest day before it, so you start fresh. Run it at a pace you could talk at; walking breaks are fine.',
    };
  }
  if (phase === 'recovery') {
    const total = Math.min(layout.total, preRace * RECOVERY_SHARE);
    const easy = layoutRuns(total, runDays, dates, maxSingleRun, false, true);
    return {
      layout: walkPath ? asWalkRun(easy, maxSingleRun) : easy,
      decision: decision === 'back-off' || decision === 'return' ? decision : 'deload',
      reason: 'The week after your race is an easy one: short, gentle runs while your legs recover.',
    };
  }
  if (decision !== 'progress' || walkPath) return { layout, decision };
  // Right after the easy week, back to the level before the race; later, the level of last week held.
  const ramp = profile.rampRate ?? DEFAULT_RAMP_RATE;
  const afterRecovery = history.at(-1)?.weekStart === addDays(mondayOf(raceDate), 7);
  const level = afterRecovery ? preRace : layout.total / (1 + ramp);
  return {
    layout: layoutRuns(level, runDays, dates, maxSingleRun, false),
    decision: 'maintain',
    reason:
      'Your race is done, so we keep your running steady; choose a new goal on your preferences page whenever you like.',
  };
}

function plannedWithoutRace(week: HistoryWeek): number {
  const race = week.runs.filter((r) => r.kind === 'race').reduce((sum, r) => sum + r.amount, 0);
  return Math.max(0, (week.totalVolume ?? week.runs.reduce((sum, r) => sum + r.amount, 0)) - race);
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
