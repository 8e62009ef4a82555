// The plan engine coaching from what was done (issue 14): done runs and volume, missed weeks, illness, days
// away and days already past; each rule by example, then the invariants by property over generated histories.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type HistoryWeek, type PlanInput, type PlanProfile, planWeek } from '#domain/plan';
import { MIN_WEEKLY } from '#domain/plan-decision';
import { longestRecentRun } from '#domain/plan-runs';
import { addWeeks, datesOfWeek } from '#domain/schedule';
import type { PainReport, WeekPlan } from '#domain/types';
import { addDays } from '#domain/zoned-time';
import { asHistory, profileArb, type Report } from '#test/support/plan-helpers';

const MONDAY = '2026-01-05';
const EPS = 1e-9;
const fine: PainReport = { score: 1, settledNextMorning: true };
const profile: PlanProfile = { unit: 'min', weeklyVolume: 60, runDays: 3 };

/** Plans week after week from `profile`, each plan fed back with the runner's report for it. */
function walk(p: PlanProfile, reports: Report[]): { plans: WeekPlan[]; history: HistoryWeek[] } {
  const plans: WeekPlan[] = [];
  const history: HistoryWeek[] = [];
  let week = MONDAY;
  for (const report of reports) {
    const plan = planWeek({ profile: p, history: [...history], weekStart: week });
    plans.push(plan);
    history.push(asHistory(plan, report));
    week = addWeeks(week, 1);
  }
  return { plans, history };
}

function next(history: HistoryWeek[], p: PlanProfile = profile, extra: Partial<PlanInput> = {}): WeekPlan {
  const weekStart = addWeeks((history.at(-1) as HistoryWeek).weekStart, 1);
  return planWeek({ profile: p, history, weekStart, ...extra });
}

const sum = (values: number[]) => values.reduce((t, v) => t + v, 0);

describe('the ramp builds on what was done', () => {
  it('ramps from done.volume, which wins over the older actualVolume', () => {
    const { history } = walk(profile, [
      { pain: fine },
      { pain: fine, done: { volume: 55 }, actualVolume: 70 },
    ]);
    const plan = next(history);
    expect(plan.decision).toBe('progress');
    expect(plan.totalVolume).toBeCloseTo(55 * 1.025, 9);
  });

  it('keeps the actualVolume path working when done is absent', () => {
    const { history } = walk(profile, [{ pain: fine }, { pain: fine, actualVolume: 58 }]);
    expect(next(history).totalVolume).toBeCloseTo(58 * 1.025, 9);
  });

  it('never progresses after a week done at about two thirds or less, by runs or by volume', () => {
    const byRuns = next(walk(profile, [{ pain: fine }, { pain: fine, done: { runs: 2 } }]).history);
    const byVolume = next(walk(profile, [{ pain: fine }, { pain: fine, done: { volume: 40 } }]).history);
    const justAbove = next(walk(profile, [{ pain: fine }, { pain: fine, done: { volume: 42 } }]).history);
    expect(byRuns.decision).toBe('hold');
    expect(byVolume.decision).toBe('hold');
    expect(justAbove.decision).toBe('progress');
    expect(justAbove.totalVolume).toBeCloseTo(42 * 1.025, 9);
  });
});

