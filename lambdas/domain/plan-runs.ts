// Laying out a week's runs: which days, how much each, and the single-run limit from the last 30 days.
import type { HistoryWeek } from './plan-decision';
import { allAway, awayDatesIn, EPSILON, MIN_REPORTED, reportedVolume } from './plan-decision';
import type { PlannedRun } from './types';
import { addDays } from './zoned-time';

/**
 * Which weekdays (0 = Monday) to run on. Within a week, four days or fewer never put two runs on
 * consecutive days. Across weeks that holds up to three days; with four, Sunday then Monday is the one
 * back-to-back pair, since four runs each followed by a rest day would need an eight-day week.
 * The last day of each pattern carries the long run, on the weekend.
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

/** No single run longer than 110% of the longest run of the previous 30 days (Frandsen et al., BJSM 2025). */
export const SINGLE_RUN_LIMIT = 1.1;
export const LOOKBACK_DAYS = 30;
/** With three or more runs, the long run is half as long again as an easy one (when the limit allows). */
export const LONG_RUN_RATIO = 1.5;

/**
 * The longest run of the 30 days before `weekStart`, from what was done where it is known: a reported
 * longest run stands for its week. Planned runs count in full only for weeks where nothing was reported;
 * otherwise only what was likely run: runs scaled down by the share of the volume reported, the shortest
 * ones when fewer runs were done (a skipped run is assumed to be the long one), none on days away, and
 * none from a week where only an illness was reported.
 */
export function longestRecentRun(history: HistoryWeek[], weekStart: string): number | undefined {
  const from = addDays(weekStart, -LOOKBACK_DAYS);
  const away = allAway(history);
  let longest: number | undefined;
  const count = (amount: number) => {
    if (amount > 0) longest = Math.max(longest ?? 0, amount);
  };
  for (const week of history) {
    if (week.weekStart >= weekStart || addDays(week.weekStart, 6) < from) continue;
    if (week.done?.longestRun !== undefined) {
      // Under a tenth of a unit is noise: they did not really run.
      if (week.done.longestRun >= MIN_REPORTED) count(week.done.longestRun);
      continue;
    }
    const awayDates = awayDatesIn(away, week.weekStart);
    // A race is the goal itself, not training: it does not raise the limit for the runs after it.
    const runs = week.runs.filter((r) => r.amount > 0 && r.kind !== 'race' && !awayDates.has(r.date));
    const volume = reportedVolume(week);
    if (week.done === undefined && volume === undefined && (week.illDays ?? 0) > 0) continue;
    const done =
      week.done?.runs === undefined
        ? runs
        : [...runs].sort((x, y) => x.amount - y.amount).slice(0, Math.max(0, week.done.runs));
    const doneRunsVolume = done.reduce((sum, r) => sum + r.amount, 0);
    const scale = volume !== undefined && doneRunsVolume > 0 ? Math.min(1, volume / doneRunsVolume) : 1;
    for (const run of done) {
      if (run.date >= from && run.date < weekStart) count(run.amount * scale);
    }
  }
  return longest;
}

export interface RunLayout {
  runs: PlannedRun[];
  /** The week's real total: the target, unless the single-run limit held it lower. */
  total: number;
}

/**
 * Spreads `total` over the pattern's days: easy runs, one long run when there are three or more, every
 * run within `maxSingleRun`. If even equal runs would exceed it, the week is trimmed to fit.
 */
export function layoutRuns(
  total: number,
  runDays: number,
  weekDates: string[],
  maxSingleRun: number,
  walkRun: boolean,
  easyOnly = false,
): RunLayout {
  const pattern = RUN_DAY_PATTERNS[Math.min(7, Math.max(1, Math.round(runDays)))] as number[];
  const dates = pattern.map((i) => weekDates[i] as string);
  return layoutRunsOn(total, dates, maxSingleRun, walkRun, easyOnly);
}

/** Spreads `total` over the given dates, as `layoutRuns` does; `easyOnly` gives equal easy runs. */
export function layoutRunsOn(
  total: number,
  dates: string[],
  maxSingleRun: number,
  walkRun: boolean,
  easyOnly = false,
): RunLayout {
  const n = dates.length;
  if (n === 0) return { runs: [], total: 0 };
  const even = total / n;
  if (even > maxSingleRun + EPSILON) {
    // The limit binds: every run at the limit, and the week is that much smaller.
    return {
      runs: dates.map((date) => ({ date, amount: maxSingleRun, kind: walkRun ? 'walk-run' : 'easy' })),
      total: maxSingleRun * n,
    };
  }
  if (walkRun || easyOnly || n < 3) {
    return {
      runs: dates.map((date) => ({ date, amount: even, kind: walkRun ? 'walk-run' : 'easy' })),
      total,
    };
  }
  let long = (total / (n - 1 + LONG_RUN_RATIO)) * LONG_RUN_RATIO;
  long = Math.min(long, maxSingleRun);
  const easy = (total - long) / (n - 1);
  if (long <= easy + EPSILON) {
    return { runs: dates.map((date) => ({ date, amount: even, kind: 'easy' })), total };
  }
  return {
    runs: dates.map((date, i) =>
      i === n - 1 ? { date, amount: long, kind: 'long' } : { date, amount: easy, kind: 'easy' },
    ),
    total,
  };
}

/**
 * The days to run on when some of the week cannot be used (days already past, days away): the pattern's
 * days where they are free, otherwise the free days taken earliest first, keeping a rest day between runs
 * for four run days or fewer. At most `count` days; the last one (for the long run) always kept.
 */
export function pickRunDates(
  weekDates: string[],
  runDays: number,
  blocked: Set<string>,
  count: number,
): string[] {
  const days = Math.min(7, Math.max(1, Math.round(runDays)));
  const pattern = (RUN_DAY_PATTERNS[days] as number[]).map((i) => weekDates[i] as string);
  const free = weekDates.filter((d) => !blocked.has(d));
  const spaced = days <= 4;
  const greedy: string[] = [];
  for (const date of free) {
    const previous = greedy.at(-1);
    if (!spaced || previous === undefined || dayGap(previous, date) >= 2) greedy.push(date);
  }
  const fromPattern = pattern.filter((d) => !blocked.has(d));
  const chosen = fromPattern.length >= Math.min(count, greedy.length) ? fromPattern : greedy;
  return keepLast(chosen, Math.max(0, count));
}

function dayGap(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** `count` of `items` spread out, the last one always among them. */
function keepLast<T>(items: T[], count: number): T[] {
  if (items.length <= count) return [...items];
  if (count === 0) return [];
  if (count === 1) return [items.at(-1) as T];
  const step = (items.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => items[Math.round(i * step)] as T);
}
