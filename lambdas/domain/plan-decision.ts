// The weekly decision: progress, hold, back off, deload, pause, return or maintain, with its volume and reason.
// Rules from docs/coaching.md: the 2.5% ramp (seed article), the pain-monitoring model (Thomeé 1997; Silbernagel
// 2007), a lighter week every fourth, return to running in steps after a pause, red flags (NHS guidance), and
// re-entry from what was done: missed runs, illness and time away (the coaches' rule of thumb in issue 14).
import type {
  ChangeKind,
  Decision,
  IllnessKind,
  Intervals,
  PainReport,
  PlanRequest,
  RaceGoal,
  RedFlag,
  Start,
  Unit,
} from './types';
import { DEFAULT_RAMP_RATE } from './types';
import { addDays } from './zoned-time';

export interface PlanProfile {
  unit: Unit;
  /** What they run a week now, when they subscribe. */
  weeklyVolume: number;
  runDays: number;
  // `| undefined`: profiles come from stored preferences, whose zod schemas read an absent field as undefined.
  rampRate?: number | undefined;
  goalVolume?: number | undefined;
  /** Where they started; absent reads as running regularly. */
  start?: Start | undefined;
  /** A race distance with an optional date. */
  goal?: RaceGoal | undefined;
}

export interface HistoryWeek {
  weekStart: string;
  weekNumber?: number;
  decision?: Decision;
  /** What was planned. */
  runs: { date: string; amount: number; kind?: string; intervals?: Intervals | undefined }[];
  /** The planned weekly target, exact; the sum of the runs when absent. */
  totalVolume?: number;
  /** What they reported running, when they did (the older field; `done.volume` wins when both are set). */
  actualVolume?: number;
  /** What they reported doing, in the profile's unit; each part only when they said it. */
  done?: DoneReport;
  /** Days of the week they were ill. */
  illDays?: number;
  /**
   * `mild`: a cold "above the neck" (easy runs allowed); `systemic`: fever, chest or stomach (no running
   * until it is gone). Unknown is treated as systemic: the careful reading.
   */
  illness?: IllnessKind;
  /** Days they are (or were) away, inclusive ISO dates; any week's report may name days of a later week. */
  away?: DateRange[];
  /**
   * The most days they can run the week after this one ("busy week, only 2 days"): that week has at most
   * this many runs, no more volume than it would otherwise have, and counts as a lighter week.
   */
  nextWeekRunDays?: number;
  /** What they asked of the next week: the same level again, or one week a step lighter. */
  request?: PlanRequest;
  pain?: PainReport;
  changes?: ChangeKind[];
  redFlags?: RedFlag[];
  /** True when, as of this week's report, they want the plan paused; false when they asked to resume. */
  paused?: boolean;
  returnStep?: number;
}

export interface DoneReport {
  /** Runs done. */
  runs?: number;
  /** The week's total done. */
  volume?: number;
  /** The longest single run done. */
  longestRun?: number;
}

export { ILLNESS_KINDS, type IllnessKind, PLAN_REQUESTS, type PlanRequest } from './types';

export interface DateRange {
  from: string;
  to: string;
}

export interface WeekDecision {
  decision: Decision;
  reason: string;
  /** Exact weekly target. */
  total: number;
  /** Run as walk-run intervals (a return after a long break). */
  walkRun: boolean;
  returnStep?: number;
  /** The changes the subscriber reported last week (for the tip). */
  changes: ChangeKind[];
  /** Only easy runs of equal length, no long run (the week after an illness). */
  easyOnly?: boolean;
}

/** Volumes this close count as equal: sums of split run amounts carry floating-point dust. */
export const EPSILON = 1e-9;
/** A lighter week after three progressing ones, about 20% less (common practice: 10–30%). */
export const DELOAD_FACTOR = 0.8;
export const PROGRESS_WEEKS_BEFORE_DELOAD = 3;
/** Backing off cuts at least this much, and goes no higher than the last volume that was tolerated. */
export const BACK_OFF_FACTOR = 0.85;
/** Weeks without any report after which we hold and ask. */
export const SILENT_WEEKS_BEFORE_HOLD = 3;
/** A pause longer than this returns through walk-run intervals. */
export const LONG_BREAK_WEEKS = 2;
/** Return steps, as shares of the volume before the break; each step is repeated before moving on. */
export const RETURN_STEPS = {
  short: [0.8, 0.8],
  long: [0.5, 0.5, 0.7, 0.7],
} as const;
/** Reported volumes below this are treated as no running at all. */
export const MIN_REPORTED = 0.1;
/** The smallest week we plan when running at all: below this a plan stops making sense. */
export const MIN_WEEKLY: Record<Unit, number> = { min: 10, km: 1.5, mi: 1 };

