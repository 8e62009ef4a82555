// The weekly plan engine (lambdas/domain/plan.ts) against docs/coaching.md: each rule by example, the invariants by property.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type HistoryWeek, type PlanProfile, planWeek, weeksToGoal } from '#domain/plan';
import { longestRecentRun } from '#domain/plan-runs';
import { addWeeks, datesOfWeek } from '#domain/schedule';
import {
  CHANGE_KINDS,
  DEFAULT_RAMP_RATE,
  type PainReport,
  RED_FLAGS,
  type RedFlag,
  type WeekPlan,
} from '#domain/types';
import { asHistory, profileArb, type Report } from '#test/support/plan-helpers';

const FIRST_MONDAY = '2026-01-05';
const STRENGTH_NAMES = ['lunge', 'side lunge', 'side plank', 'quad stretch', 'hamstring stretch'];
const EPS = 1e-9;

const fine: PainReport = { score: 1, settledNextMorning: true };

/** Plans week after week, feeding each plan back with the report the runner gives for it. */
function walk(
  profile: PlanProfile,
  reports: Report[],
  start = FIRST_MONDAY,
): { plans: WeekPlan[]; history: HistoryWeek[] } {
  const plans: WeekPlan[] = [];
  const history: HistoryWeek[] = [];
  let week = start;
  for (const report of reports) {
    const plan = planWeek({ profile, history: [...history], weekStart: week });
    plans.push(plan);
    history.push(asHistory(plan, report));
    week = addWeeks(week, 1);
  }
  return { plans, history };
}

function next(profile: PlanProfile, history: HistoryWeek[]): WeekPlan {
  const weekStart =
    history.length === 0 ? FIRST_MONDAY : addWeeks((history.at(-1) as HistoryWeek).weekStart, 1);
  return planWeek({ profile, history, weekStart });
}

