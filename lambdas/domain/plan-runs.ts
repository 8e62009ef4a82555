// Laying out a week's runs: which days, how much each, and the single-run limit from the last 30 days.
import type { HistoryWeek } from './plan-decision';
import { doneVolume, EPSILON, plannedVolume } from './plan-decision';
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
 * The longest run of the 30 days before `weekStart`. When a week was reported shorter than planned, its
 * runs are scaled down by the same share: we count only what was likely run.
 */
export function longestRecentRun(history: HistoryWeek[], weekStart: string): number | undefined {
  const from = addDays(weekStart, -LOOKBACK_DAYS);
  let longest: number | undefined;
  for (const week of history) {
    const planned = plannedVolume(week);
    const scale =
      planned > 0 && week.actualVolume !== undefined ? Math.min(1, doneVolume(week) / planned) : 1;
    for (const run of week.runs) {
      if (run.date >= from && run.date < weekStart && run.amount > 0) {
        longest = Math.max(longest ?? 0, run.amount * scale);
      }
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
): RunLayout {
  const pattern = RUN_DAY_PATTERNS[Math.min(7, Math.max(1, Math.round(runDays)))] as number[];
  const n = pattern.length;
  const dates = pattern.map((i) => weekDates[i] as string);
  const even = total / n;
  if (even > maxSingleRun + EPSILON) {
    // The limit binds: every run at the limit, and the week is that much smaller.
    return {
      runs: dates.map((date) => ({ date, amount: maxSingleRun, kind: walkRun ? 'walk-run' : 'easy' })),
      total: maxSingleRun * n,
    };
  }
  if (walkRun || n < 3) {
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
