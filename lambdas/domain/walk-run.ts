// Run-walk from zero: the sessions a beginner runs until they can run 30 minutes without a break.
// Every session is time-boxed: a brisk warm-up walk, intervals of running and walking, a cool-down walk. The
// weekly engine (plan-decision.ts) decides the week's running minutes exactly as for everyone (pain, changes,
// illness and missed runs included); this file only turns a session's running minutes into intervals that
// never run more than that, so the single-session rule (no session's running above 110% of the longest of the
// last 30 days, Frandsen et al., BJSM 2025) holds for what the runner actually runs.
import type { PlanProfile } from './plan-decision';
import type { Intervals } from './types';

/** The walk-run path ends at this much continuous easy running; the ordinary plan takes over from there. */
export const CONTINUOUS_GOAL_MINUTES = 30;
/** Where a non-runner starts: 8 × (1 min run, 2 min walk), the first week of the NHS Couch to 5K. */
export const NEW_RUNNER_START_MINUTES = 8;
/** The fewest running minutes a walk-run session is built from. */
export const MIN_SESSION_RUNNING = 5;
/** The brisk walk before and after every walk-run session (the NHS Couch to 5K warm-up). */
export const WARMUP_MINUTES = 5;
export const COOLDOWN_MINUTES = 5;
/**
 * The weekly ramp on running minutes while on the walk-run path: 10%, the top of the ramp range the coach
 * allows. It is the rate Buist et al. (2008) tested in 532 novices (no more injuries than a faster plan) and
 * far inside the 30% over two weeks after which Nielsen et al. (2014) saw more injuries. 2.5% of 24 running
 * minutes would be half a minute a week, too small to turn into intervals. Never raised for a race date.
 */
export const WALK_RUN_RAMP = 0.1;

/** The interval block (without warm-up and cool-down) stays about this long while running replaces walking. */
const BLOCK_MIN = 20;
const BLOCK_MAX = 30;
/** Running spells: 15-second steps from 30 seconds up to 8 minutes, then half minutes; walking spells in half minutes. */
const RUN_SPELLS = [
  ...Array.from({ length: 31 }, (_, i) => 0.5 + i * 0.25),
  ...Array.from({ length: 14 }, (_, i) => 8.5 + i * 0.5),
];
const WALK_SPELLS = [0.5, 1, 1.5, 2, 2.5, 3, 4];
const MAX_REPEATS = 16;

export type Session = { intervals: Intervals; running: number } | { continuous: number; running: number };

/**
 * The session for at most `running` minutes of running: continuous at 30 minutes or more, otherwise the
 * intervals with the most running that is not above it (then the running spell that suits that much
 * running, and a block near 25 minutes). Given last session's intervals, the spells do not get shorter.
 */
export function sessionFor(running: number, previous?: Intervals): Session {
  if (running >= CONTINUOUS_GOAL_MINUTES - 1e-9) {
    return { continuous: CONTINUOUS_GOAL_MINUTES, running: CONTINUOUS_GOAL_MINUTES };
  }
  const free = chooseSession(running, 0) ?? fewestSpells(running);
  if (previous === undefined) return free;
  // Building up, the running spells never get shorter from one session to the next, unless keeping them
  // would stop the running from growing. A lighter or equal week keeps spells as near last week's as fit.
  const before = previous.repeats * previous.runMinutes;
  if (running <= before + 1e-9) return chooseSession(running, 0, previous.runMinutes) ?? free;
  const held = chooseSession(running, previous.runMinutes, undefined, before);
  return held ?? free;
}

/** Less running than the smallest block holds: short spells with long walks, still time-boxed. */
function fewestSpells(running: number): Session {
  const repeats = Math.max(1, Math.floor(running));
  return { intervals: { repeats, runMinutes: 1, walkMinutes: 3 }, running: repeats };
}