describe('re-entry after missed running', () => {
  it('a run missed: carries on at the same level, with nothing made up', () => {
    const four: PlanProfile = { unit: 'km', weeklyVolume: 20, runDays: 4 };
    const { history } = walk(four, [{ pain: fine }, { pain: fine, done: { runs: 3 } }]);
    const plan = next(history, four);
    expect(plan.decision).toBe('hold');
    expect(plan.totalVolume).toBeCloseTo(history[1]?.totalVolume as number, 9);
    expect(plan.reason).toMatch(/carry on at the same level without making up/);
  });

  it('a run missed with the volume known: the same level, but no more than the ramp on what was done', () => {
    const { history } = walk(profile, [{ pain: fine }, { pain: fine, done: { runs: 2, volume: 40 } }]);
    const plan = next(history);
    expect(plan.totalVolume).toBeCloseTo(40 * 1.025, 9);
    expect(plan.reason).toMatch(/builds on what you did, without making up/);
  });

  it('most of a week missed with some running done: builds back from what was done', () => {
    const { history } = walk(profile, [{ pain: fine }, { pain: fine, done: { runs: 1, volume: 20 } }]);
    const plan = next(history);
    expect(plan.decision).toBe('hold');
    expect(plan.totalVolume).toBeCloseTo(20 * 1.025, 9);
    expect(plan.reason).toMatch(/builds back gently from what you did/);
  });

  it('most of a week missed: repeats its level instead of adding to it', () => {
    const { history } = walk(profile, [{ pain: fine }, { done: { runs: 0 } }]);
    const plan = next(history);
    expect(plan.decision).toBe('hold');
    expect(plan.totalVolume).toBeCloseTo(history[1]?.totalVolume as number, 9);
    expect(plan.reason).toMatch(/missed most of last week/);
  });

  it('two weeks mostly missed: back through the return path, starting below the level before', () => {
    const { plans, history } = walk(profile, [
      { pain: fine },
      { pain: fine },
      { done: { runs: 0 } },
      { done: { runs: 1, volume: 15 } },
      { pain: fine, done: { runs: 3 } },
      { pain: fine, done: { runs: 3 } },
      { pain: fine, done: { runs: 3 } },
    ]);
    expect(plans.map((p) => p.decision)).toEqual([
      'hold',
      'progress',
      'progress',
      'hold',
      'return',
      'return',
      'progress',
    ]);
    const before = history[1]?.totalVolume as number; // the last week run before the break
    expect(plans[4]?.totalVolume).toBeCloseTo(0.8 * before, 9);
    expect(plans[4]?.reason).toMatch(/missed most of the last 2 weeks/);
  });

  it('three weeks mostly missed: walk-run at about half', () => {
    const { history } = walk(profile, [
      { pain: fine },
      { done: { runs: 0 } },
      { done: { runs: 0 } },
      { done: { runs: 0 } },
    ]);
    const plan = next(history);
    expect(plan.decision).toBe('return');
    expect(plan.runs.every((r) => r.kind === 'walk-run')).toBe(true);
    expect(plan.totalVolume).toBeCloseTo(0.5 * (history[0]?.totalVolume as number), 9);
  });

  it('repeats a return step that was mostly not done', () => {
    const { history } = walk(profile, [
      { pain: fine },
      { paused: true },
      { paused: false },
      { pain: fine, done: { runs: 1 } },
    ]);
    const plan = next(history);
    expect(history[3]?.decision).toBe('return');
    expect(plan.decision).toBe('return');
    expect(plan.returnStep).toBe(history[3]?.returnStep);
    expect(plan.reason).toMatch(/repeat this step/);
  });
});

