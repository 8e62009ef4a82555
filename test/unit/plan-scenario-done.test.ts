// One runner through eight weeks of what was done: a sick week, a skipped long run, a holiday, "repeat this week".
import { describe, expect, it } from 'vitest';
import { type HistoryWeek, type PlanProfile, planWeek } from '#domain/plan';
import { addWeeks } from '#domain/schedule';
import type { Decision, WeekPlan } from '#domain/types';
import { addDays } from '#domain/zoned-time';

const profile: PlanProfile = { unit: 'km', weeklyVolume: 20, runDays: 3 };
const START = '2026-11-30';
const fine = { pain: { score: 1, settledNextMorning: true } };

type Report = Omit<
  HistoryWeek,
  'weekStart' | 'runs' | 'decision' | 'weekNumber' | 'totalVolume' | 'returnStep'
>;

// What the runner replied each week, and the decision the rules give for the week after it.
const weeks: { reply: Report; expected: Decision; why: string }[] = [
  { reply: { ...fine, done: { runs: 3 } }, expected: 'hold', why: 'first week' },
  { reply: { illDays: 5, illness: 'systemic', done: { runs: 0 } }, expected: 'progress', why: 'all done' },
  { reply: { ...fine, done: { runs: 3 } }, expected: 'hold', why: 'flu most of the week: repeat, easy only' },
  { reply: { ...fine, done: { runs: 2 } }, expected: 'progress', why: 'back to normal' },
  {
    reply: {
      ...fine,
      done: { runs: 3 },
      away: [{ from: addDays(addWeeks(START, 5), 3), to: addDays(addWeeks(START, 5), 6) }],
    },
    expected: 'hold',
    why: 'long run skipped: carry on, no make-up',
  },
  {
    reply: { ...fine, done: { runs: 1 } },
    expected: 'deload',
    why: 'away Thursday to Sunday: a lighter week',
  },
  {
    reply: { ...fine, done: { runs: 3 }, request: 'repeat-week' },
    expected: 'progress',
    why: 'builds on the week before the trip',
  },
  { reply: fine, expected: 'hold', why: 'they asked to repeat the week' },
];

describe('eight weeks of one runner, from what was done', () => {
  it('makes the decision the rules give, every week, and says why', () => {
    const history: HistoryWeek[] = [];
    const plans: WeekPlan[] = [];
    let weekStart = START;
    for (const { reply } of weeks) {
      const plan = planWeek({ profile, history: [...history], weekStart });
      plans.push(plan);
      history.push({
        weekStart,
        weekNumber: plan.weekNumber,
        decision: plan.decision,
        runs: plan.runs,
        totalVolume: plan.totalVolume,
        ...reply,
      });
      weekStart = addWeeks(weekStart, 1);
    }

    expect(plans.map((p, i) => `${p.weekNumber} ${p.decision} (${weeks[i]?.why})`)).toEqual(
      weeks.map((w, i) => `${i + 1} ${w.expected} (${w.why})`),
    );
    const v = plans.map((p) => p.totalVolume);
    // After the sick week: the same level again, easy runs only, once symptom-free.
    expect(v[2]).toBeCloseTo(v[1] as number, 9);
    expect(plans[2]?.runs.every((r) => r.kind === 'easy')).toBe(true);
    expect(plans[2]?.reason).toMatch(/symptoms are gone/);
    // After the skipped long run: no progress, nothing made up, and the longest run allowed comes from the
    // runs done (the easy ones of week 4, the long run of week 1), not from the long run that never happened.
    const skippedLong = Math.max(...(plans[3]?.runs.map((r) => r.amount) ?? []));
    const firstLong = Math.max(...(plans[0]?.runs.map((r) => r.amount) ?? []));
    expect(plans[4]?.reason).toMatch(/without making up/);
    expect(plans[4]?.maxSingleRun).toBeLessThan(1.1 * skippedLong);
    expect(plans[4]?.maxSingleRun).toBeCloseTo(1.1 * firstLong, 9);
    // The holiday: no run from Thursday, one run (on Wednesday) instead of three.
    expect(plans[5]?.runs.map((r) => r.date)).toEqual([addDays(addWeeks(START, 5), 2)]);
    expect(plans[5]?.reason).toMatch(/away 4 days/);
    // After it, the ramp builds on the week before the trip; then "repeat this week" holds.
    expect(v[6]).toBeCloseTo((v[4] as number) * 1.025, 9);
    expect(v[7]).toBeCloseTo(v[6] as number, 9);
    expect(plans[7]?.reason).toMatch(/repeat last week/);
  });
});
