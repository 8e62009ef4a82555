// The coach's beginner path and its path to 10K, beside the published plans of
// /work/shared/reference/anchor-plans.md (NHS Couch to 5K, Hal Higdon Novice 5K and 10K), by the same measures:
// sessions above 110% of the longest of the 30 days before, the largest session spike, the largest
// week-over-week rise in running, and the weeks to 30 minutes of continuous running and to the distance.
import { EASY_MIN_PER_KM, KM_PER_MI, readyShare } from '#domain/goal';
import { type PlanProfile, planAhead } from '#domain/plan';
import { SINGLE_RUN_LIMIT } from '#domain/plan-runs';
import type { WeekPlan } from '#domain/types';
import { CONTINUOUS_GOAL_MINUTES } from '#domain/walk-run';

/** One session: its day (0 = the plan's first Monday), the running in it, and whether it is run without breaks. */
export interface Session {
  day: number;
  running: number;
  continuous: boolean;
}

export interface PathFigures {
  name: string;
  /** What the running is counted in: minutes of running, or miles. */
  measure: 'min' | 'mi';
  weeks: number;
  sessionsAbove110: number;
  largestSpikePercent: number;
  largestWeeklyRisePercent: number;
  /** The first week (1-based) with a continuous run of 30 minutes (miles at the assumed easy pace). */
  weeksTo30MinContinuous?: number;
  /** The first week with a long run of the ready share of the distance (90% up to 10K). */
  weeksToReadyLongRun?: number;
  /** A published plan's own race week. */
  raceWeek?: number;
  distanceKm: number;
}

const MIN_PER_MI = EASY_MIN_PER_KM * KM_PER_MI;

/** Sessions above 110% of the 30-day longest, the largest spike and the largest weekly rise. */
export function measure(
  sessions: Session[],
  weeks: number,
): {
  sessionsAbove110: number;
  largestSpikePercent: number;
  largestWeeklyRisePercent: number;
} {
  let above = 0;
  let spike = 0;
  sessions.forEach((s, i) => {
    const before = sessions.slice(0, i).filter((p) => p.day >= s.day - 30 && p.day < s.day);
    if (before.length === 0) return; // the first session is the baseline
    const longest = Math.max(...before.map((p) => p.running));
    if (s.running > SINGLE_RUN_LIMIT * longest + 1e-9) above++;
    spike = Math.max(spike, s.running / longest - 1);
  });
  const perWeek = Array.from({ length: weeks }, (_, w) =>
    sessions.filter((s) => Math.floor(s.day / 7) === w).reduce((t, s) => t + s.running, 0),
  );
  let rise = 0;
  for (let w = 1; w < perWeek.length; w++) {
    const prev = perWeek[w - 1] as number;
    if (prev > 0) rise = Math.max(rise, (perWeek[w] as number) / prev - 1);
  }
  return {
    sessionsAbove110: above,
    largestSpikePercent: Math.round(spike * 1000) / 10,
    largestWeeklyRisePercent: Math.round(rise * 1000) / 10,
  };
}

function firstWeek(sessions: Session[], ok: (s: Session) => boolean): number | undefined {
  const s = sessions.find(ok);
  return s === undefined ? undefined : Math.floor(s.day / 7) + 1;
}

/** A published plan, as weeks of session amounts on fixed weekdays. */
function published(
  name: string,
  measureIn: 'min' | 'mi',
  days: number[],
  weeks: number[][],
  continuousFromWeek: (week: number, session: number) => boolean,
  distanceKm: number,
  raceWeek: number,
): PathFigures {
  const sessions: Session[] = weeks.flatMap((amounts, w) =>
    amounts.map((running, i) => ({
      day: w * 7 + (days[i] as number),
      running,
      continuous: continuousFromWeek(w + 1, i),
    })),
  );
  return { name, measure: measureIn, ...figuresOf(sessions, weeks.length, measureIn, distanceKm), raceWeek };
}

function figuresOf(sessions: Session[], weeks: number, unit: 'min' | 'mi', distanceKm: number) {
  const thirty = unit === 'min' ? CONTINUOUS_GOAL_MINUTES : CONTINUOUS_GOAL_MINUTES / MIN_PER_MI;
  const ready = distanceKm * readyShare(distanceKm) * (unit === 'min' ? EASY_MIN_PER_KM : 1 / KM_PER_MI);
  const to30 = firstWeek(sessions, (s) => s.continuous && s.running >= thirty - 1e-9);
  const toReady = firstWeek(sessions, (s) => s.continuous && s.running >= ready - 1e-9);
  return {
    weeks,
    distanceKm,
    ...measure(sessions, weeks),
    ...(to30 === undefined ? {} : { weeksTo30MinContinuous: to30 }),
    ...(toReady === undefined ? {} : { weeksToReadyLongRun: toReady }),
  };
}