describe('illness', () => {
  it('a mild cold: easy runs only, at the same level', () => {
    const { history } = walk(profile, [
      { pain: fine },
      { pain: fine, illDays: 3, illness: 'mild', done: { runs: 3 } },
    ]);
    const plan = next(history);
    expect(plan.decision).toBe('hold');
    expect(plan.runs.every((r) => r.kind === 'easy')).toBe(true);
    expect(plan.totalVolume).toBeCloseTo(history[1]?.totalVolume as number, 9);
    expect(plan.reason).toMatch(/cold/);
  });

  it('fever, chest or stomach for most of the week: no running until gone, then easy runs at the level repeated', () => {
    const { history } = walk(profile, [
      { pain: fine },
      { illDays: 5, illness: 'systemic', done: { runs: 0 } },
    ]);
    const plan = next(history);
    expect(plan.decision).toBe('hold');
    expect(plan.runs.every((r) => r.kind === 'easy')).toBe(true);
    expect(plan.totalVolume).toBeCloseTo(history[1]?.totalVolume as number, 9);
    expect(plan.reason).toMatch(/only once the fever, chest or stomach symptoms are gone/);
    expect(plan.reason).toMatch(/repeating last week's level/);
  });

  it('an illness of unknown kind is read as the careful kind', () => {
    const { history } = walk(profile, [{ pain: fine }, { illDays: 2 }]);
    const plan = next(history);
    expect(plan.decision).toBe('hold');
    expect(plan.reason).toMatch(/symptoms are gone/);
  });

  it('ill two weeks running: the return path, with easy runs', () => {
    const { history } = walk(profile, [{ pain: fine }, { illDays: 6 }, { illDays: 7 }]);
    const plan = next(history);
    expect(plan.decision).toBe('return');
    expect(plan.runs.every((r) => r.kind === 'easy')).toBe(true);
    expect(plan.reason).toMatch(/free of symptoms/);
  });
});

describe('requests', () => {
  it('"repeat this week" keeps the level', () => {
    const { history } = walk(profile, [{ pain: fine }, { pain: fine, request: 'repeat-week' }]);
    const plan = next(history);
    expect(plan.decision).toBe('hold');
    expect(plan.totalVolume).toBeCloseTo(history[1]?.totalVolume as number, 9);
    expect(plan.reason).toMatch(/repeat last week/);
  });

  it('"easier" gives one week a step lighter, and the ramp resumes from there', () => {
    const { plans } = walk(profile, [
      { pain: fine },
      { pain: fine, request: 'easier' },
      { pain: fine },
      { pain: fine },
    ]);
    expect(plans.map((p) => p.decision)).toEqual(['hold', 'progress', 'back-off', 'progress']);
    expect(plans[2]?.totalVolume).toBeCloseTo(0.85 * 61.5, 9);
    expect(plans[3]?.totalVolume).toBeCloseTo(0.85 * 61.5 * 1.025, 9);
    expect(plans[2]?.reason).toMatch(/asked for an easier week/);
  });

  it('pain still wins over a request', () => {
    const { history } = walk(profile, [
      { pain: fine },
      { pain: { score: 7, settledNextMorning: true }, request: 'repeat-week' },
    ]);
    expect(next(history).reason).toMatch(/7\/10/);
  });
});

describe('the single-run limit from the runs done', () => {
  it('takes a reported longest run instead of the planned ones', () => {
    const { history } = walk(profile, [{ pain: fine, done: { runs: 3, longestRun: 15 } }]);
    expect(longestRecentRun(history, addWeeks(MONDAY, 1))).toBe(15);
    const plan = next(history);
    expect(plan.maxSingleRun).toBeCloseTo(16.5, 9);
    for (const run of plan.runs) expect(run.amount).toBeLessThanOrEqual(16.5 + EPS);
  });

  it('with a run skipped and no longest said, assumes the long one was skipped', () => {
    const { history } = walk(profile, [{ pain: fine, done: { runs: 2 } }]);
    const easy = Math.min(...(history[0]?.runs.map((r) => r.amount) ?? []));
    expect(longestRecentRun(history, addWeeks(MONDAY, 1))).toBeCloseTo(easy, 9);
  });

  it('counts nothing from a week where only an illness was reported, and no run on a day away', () => {
    const ill = walk(profile, [{ illDays: 4 }]).history;
    expect(longestRecentRun(ill, addWeeks(MONDAY, 1))).toBeUndefined();
    const saturday = addDays(MONDAY, 5);
    const away = walk(profile, [{ away: [{ from: saturday, to: saturday }] }]).history;
    const easy = Math.min(...(away[0]?.runs.map((r) => r.amount) ?? []));
    expect(longestRecentRun(away, addWeeks(MONDAY, 1))).toBeCloseTo(easy, 9);
  });

  it('still counts planned runs of a week where nothing was reported', () => {
    const { history } = walk(profile, [{}]);
    expect(longestRecentRun(history, addWeeks(MONDAY, 1))).toBeCloseTo(22, 9);
  });
});

describe('days away and days already past', () => {
  const nextMonday = addWeeks(MONDAY, 2);

  it('days away get no run, and the week is lighter: a lighter week the next one does not build on', () => {
    const trip = { from: addDays(nextMonday, 3), to: addDays(nextMonday, 6) }; // Thursday to Sunday
    const { history } = walk(profile, [{ pain: fine }, { pain: fine, away: [trip] }]);
    const plan = next(history);
    const awayDays = datesOfWeek(plan.weekStart).filter((d) => d >= trip.from);
    expect(plan.runs.map((r) => r.date).filter((d) => awayDays.includes(d))).toEqual([]);
    expect(plan.decision).toBe('deload');
    expect(plan.totalVolume).toBeLessThan(60 * 1.025);
    expect(plan.reason).toMatch(/away 4 days this week/);
    expect(plan.reason).toMatch(/treadmill or in a hotel gym/);
    // A step up turned lighter does not still promise the ramp, and days away get no cross-training.
    expect(plan.reason).not.toMatch(/2\.5%/);
    expect(plan.crossTraining.filter((c) => awayDays.includes(c.date))).toEqual([]);
    // Strength goes on the rest days at home while there are any (Monday to Wednesday here).
    expect(plan.strength).toHaveLength(2);
    expect(plan.strength.filter((st) => awayDays.includes(st.date))).toEqual([]);

    const after = next([...history, asHistory(plan, { pain: fine })]);
    expect(after.decision).toBe('progress');
    expect(after.totalVolume).toBeCloseTo(60 * 1.025 * 1.025, 9);
  });

  it('a week away entirely has no runs', () => {
    const { history } = walk(profile, [
      { pain: fine },
      { away: [{ from: nextMonday, to: addDays(nextMonday, 6) }] },
    ]);
    const plan = next(history);
    expect(plan.runs).toEqual([]);
    expect(plan.totalVolume).toBe(0);
    expect(plan.reason).toMatch(/away all week/);
    expect(plan.reason).not.toMatch(/adds/);
    expect(plan.crossTraining).toEqual([]);
  });

  it('never plans a run on a day already past; the days left carry the week', () => {
    const { history } = walk(profile, [{ pain: fine }, { pain: fine }]);
    const whole = next(history);
    const fromTuesday = next(history, profile, { today: addDays(nextMonday, 1) });
    expect(whole.runs[0]?.date).toBe(nextMonday);
    expect(fromTuesday.runs.map((r) => r.date)).toEqual([1, 3, 5].map((i) => addDays(nextMonday, i)));
    expect(fromTuesday.totalVolume).toBeCloseTo(whole.totalVolume, 9);
    expect(fromTuesday.decision).toBe('progress');
    expect(fromTuesday.reason).toMatch(/days already past have no run/);
    for (const s of fromTuesday.strength) expect(s.date >= addDays(nextMonday, 1)).toBe(true);
  });

  it('keeps the single-run limit when few days are left, so the week gets smaller', () => {
    const { history } = walk(profile, [{ pain: fine }, { pain: fine }]);
    const sunday = addDays(nextMonday, 6);
    const plan = next(history, profile, { today: sunday });
    expect(plan.runs.map((r) => r.date)).toEqual([sunday]);
    expect(plan.totalVolume).toBeCloseTo(plan.maxSingleRun, 9);
  });
});

describe('a limit on the days they can run ("busy week, only 2 days")', () => {
  it('has at most that many runs, each its usual size, and is a lighter week the next one does not build on', () => {
    const { history } = walk(profile, [{ pain: fine }, { pain: fine, nextWeekRunDays: 2 }]);
    const plan = next(history);
    const usual = next(walk(profile, [{ pain: fine }, { pain: fine }]).history);
    expect(usual.decision).toBe('progress');
    expect(plan.runs).toHaveLength(2);
    expect(plan.totalVolume).toBeCloseTo((usual.totalVolume * 2) / 3, 9);
    expect(plan.decision).toBe('deload');
    expect(plan.reason).toBe(
      'Your knees handled last week well. You told us you can only run on 2 days this week, so there are 2 runs and the week is lighter.',
    );
    expect(plan.runs.map((r) => r.date).at(-1)).toBe(usual.runs.at(-1)?.date);

    const after = next([...history, asHistory(plan, { pain: fine })]);
    expect(after.decision).toBe('progress');
    expect(after.runs).toHaveLength(3);
    expect(after.totalVolume).toBeCloseTo(60 * 1.025 * 1.025, 9);
  });

  it('one day: one run, said in plain words', () => {
    const { history } = walk(profile, [{ pain: fine }, { pain: fine, nextWeekRunDays: 1 }]);
    const plan = next(history);
    expect(plan.runs).toHaveLength(1);
    expect(plan.reason).toMatch(/can only run on one day this week, so there is one run/);
  });

  it('keeps the decision that was due when it is no step up, and says why there are fewer runs', () => {
    const sore: PainReport = { score: 6, settledNextMorning: false };
    const { history } = walk(profile, [{ pain: fine }, { pain: sore, nextWeekRunDays: 2 }]);
    const plan = next(history);
    expect(plan.decision).toBe('back-off');
    expect(plan.runs).toHaveLength(2);
    expect(plan.reason).toMatch(/^Because your knee pain reached 6\/10.* so there are 2 runs/);
  });

  it('is no limit at or above the usual run days, and counts only for the week after the one it was said in', () => {
    const same = walk(profile, [{ pain: fine }, { pain: fine, nextWeekRunDays: 3 }]).history;
    const plain = walk(profile, [{ pain: fine }, { pain: fine }]).history;
    expect(next(same)).toEqual(next(plain));
    const older = walk(profile, [{ pain: fine, nextWeekRunDays: 1 }, { pain: fine }]).history;
    expect(next(older).runs).toHaveLength(3);
  });

  it('with days away too: the fewer runs of the two, and the reason names what decided it', () => {
    const nextMonday = addWeeks(MONDAY, 2);
    const trip = { from: addDays(nextMonday, 4), to: addDays(nextMonday, 6) }; // Friday to Sunday
    const { history } = walk(profile, [{ pain: fine }, { pain: fine, away: [trip], nextWeekRunDays: 1 }]);
    const plan = next(history);
    expect(plan.runs).toHaveLength(1);
    expect(plan.runs.every((r) => r.date < trip.from)).toBe(true);
    expect(plan.reason).toMatch(/away 3 days this week/);
    expect(plan.reason).toMatch(/can only run on one day this week/);
  });
});

// ——— properties over generated histories with done data ———

/** `arb` about `percent` of the time, otherwise undefined. */
function sometimes<T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> {
  return fc.oneof(
    { weight: percent, arbitrary: arb },
    { weight: 100 - percent, arbitrary: fc.constant(undefined) },
  );
}
const share = (max: number) =>
  fc.oneof(fc.double({ min: 0, max, noNaN: true }), fc.double({ min: 0.9, max: 1.05, noNaN: true }));

/** A report as shares of the plan it answers, scaled once the plan is known; most weeks go fine. */
const sketchArb = fc.record({
  runs: sometimes(share(1.2), 50),
  volume: sometimes(share(1.5), 50),
  longest: sometimes(share(1.3), 35),
  illDays: sometimes(fc.integer({ min: 1, max: 7 }), 12),
  illness: sometimes(fc.constantFrom('mild' as const, 'systemic' as const), 50),
  away: sometimes(
    fc.record({ from: fc.integer({ min: 0, max: 13 }), days: fc.integer({ min: 0, max: 9 }) }),
    12,
  ),
  pain: sometimes(
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          score: fc.integer({ min: 0, max: 3 }),
          settledNextMorning: fc.constant(true),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ score: fc.integer({ min: 0, max: 10 }), settledNextMorning: fc.boolean() }),
      },
    ),
    80,
  ),
  paused: sometimes(fc.boolean(), 5),
  request: sometimes(fc.constantFrom('repeat-week' as const, 'easier' as const), 8),
  nextWeekRunDays: sometimes(fc.integer({ min: 1, max: 7 }), 15),
});
type Sketch = typeof sketchArb extends fc.Arbitrary<infer T> ? T : never;