function sum(values: number[]): number {
  return values.reduce((total, v) => total + v, 0);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const beginner: PlanProfile = { unit: 'min', weeklyVolume: 60, runDays: 3 };

describe('the first week', () => {
  it('holds at what the subscriber runs now', () => {
    const plan = planWeek({
      profile: { unit: 'km', weeklyVolume: 12, runDays: 3 },
      history: [],
      weekStart: FIRST_MONDAY,
    });
    expect(plan).toMatchObject({
      decision: 'hold',
      totalVolume: 12,
      weekNumber: 1,
      unit: 'km',
      weekStart: FIRST_MONDAY,
    });
  });

  it('keeps every run within 110% of the even split of their weekly volume (the new-subscriber baseline)', () => {
    const plan = planWeek({ profile: beginner, history: [], weekStart: FIRST_MONDAY });
    expect(plan.maxSingleRun).toBeCloseTo(1.1 * 20, 12);
    for (const run of plan.runs) expect(run.amount).toBeLessThanOrEqual(22 + EPS);
    expect(plan.runs.find((r) => r.kind === 'long')?.amount).toBeCloseTo(22, 12);
    expect(sum(plan.runs.map((r) => r.amount))).toBeCloseTo(60, 12);
  });

  it('never starts above a goal', () => {
    const plan = planWeek({ profile: { ...beginner, goalVolume: 40 }, history: [], weekStart: FIRST_MONDAY });
    expect(plan.totalVolume).toBe(40);
  });
});

describe('progress, the ramp and the deload', () => {
  it('ramps 2.5% on the plan when no volume was reported, on the reported volume when it was', () => {
    const first = next(beginner, []);
    const onPlan = next(beginner, [asHistory(first, { pain: fine })]);
    const onReport = next(beginner, [asHistory(first, { pain: fine, actualVolume: 50 })]);

    expect(DEFAULT_RAMP_RATE).toBe(0.025);
    expect(onPlan).toMatchObject({ decision: 'progress', totalVolume: 60 * 1.025 });
    expect(onPlan.reason).toContain('2.5%');
    expect(onReport.totalVolume).toBeCloseTo(50 * 1.025, 12);
  });

  it('keeps the exact target so small increments add up, and deloads every fourth progressing week', () => {
    const { plans } = walk({ unit: 'min', weeklyVolume: 20, runDays: 2 }, Array(10).fill({ pain: fine }));

    expect(plans.map((p) => p.decision)).toEqual([
      'hold',
      'progress',
      'progress',
      'progress',
      'deload',
      'progress',
      'progress',
      'progress',
      'deload',
      'progress',
    ]);
    const w = plans.map((p) => p.totalVolume);
    expect(w[3]).toBeCloseTo(20 * 1.025 ** 3, 12); // 21.54 min: half a minute a week, kept exactly
    expect(w[4]).toBeCloseTo(0.8 * (w[3] as number), 12); // about 20% lighter
    expect(w[5]).toBeCloseTo((w[3] as number) * 1.025, 12); // resumes from before the deload
    expect(w[9]).toBeCloseTo(20 * 1.025 ** 7, 12);
  });

  it('uses the profile ramp rate', () => {
    const { plans } = walk({ unit: 'km', weeklyVolume: 20, runDays: 2, rampRate: 0.1 }, [{ pain: fine }, {}]);
    expect(plans[1]?.totalVolume).toBeCloseTo(22, 12);
    expect(plans[1]?.reason).toContain('10%');
  });

  it('stops at the goal and then maintains it', () => {
    const { plans } = walk({ unit: 'km', weeklyVolume: 20, runDays: 3, rampRate: 0.1, goalVolume: 23 }, [
      { pain: fine },
      { pain: fine },
      { pain: fine },
      { pain: fine },
    ]);
    expect(plans.map((p) => p.decision)).toEqual(['hold', 'progress', 'progress', 'maintain']);
    expect(plans.map((p) => p.totalVolume)).toEqual([20, 22, 23, 23]);
    expect(plans.map((p) => p.projection?.weeksToGoal)).toEqual([2, 1, 0, 0]);
  });

  it('projects the weeks to the goal including the lighter weeks', () => {
    expect(weeksToGoal(100, 100, 0.025)).toBe(0);
    expect(weeksToGoal(100, 102.5, 0.025)).toBe(1);
    expect(weeksToGoal(100, 1.025 ** 3 * 100, 0.025)).toBe(3);
    expect(weeksToGoal(100, 1.025 ** 4 * 100, 0.025)).toBe(5); // four progressing weeks and one deload
  });
});

describe('pain monitoring', () => {
  const history = (pains: PainReport[]): HistoryWeek[] =>
    walk(
      beginner,
      pains.map((pain) => ({ pain })),
    ).history;

  it('holds at 4–5 out of 10 when the pain settled by morning', () => {
    const h = history([fine, { score: 5, settledNextMorning: true }]);
    const plan = next(beginner, h);
    expect(plan.decision).toBe('hold');
    expect(plan.totalVolume).toBeCloseTo(h[1]?.totalVolume as number, 12);
    expect(plan.reason).toContain('5/10');
  });

  it('backs off above 5, below the last tolerated volume and by at least 15%', () => {
    const h = history([fine, fine, { score: 6, settledNextMorning: true }]);
    const plan = next(beginner, h);
    expect(plan.decision).toBe('back-off');
    expect(plan.totalVolume).toBeLessThanOrEqual(0.85 * (h[2]?.totalVolume as number) + EPS);
    expect(plan.totalVolume).toBeLessThanOrEqual((h[1]?.totalVolume as number) + EPS);
    expect(plan.reason).toContain('6/10');
  });

  it('backs off when pain had not settled by the next morning, whatever the score', () => {
    const plan = next(beginner, history([fine, { score: 2, settledNextMorning: false }]));
    expect(plan.decision).toBe('back-off');
  });

  it('backs off when pain rose two weeks running, even within the safe zone', () => {
    const rising = next(
      beginner,
      history([
        { score: 1, settledNextMorning: true },
        { score: 2, settledNextMorning: true },
        { score: 3, settledNextMorning: true },
      ]),
    );
    const once = next(
      beginner,
      history([
        { score: 2, settledNextMorning: true },
        { score: 2, settledNextMorning: true },
        { score: 3, settledNextMorning: true },
      ]),
    );
    expect(rising.decision).toBe('back-off');
    expect(once.decision).toBe('progress');
  });

  it('suggests a clinician when pain stays too high after backing off', () => {
    const h = history([fine, { score: 7, settledNextMorning: true }, { score: 7, settledNextMorning: true }]);
    expect(next(beginner, h).reason).toMatch(/clinician/);
  });

  it('never plans less than a minimal week when backing off again and again', () => {
    const h = history(Array(12).fill({ score: 8, settledNextMorning: false }));
    const plan = next(beginner, h);
    expect(plan.totalVolume).toBeGreaterThanOrEqual(10 - EPS);
  });
});

describe('changes and silence', () => {
  it.each(CHANGE_KINDS.map((c) => [c]))('holds the volume the week after a change: %s', (change) => {
    const h = walk(beginner, [{ pain: fine }, { pain: fine, changes: [change] }]).history;
    const plan = next(beginner, h);
    expect(plan.decision).toBe('hold');
    expect(plan.totalVolume).toBeCloseTo(h[1]?.totalVolume as number, 12);
  });

  it('lets pain win over a change', () => {
    const h = walk(beginner, [
      { pain: fine },
      { pain: { score: 7, settledNextMorning: true }, changes: ['shoes'] },
    ]).history;
    expect(next(beginner, h).decision).toBe('back-off');
  });

  it('tips about the change that was made', () => {
    const h = walk(beginner, [{ pain: fine }, { changes: ['shoes'] }]).history;
    expect(next(beginner, h).tip.topic).toBe('shoes');
  });

  it('holds and asks after three weeks without a word', () => {
    const twoSilent = walk(beginner, [{ pain: fine }, {}, {}]).history;
    const threeSilent = walk(beginner, [{}, {}, {}]).history;
    expect(next(beginner, twoSilent).decision).toBe('progress');
    const held = next(beginner, threeSilent);
    expect(held.decision).toBe('hold');
    expect(held.reason).toMatch(/reply/);
  });
});

describe('red flags, pause and return', () => {
  it.each(RED_FLAGS.map((f) => [f]))('pauses all running at once for a red flag: %s', (flag) => {
    const h = walk(beginner, [{ pain: fine }, { redFlags: [flag], paused: true }]).history;
    const plan = next(beginner, h);
    expect(plan.decision).toBe('pause');
    expect(plan.runs).toEqual([]);
    expect(plan.strength).toEqual([]);
    expect(plan.totalVolume).toBe(0);
    expect(plan.restDays).toEqual(datesOfWeek(plan.weekStart));
    expect(plan.reason).toMatch(/clinician/);
  });

  it('stays paused until they say to resume, then returns below the earlier volume', () => {
    const h = walk(beginner, [{ pain: fine }, { pain: fine }, { redFlags: ['swelling'] }, {}, {}]).history;
    const stillPaused = next(beginner, h);
    const resumed = next(beginner, [...h.slice(0, -1), { ...(h.at(-1) as HistoryWeek), paused: false }]);

    expect(h.slice(3).map((w) => w.decision)).toEqual(['pause', 'pause']);
    expect(stillPaused.decision).toBe('pause');
    expect(resumed.decision).toBe('return');
    expect(resumed.runs.every((r) => r.kind === 'easy' || r.kind === 'long')).toBe(true);
    // 80% of the last week that went well (the red-flag week does not count as tolerated).
    expect(resumed.totalVolume).toBeCloseTo(0.8 * (h[1]?.totalVolume as number), 12);
  });

  it('returns with walk-run intervals at about half after more than two weeks off, repeating each step', () => {
    const { plans } = walk(beginner, [
      { paused: true },
      {},
      {},
      {},
      { paused: false },
      { pain: fine },
      { pain: fine },
      { pain: fine },
      { pain: fine },
      { pain: fine },
    ]);
    const before = plans[0]?.totalVolume as number;
    expect(plans.map((p) => p.decision)).toEqual([
      'hold',
      'pause',
      'pause',
      'pause',
      'pause',
      'return',
      'return',
      'return',
      'return',
      'progress',
    ]);
    expect(plans[5]?.runs.every((r) => r.kind === 'walk-run')).toBe(true);
    // Steps of 50%, 50%, then 70%; the single-run limit (110% of the longest run of the last 30 days)
    // holds the step up to 10% at a time.
    expect(plans.slice(5, 9).map((p) => p.totalVolume / before)).toEqual([
      expect.closeTo(0.5, 9),
      expect.closeTo(0.5, 9),
      expect.closeTo(0.55, 9),
      expect.closeTo(0.605, 9),
    ]);
    expect(plans[9]?.totalVolume).toBeCloseTo(0.605 * before * 1.025, 9);
  });

  it('repeats an easier step of the return when the knee grumbles', () => {
    const { history } = walk(beginner, [
      { paused: true },
      {},
      {},
      { paused: false },
      { pain: fine },
      { pain: fine },
      { pain: { score: 6, settledNextMorning: true } },
    ]);
    expect(history.slice(4).map((w) => [w.decision, w.returnStep])).toEqual([
      ['return', 0],
      ['return', 1],
      ['return', 2],
    ]);

    const plan = next(beginner, history);

    expect(plan.decision).toBe('return');
    expect(plan.returnStep).toBe(1);
    expect(plan.reason).toMatch(/repeat an easier step/);
  });
});

describe('the single-run limit and the days', () => {
  it('never lets one run exceed 110% of the longest run of the last 30 days', () => {
    const h = walk(beginner, [{ pain: fine }, { pain: fine }, { pain: fine }]).history;
    const plan = next(beginner, h);
    const longest = longestRecentRun(h, plan.weekStart) as number;
    expect(plan.maxSingleRun).toBeCloseTo(1.1 * longest, 12);
    for (const run of plan.runs) expect(run.amount).toBeLessThanOrEqual(1.1 * longest + EPS);
  });

  it('counts only what was likely run when a week was reported short', () => {
    const h = walk(beginner, [{ pain: fine, actualVolume: 30 }]).history;
    const longestPlanned = Math.max(...(h[0]?.runs.map((r) => r.amount) ?? []));
    expect(longestRecentRun(h, addWeeks(FIRST_MONDAY, 1))).toBeCloseTo(longestPlanned * 0.5, 12);
  });

  it('puts 3 runs on Monday, Wednesday and Saturday with the long run on Saturday', () => {
    const plan = next(beginner, []);
    expect(plan.runs.map((r) => [r.date, r.kind])).toEqual([
      ['2026-01-05', 'easy'],
      ['2026-01-07', 'easy'],
      ['2026-01-10', 'long'],
    ]);
  });
});

// ——— properties ———

const reportArb: fc.Arbitrary<Report> = fc.record(
  {
    actualVolume: fc.double({ min: 0, max: 2, noNaN: true }), // a share of the plan, scaled below
    pain: fc.record({ score: fc.integer({ min: 0, max: 10 }), settledNextMorning: fc.boolean() }),
    changes: fc.subarray([...CHANGE_KINDS]),
    redFlags: fc.oneof(
      { weight: 9, arbitrary: fc.constant<RedFlag[]>([]) },
      { weight: 1, arbitrary: fc.subarray<RedFlag>([...RED_FLAGS]) },
    ),
    paused: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** A profile and up to 16 weeks the engine planned itself, each with a random report (or none). */
const scenarioArb = fc
  .record({
    profile: profileArb,
    reports: fc.array(reportArb, { maxLength: 16 }),
    startWeek: fc.integer({ min: 0, max: 250 }),
  })
  .map(({ profile, reports, startWeek }) => {
    const history: HistoryWeek[] = [];
    let week = addWeeks(FIRST_MONDAY, startWeek);
    for (const report of reports) {
      const plan = planWeek({ profile, history: [...history], weekStart: week });
      const scaled =
        report.actualVolume === undefined
          ? report
          : { ...report, actualVolume: report.actualVolume * plan.totalVolume };
      history.push(asHistory(plan, scaled));
      week = addWeeks(week, 1);
    }
    return { profile, history, weekStart: week };
  });

describe('invariants over generated runners', () => {
  it('lays out a consistent week: days, amounts, rest, strength and cross-training', () => {
    fc.assert(
      fc.property(scenarioArb, ({ profile, history, weekStart }) => {
        const plan = planWeek({ profile, history, weekStart });
        const week = datesOfWeek(weekStart);
        const runDates = plan.runs.map((r) => r.date);

        if (plan.decision === 'pause') {
          expect(plan.runs).toEqual([]);
          expect(plan.strength).toEqual([]);
          expect(plan.totalVolume).toBe(0);
        } else {
          expect(plan.runs).toHaveLength(profile.runDays);
          expect(plan.strength).toHaveLength(2);
          expect(plan.totalVolume).toBeGreaterThan(0);
        }
        expect(new Set(runDates).size).toBe(runDates.length);
        for (const d of runDates) expect(week).toContain(d);
        expect([...plan.restDays, ...runDates].sort()).toEqual(week);
        expect(Math.abs(sum(plan.runs.map((r) => r.amount)) - plan.totalVolume)).toBeLessThan(1e-6);
        if (profile.runDays <= 4) {
          const sorted = [...runDates].sort();
          for (let i = 1; i < sorted.length; i++) {
            expect(daysBetween(sorted[i - 1] as string, sorted[i] as string)).toBeGreaterThanOrEqual(2);
          }
        }
        const strengthDates = plan.strength.map((s) => s.date);
        expect(new Set(strengthDates).size).toBe(strengthDates.length);
        expect(strengthDates.filter((d) => plan.restDays.includes(d))).toHaveLength(
          Math.min(strengthDates.length, plan.restDays.length),
        );
        for (const session of plan.strength) {
          const names = session.exercises.map((e) => e.name.toLowerCase());
          for (const name of STRENGTH_NAMES) expect(names).toContain(name);
        }
        for (const session of plan.crossTraining) {
          expect(plan.restDays).toContain(session.date);
          expect(strengthDates).not.toContain(session.date);
        }
        expect(plan.tip.text).not.toBe('');
        expect(plan.reason).not.toBe('');
      }),
      { numRuns: 400 },
    );
  });

  it('keeps every run within 110% of the longest run of the previous 30 days', () => {
    fc.assert(
      fc.property(scenarioArb, ({ profile, history, weekStart }) => {
        const plan = planWeek({ profile, history, weekStart });
        const longest = longestRecentRun(history, weekStart);
        const limit =
          1.1 * (longest ?? (history.length === 0 ? profile.weeklyVolume / profile.runDays : Infinity));
        for (const run of plan.runs) {
          expect(run.amount).toBeLessThanOrEqual(plan.maxSingleRun + EPS);
          expect(run.amount).toBeLessThanOrEqual(limit * (1 + EPS));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never exceeds the goal, never ramps faster than the rate, and backs off below last week', () => {
    fc.assert(
      fc.property(scenarioArb, ({ profile, history, weekStart }) => {
        const plan = planWeek({ profile, history, weekStart });
        const last = history.at(-1);
        if (profile.goalVolume !== undefined)
          expect(plan.totalVolume).toBeLessThanOrEqual(profile.goalVolume + EPS);
        if (last === undefined) return;
        const done = (w: HistoryWeek) =>
          w.actualVolume !== undefined && w.actualVolume >= 0.1 ? w.actualVolume : (w.totalVolume as number);
        const reference = last.decision === 'deload' ? (history.at(-2) ?? last) : last;
        if (plan.decision === 'progress') {
          expect(plan.totalVolume).toBeLessThanOrEqual(
            done(reference) * (1 + (profile.rampRate ?? 0.025)) + 1e-6,
          );
        }
        if (plan.decision === 'back-off') {
          const minimum = { min: 10, km: 1.5, mi: 1 }[profile.unit];
          expect(plan.totalVolume).toBeLessThanOrEqual(Math.max(0.85 * done(last), minimum) + 1e-6);
        }
        if ((last.redFlags?.length ?? 0) > 0) expect(plan.decision).toBe('pause');
        if (last.paused === true) expect(plan.decision).toBe('pause');
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic and produces no NaN, infinity or negative number', () => {
    fc.assert(
      fc.property(scenarioArb, ({ profile, history, weekStart }) => {
        const a = planWeek({ profile, history, weekStart });
        const b = planWeek({ profile, history, weekStart });
        expect(b).toEqual(a);
        const visit = (value: unknown): void => {
          if (typeof value === 'number') {
            expect(Number.isFinite(value)).toBe(true);
            expect(value).toBeGreaterThanOrEqual(0);
          } else if (typeof value === 'object' && value !== null) {
            for (const v of Object.values(value)) visit(v);
          }
        };
        visit(a);
      }),
      { numRuns: 300 },
    );
  });

  it('with three run days or fewer, never puts runs on consecutive days across two weeks either', () => {
    fc.assert(
      fc.property(profileArb, fc.integer({ min: 0, max: 250 }), (profile, offset) => {
        fc.pre(profile.runDays <= 3);
        const { plans } = walk(profile, [{ pain: fine }, { pain: fine }], addWeeks(FIRST_MONDAY, offset));
        const dates = plans.flatMap((p) => p.runs.map((r) => r.date)).sort();
        for (let i = 1; i < dates.length; i++) {
          expect(daysBetween(dates[i - 1] as string, dates[i] as string)).toBeGreaterThanOrEqual(2);
        }
      }),
      { numRuns: 200 },
    );
  });
});