export function plannedVolume(week: HistoryWeek): number {
  return week.totalVolume ?? week.runs.reduce((sum, run) => sum + run.amount, 0);
}

/** The volume they reported for the week, if any: `done.volume`, else the older `actualVolume`. */
export function reportedVolume(week: HistoryWeek): number | undefined {
  return week.done?.volume ?? week.actualVolume;
}

/** The reported volume when it counts as running (a tenth of a unit or more), otherwise undefined. */
export function knownDoneVolume(week: HistoryWeek): number | undefined {
  const reported = reportedVolume(week);
  return reported !== undefined && reported >= MIN_REPORTED ? reported : undefined;
}

/** What the week really was: the reported volume when there is one, otherwise the plan. */
export function doneVolume(week: HistoryWeek): number {
  // A reported zero (a missed week) must not plan zero forever: the plan stands in for it. Below a tenth
  // of a minute, km or mile a report is noise, not running.
  return knownDoneVolume(week) ?? plannedVolume(week);
}

/**
 * A week done at about two thirds or less does not lead to progress (issue 14). "About": 2 of 3 runs is
 * exactly two thirds, and a volume a shade above it (rounded when reported) counts too.
 */
export const MOSTLY_NOT_DONE_SHARE = 2 / 3 + 0.01;
/** Less than half done, or four days or more missed, is "most of the week" missed. */
export const MOST_MISSED_SHARE = 0.5;
export const MOST_MISSED_DAYS = 4;

/** Planned runs with something in them. */
function plannedRunCount(week: HistoryWeek): number {
  return week.runs.filter((r) => r.amount > 0).length;
}

/** The dates of `ranges` that fall in the week starting `weekStart`. */
export function awayDatesIn(ranges: DateRange[], weekStart: string): Set<string> {
  const dates = new Set<string>();
  for (let i = 0; i < 7; i++) {
    const date = addDays(weekStart, i);
    if (ranges.some((r) => r.from <= date && date <= r.to)) dates.add(date);
  }
  return dates;
}

/**
 * The most days they said they can run in the week starting `weekStart`: the `nextWeekRunDays` of the week
 * just before it; undefined when they said none.
 */
export function runDaysLimit(history: HistoryWeek[], weekStart: string): number | undefined {
  const before = addDays(weekStart, -7);
  const week = history.findLast((w) => w.weekStart === before);
  const limit = week?.nextWeekRunDays;
  return limit === undefined ? undefined : Math.min(7, Math.max(1, Math.round(limit)));
}

/** Every away range any week of the history named. */
export function allAway(history: HistoryWeek[]): DateRange[] {
  return history.flatMap((w) => w.away ?? []);
}

/**
 * The share of the planned week they did, from the runs and the volume they reported and the planned runs
 * that fell on days away; undefined when none of these says anything.
 */
export function doneShare(week: HistoryWeek, away: DateRange[] = []): number | undefined {
  const shares: number[] = [];
  const runs = plannedRunCount(week);
  if (week.done?.runs !== undefined && runs > 0) shares.push(week.done.runs / runs);
  const awayDates = awayDatesIn(away, week.weekStart);
  const runsAway = week.runs.filter((r) => r.amount > 0 && awayDates.has(r.date)).length;
  if (runsAway > 0) shares.push(1 - runsAway / runs);
  const planned = plannedVolume(week);
  const volume = reportedVolume(week);
  if (volume !== undefined && planned > 0) shares.push(volume / planned);
  return shares.length === 0 ? undefined : Math.min(...shares);
}

/**
 * Days of the week illness kept them from running. A mild cold "above the neck" allows easy runs, so its
 * days are not lost; fever, chest or stomach symptoms (or an illness of unknown kind) stop running.
 */
function illDaysLost(week: HistoryWeek): number {
  return week.illness === 'mild' ? 0 : Math.min(7, week.illDays ?? 0);
}

/** Most of a running week missed: under half of it done, or four days or more lost to illness. */
export function mostlyMissed(week: HistoryWeek, away: DateRange[]): boolean {
  if (!isRunningWeek(week)) return false;
  const share = doneShare(week, away);
  return (share !== undefined && share < MOST_MISSED_SHARE) || illDaysLost(week) >= MOST_MISSED_DAYS;
}

