// Issue 17: run-walk from zero, a goal with a date, and honest projections. Examples first, then the
// invariants by property over generated beginners, goals and histories.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mondayOf, readyLongRun, TAPER_SHARE } from '#domain/goal';
import {
  assumedDone,
  type HistoryWeek,
  onWalkRunPath,
  type PlanProfile,
  planAhead,
  planWeek,
} from '#domain/plan';
import { doneVolume, MIN_WEEKLY } from '#domain/plan-decision';
import { parsePlanInput } from '#domain/plan-input';
import { longestRecentRun, SINGLE_RUN_LIMIT } from '#domain/plan-runs';
import { addWeeks } from '#domain/schedule';
import { preferencesSchema, type RaceGoal, type WeekPlan } from '#domain/types';
import {
  CONTINUOUS_GOAL_MINUTES,
  isContinuousWeek,
  NEW_RUNNER_START_MINUTES,
  sessionFor,
  sessionMinutes,
  WALK_RUN_RAMP,
} from '#domain/walk-run';
import { addDays } from '#domain/zoned-time';
import { asHistory, type Report } from '#test/support/plan-helpers';

const MONDAY = '2026-01-05';
const EPS = 1e-9;
const beginner: PlanProfile = { unit: 'min', weeklyVolume: 15, runDays: 3, start: 'new' };

const training = (plan: WeekPlan) => plan.runs.filter((r) => r.kind !== 'race');
const sum = (values: number[]) => values.reduce((t, v) => t + v, 0);
const longest = (plan: WeekPlan) => Math.max(0, ...training(plan).map((r) => r.amount));

/** Plans week after week, each plan fed back with the runner's report for it. */
function walk(p: PlanProfile, reports: Report[]): { plans: WeekPlan[]; histories: HistoryWeek[][] } {
  const plans: WeekPlan[] = [];
  const histories: HistoryWeek[][] = [];
  const history: HistoryWeek[] = [];
  let week = MONDAY;
  for (const report of reports) {
    histories.push([...history]);
    const plan = planWeek({ profile: p, history: [...history], weekStart: week });
    plans.push(plan);
    history.push(asHistory(plan, report));
    week = addWeeks(week, 1);
  }
  return { plans, histories };
}