function toReport(sketch: Sketch, plan: WeekPlan): Report {
  const longestPlanned = Math.max(0, ...plan.runs.map((r) => r.amount));
  const done = {
    ...(sketch.runs === undefined
      ? {}
      : { runs: Math.min(Math.round(sketch.runs * plan.runs.length), plan.runs.length) }),
    ...(sketch.volume === undefined ? {} : { volume: sketch.volume * plan.totalVolume }),
    ...(sketch.longest === undefined ? {} : { longestRun: sketch.longest * longestPlanned }),
  };
  return {
    ...(Object.keys(done).length > 0 ? { done } : {}),
    ...(sketch.illDays === undefined ? {} : { illDays: sketch.illDays }),
    ...(sketch.illness === undefined ? {} : { illness: sketch.illness }),
    ...(sketch.away === undefined
      ? {}
      : {
          away: [
            {
              from: addDays(plan.weekStart, sketch.away.from),
              to: addDays(plan.weekStart, sketch.away.from + sketch.away.days),
            },
          ],
        }),
    ...(sketch.pain === undefined ? {} : { pain: sketch.pain }),
    ...(sketch.paused === undefined ? {} : { paused: sketch.paused }),
    ...(sketch.request === undefined ? {} : { request: sketch.request }),
    ...(sketch.nextWeekRunDays === undefined ? {} : { nextWeekRunDays: sketch.nextWeekRunDays }),
  };
}