/** About two thirds or less of the week done: never followed by progress. */
export function mostlyNotDone(week: HistoryWeek, away: DateRange[]): boolean {
  return (
    isRunningWeek(week) && ((doneShare(week, away) ?? 1) <= MOSTLY_NOT_DONE_SHARE || mostlyMissed(week, away))
  );
}

/** Anything short of the whole planned week: a run or a day missed, or about two thirds or less done. */
function partlyMissed(week: HistoryWeek, away: DateRange[]): boolean {
  return (
    isRunningWeek(week) &&
    ((week.done?.runs !== undefined && week.done.runs < plannedRunCount(week)) ||
      mostlyNotDone(week, away) ||
      illDaysLost(week) > 0)
  );
}

function hasReport(week: HistoryWeek): boolean {
  return (
    week.actualVolume !== undefined ||
    week.done !== undefined ||
    week.illDays !== undefined ||
    week.request !== undefined ||
    (week.away?.length ?? 0) > 0 ||
    week.nextWeekRunDays !== undefined ||
    week.pain !== undefined ||
    (week.changes?.length ?? 0) > 0 ||
    (week.redFlags?.length ?? 0) > 0 ||
    week.paused !== undefined
  );
}

function painTolerated(pain: PainReport | undefined): boolean {
  return pain === undefined || (pain.score <= 3 && pain.settledNextMorning);
}

/** Pain above 5, not settled by the next morning, or rising two weeks running: the load is too much. */
function painTooMuch(history: HistoryWeek[]): 'high' | 'not-settled' | 'rising' | undefined {
  const last = history.at(-1);
  if (!last?.pain) return undefined;
  if (last.pain.score > 5) return 'high';
  if (!last.pain.settledNextMorning) return 'not-settled';
  const [a, b] = history.slice(-3, -1).map((w) => w.pain?.score);
  if (history.length >= 3 && a !== undefined && b !== undefined && a < b && b < last.pain.score)
    return 'rising';
  return undefined;
}

function isRunningWeek(week: HistoryWeek): boolean {
  return week.decision !== 'pause' && plannedVolume(week) > 0;
}

/** The most recent volume that went well, before the last week. */
function lastToleratedVolume(history: HistoryWeek[]): number | undefined {
  for (let i = history.length - 2; i >= 0; i--) {
    const week = history[i] as HistoryWeek;
    if (isRunningWeek(week) && painTolerated(week.pain) && (week.redFlags?.length ?? 0) === 0) {
      return doneVolume(week);
    }
  }
  return undefined;
}

/** Trailing weeks with the given decision. */
function trailing(history: HistoryWeek[], decision: Decision, end = history.length): number {
  let count = 0;
  for (let i = end - 1; i >= 0 && history[i]?.decision === decision; i--) count++;
  return count;
}

function withGoal(total: number, profile: PlanProfile): number {
  return profile.goalVolume === undefined ? total : Math.min(total, profile.goalVolume);
}

function floorFor(total: number, unit: Unit): number {
  return Math.max(total, MIN_WEEKLY[unit]);
}

function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

const CHANGE_WORDS: Record<ChangeKind, string> = {
  shoes: 'new shoes',
  surface: 'a new surface',
  hills: 'hills',
  speed: 'faster running',
  'more-days': 'an extra running day',
};

export function decideWeek(profile: PlanProfile, history: HistoryWeek[]): WeekDecision {
  const decided = decideByRules(profile, history);
  // Whatever the decision, the week after an illness has no long run: easy running only (issue 14).
  return (history.at(-1)?.illDays ?? 0) > 0 && !decided.easyOnly ? { ...decided, easyOnly: true } : decided;
}

