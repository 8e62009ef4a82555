// What watch files add to the weeks they belong to: each activity placed on its week in the runner's zone,
// the same activity sent twice counted once, and the week's amounts (runs, volume, longest run,
// cross-training) taken from the files. Plain data in and out: no I/O, no clock.
import {
  type CrossTrainingKind,
  type DoneSummary,
  MAX_WEEK_ACTIVITIES,
  type Unit,
  type WeekActivity,
  type WeekReport,
} from './types';
import { convertVolume } from './units';
import { dateOfDay, dayNumber, localDate, weekdayOfDay } from './zoned-time';

/** An activity as lambdas/activity-files reads it from a file (the fields the coach keeps). */
export interface FileActivity {
  startedAt: string;
  sport: 'run' | 'walk' | 'cross-training';
  /** What the file called it, in snake case ('cycling', 'lap_swimming', 'hiking'). */
  sportName: string;
  distanceKm: number;
  movingMinutes: number;
  fingerprint: string;
}

const KIND_WORDS: [RegExp, CrossTrainingKind][] = [
  [/cycl|bik|ride|spin/, 'bike'],
  [/swim/, 'swim'],
  [/elliptical|cross_?trainer/, 'elliptical'],
  [/row|kayak|paddl|canoe/, 'row'],
  [/hik/, 'hike'],
  [/walk/, 'walk'],
];

/** The cross-training kind of a walk or another sport: cycling is 'bike', swimming 'swim', a walk 'walk'. */
export function crossTrainingKindOf(sport: FileActivity['sport'], sportName: string): CrossTrainingKind {
  const name = sportName.toLowerCase();
  const named = KIND_WORDS.find(([pattern]) => pattern.test(name))?.[1];
  if (sport === 'walk') return named === 'hike' ? 'hike' : 'walk';
  return named === undefined || named === 'walk' || named === 'hike' ? 'other' : named;
}

/** The activity as a week keeps it. */
export function toWeekActivity(activity: FileActivity): WeekActivity {
  return {
    startedAt: activity.startedAt,
    sport: activity.sport,
    ...(activity.sport === 'run'
      ? {}
      : { activity: crossTrainingKindOf(activity.sport, activity.sportName) }),
    distanceKm: activity.distanceKm,
    movingMinutes: activity.movingMinutes,
    fingerprint: activity.fingerprint,
  };
}

/** The Monday (in the runner's zone) of the week an activity was done in. */
export function weekOfActivity(activity: Pick<WeekActivity, 'startedAt'>, timeZone: string): string {
  const day = dayNumber(localDate(new Date(activity.startedAt), timeZone));
  return dateOfDay(day - (weekdayOfDay(day) - 1));
}

/** The activities grouped by the week they were done in, each group in the order of their start. */
export function activitiesByWeek(activities: WeekActivity[], timeZone: string): Map<string, WeekActivity[]> {
  const weeks = new Map<string, WeekActivity[]>();
  for (const activity of [...activities].sort(byStart)) {
    const week = weekOfActivity(activity, timeZone);
    const list = weeks.get(week);
    if (list) list.push(activity);
    else weeks.set(week, [activity]);
  }
  return weeks;
}

const SAME_START_MS = 2 * 60_000;

/** Shorter than both of these is no run, walk or ride: a watch started by mistake, a GPX of one point. */
export const MIN_ACTIVITY = { km: 0.3, minutes: 2 } as const;

/** Whether an activity is too short to count for anything. */
export function tooShort(activity: WeekActivity): boolean {
  return activity.distanceKm < MIN_ACTIVITY.km && activity.movingMinutes < MIN_ACTIVITY.minutes;
}

/** How far ahead of the reply an activity may start and still count (a watch's clock or zone a little off). */
export const FUTURE_SLACK_MS = 6 * 3_600_000;

/**
 * Whether two activities are the same one, sent twice or in two formats. The fingerprints match for the
 * same file; a FIT file and the GPX exported from it can differ in the start (the first point against the
 * start button) and the distance (the watch's against the track's), so also the same sport started within
 * two minutes, with distances within 3% (or 100 m) and moving times within 5% (or 2 minutes) where both
 * files have them.
 */
