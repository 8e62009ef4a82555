// What the plan engine's tests share: a profile generator, and a plan fed back as a history week.
import fc from 'fast-check';
import type { HistoryWeek, PlanProfile } from '#domain/plan';
import type { WeekPlan } from '#domain/types';
import { UNITS } from '#domain/types';

/** Any profile the sign-up accepts: every unit, 1–7 run days, with or without a ramp rate and a goal. */
export const profileArb: fc.Arbitrary<PlanProfile> = fc
  .record({
    unit: fc.constantFrom(...UNITS),
    weeklyVolume: fc.double({ min: 5, max: 1000, noNaN: true }),
    runDays: fc.integer({ min: 1, max: 7 }),
    rampRate: fc.option(fc.double({ min: 0.01, max: 0.1, noNaN: true }), { nil: undefined }),
    goalFactor: fc.option(fc.double({ min: 1.001, max: 3, noNaN: true }), { nil: undefined }),
  })
  .map(({ goalFactor, rampRate, ...rest }) => ({
    ...rest,
    ...(rampRate === undefined ? {} : { rampRate }),
    ...(goalFactor === undefined ? {} : { goalVolume: rest.weeklyVolume * goalFactor }),
  }));

/** What a runner can report about a week; the rest of a history week comes from its plan. */
export type Report = Omit<
  HistoryWeek,
  'weekStart' | 'runs' | 'decision' | 'weekNumber' | 'totalVolume' | 'returnStep'
>;

/** A plan as the engine sees it the week after, with the runner's report for it. */
export function asHistory(plan: WeekPlan, report: Report = {}): HistoryWeek {
  return {
    weekStart: plan.weekStart,
    weekNumber: plan.weekNumber,
    decision: plan.decision,
    runs: plan.runs.map((r) => ({ date: r.date, amount: r.amount, kind: r.kind })),
    totalVolume: plan.totalVolume,
    ...(plan.returnStep === undefined ? {} : { returnStep: plan.returnStep }),
    ...report,
  };
}