function chooseSession(
  running: number,
  minSpell: number,
  nearSpell?: number,
  above?: number,
): Session | undefined {
  const candidates: { intervals: Intervals; running: number; block: number }[] = [];
  for (const run of RUN_SPELLS) {
    if (run < minSpell - 1e-9) continue;
    for (let repeats = 2; repeats <= MAX_REPEATS; repeats++) {
      const total = run * repeats;
      if (total > running + 1e-9) break;
      if (above !== undefined && total <= above + 1e-9) continue;
      for (const walk of WALK_SPELLS) {
        if (walk > run * 2 + 1e-9 && run > 1) continue; // walking never more than twice the running spell
        const block = repeats * (run + walk);
        if (block < BLOCK_MIN || block > BLOCK_MAX) continue;
        candidates.push({
          intervals: { repeats, runMinutes: run, walkMinutes: walk },
          running: total,
          block,
        });
      }
    }
  }
  const most = Math.max(0, ...candidates.map((c) => c.running));
  let best: (typeof candidates)[number] | undefined;
  for (const c of candidates) {
    // Among the sessions with the most running that fits, the spell that suits the running wins.
    // Building on last week, some of the growth may go to a spell that suits the running better.
    if (c.running < most * (above === undefined ? 1 : NEAR_MOST) - 1e-9) continue;
    const miss = (x: typeof c) =>
      (nearSpell === undefined
        ? spellMiss(x.intervals.runMinutes, x.running)
        : 2 * Math.abs(Math.log(x.intervals.runMinutes / nearSpell))) + blockMiss(x.block);
    const score = miss(c) - c.running / most;
    const bestScore = best === undefined ? Number.POSITIVE_INFINITY : miss(best) - best.running / most;
    if (score < bestScore - 1e-12) best = c;
  }
  return best === undefined ? undefined : { intervals: best.intervals, running: best.running };
}

/** Building on last week's session, sessions within 5% of the most running that fits (and above last week's) count. */
const NEAR_MOST = 0.95;

/**
 * How far a running spell is from the one that suits this much running: spells grow smoothly with the running,
 * from 1 minute at 8 minutes of running to about 6 at 20 and 12 at 28 ((running / 8)² minutes), so each spell
 * lengthens a little week by week instead of jumping about.
 */
function spellMiss(run: number, running: number): number {
  return 2 * Math.abs(Math.log(run / Math.max(0.5, (running / 8) ** 2)));
}

function blockMiss(block: number): number {
  return Math.abs(block - 25) / 50;
}

/** Minutes a walk-run session takes, warm-up and cool-down included. */
export function sessionMinutes(intervals: Intervals): number {
  return (
    WARMUP_MINUTES + intervals.repeats * (intervals.runMinutes + intervals.walkMinutes) + COOLDOWN_MINUTES
  );
}

/** The running minutes per session a beginner starts from, or undefined when they are not on the walk-run path. */
export function walkRunStart(profile: PlanProfile): number | undefined {
  if (profile.unit !== 'min') return undefined;
  const days = Math.min(7, Math.max(1, Math.round(profile.runDays)));
  if (profile.start === 'new') return NEW_RUNNER_START_MINUTES;
  if (profile.start === 'some') {
    const perSession = profile.weeklyVolume / days;
    if (perSession >= CONTINUOUS_GOAL_MINUTES) return undefined;
    return Math.max(MIN_SESSION_RUNNING, perSession);
  }
  return undefined;
}

/** A week whose every run was continuous running of 30 minutes or more: the walk-run path is done. */
export function isContinuousWeek(runs: { amount: number; kind?: string }[]): boolean {
  return (
    runs.length > 0 &&
    runs.every(
      (r) => r.kind !== 'walk-run' && r.kind !== 'race' && r.amount >= CONTINUOUS_GOAL_MINUTES - 1e-9,
    )
  );
}

/** "8 × (1 min run, 2 min walk)". */
export function intervalsText(intervals: Intervals): string {
  return `${intervals.repeats} × (${minutes(intervals.runMinutes)} run, ${minutes(intervals.walkMinutes)} walk)`;
}

function minutes(m: number): string {
  const whole = Math.floor(m);
  const seconds = Math.round((m - whole) * 60);
  if (seconds === 0) return `${whole} min`;
  if (whole === 0) return `${seconds} s`;
  return `${whole} min ${seconds} s`;
}