export function sameActivity(a: WeekActivity, b: WeekActivity): boolean {
  if (a.fingerprint === b.fingerprint) return true;
  if (a.sport !== b.sport) return false;
  if (Math.abs(Date.parse(a.startedAt) - Date.parse(b.startedAt)) > SAME_START_MS) return false;
  const close = (x: number, y: number, share: number, floor: number) =>
    x === 0 || y === 0 || Math.abs(x - y) <= Math.max(floor, share * Math.max(x, y));
  return close(a.distanceKm, b.distanceKm, 0.03, 0.1) && close(a.movingMinutes, b.movingMinutes, 0.05, 2);
}

export interface MergedActivities {
  /** What the week keeps: the ones it had and the new ones, in the order of their start. */
  activities: WeekActivity[];
  /** The new ones it took. */
  added: WeekActivity[];
  /** The ones it had already (from an earlier file, or twice in this message): counted once. */
  repeated: WeekActivity[];
  /** New ones past the most a week keeps (MAX_WEEK_ACTIVITIES): not counted. */
  overLimit: WeekActivity[];
}

/** Adds a week's new activities to the ones it has, each one once, up to MAX_WEEK_ACTIVITIES. */
export function mergeActivities(existing: WeekActivity[], incoming: WeekActivity[]): MergedActivities {
  const kept = [...existing];
  const added: WeekActivity[] = [];
  const repeated: WeekActivity[] = [];
  const overLimit: WeekActivity[] = [];
  for (const activity of [...incoming].sort(byStart)) {
    if (kept.some((k) => sameActivity(k, activity))) repeated.push(activity);
    else if (kept.length >= MAX_WEEK_ACTIVITIES) overLimit.push(activity);
    else {
      kept.push(activity);
      added.push(activity);
    }
  }
  return { activities: kept.sort(byStart), added, repeated, overLimit };
}

/**
 * An activity's amount in a plan unit: the minutes moved, or the distance; when the file has only the other,
 * converted at the easy pace the coach uses everywhere (about 7 min/km).
 */
export function activityAmount(activity: WeekActivity, unit: Unit): number {
  if (unit === 'min') {
    return activity.movingMinutes > 0
      ? activity.movingMinutes
      : convertVolume(activity.distanceKm, 'km', 'min');
  }
  const km =
    activity.distanceKm > 0 ? activity.distanceKm : convertVolume(activity.movingMinutes, 'min', 'km');
  return unit === 'km' ? km : convertVolume(km, 'km', 'mi');
}

/**
 * The week's amounts from its activities, in the plan's unit: the runs done, their volume and the longest
 * (only when the files hold a run: a file of a bike ride alone says nothing of the runs), and the walks and
 * other sports as cross-training.
 */
export function amountsFromActivities(
  activities: WeekActivity[],
  unit: Unit,
): Pick<WeekReport, 'done' | 'actualVolume' | 'crossTraining'> {
  const runs = activities.filter((a) => a.sport === 'run');
  const others = activities.filter((a) => a.sport !== 'run');
  const amounts: Pick<WeekReport, 'done' | 'actualVolume' | 'crossTraining'> = {};
  if (runs.length > 0) {
    const each = runs.map((r) => activityAmount(r, unit));
    const volume = round2(each.reduce((sum, a) => sum + a, 0));
    const done: DoneSummary = {
      runs: Math.min(14, runs.length),
      volume,
      longestRun: round2(Math.max(...each)),
    };
    amounts.done = done;
    amounts.actualVolume = volume;
  }
  if (others.length > 0) {
    amounts.crossTraining = others.map((a) => ({
      activity: a.activity ?? (a.sport === 'walk' ? 'walk' : 'other'),
      ...(a.movingMinutes > 0 ? { minutes: Math.max(1, Math.round(a.movingMinutes)) } : {}),
    }));
  }
  return amounts;
}

function byStart(a: WeekActivity, b: WeekActivity): number {
  return a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