function decideByRules(profile: PlanProfile, history: HistoryWeek[]): WeekDecision {
  const ramp = profile.rampRate ?? DEFAULT_RAMP_RATE;
  const last = history.at(-1);
  const changes = last?.changes ?? [];
  const base = { walkRun: false, changes } as const;

  if (last === undefined && profile.start === 'returning') {
    // Back after a break or an injury: the return path's walk-run start, from what they ran before it.
    return {
      decision: 'return',
      total: withGoal(
        floorFor(profile.weeklyVolume * (RETURN_STEPS.long[0] as number), profile.unit),
        profile,
      ),
      reason:
        'Welcome back! After a break we start gently with walk-run sessions at about half the running you did before it.',
      walkRun: true,
      returnStep: 0,
      changes,
    };
  }
  if (last === undefined) {
    return {
      ...base,
      decision: 'hold',
      total: withGoal(profile.weeklyVolume, profile),
      reason: 'Your first week starts at what you run now, so your knees can settle into the routine.',
    };
  }

  // 1. Red flags stop the running until they tell us they are ready again.
  if ((last.redFlags?.length ?? 0) > 0) {
    return {
      ...base,
      decision: 'pause',
      total: 0,
      reason:
        'What you told us about your knee needs a clinician to look at it, so please rest from running and get it checked before we carry on.',
    };
  }
  // 2. A pause lasts until they say to resume (an explicit paused: false).
  if (last.paused === true || (last.decision === 'pause' && last.paused !== false)) {
    return {
      ...base,
      decision: 'pause',
      total: 0,
      reason:
        'Your plan is paused, as you asked. Reply "resume" whenever you are ready and we will ease you back in.',
    };
  }
  // 3. Back from a pause, or part-way through the return: steps up from a share of the volume before it.
  if (last.decision === 'pause' || last.decision === 'return') {
    const returning = decideReturn(profile, history);
    if (returning) return returning;
  }

  // After a lighter week, everything builds on the week before it.
  const reference = last.decision === 'deload' ? (history.at(-2) ?? last) : last;
  const baseVolume = doneVolume(reference);
  const away = allAway(history);
  // After a week not fully run, carry on at its level: the plan of the week built on, but never more than
  // the ramp on what was done where that is known, so nothing missed is made up.
  const carryOn = (): number => {
    let level = plannedVolume(reference);
    for (const week of [reference, last]) {
      const done = knownDoneVolume(week);
      if (done !== undefined) level = Math.min(level, done * (1 + ramp));
    }
    return withGoal(floorFor(level, profile.unit), profile);
  };
  // When what was done holds the level below the plan, the reason says so rather than "the same level".
  const fromDone = (): boolean =>
    [reference, last].some((week) => {
      const done = knownDoneVolume(week);
      return done !== undefined && done * (1 + ramp) < plannedVolume(reference) - EPSILON;
    });

  // 4. Pain says the load is too much: back off toward what was tolerated.
  const tooMuch = painTooMuch(history);
  if (tooMuch) {
    const tolerated = lastToleratedVolume(history);
    const cut = doneVolume(last) * BACK_OFF_FACTOR;
    const total = floorFor(Math.min(cut, tolerated ?? cut), profile.unit);
    const why =
      tooMuch === 'high'
        ? `your knee pain reached ${last.pain?.score}/10`
        : tooMuch === 'not-settled'
          ? 'your knee had not settled by the next morning'
          : 'your knee pain has risen two weeks in a row';
    const repeated = last.decision === 'back-off' && !painTolerated(last.pain);
    return {
      ...base,
      decision: 'back-off',
      total: withGoal(total, profile),
      reason: `Because ${why}, this week is lighter to let it calm down${
        repeated ? '; if it still does not settle, please have a clinician look at it' : ''
      }.`,
    };
  }
  // 4b. Two weeks or more mostly missed (ill, away or not run): back through the return path, as after a
  // pause (the coaches' rule of thumb: longer than about a week, rebuild).
  const previous = history.at(-2);
  if (previous && last.decision !== 'return' && mostlyMissed(last, away) && mostlyMissed(previous, away)) {
    const returning = decideReturn(profile, history);
    if (returning) return returning;
  }
  // 4b'. "Easier please": one week a step lighter (the back-off step), and the ramp resumes from there, not
  // from before it. There is no "harder": the ramp is the ramp (issue 14).
  if (last.request === 'easier') {
    return {
      ...base,
      decision: 'back-off',
      total: withGoal(
        floorFor(Math.min(carryOn(), doneVolume(last)) * BACK_OFF_FACTOR, profile.unit),
        profile,
      ),
      reason:
        'You asked for an easier week, so this one is a step lighter; we build again from here next week.',
    };
  }
  // 4c. Ill last week: easy runs only, and only once free of symptoms; no progress. Re-entry by the days it
  // cost: most of the week repeats its level, a few days carry on at it. Mild colds "above the neck" allow
  // easy running; fever, chest or stomach symptoms do not (the "neck check" of sports-medicine advice on
  // exercising while ill; return-to-run guidance: easy running first).
  if ((last.illDays ?? 0) > 0) {
    const mild = last.illness === 'mild';
    const most = mostlyMissed(last, away);
    const when = mild
      ? 'Because you had a cold last week, this week keeps to easy runs'
      : 'Because you were ill last week, run only once the fever, chest or stomach symptoms are gone, and then only easy runs';
    return {
      ...base,
      decision: 'hold',
      total: carryOn(),
      easyOnly: true,
      reason: `${when}, ${
        fromDone()
          ? 'building back from what you managed'
          : most
            ? "repeating last week's level"
            : 'at the same level'
      } rather than adding to it.`,
    };
  }
  // 4d. Most of the week missed: repeat its level (rule of thumb: about a week missed, repeat the week).
  if (mostlyMissed(last, away)) {
    return {
      ...base,
      decision: 'hold',
      total: carryOn(),
      reason: fromDone()
        ? "You missed most of last week's running, so this week builds back gently from what you did; there is nothing to make up."
        : "You missed most of last week's running, so this week repeats its level instead of adding to it; there is nothing to make up.",
    };
  }
  // 4e. A run or two missed, or about two thirds or less done: carry on at the same level, no make-up
  // (rule of thumb: a day or two missed, carry on; issue 14: such a week never leads to progress).
  if (partlyMissed(last, away)) {
    return {
      ...base,
      decision: 'hold',
      total: carryOn(),
      reason: fromDone()
        ? 'You missed part of last week, so this week builds on what you did, without making up the missed running.'
        : 'You missed part of last week, so we carry on at the same level without making up the missed running.',
    };
  }
  // 4f. "Repeat this week": the same level again, never more than the ramp on what was done.
  if (last.request === 'repeat-week') {
    return {
      ...base,
      decision: 'hold',
      total: carryOn(),
      reason: fromDone()
        ? 'You asked to repeat last week; as not all of it was run, this week builds on what you did instead.'
        : 'You asked to repeat last week, so this week keeps the same level before we build again.',
    };
  }
  // 5. Pain in the acceptable zone (4–5, settled): hold the load.
  if (last.pain && last.pain.score >= 4) {
    return {
      ...base,
      decision: 'hold',
      total: withGoal(baseVolume, profile),
      reason: `Pain of ${last.pain.score}/10 that settles by morning is acceptable, so we hold your running steady this week rather than add more.`,
    };
  }
  // 6. One change at a time: whatever changed, the volume stays put this week.
  if (changes.length > 0) {
    const words = changes.map((c) => CHANGE_WORDS[c] ?? c).join(' and ');
    return {
      ...base,
      decision: 'hold',
      total: withGoal(baseVolume, profile),
      reason: `You mentioned ${words}, so we keep the amount the same this week while your body gets used to it.`,
    };
  }
  // 7. Goal reached: stop ramping.
  if (profile.goalVolume !== undefined && baseVolume >= profile.goalVolume - EPSILON) {
    return {
      ...base,
      decision: 'maintain',
      total: profile.goalVolume,
      reason: 'You have reached your goal, so we keep your week steady instead of adding more.',
    };
  }
  // 8. Silence for a while: be cautious and ask.
  const silent = history.slice(-SILENT_WEEKS_BEFORE_HOLD);
  if (silent.length === SILENT_WEEKS_BEFORE_HOLD && !silent.some(hasReport)) {
    return {
      ...base,
      decision: 'hold',
      total: withGoal(baseVolume, profile),
      reason:
        'We have not heard from you for a few weeks, so we hold steady: reply with how your knees feel and we will build again.',
    };
  }
  // 9. Every fourth progressing week is lighter.
  if (trailing(history, 'progress') >= PROGRESS_WEEKS_BEFORE_DELOAD) {
    return {
      ...base,
      decision: 'deload',
      total: withGoal(baseVolume * DELOAD_FACTOR, profile),
      reason:
        'After three weeks of building, this week is lighter so your body can absorb the work; next week picks up where you were.',
    };
  }
  // 10. Tolerated: add the ramp.
  return {
    ...base,
    decision: 'progress',
    total: withGoal(baseVolume * (1 + ramp), profile),
    reason: `Your knees handled last week well, so this week adds a small ${percent(ramp)}.`,
  };
}

