// Generators the plan engine's property tests share.
import fc from 'fast-check';
import type { PlanProfile } from '#domain/plan';
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