const scenarioArb = fc
  .record({
    profile: profileArb,
    sketches: fc.array(sketchArb, { minLength: 1, maxLength: 12 }),
    todays: fc.array(fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }), {
      minLength: 13,
      maxLength: 13,
    }),
    startWeek: fc.integer({ min: 0, max: 250 }),
  })
  .map(({ profile: p, sketches, todays, startWeek }) => {
    const history: HistoryWeek[] = [];
    let week = addWeeks(MONDAY, startWeek);
    const today = (i: number) =>
      todays[i] === undefined ? {} : { today: addDays(week, todays[i] as number) };
    sketches.forEach((sketch, i) => {
      const plan = planWeek({ profile: p, history: [...history], weekStart: week, ...today(i) });
      history.push(asHistory(plan, toReport(sketch, plan)));
      week = addWeeks(week, 1);
    });
    const input: PlanInput = { profile: p, history, weekStart: week, ...today(sketches.length) };
    return input;
  });

const known = (w: HistoryWeek) => {
  const v = w.done?.volume ?? w.actualVolume;
  return v !== undefined && v >= 0.1 ? v : undefined;
};
const runningWeek = (w: HistoryWeek) => w.decision !== 'pause' && sum(w.runs.map((r) => r.amount)) > 0;

describe('invariants over generated runners with done data', () => {
  it('never plans more than the volume done times (1 + ramp), outside the return path', () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const plan = planWeek(input);
        const last = input.history.at(-1) as HistoryWeek;
        const reference = last.decision === 'deload' ? (input.history.at(-2) ?? last) : last;
        const done = known(reference);
        if (done === undefined || !['progress', 'hold', 'deload', 'maintain'].includes(plan.decision)) return;
        const ramp = input.profile.rampRate ?? 0.025;
        expect(plan.totalVolume).toBeLessThanOrEqual(
          Math.max(done * (1 + ramp), MIN_WEEKLY[input.profile.unit]) + 1e-6,
        );
      }),
      { numRuns: 400 },
    );
  });

  it('backs off below what was done last week, for pain or on request', () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const plan = planWeek(input);
        const last = input.history.at(-1) as HistoryWeek;
        if (plan.decision !== 'back-off') return;
        const done = known(last) ?? (last.totalVolume as number);
        expect(plan.totalVolume).toBeLessThanOrEqual(
          Math.max(0.85 * done, MIN_WEEKLY[input.profile.unit]) + 1e-6,
        );
      }),
      { numRuns: 400 },
    );
  });

  it('keeps every run within 110% of the 30-day longest, done where known', () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const plan = planWeek(input);
        const from = addDays(input.weekStart, -30);
        // An upper bound on what the engine may count: the longest run done where it was said, otherwise
        // the longest planned run in the window.
        const inWindow = input.history.filter((w) => addDays(w.weekStart, 6) >= from);
        const bounds = inWindow.map(
          (w) =>
            w.done?.longestRun ?? Math.max(0, ...w.runs.filter((r) => r.date >= from).map((r) => r.amount)),
        );
        const longest = longestRecentRun(input.history, input.weekStart);
        for (const run of plan.runs) {
          expect(run.amount).toBeLessThanOrEqual(plan.maxSingleRun + EPS);
          if (longest !== undefined) {
            expect(run.amount).toBeLessThanOrEqual(1.1 * longest + EPS);
            expect(run.amount).toBeLessThanOrEqual(1.1 * Math.max(...bounds) + EPS);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never progresses after a week about two thirds done or less, or with illness', () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const plan = planWeek(input);
        const last = input.history.at(-1) as HistoryWeek;
        if (!runningWeek(last)) return;
        const planned = last.totalVolume ?? sum(last.runs.map((r) => r.amount));
        const volume = last.done?.volume ?? last.actualVolume;
        const away = input.history.flatMap((w) => w.away ?? []);
        const runsAway = last.runs.filter((r) => away.some((a) => a.from <= r.date && r.date <= a.to)).length;
        const shares = [
          ...(last.done?.runs === undefined ? [] : [last.done.runs / last.runs.length]),
          ...(volume === undefined ? [] : [volume / planned]),
          1 - runsAway / last.runs.length,
        ];
        if (Math.min(...shares) <= 2 / 3 || (last.illDays ?? 0) > 0)
          expect(plan.decision).not.toBe('progress');
        if ((last.illDays ?? 0) > 0) expect(plan.runs.filter((r) => r.kind === 'long')).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('never plans a run on a day away or a day already past, and keeps the week consistent', () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const plan = planWeek(input);
        const away = input.history.flatMap((w) => w.away ?? []);
        const dates = plan.runs.map((r) => r.date);
        for (const date of dates) {
          expect(away.some((a) => a.from <= date && date <= a.to)).toBe(false);
          if (input.today !== undefined) expect(date >= input.today).toBe(true);
        }
        for (const s of plan.strength)
          if (input.today !== undefined) expect(s.date >= input.today).toBe(true);
        expect(dates.length).toBeLessThanOrEqual(input.profile.runDays);
        expect(new Set(dates).size).toBe(dates.length);
        expect([...plan.restDays, ...dates].sort()).toEqual(datesOfWeek(input.weekStart));
        expect(Math.abs(sum(plan.runs.map((r) => r.amount)) - plan.totalVolume)).toBeLessThan(1e-6);
        if (input.profile.runDays <= 4) {
          const sorted = [...dates].sort();
          for (let i = 1; i < sorted.length; i++) {
            const gap = (Date.parse(sorted[i] as string) - Date.parse(sorted[i - 1] as string)) / 86_400_000;
            expect(gap).toBeGreaterThanOrEqual(2);
          }
        }
        expect(plan.reason).not.toBe('');
        for (const n of [plan.totalVolume, plan.maxSingleRun, ...plan.runs.map((r) => r.amount)]) {
          expect(Number.isFinite(n) && n >= 0).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never plans more runs than the days they said they can run, nor more volume, nor a step up', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 7 }), (input, days) => {
        const last = input.history.at(-1) as HistoryWeek;
        const free = { ...input, history: [...input.history.slice(0, -1), { ...last }] };
        delete (free.history.at(-1) as HistoryWeek).nextWeekRunDays;
        const limited = {
          ...input,
          history: [...input.history.slice(0, -1), { ...last, nextWeekRunDays: days }],
        };
        const without = planWeek(free);
        const plan = planWeek(limited);
        expect(plan.runs.length).toBeLessThanOrEqual(days);
        expect(plan.totalVolume).toBeLessThanOrEqual(without.totalVolume + 1e-6);
        if (days < input.profile.runDays && without.runs.length > 0) {
          expect(plan.decision).not.toBe('progress');
        }
        if (days >= input.profile.runDays) expect(plan).toEqual(without);
      }),
      { numRuns: 400 },
    );
  });
});
