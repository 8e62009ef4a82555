// The `coach plan` input's fields for what was done (done, illDays, illness, away, nextWeekRunDays, request)
// and today: accepted or named.
import { describe, expect, it } from 'vitest';
import { planWeek } from '#domain/plan';
import { parsePlanInput } from '#domain/plan-input';

const profile = { unit: 'min', weeklyVolume: 60, runDays: 3 };
const week = {
  weekStart: '2026-11-23',
  runs: [
    { date: '2026-11-23', amount: 17 },
    { date: '2026-11-25', amount: 17 },
    { date: '2026-11-28', amount: 26 },
  ],
};

describe('parsePlanInput: done, illness, away and today', () => {
  it('accepts them and plans from them', () => {
    const parsed = parsePlanInput({
      profile,
      history: [
        {
          ...week,
          done: { runs: 2, volume: 34, longestRun: 17 },
          illDays: 2,
          illness: 'mild',
          away: [{ from: '2026-12-05', to: '2026-12-06' }],
          request: 'repeat-week',
        },
      ],
      weekStart: '2026-11-30',
      today: '2026-12-01',
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.input.history[0]).toMatchObject({
      done: { runs: 2, volume: 34, longestRun: 17 },
      illDays: 2,
      illness: 'mild',
      away: [{ from: '2026-12-05', to: '2026-12-06' }],
      request: 'repeat-week',
    });
    expect(parsed.input.today).toBe('2026-12-01');
    const plan = planWeek(parsed.input);
    expect(plan.decision).not.toBe('progress');
    expect(plan.runs.every((r) => r.date >= '2026-12-01' && r.date < '2026-12-05')).toBe(true);
  });

  it("accepts a limit on the next week's run days and plans at most that many runs", () => {
    const parsed = parsePlanInput({
      profile,
      history: [{ ...week, nextWeekRunDays: 2, pain: { score: 1, settledNextMorning: true } }],
      weekStart: '2026-11-30',
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.input.history[0]?.nextWeekRunDays).toBe(2);
    const plan = planWeek(parsed.input);
    expect(plan.runs).toHaveLength(2);
    expect(plan.decision).toBe('deload');
    for (const bad of [0, 8, 2.5, 'two']) {
      const wrong = parsePlanInput({
        profile,
        history: [{ ...week, nextWeekRunDays: bad }],
        weekStart: '2026-11-30',
      });
      expect(wrong.ok).toBe(false);
      if (!wrong.ok) expect(wrong.errors[0]).toMatch(/^history\[0\]\.nextWeekRunDays: must be/);
    }
  });

  it('accepts each part of done on its own', () => {
    for (const done of [{ runs: 0 }, { volume: 12.5 }, { longestRun: 20 }, {}]) {
      expect(parsePlanInput({ profile, history: [{ ...week, done }], weekStart: '2026-11-30' }).ok).toBe(
        true,
      );
    }
  });

  it('names every invalid field on its own line, with its path', () => {
    const parsed = parsePlanInput({
      profile,
      history: [
        {
          ...week,
          done: { runs: 2.5, volume: -1, longestRun: 'long' },
          illDays: 9,
          illness: 'flu',
          request: 'harder',
          away: [{ from: '2026-12-10', to: '2026-12-08' }, { from: 'soon' }],
        },
        { ...week, weekStart: '2026-11-24', done: 3, away: 'next week' },
      ],
      weekStart: '2026-11-30',
      today: '2026-12-08',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual(
      expect.arrayContaining([
        'history[0].done.runs: must be a whole number',
        'history[0].done.volume: must be 0 or more',
        'history[0].done.longestRun: must be a number',
        'history[0].illDays: must be 0 to 7',
        'history[0].illness: must be one of mild, systemic',
        'history[0].request: must be one of repeat-week, easier',
        'history[0].away[0].to: must be on or after from',
        'history[0].away[1].from: must be a date like 2026-11-30',
        'history[0].away[1].to: is required',
        'history[1].done: must be an object like {"runs": 2, "volume": 41, "longestRun": 20}',
        'history[1].away: must be a list of date ranges',
      ]),
    );
  });

  it('refuses a longest run above the volume done, and a today after the planned week', () => {
    const parsed = parsePlanInput({
      profile,
      history: [{ ...week, done: { volume: 20, longestRun: 25 } }],
      weekStart: '2026-11-30',
      today: '2026-12-07',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      'history[0].done.longestRun: must not be more than volume',
      'today: must be no later than the last day of the week to plan',
    ]);
  });

  it('accepts a today on the Sunday of the planned week or before its Monday', () => {
    for (const today of ['2026-12-06', '2026-11-29']) {
      expect(parsePlanInput({ profile, weekStart: '2026-11-30', today }).ok).toBe(true);
    }
  });
});
