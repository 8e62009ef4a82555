// The plan engine's input contract: the example is accepted, every bad field is named, nothing throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planWeek } from '#domain/plan';
import { parsePlanInput } from '#domain/plan-input';
import { EXAMPLE_INPUT } from '#test/support/plan-examples';

describe('parsePlanInput', () => {
  it("accepts the issue's example and plans from it", () => {
    const parsed = parsePlanInput(EXAMPLE_INPUT);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const plan = planWeek(parsed.input);
    expect(plan.decision).toBe('hold'); // new shoes: hold
    expect(plan.totalVolume).toBe(85); // on the reported volume
  });

  it('defaults history to empty (a new subscriber) and ignores extra fields', () => {
    const parsed = parsePlanInput({
      profile: { unit: 'km', weeklyVolume: 20, runDays: 2 },
      weekStart: '2026-11-30',
      x: 1,
    });
    expect(parsed).toMatchObject({ ok: true, input: { history: [] } });
  });

  it('names every invalid field on its own line, with its path', () => {
    const parsed = parsePlanInput({
      profile: { unit: 'yd', runDays: 9, rampRate: 0.5 },
      history: [
        {
          weekStart: '2026-11-17',
          runs: [{ date: '2026-02-30', amount: -1, kind: 'sprint' }],
          pain: { score: 11 },
        },
      ],
      weekStart: '2026-12-01',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual(
      expect.arrayContaining([
        'profile.unit: must be one of min, km, mi',
        'profile.weeklyVolume: is required',
        'profile.runDays: must be 1 to 7',
        'profile.rampRate: must be 0.01 to 0.10',
        'history[0].weekStart: must be a Monday',
        'history[0].runs[0].date: must be a real calendar date',
        'history[0].runs[0].amount: must be 0 or more',
        'history[0].runs[0].kind: must be easy, long, walk-run or race',
        'history[0].pain.score: must be 0 to 10',
        'history[0].pain.settledNextMorning: is required',
        'weekStart: must be a Monday',
      ]),
    );
  });

  it('requires history oldest first and before the planned week', () => {
    const week = (weekStart: string) => ({ weekStart, runs: [] });
    const parsed = parsePlanInput({
      profile: { unit: 'km', weeklyVolume: 20, runDays: 2 },
      history: [week('2026-11-23'), week('2026-11-16'), week('2026-11-30')],
      weekStart: '2026-11-30',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toContain('history[1].weekStart: weeks must be oldest first');
    expect(parsed.errors).toContain('history[2].weekStart: must be before the week to plan');
  });

  it('never throws on any JSON value, and accepted input always plans', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const parsed = parsePlanInput(raw);
        if (parsed.ok) expect(() => planWeek(parsed.input)).not.toThrow();
        else expect(parsed.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
