// One runner through twelve weeks: pain rising, a shoe change, a deload, a red flag, a pause and a return.
import { describe, expect, it } from 'vitest';
import { type HistoryWeek, type PlanProfile, planWeek } from '#domain/plan';
import { addWeeks } from '#domain/schedule';
import type { Decision, WeekPlan } from '#domain/types';

const profile: PlanProfile = { unit: 'km', weeklyVolume: 20, runDays: 3, goalVolume: 40 };

type Report = Omit<HistoryWeek, 'weekStart' | 'runs' | 'decision' | 'weekNumber' | 'totalVolume'>;
const ok = (score: number): Report => ({ pain: { score, settledNextMorning: true } });

// What the runner replied each week, and the decision the rules give for the week after it.
const weeks: { reply: Report; expected: Decision; why: string }[] = [
  { reply: ok(1), expected: 'hold', why: 'first week: start at what they run now' },
  { reply: ok(2), expected: 'progress', why: 'pain 1, settled' },
  { reply: ok(2), expected: 'progress', why: 'pain 2, settled' },
  { reply: { ...ok(1), changes: ['shoes'] }, expected: 'progress', why: 'pain 2 again: flat is not rising' },
  { reply: ok(1), expected: 'hold', why: 'new shoes: one change at a time' },
  { reply: ok(1), expected: 'progress', why: 'tolerated after the hold' },
  { reply: ok(1), expected: 'progress', why: 'tolerated' },
  { reply: ok(2), expected: 'progress', why: 'tolerated: three progressing weeks in a row' },
  { reply: ok(3), expected: 'deload', why: 'every fourth progressing week is lighter' },
  { reply: { redFlags: ['swelling'] }, expected: 'back-off', why: 'pain rose two weeks running: 1, 2, 3' },
  { reply: { paused: false }, expected: 'pause', why: 'the knee swelled: a red flag, see a clinician' },
  { reply: ok(1), expected: 'return', why: 'they said resume: a return week' },
];

describe('twelve weeks of one runner', () => {
  it('makes the decision the rules give, every week', () => {
    const history: HistoryWeek[] = [];
    const plans: WeekPlan[] = [];
    let weekStart = '2026-11-30';
    for (const { reply } of weeks) {
      const plan = planWeek({ profile, history: [...history], weekStart });
      plans.push(plan);
      history.push({
        weekStart,
        weekNumber: plan.weekNumber,
        decision: plan.decision,
        runs: plan.runs,
        totalVolume: plan.totalVolume,
        ...(plan.returnStep === undefined ? {} : { returnStep: plan.returnStep }),
        ...reply,
      });
      weekStart = addWeeks(weekStart, 1);
    }

    expect(plans.map((p, i) => `${p.weekNumber} ${p.decision} (${weeks[i]?.why})`)).toEqual(
      weeks.map((w, i) => `${i + 1} ${w.expected} (${w.why})`),
    );
    const v = plans.map((p) => p.totalVolume);
    expect(v[0]).toBe(20);
    expect(v[1]).toBeCloseTo(20.5, 9);
    expect(v[4]).toBeCloseTo(v[3] as number, 9); // the shoe week holds
    expect(v[8]).toBeCloseTo(0.8 * (v[7] as number), 9); // the deload is about 20% lighter
    expect(v[9]).toBeLessThanOrEqual(0.85 * (v[8] as number) + 1e-9); // backing off cuts at least 15%
    expect(plans[9]?.reason).toMatch(/risen two weeks/);
    expect(v[10]).toBe(0); // paused: no running at all
    expect(plans[10]?.reason).toMatch(/clinician/);
    // The return starts below where they were before the break.
    expect(v[11]).toBeCloseTo(0.8 * (v[9] as number), 9);
    expect(Math.max(...v)).toBeLessThanOrEqual(40);
  });

  it('backs off when pain rises two weeks running', () => {
    const history: HistoryWeek[] = [];
    let weekStart = '2026-11-30';
    const decisions: Decision[] = [];
    for (const score of [1, 2, 3, 3]) {
      const plan = planWeek({ profile, history: [...history], weekStart });
      decisions.push(plan.decision);
      history.push({
        weekStart,
        weekNumber: plan.weekNumber,
        decision: plan.decision,
        runs: plan.runs,
        ...ok(score),
      });
      weekStart = addWeeks(weekStart, 1);
    }
    expect(decisions).toEqual(['hold', 'progress', 'progress', 'back-off']);
  });
});
