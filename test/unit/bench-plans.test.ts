// The plan comparison of `npm run bench`: its measures reproduce anchor-plans.md's own figures for the
// published plans, and the coach's paths keep the single-session rule.
import { describe, expect, it } from 'vitest';
import {
  coachToFive,
  comparePlans,
  formatComparison,
  higdonFive,
  higdonTen,
  measure,
} from '#bin/bench/plans';

describe('the plan comparison', () => {
  it('counts the published plans as anchor-plans.md does (race days left out)', () => {
    expect(coachToFive()).toMatchObject({
      sessionsAbove110: 5,
      largestSpikePercent: 77.8,
      largestWeeklyRisePercent: 77.8,
    });
    expect(higdonFive()).toMatchObject({
      sessionsAbove110: 4,
      largestSpikePercent: 16.7,
      largestWeeklyRisePercent: 16.7,
    });
    // anchor-plans.md counts 6 for the Novice 10K with its race; without the race day it is 5.
    expect(higdonTen()).toMatchObject({ sessionsAbove110: 5, largestSpikePercent: 20 });
  });

  it('measures a spike against the longest of the 30 days before, the first session being the baseline', () => {
    const figures = measure(
      [
        { day: 0, running: 10, continuous: true },
        { day: 2, running: 12, continuous: true },
        { day: 40, running: 12, continuous: true },
      ],
      7,
    );
    expect(figures.sessionsAbove110).toBe(1);
    expect(figures.largestSpikePercent).toBe(20);
  });

  it("keeps the coach's beginner path within the single-session rule and ends it at 30 min continuous", () => {
    const comparison = comparePlans();
    const beginner = comparison.paths.find((p) => p.name.startsWith('Coach: from zero'));
    expect(beginner?.sessionsAbove110).toBe(0);
    expect(beginner?.weeksTo30MinContinuous).toBeGreaterThan(9);
    expect(formatComparison(comparison)).toContain('| NHS Couch to 5K');
  });
});
