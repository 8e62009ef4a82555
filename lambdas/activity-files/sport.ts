// From what a file calls an activity to how the coach counts it, and the guess when a GPX file says nothing.
import type { ActivitySport } from './types';

/** 'trailRunning', 'Trail Running', 'trail-running' → 'trail_running'; at most 40 characters. */
export function snakeName(raw: string): string {
  return raw
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 40);
}

const RUN = new Set([
  'run',
  'running',
  'trail_run',
  'virtual_run',
  'treadmill',
  'track',
  'jogging',
  'indoor_running',
]);
const WALK = new Set(['walk', 'walking', 'hike', 'hiking']);

/**
 * Running, trail running, treadmill and track are runs; walking and hiking are walks; everything else
 * (cycling, swimming, elliptical, rowing, strength, 'other'…) is cross-training.
 */
export function sportOfName(name: string): ActivitySport {
  if (RUN.has(name) || name.endsWith('_running')) return 'run';
  if (WALK.has(name) || name.endsWith('_walking') || name.endsWith('_hiking')) return 'walk';
  return 'cross-training';
}

/** Strava's older GPX exports write a number in <type>; the ones known here. */
const STRAVA_TYPES: Record<string, string> = { '1': 'cycling', '9': 'running', '10': 'walking' };

/** The name a GPX <type> stands for: Strava's numbers as their sport, words in snake case. */
export function gpxTypeName(raw: string): string {
  const trimmed = raw.trim();
  return STRAVA_TYPES[trimmed] ?? snakeName(trimmed);
}

/** Whether a GPX <type> tells the sport: a word, or one of Strava's numbers known here. */
export function isReadableType(name: string): boolean {
  return name !== '' && (!/^\d+$/.test(name) || Object.values(STRAVA_TYPES).includes(name));
}

/**
 * The sport of an activity whose file does not say: from its average moving pace. Faster than 2.5 min/km is
 * not running (most likely a ride): cross-training; 2.5–12 min/km is a run; slower than 12 min/km a walk. With
 * no distance or no moving time there is no pace, and nothing says it was a run: cross-training.
 */
export function guessSportFromPace(distanceM: number, movingS: number): ActivitySport {
  if (!(distanceM > 0) || !(movingS > 0)) return 'cross-training';
  const minPerKm = movingS / 60 / (distanceM / 1000);
  if (minPerKm < 2.5) return 'cross-training';
  if (minPerKm > 12) return 'walk';
  return 'run';
}
