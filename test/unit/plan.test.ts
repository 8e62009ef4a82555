// Tests for the walking-skeleton weekly plan engine (lambdas/domain/plan.ts): ramp, goal, days, strength, tips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type HistoryWeek, type PlanProfile, planWeek, weeksToGoal } from '../../lambdas/domain/plan';
import { addWeeks, datesOfWeek } from '../../lambdas/domain/schedule';
import { DEFAULT_RAMP_RATE, UNITS, type WeekPlan } from '../../lambdas/domain/types';

const FIRST_MONDAY = '2026-01-05';
const STRENGTH_NAMES = ['lunge', 'side lunge', 'side plank', 'quad stretch', 'hamstring stretch'];

function asHistory(plan: WeekPlan, actualVolume?: number): HistoryWeek {
  return {
    weekStart: plan.weekStart,
    weekNumber: plan.weekNumber,
    decision: plan.decision,
    runs: plan.runs.map((r) => ({ date: r.date, amount: r.amount })),
    ...(actualVolume === undefined ? {} : { actualVolume }),
  };
}

/** Plans `weeks` consecutive weeks from `weekStart`, feeding each plan back as history. */
function planWeeks(
  profile: PlanProfile,
  weeks: number,
  weekStart = FIRST_MONDAY,
  history: HistoryWeek[] = [],
): { plans: WeekPlan[]; history: HistoryWeek[] } {
  const plans: WeekPlan[] = [];
  let current = [...history];
  let week = weekStart;
  for (let i = 0; i < weeks; i++) {
    const plan = planWeek({ profile, history: current, weekStart: week });
    plans.push(plan);
    current = [...current, asHistory(plan)];
    week = addWeeks(week, 1);
  }
  return { plans, history: current };
}

function sum(values: number[]): number {
  return values.reduce((total, v) => total + v, 0);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const profileArb: fc.Arbitrary<PlanProfile> = fc
  .record({
    unit: fc.constantFrom(...UNITS),
    weeklyVolume: fc.double({ min: 1, max: 1000, noNaN: true }),
    runDays: fc.integer({ min: 1, max: 7 }),
    rampRate: fc.option(fc.double({ min: 0.01, max: 0.1, noNaN: true }), { nil: undefined }),
    // A goal as a multiple of the current volume: above it, as the preferences schema requires.
    goalFactor: fc.option(fc.double({ min: 1.001, max: 3, noNaN: true }), { nil: undefined }),
  })
  .map(({ goalFactor, rampRate, ...rest }) => ({
    ...rest,
    ...(rampRate === undefined ? {} : { rampRate }),
    ...(goalFactor === undefined ? {} : { goalVolume: rest.weeklyVolume * goalFactor }),
  }));

/**
 * A profile and a short history planned by the engine itself, where each past week was either
 * left unreported or reported as somewhere between half and one and a half times its plan.
 */
const scenarioArb = fc
  .record({
    profile: profileArb,
    reports: fc.array(fc.option(fc.double({ min: 0.5, max: 1.5, noNaN: true }), { nil: undefined }), {
      maxLength: 6,
    }),
    startWeek: fc.integer({ min: 0, max: 250 }),
  })
  .map(({ profile, reports, startWeek }) => {
    let history: HistoryWeek[] = [];
    let week = addWeeks(FIRST_MONDAY, startWeek);
    for (const factor of reports) {
      const plan = planWeek({ profile, history, weekStart: week });
      history = [...history, asHistory(plan, factor === undefined ? undefined : plan.totalVolume * factor)];
      week = addWeeks(week, 1);
    }
    return { profile, history, weekStart: week };
  });

function everyNumber(value: unknown, visit: (n: number, path: string) => void, path = 'plan'): void {
  if (typeof value === 'number') visit(value, path);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) everyNumber(v, visit, `${path}.${k}`);
  }
}