describe('run-walk from zero', () => {
  it('starts a non-runner on 8 × (1 min run, 2 min walk), time-boxed with walks either side', () => {
    const plan = planWeek({ profile: beginner, history: [], weekStart: MONDAY });
    expect(plan.runs).toHaveLength(3);
    for (const run of plan.runs) {
      expect(run).toMatchObject({
        kind: 'walk-run',
        amount: NEW_RUNNER_START_MINUTES,
        intervals: { repeats: 8, runMinutes: 1, walkMinutes: 2 },
        warmupMinutes: 5,
        cooldownMinutes: 5,
      });
    }
    expect(sessionMinutes({ repeats: 8, runMinutes: 1, walkMinutes: 2 })).toBe(34);
    expect(plan.reason).toMatch(/short spells of running between brisk walks/);
  });

  it('gives someone at 15 min a week run-walk sessions, not three 5-minute "long runs"', () => {
    const plan = planWeek({
      profile: { ...beginner, start: 'some' },
      history: [],
      weekStart: MONDAY,
    });
    expect(plan.runs.every((r) => r.kind === 'walk-run' && r.intervals !== undefined)).toBe(true);
    expect(plan.runs.some((r) => r.kind === 'long')).toBe(false);
  });

  it('keeps stored profiles without a start on the ordinary plan', () => {
    const plan = planWeek({ profile: { ...beginner, start: undefined }, history: [], weekStart: MONDAY });
    expect(plan.runs.some((r) => r.intervals !== undefined)).toBe(false);
  });

  it('moves time from walking to running and ends at 30 minutes continuous, then joins the ordinary plan', () => {
    const plans = planAhead({ profile: beginner, history: [], weekStart: MONDAY }, 40);
    const graduated = plans.findIndex((p) => isContinuousWeek(p.runs));
    expect(graduated).toBeGreaterThan(8);
    expect(graduated).toBeLessThan(35);
    expect(plans[graduated]?.runs.every((r) => r.amount === CONTINUOUS_GOAL_MINUTES)).toBe(true);
    const after = plans[graduated + 1] as WeekPlan;
    expect(after.runs.some((r) => r.intervals !== undefined)).toBe(false);
    expect(after.decision).toBe('progress');
  });

  it('repeats or eases a step that hurt, never skips it', () => {
    const hurt: Report = { pain: { score: 6, settledNextMorning: false } };
    const { plans } = walk(beginner, [{}, { pain: { score: 1, settledNextMorning: true } }, {}, hurt, {}]);
    const [, , third, fourth, fifth] = plans as [WeekPlan, WeekPlan, WeekPlan, WeekPlan, WeekPlan];
    expect(fifth.decision).toBe('back-off');
    expect(longest(fifth)).toBeLessThanOrEqual(longest(fourth));
    expect(longest(third)).toBeGreaterThan(0);
  });

  it('never shortens the running spells while building up, and never stalls', () => {
    fc.assert(
      fc.property(beginnerArb, (profile) => {
        const plans = planAhead({ profile, history: [], weekStart: MONDAY }, 30);
        plans.slice(1).forEach((plan, i) => {
          const before = plans[i] as WeekPlan;
          const spell = before.runs.find((r) => r.intervals !== undefined)?.intervals;
          const now = plan.runs.find((r) => r.intervals !== undefined)?.intervals;
          if (plan.decision !== 'progress' || spell === undefined || now === undefined) return;
          // Below the from-zero start (8 min a session), 15-second spells inside a 20-minute block cannot
          // always both keep their length and grow: the coach then grows the running with shorter spells.
          if (spell.repeats * spell.runMinutes < NEW_RUNNER_START_MINUTES) return;
          expect(now.runMinutes).toBeGreaterThanOrEqual(spell.runMinutes);
          expect(now.repeats * now.runMinutes).toBeGreaterThan(spell.repeats * spell.runMinutes);
        });
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('finds intervals that run no more than asked, for any running time', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 60, noNaN: true }), (minutes) => {
        const session = sessionFor(minutes);
        expect(session.running).toBeLessThanOrEqual(Math.max(minutes, 1) + EPS);
        if ('intervals' in session) {
          const { repeats, runMinutes } = session.intervals;
          expect(repeats * runMinutes).toBeCloseTo(session.running, 9);
          expect(sessionMinutes(session.intervals)).toBeLessThanOrEqual(40 + EPS);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('starts a runner coming back after a break on the return path', () => {
    const profile: PlanProfile = { unit: 'km', weeklyVolume: 20, runDays: 3, start: 'returning' };
    const plans = planAhead({ profile, history: [], weekStart: MONDAY }, 6);
    expect(plans.map((p) => p.decision)).toEqual([
      'return',
      'return',
      'return',
      'return',
      'progress',
      'progress',
    ]);
    expect(plans[0]?.totalVolume).toBeCloseTo(10, 9);
    expect(plans[0]?.runs.every((r) => r.kind === 'walk-run')).toBe(true);
    // 70% of before the break is 14 km, but no run may pass 110% of the longest of the last 30 days.
    expect(plans[2]?.totalVolume).toBeLessThanOrEqual(14 + EPS);
    expect(plans[2]?.totalVolume).toBeGreaterThan(plans[1]?.totalVolume as number);
  });
});

describe('a goal with a date', () => {
  const runner: PlanProfile = { unit: 'km', weeklyVolume: 20, runDays: 3, start: 'regular' };

  it('says plainly when the race comes early, and never speeds the ramp up for it', () => {
    const goal: RaceGoal = { distance: 'half', date: '2026-02-15' };
    const withDate = planWeek({ profile: { ...runner, goal }, history: [], weekStart: MONDAY });
    const without = planWeek({ profile: runner, history: [], weekStart: MONDAY });
    expect(withDate.runs).toEqual(without.runs);
    expect(withDate.projection?.goal).toMatchObject({
      distanceKm: 21.0975,
      raceDate: '2026-02-15',
      onTime: false,
    });
    expect(withDate.projection?.goal?.readyBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((withDate.projection?.goal?.readyBy as string) > '2026-02-15').toBe(true);
  });

  it('is on time when the usual ramp reaches the ready long run before the race week', () => {
    const goal: RaceGoal = { distance: '5k', date: '2026-06-14' };
    const plan = planWeek({ profile: { ...runner, goal }, history: [], weekStart: MONDAY });
    expect(plan.projection?.goal?.onTime).toBe(true);
    expect(readyLongRun(goal, 'km')).toBeCloseTo(4.5, 9);
  });

  it('plans a lighter race week with the race on its day, then an easy week, then holds steady', () => {
    const goal: RaceGoal = { distance: '10k', date: '2026-03-08' };
    const plans = planAhead({ profile: { ...runner, goal }, history: [], weekStart: MONDAY }, 12);
    const raceWeek = plans.findIndex((p) => p.weekStart === mondayOf(goal.date as string));
    const [before, race, recovery, after] = plans.slice(raceWeek - 1, raceWeek + 3) as [
      WeekPlan,
      WeekPlan,
      WeekPlan,
      WeekPlan,
    ];
    expect(race.runs.find((r) => r.kind === 'race')).toMatchObject({ date: '2026-03-08', amount: 10 });
    expect(sum(training(race).map((r) => r.amount))).toBeLessThanOrEqual(
      before.totalVolume * TAPER_SHARE + EPS,
    );
    expect(race.runs.some((r) => r.date === '2026-03-07')).toBe(false);
    expect(recovery.decision).toBe('deload');
    expect(recovery.runs.some((r) => r.kind === 'long')).toBe(false);
    expect(recovery.totalVolume).toBeLessThan(before.totalVolume);
    expect(after.decision).toBe('maintain');
    expect(after.projection?.goal).toBeUndefined();
  });

  it('reads goals and starts in the plan input and the stored preferences, which may lack them', () => {
    const parsed = parsePlanInput({
      profile: { ...runner, goal: { distance: { km: 15 }, date: '2026-05-03' } },
      history: [],
      weekStart: MONDAY,
    });
    expect(parsed.ok).toBe(true);
    const bad = parsePlanInput({
      profile: { ...runner, start: 'sofa', goal: { distance: 'ultra' } },
      weekStart: MONDAY,
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors.join('\n')).toMatch(/profile\.start: must be one of new, some, regular, returning/);
    const stored = {
      weeklyVolume: 30,
      unit: 'min',
      runDays: 3,
      timeZone: 'Europe/Berlin',
      sendDay: 'sun',
      sendHour: 18,
    };
    expect(preferencesSchema.safeParse(stored).success).toBe(true);
    expect(
      preferencesSchema.safeParse({ ...stored, start: 'new', goal: { distance: 'half', date: '2027-04-11' } })
        .success,
    ).toBe(true);
    // A stored profile must always read back, so a beginner who switches to km stays readable (and is planned
    // the ordinary way, since walk-run sessions are timed).
    expect(preferencesSchema.safeParse({ ...stored, unit: 'km', start: 'new' }).success).toBe(true);
    const km = planWeek({
      profile: { ...beginner, unit: 'km', weeklyVolume: 3 },
      history: [],
      weekStart: MONDAY,
    });
    expect(km.runs.some((r) => r.intervals !== undefined)).toBe(false);
  });
});

// ---- properties ----

const reportArb: fc.Arbitrary<Report> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Report>({ pain: { score: 1, settledNextMorning: true } }) },
  { weight: 1, arbitrary: fc.constant<Report>({}) },
  {
    weight: 2,
    arbitrary: fc
      .record({ score: fc.integer({ min: 0, max: 10 }), settledNextMorning: fc.boolean() })
      .map((pain): Report => ({ pain })),
  },
  { weight: 1, arbitrary: fc.constant<Report>({ changes: ['shoes'] }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 7 }).map((illDays): Report => ({ illDays })) },
  { weight: 1, arbitrary: fc.constant<Report>({ done: { runs: 1 } }) },
);

const beginnerArb: fc.Arbitrary<PlanProfile> = fc.record({
  unit: fc.constant('min' as const),
  weeklyVolume: fc.double({ min: 5, max: 100, noNaN: true }),
  runDays: fc.integer({ min: 1, max: 7 }),
  start: fc.constantFrom('new' as const, 'some' as const),
});

const goalArb: fc.Arbitrary<RaceGoal> = fc.record({
  distance: fc.constantFrom<RaceGoal['distance']>('5k', '10k', 'half', { km: 8 }),
  date: fc.integer({ min: 3, max: 30 }).map((weeks) => addDays(addWeeks(MONDAY, weeks), 6)),
});

describe('properties over generated beginners and goals', () => {
  it('no session runs more than 110% of the longest running of the last 30 days', () => {
    fc.assert(
      fc.property(beginnerArb, fc.array(reportArb, { minLength: 1, maxLength: 24 }), (profile, reports) => {
        const { plans, histories } = walk(profile, reports);
        plans.forEach((plan, i) => {
          const history = histories[i] as HistoryWeek[];
          const recent = longestRecentRun(history, plan.weekStart);
          for (const run of training(plan)) {
            expect(run.amount).toBeLessThanOrEqual(plan.maxSingleRun + EPS);
            if (recent !== undefined) expect(run.amount).toBeLessThanOrEqual(SINGLE_RUN_LIMIT * recent + EPS);
            if (run.intervals !== undefined) {
              expect(run.intervals.repeats * run.intervals.runMinutes).toBeCloseTo(run.amount, 9);
            }
          }
        });
      }),
      { numRuns: 120 },
    );
  });

  it('the walk-run weeks grow within the ramp: at most 10% over the week built on', () => {
    fc.assert(
      fc.property(beginnerArb, fc.array(reportArb, { minLength: 2, maxLength: 24 }), (profile, reports) => {
        const { plans, histories } = walk(profile, reports);
        plans.forEach((plan, i) => {
          const history = histories[i] as HistoryWeek[];
          if (history.length === 0 || !onWalkRunPath(profile, history)) return;
          const last = history.at(-1) as HistoryWeek;
          const reference = last.decision === 'deload' ? (history.at(-2) ?? last) : last;
          const base = Math.max(doneVolume(reference), doneVolume(last));
          const bound = Math.max(base * (1 + WALK_RUN_RAMP), MIN_WEEKLY.min);
          if (plan.decision !== 'return') expect(plan.totalVolume).toBeLessThanOrEqual(bound + EPS);
        });
      }),
      { numRuns: 120 },
    );
  });

  it('a week that hurt too much (above 5/10, or not settled by morning) is never followed by a longer session', () => {
    fc.assert(
      fc.property(beginnerArb, fc.array(reportArb, { minLength: 2, maxLength: 20 }), (profile, reports) => {
        const { plans } = walk(profile, reports);
        plans.slice(1).forEach((plan, i) => {
          const pain = reports[i]?.pain;
          const before = plans[i] as WeekPlan;
          if (pain !== undefined && (pain.score > 5 || !pain.settledNextMorning) && before.runs.length > 0) {
            expect(longest(plan)).toBeLessThanOrEqual(longest(before) + EPS);
          }
        });
      }),
      { numRuns: 120 },
    );
  });

  it('backs off after a week that hurt without a longer long run, once the walk-run path has ended', () => {
    // Arrange: the case fast-check found. Continuous running from week 3; week 4's long run is 33 min (110%
    // of the 30-min runs before it) and its pain did not settle.
    const profile = { unit: 'min', weeklyVolume: 100, runDays: 4, start: 'some', rampRate: 0.025 } as const;
    const settled = { pain: { score: 1, settledNextMorning: true } };
    const { plans } = walk(profile, [
      settled,
      settled,
      {},
      { pain: { score: 0, settledNextMorning: false } },
      settled,
    ]);

    // Assess: a lighter week, and no run in it longer than the week that hurt.
    const [hurt, after] = [plans[3] as WeekPlan, plans[4] as WeekPlan];
    expect(after.decision).toBe('back-off');
    expect(after.totalVolume).toBeLessThan(hurt.totalVolume);
    expect(longest(after)).toBeLessThanOrEqual(longest(hurt) + EPS);
  });

  it('the ramp is never raised for a date: before the race week the plan is the plan without one', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          beginnerArb,
          fc.record({
            unit: fc.constantFrom('km' as const, 'mi' as const),
            weeklyVolume: fc.double({ min: 5, max: 60, noNaN: true }),
            runDays: fc.integer({ min: 2, max: 6 }),
            start: fc.constant('regular' as const),
          }),
        ),
        goalArb,
        fc.array(reportArb, { minLength: 1, maxLength: 10 }),
        (profile, goal, reports) => {
          const dated = walk({ ...profile, goal }, reports).plans;
          const plain = walk(profile, reports).plans;
          dated.forEach((plan, i) => {
            if (plan.weekStart >= mondayOf(goal.date as string)) return;
            const other = plain[i] as WeekPlan;
            expect(plan.runs).toEqual(other.runs);
            expect(plan.decision).toBe(other.decision);
            if (plan.decision !== 'pause') expect(plan.projection?.goal?.raceDate).toBe(goal.date);
          });
        },
      ),
      { numRuns: 30 },
    );
  }, 60_000);

  it('tapers before the race, puts the race on its day, and recovers easily after it', () => {
    fc.assert(
      fc.property(
        fc.record({
          unit: fc.constantFrom('km' as const, 'min' as const),
          weeklyVolume: fc.double({ min: 10, max: 60, noNaN: true }),
          runDays: fc.integer({ min: 2, max: 6 }),
          start: fc.constantFrom('regular' as const, 'some' as const),
        }),
        goalArb,
        (profile, goal) => {
          const raceDate = goal.date as string;
          const weeks = Math.round((Date.parse(mondayOf(raceDate)) - Date.parse(MONDAY)) / 604_800_000) + 3;
          const plans = planAhead({ profile: { ...profile, goal }, history: [], weekStart: MONDAY }, weeks);
          const i = plans.findIndex((p) => p.weekStart === mondayOf(raceDate));
          const before = plans[i - 1];
          const race = plans[i] as WeekPlan;
          const recovery = plans[i + 1] as WeekPlan;
          expect(race.runs.filter((r) => r.kind === 'race').map((r) => r.date)).toEqual([raceDate]);
          expect(race.runs.every((r) => r.date <= raceDate && r.date !== addDays(raceDate, -1))).toBe(true);
          if (before !== undefined) {
            const pre = sum(training(before).map((r) => r.amount));
            expect(sum(training(race).map((r) => r.amount))).toBeLessThanOrEqual(pre * TAPER_SHARE + EPS);
            expect(recovery.totalVolume).toBeLessThanOrEqual(
              Math.max(pre * 0.6, MIN_WEEKLY[profile.unit]) + EPS,
            );
          }
          expect(recovery.runs.some((r) => r.kind === 'long' || r.kind === 'race')).toBe(false);
          const history = plans.slice(0, i + 2).map(assumedDone);
          for (const run of training(recovery)) {
            const recent = longestRecentRun(history.slice(0, i + 1), recovery.weekStart);
            if (recent !== undefined) expect(run.amount).toBeLessThanOrEqual(SINGLE_RUN_LIMIT * recent + EPS);
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 60_000);
});