/** NHS Couch to 5K: running minutes per session (anchor-plans.md; week 2 estimated at 6 repeats). */
export function coachToFive(): PathFigures {
  return published(
    'NHS Couch to 5K',
    'min',
    [0, 2, 5],
    [
      [8, 8, 8],
      [9, 9, 9],
      [9, 9, 9],
      [16, 16, 16],
      [15, 16, 20],
      [18, 20, 25],
      [25, 25, 25],
      [28, 28, 28],
      [30, 30, 30],
    ],
    (w, i) => w >= 7 || (w >= 5 && i === 2),
    5,
    9,
  );
}

/** Hal Higdon Novice 5K, miles on Tue, Thu, Sat; the race (week 8's Sunday) left out. */
export function higdonFive(): PathFigures {
  return published(
    'Hal Higdon Novice 5K',
    'mi',
    [1, 3, 5],
    [
      [1.5, 1.5, 1.5],
      [1.75, 1.5, 1.75],
      [2, 1.5, 2],
      [2.25, 1.5, 2.25],
      [2.5, 2, 2.5],
      [2.75, 2, 2.75],
      [3, 2, 3],
      [3, 2],
    ],
    () => true,
    5,
    8,
  );
}

/** Hal Higdon Novice 10K, miles on Tue, Thu, Sun; the race (week 8's Sunday) left out. */
export function higdonTen(): PathFigures {
  const sunday = [3, 3.5, 4, 4, 4.5, 5, 5.5];
  const weeks = Array.from({ length: 8 }, (_, w) => {
    const tue = w < 3 ? 2.5 : 3;
    return w < 7 ? [tue, 2, sunday[w] as number] : [tue, 2];
  });
  return published('Hal Higdon Novice 10K', 'mi', [1, 3, 6], weeks, () => true, 10, 8);
}

/** The coach's path from a profile, each week assumed run as planned with no pain. */
export function coachPath(
  name: string,
  profile: PlanProfile,
  weeks: number,
  distanceKm: number,
): PathFigures & { plans: WeekPlan[] } {
  const start = '2027-01-04';
  const plans = planAhead({ profile, history: [], weekStart: start }, weeks);
  const t0 = Date.parse(`${start}T00:00:00Z`);
  const sessions: Session[] = plans.flatMap((p) =>
    p.runs
      .filter((r) => r.kind !== 'race')
      .map((r) => ({
        day: Math.round((Date.parse(`${r.date}T00:00:00Z`) - t0) / 86_400_000),
        running: r.amount,
        continuous: r.intervals === undefined && r.kind !== 'walk-run',
      })),
  );
  const unit = profile.unit === 'min' ? 'min' : 'mi';
  return { name, measure: unit, ...figuresOf(sessions, weeks, unit, distanceKm), plans };
}

export interface PlanComparison {
  /** The easy pace assumed to turn miles into minutes and minutes into distance. */
  minPerKm: number;
  paths: PathFigures[];
}

export function comparePlans(): PlanComparison {
  const { plans: _b, ...beginner } = coachPath(
    'Coach: from zero (walk-run, 3 days)',
    { unit: 'min', weeklyVolume: 10, runDays: 3, start: 'new', goal: { distance: '5k' } },
    52,
    5,
  );
  const { plans: _f, ...five } = coachPath(
    'Coach: from Higdon 5K week 1 (4.5 mi)',
    { unit: 'mi', weeklyVolume: 4.5, runDays: 3, start: 'regular', goal: { distance: '5k' } },
    52,
    5,
  );
  const { plans: _t, ...ten } = coachPath(
    'Coach: from Higdon 10K week 1 (7.5 mi)',
    { unit: 'mi', weeklyVolume: 7.5, runDays: 3, start: 'regular', goal: { distance: '10k' } },
    52,
    10,
  );
  return {
    minPerKm: EASY_MIN_PER_KM,
    paths: [coachToFive(), beginner, higdonFive(), five, higdonTen(), ten],
  };
}

export function formatComparison(c: PlanComparison): string {
  const head = [
    'path',
    'counted in',
    'sessions >110%',
    'largest spike',
    'largest weekly rise',
    'weeks to 30 min continuous',
    'weeks to ready long run',
    'race week',
  ];
  const rows = c.paths.map((p) => [
    p.name,
    p.measure === 'min' ? 'running min' : 'miles',
    String(p.sessionsAbove110),
    `+${p.largestSpikePercent}%`,
    `+${p.largestWeeklyRisePercent}%`,
    p.weeksTo30MinContinuous === undefined ? '–' : String(p.weeksTo30MinContinuous),
    p.weeksToReadyLongRun === undefined ? '–' : String(p.weeksToReadyLongRun),
    p.raceWeek === undefined ? '–' : String(p.raceWeek),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((x, i) => x.padEnd(widths[i] as number)).join(' | ')} |`;
  return [
    line(head),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
    '',
    `Race days are left out. Miles and minutes are turned into each other at ${c.minPerKm} min/km (${(c.minPerKm * KM_PER_MI).toFixed(1)} min/mi). ` +
      'Ready long run: 90% of the distance up to 10K. The coach paths assume every week run as planned with no pain.',
  ].join('\n');
}