describe('planWeek: volume', () => {
  it('holds the first week at the weekly volume the subscriber runs now', () => {
    // Act
    const plan = planWeek({
      profile: { unit: 'km', weeklyVolume: 12, runDays: 3 },
      history: [],
      weekStart: FIRST_MONDAY,
    });

    // Assess
    expect(plan.decision).toBe('hold');
    expect(plan.totalVolume).toBe(12);
    expect(plan.weekNumber).toBe(1);
    expect(plan.unit).toBe('km');
    expect(plan.weekStart).toBe(FIRST_MONDAY);
    expect(plan.reason).not.toBe('');
  });

  it('ramps on the planned sum by the default 2.5% when nothing was reported', () => {
    const profile: PlanProfile = { unit: 'min', weeklyVolume: 90, runDays: 3 };
    const [first] = planWeeks(profile, 1).plans;

    const second = planWeek({ profile, history: [asHistory(first as WeekPlan)], weekStart: '2026-01-12' });

    expect(DEFAULT_RAMP_RATE).toBe(0.025);
    expect(second.decision).toBe('progress');
    expect(second.totalVolume).toBeCloseTo(92.25, 12);
    expect(second.reason).toContain('2.5%');
  });

  it("ramps on last week's reported volume rather than the plan", () => {
    const profile: PlanProfile = { unit: 'mi', weeklyVolume: 10, runDays: 3 };
    const [first] = planWeeks(profile, 1).plans;

    const second = planWeek({ profile, history: [asHistory(first as WeekPlan, 8)], weekStart: '2026-01-12' });

    expect(second.totalVolume).toBeCloseTo(8 * 1.025, 12);
  });

  it('uses the profile ramp rate', () => {
    const profile: PlanProfile = { unit: 'km', weeklyVolume: 20, runDays: 2, rampRate: 0.1 };

    const { plans } = planWeeks(profile, 2);

    expect(plans[1]?.totalVolume).toBeCloseTo(22, 12);
    expect(plans[1]?.reason).toContain('10%');
  });

  it('keeps exact values: 20 minutes at 2.5% for 10 weeks is 20 × 1.025^10', () => {
    // Prepare
    const profile: PlanProfile = { unit: 'min', weeklyVolume: 20, runDays: 3 };

    // Act: the first week holds, then ten weeks ramp.
    const { plans } = planWeeks(profile, 11);

    // Assess
    const last = plans.at(-1) as WeekPlan;
    expect(Math.abs(last.totalVolume - 20 * 1.025 ** 10)).toBeLessThan(1e-9);
    expect(plans[1]?.totalVolume).toBe(20.5);
    expect(Math.abs(sum(last.runs.map((r) => r.amount)) - last.totalVolume)).toBeLessThan(1e-9);
  });

  it('stops at the goal and then maintains it', () => {
    const profile: PlanProfile = { unit: 'km', weeklyVolume: 20, runDays: 3, rampRate: 0.1, goalVolume: 25 };

    const { plans } = planWeeks(profile, 6);

    expect(plans.map((p) => p.decision)).toEqual([
      'hold',
      'progress',
      'progress',
      'progress',
      'maintain',
      'maintain',
    ]);
    expect(plans.map((p) => p.totalVolume)).toEqual([20, 22, 24.200000000000003, 25, 25, 25]);
    expect(plans.map((p) => p.projection?.weeksToGoal)).toEqual([3, 2, 1, 0, 0, 0]);
  });

  it('maintains the goal when the reported volume went beyond it', () => {
    const profile: PlanProfile = { unit: 'km', weeklyVolume: 20, runDays: 3, goalVolume: 21 };
    const [first] = planWeeks(profile, 1).plans;

    const second = planWeek({
      profile,
      history: [asHistory(first as WeekPlan, 30)],
      weekStart: '2026-01-12',
    });

    expect(second.decision).toBe('maintain');
    expect(second.totalVolume).toBe(21);
  });

  it('has no projection without a goal', () => {
    const plan = planWeek({
      profile: { unit: 'km', weeklyVolume: 5, runDays: 2 },
      history: [],
      weekStart: FIRST_MONDAY,
    });

    expect(plan.projection).toBeUndefined();
  });

  it.each([
    [10, 10, 0.025, 0],
    [20, 10, 0.025, 0],
    [10, 10.25, 0.025, 1],
    [10, 10.26, 0.025, 2],
    [20, 40, 0.1, 8],
  ])('weeksToGoal(%d, %d, %d) is %d', (current, goal, ramp, expected) => {
    expect(weeksToGoal(current, goal, ramp)).toBe(expected);
  });

  it('ramps by the profile rate on the last volume, capped at the goal', () => {
    fc.assert(
      fc.property(scenarioArb, ({ profile, history, weekStart }) => {
        // Act
        const plan = planWeek({ profile, history, weekStart });

        // Assess
        const last = history.at(-1);
        if (last === undefined) {
          expect(plan.totalVolume).toBe(profile.weeklyVolume);
          expect(plan.decision).toBe('hold');
          return;
        }
        const base = last.actualVolume ?? sum(last.runs.map((r) => r.amount));
        const ramped = base * (1 + (profile.rampRate ?? DEFAULT_RAMP_RATE));
        const goal = profile.goalVolume ?? Number.POSITIVE_INFINITY;
        // Volumes within 1e-9 of the goal count as reaching it (sums of split runs carry float dust).
        if (base >= goal - 1e-9) {
          expect(plan.decision).toBe('maintain');
          expect(plan.totalVolume).toBe(goal);
        } else {
          expect(plan.decision).toBe('progress');
          expect(plan.totalVolume).toBeCloseTo(Math.min(ramped, goal), 9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never plans beyond the goal', () => {
    fc.assert(
      fc.property(scenarioArb, ({ profile, history, weekStart }) => {
        fc.pre(profile.goalVolume !== undefined);

        const plan = planWeek({ profile, history, weekStart });

        expect(plan.totalVolume).toBeLessThanOrEqual(profile.goalVolume as number);
      }),
      { numRuns: 300 },
    );
  });

  it('projects the weeks to the goal that the ramp then takes', () => {
    fc.assert(
      fc.property(scenarioArb, ({ profile, history, weekStart }) => {
        fc.pre(profile.goalVolume !== undefined);
        const goal = profile.goalVolume as number;

        // Act
        const plan = planWeek({ profile, history, weekStart });
        const weeks = plan.projection?.weeksToGoal as number;

        // Assess: follow the ramp week by week from this plan, as if each week went to plan.
        expect(plan.projection?.goalVolume).toBe(goal);
        fc.pre(weeks <= 120);
        const after = planWeeks(profile, weeks + 1, addWeeks(weekStart, 1), [
          ...history,
          asHistory(plan),
        ]).plans;
        const reachedAt = [plan, ...after].findIndex((p) => p.totalVolume >= goal - 1e-9);
        expect(reachedAt).toBe(weeks);
      }),
      { numRuns: 150 },
    );
  });
});

describe('planWeek: edge cases', () => {
  it('builds on the plan, not on zero, after a week reported as 0', () => {
    const profile: PlanProfile = { unit: 'min', weeklyVolume: 30, runDays: 3, goalVolume: 40 };
    const first = planWeek({ profile, history: [], weekStart: '2026-01-05' });
    const history: HistoryWeek[] = [{ ...asHistory(first), actualVolume: 0 }];

    const next = planWeek({ profile, history, weekStart: '2026-01-12' });

    expect(next.totalVolume).toBeCloseTo(30 * 1.025, 9);
    expect(Number.isFinite(next.projection?.weeksToGoal)).toBe(true);
  });

  it('maintains at the goal even when split runs sum to a hair below it', () => {
    const profile: PlanProfile = { unit: 'km', weeklyVolume: 1.99, runDays: 6, goalVolume: 2 };
    const first = planWeek({ profile, history: [], weekStart: '2026-01-05' });
    const second = planWeek({ profile, history: [asHistory(first)], weekStart: '2026-01-12' });
    const third = planWeek({
      profile,
      history: [asHistory(first), asHistory(second)],
      weekStart: '2026-01-19',
    });

    expect(second.totalVolume).toBe(2);
    expect(third.decision).toBe('maintain');
    expect(third.totalVolume).toBe(2);
  });

  it('never starts above the goal', () => {
    const plan = planWeek({
      profile: { unit: 'km', weeklyVolume: 30, runDays: 3, goalVolume: 20 },
      history: [],
      weekStart: '2026-01-05',
    });
    expect(plan.totalVolume).toBe(20);
  });
});

describe('planWeek: days, strength and tips', () => {
  it.each([
    [1, ['2026-01-10']],
    [2, ['2026-01-06', '2026-01-10']],
    [3, ['2026-01-05', '2026-01-07', '2026-01-10']],
    [4, ['2026-01-05', '2026-01-07', '2026-01-09', '2026-01-11']],
  ])('puts %d runs on spread-out days', (runDays, dates) => {
    const plan = planWeek({
      profile: { unit: 'km', weeklyVolume: 12, runDays },
      history: [],
      weekStart: FIRST_MONDAY,
    });

    expect(plan.runs.map((r) => r.date)).toEqual(dates);
    expect(plan.runs.every((r) => r.kind === 'easy')).toBe(true);
  });

  it('schedules the runs, rest, strength and cross-training of a week consistently', () => {
    fc.assert(
      fc.property(scenarioArb, ({ profile, history, weekStart }) => {
        // Act
        const plan = planWeek({ profile, history, weekStart });

        // Assess: runs
        const week = datesOfWeek(weekStart);
        const runDates = plan.runs.map((r) => r.date);
        expect(plan.runs).toHaveLength(profile.runDays);
        expect(new Set(runDates).size).toBe(runDates.length);
        for (const date of runDates) expect(week).toContain(date);
        expect(Math.abs(sum(plan.runs.map((r) => r.amount)) - plan.totalVolume)).toBeLessThan(1e-9);

        // Assess: rest days complete the week
        expect(plan.restDays.filter((d) => runDates.includes(d))).toEqual([]);
        expect([...plan.restDays, ...runDates].sort()).toEqual(week);

        // Assess: always two strength sessions, on rest days first, after a run only when rest days run out
        const strengthDates = plan.strength.map((s) => s.date);
        expect(plan.strength).toHaveLength(2);
        expect(new Set(strengthDates).size).toBe(2);
        expect(strengthDates.filter((d) => plan.restDays.includes(d))).toHaveLength(
          Math.min(2, plan.restDays.length),
        );
        for (const session of plan.strength) {
          const names = session.exercises.map((e) => e.name.toLowerCase());
          for (const name of STRENGTH_NAMES) expect(names).toContain(name);
        }

        // Assess: cross-training on the other rest days
        for (const session of plan.crossTraining) {
          expect(plan.restDays).toContain(session.date);
          expect(strengthDates).not.toContain(session.date);
          expect(session.activity).not.toBe('');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never puts runs on consecutive days within a week with four run days or fewer', () => {
    fc.assert(
      fc.property(scenarioArb, ({ profile, history, weekStart }) => {
        fc.pre(profile.runDays <= 4);

        const dates = planWeek({ profile, history, weekStart }).runs.map((r) => r.date);

        for (let i = 1; i < dates.length; i++) {
          expect(daysBetween(dates[i - 1] as string, dates[i] as string)).toBeGreaterThanOrEqual(2);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never puts runs on consecutive days across two weeks with three run days or fewer', () => {
    // Four runs a week cannot all be a day apart across weeks (that needs 8 days): see the report.
    fc.assert(
      fc.property(scenarioArb, ({ profile, history, weekStart }) => {
        fc.pre(profile.runDays <= 3);

        // Act
        const { plans } = planWeeks(profile, 2, weekStart, history);

        // Assess
        const dates = plans.flatMap((p) => p.runs.map((r) => r.date));
        for (let i = 1; i < dates.length; i++) {
          expect(daysBetween(dates[i - 1] as string, dates[i] as string)).toBeGreaterThanOrEqual(2);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('numbers the weeks one after the other', () => {
    fc.assert(
      fc.property(scenarioArb, ({ profile, history, weekStart }) => {
        const plan = planWeek({ profile, history, weekStart });

        expect(plan.weekNumber).toBe((history.at(-1)?.weekNumber ?? 0) + 1);
        expect(plan.weekNumber).toBe(history.length + 1);
      }),
      { numRuns: 200 },
    );
  });

  it('continues from a stored week number even with a shorter history', () => {
    const plan = planWeek({
      profile: { unit: 'km', weeklyVolume: 10, runDays: 3 },
      history: [{ weekStart: FIRST_MONDAY, weekNumber: 12, runs: [{ date: FIRST_MONDAY, amount: 10 }] }],
      weekStart: '2026-01-12',
    });

    expect(plan.weekNumber).toBe(13);
  });

  it('rotates the tip: any seven consecutive weeks give seven different topics', () => {
    fc.assert(
      fc.property(scenarioArb, ({ profile, history, weekStart }) => {
        const { plans } = planWeeks(profile, 7, weekStart, history);

        for (const plan of plans) expect(plan.tip.text.trim()).not.toBe('');
        expect(new Set(plans.map((p) => p.tip.topic)).size).toBe(7);
      }),
      { numRuns: 50 },
    );
  });

  it('progresses the strength exercises every four weeks, but not the stretches', () => {
    const { plans } = planWeeks({ unit: 'min', weeklyVolume: 60, runDays: 3 }, 5);
    const lunge = (p: WeekPlan | undefined) => p?.strength[0]?.exercises.find((e) => e.name === 'Lunge');
    const stretch = (p: WeekPlan | undefined) =>
      p?.strength[0]?.exercises.find((e) => e.name === 'Quad stretch');

    expect(lunge(plans[3])?.reps).toBe(lunge(plans[0])?.reps);
    expect(lunge(plans[4])?.reps).toBe((lunge(plans[0])?.reps ?? 0) + 1);
    expect(stretch(plans[4])?.holdSeconds).toBe(stretch(plans[0])?.holdSeconds);
  });

  it('holds nothing NaN, infinite or negative', () => {
    fc.assert(
      fc.property(scenarioArb, ({ profile, history, weekStart }) => {
        const plan = planWeek({ profile, history, weekStart });

        everyNumber(plan, (n, path) => {
          expect(Number.isFinite(n), path).toBe(true);
          expect(n, path).toBeGreaterThanOrEqual(0);
        });
      }),
      { numRuns: 300 },
    );
  });
});
