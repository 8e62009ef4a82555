// A race goal: the distance, when the runner will be ready for it under the usual rules, and the weeks around
// the race (a lighter last week, the race on its day, an easy week after it). The ramp is never sped up to
// fit a date: readiness is projected by planning the weeks ahead with the same engine, each assumed run as
// planned with no pain, and the email says plainly when the date comes early.
import type { NamedDistance, RaceGoal, Unit } from './types';
import { addDays } from './zoned-time';

export const DISTANCE_KM: Record<NamedDistance, number> = {
  '5k': 5,
  '10k': 10,
  half: 21.0975,
  marathon: 42.195,
};

export const KM_PER_MI = 1.609344;

/**
 * Ready for the distance: a long run of 90% of it up to 10K, 75% beyond. The published novice plans this
 * copies: Hal Higdon's Novice 5K peaks at 3 mi (97% of 5K) and Novice 10K at 5.5 mi (89% of 10K); his
 * novice half marathon and marathon plans peak at 10 of 13.1 mi and 20 of 26.2 mi (about 76%).
 */
export function readyShare(km: number): number {
  return km <= 10 + 1e-9 ? 0.9 : 0.75;
}

/**
 * For runners who count in minutes: the pace assumed to turn a distance into running time, 7.5 min/km. It is
 * on the slow side for most runners, so a projection in minutes errs late rather than early.
 */
export const EASY_MIN_PER_KM = 7.5;

/** The race week's runs before race day, as a share of the week's usual level (a lighter last week). */
export const TAPER_SHARE = 0.6;
/** The week after the race: easy runs only, at this share of the level before the race. */
export const RECOVERY_SHARE = 0.6;

export function goalKm(goal: RaceGoal): number {
  const d = goal.distance;
  if (typeof d === 'string') return DISTANCE_KM[d];
  return 'km' in d ? d.km : d.mi * KM_PER_MI;
}

/** A distance in the plan's unit: km, mi, or minutes at the assumed easy pace. */
export function inUnit(km: number, unit: Unit): number {
  if (unit === 'km') return km;
  if (unit === 'mi') return km / KM_PER_MI;
  return km * EASY_MIN_PER_KM;
}

/** The long run that counts as ready for the goal, in the plan's unit. */
export function readyLongRun(goal: RaceGoal, unit: Unit): number {
  const km = goalKm(goal);
  return inUnit(km * readyShare(km), unit);
}

/** The Monday of the week a date falls in. */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((day + 6) % 7));
}

export type RacePhase = 'before' | 'race-week' | 'recovery' | 'after';

/** Where a week stands against the race: before its week, the race week itself, the week after, or later. */
export function racePhase(goal: RaceGoal | undefined, weekStart: string): RacePhase | undefined {
  if (goal?.date === undefined) return undefined;
  const raceWeek = mondayOf(goal.date);
  if (weekStart < raceWeek) return 'before';
  if (weekStart === raceWeek) return 'race-week';
  if (weekStart === addDays(raceWeek, 7)) return 'recovery';
  return 'after';
}

export function distanceName(goal: RaceGoal): string {
  const d = goal.distance;
  if (d === '5k') return 'the 5K';
  if (d === '10k') return 'the 10K';
  if (d === 'half') return 'the half marathon';
  if (d === 'marathon') return 'the marathon';
  return 'km' in d ? `${round1(d.km)} km` : `${round1(d.mi)} mi`;
}

function round1(x: number): string {
  return String(Math.round(x * 10) / 10);
}