/** The return after a pause: steps at a share of the volume before the break, each repeated once. */
function decideReturn(profile: PlanProfile, history: HistoryWeek[]): WeekDecision | undefined {
  const last = history.at(-1) as HistoryWeek;
  const away = allAway(history);
  // The break: paused weeks, and running weeks mostly missed (ill, away or not run) just before them.
  const breakBefore = (end: number): number => {
    let weeks = 0;
    for (let i = end - 1; i >= 0; i--) {
      const week = history[i] as HistoryWeek;
      if (week.decision !== 'pause' && !mostlyMissed(week, away)) break;
      weeks++;
    }
    return weeks;
  };
  let returnWeeks = trailing(history, 'return');
  let pauseEnd = history.length - returnWeeks;
  let pauseWeeks = breakBefore(pauseEnd);
  // A return week mostly missed repeats its step; but when it makes the break longer than two weeks, the
  // return starts again with the longer break's steps.
  if (last.decision === 'return' && mostlyMissed(last, away)) {
    const whole = breakBefore(history.length);
    if (whole > LONG_BREAK_WEEKS && pauseWeeks <= LONG_BREAK_WEEKS) {
      returnWeeks = 0;
      pauseEnd = history.length;
      pauseWeeks = whole;
    }
  }
  const missedBreak = history.slice(pauseEnd - pauseWeeks, pauseEnd).every((w) => w.decision !== 'pause');
  const beforeBreak = history.slice(0, pauseEnd - pauseWeeks).filter(isRunningWeek);
  const reference = beforeBreak.at(-1);
  const toleratedBefore = [...beforeBreak]
    .reverse()
    .find((w) => painTolerated(w.pain) && (w.redFlags?.length ?? 0) === 0);
  const volumeBefore = Math.min(
    reference ? plannedVolume(reference) : profile.weeklyVolume,
    toleratedBefore ? doneVolume(toleratedBefore) : profile.weeklyVolume,
  );
  // A runner who signed up as coming back after a break has no weeks before it: theirs was a long one.
  const longBreak =
    pauseWeeks > LONG_BREAK_WEEKS || (beforeBreak.length === 0 && profile.start === 'returning');
  const steps = longBreak ? RETURN_STEPS.long : RETURN_STEPS.short;

  let step: number;
  let reason: string;
  let easyOnly = false;
  if (returnWeeks === 0) {
    step = 0;
    reason = missedBreak
      ? `You missed most of the last ${pauseWeeks} weeks, so ${
          longBreak
            ? 'we start gently with walk-run sessions at about half your earlier running'
            : 'we start a little below where you were and build up again from there'
        }; there is nothing to make up.`
      : longBreak
        ? 'Welcome back! After a longer break we start gently with walk-run sessions at about half your earlier running.'
        : 'Welcome back! We start a little below where you were and build up again from there.';
    easyOnly = (last.illDays ?? 0) > 0;
    if (easyOnly && last.illness !== 'mild') reason = `Run only once you are free of symptoms. ${reason}`;
  } else {
    const previous = last.returnStep ?? returnWeeks - 1;
    const tooMuch = painTooMuch(history);
    if (tooMuch || !painTolerated(last.pain)) {
      step = tooMuch === 'high' || tooMuch === 'not-settled' ? Math.max(0, previous - 1) : previous;
      reason = 'Your knee is still grumbling, so we repeat an easier step of your return before moving on.';
    } else if (mostlyNotDone(last, away) || (last.illDays ?? 0) > 0) {
      // A return step not got through (or an illness during it) is repeated, never skipped past.
      step = previous;
      easyOnly = (last.illDays ?? 0) > 0;
      reason = easyOnly
        ? 'Because you were ill last week, we repeat this step of your return with easy runs, once you are free of symptoms.'
        : 'You did not get through most of last week, so we repeat this step of your return before moving on.';
    } else {
      step = previous + 1;
      if (step >= steps.length) return undefined; // the return is complete: normal rules from here
      reason =
        (steps[step] as number) === steps[previous]
          ? 'That went well; we repeat this step once more before building, to be sure your knees are ready.'
          : 'That went well, so your return moves up a step.';
    }
  }
  const share = steps[step] as number;
  return {
    decision: 'return',
    total: withGoal(floorFor(volumeBefore * share, profile.unit), profile),
    reason,
    walkRun: longBreak && share < 0.7,
    returnStep: step,
    changes: last.changes ?? [],
    ...(easyOnly ? { easyOnly } : {}),
  };
}
