// Property: for any plan, the HTML carries no live markup from the data, and both parts show every run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RUN_KINDS, UNITS, type WeekPlan } from '../../lambdas/domain/types';
import { addDays, formatAmount, formatDate } from '../../lambdas/email/format';
import { renderWeeklyPlanEmail } from '../../lambdas/email/render';

// Strings built from the pieces that break HTML; braces are covered by the example tests.
const hostileText = fc
  .array(
    fc.constantFrom(
      '<script>alert(1)</script>',
      '<SCRIPT src=//x.test/a.js>',
      '"><img src=x onerror=alert(1)>',
      "' onmouseover='alert(1)",
      '&',
      '&amp;',
      '<',
      '>',
      '"',
      "'",
      'knee',
      ' ',
      'é',
      '—',
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

const weekStart = fc.integer({ min: 0, max: 3000 }).map((weeks) => addDays('2020-01-06', weeks * 7)); // 2020-01-06 is a Monday

const planArb = fc
  .record({
    weekStart,
    weekNumber: fc.integer({ min: 1, max: 500 }),
    unit: fc.constantFrom(...UNITS),
    runs: fc.array(
      fc.record({
        day: fc.integer({ min: 0, max: 6 }),
        amount: fc.double({ min: 0, max: 300, noNaN: true }),
        kind: fc.constantFrom(...RUN_KINDS),
      }),
      { maxLength: 7 },
    ),
    reason: hostileText,
    tip: hostileText,
    activity: hostileText,
    exercise: fc.record({
      name: hostileText,
      cue: hostileText,
      sets: fc.integer({ min: 1, max: 5 }),
      reps: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
    }),
    projection: fc.option(
      fc.record({
        goalVolume: fc.double({ min: 1, max: 300, noNaN: true }),
        weeksToGoal: fc.integer({ max: 60 }),
      }),
      { nil: undefined },
    ),
  })
  .map(
    (r): WeekPlan => ({
      weekStart: r.weekStart,
      weekNumber: r.weekNumber,
      decision: 'progress',
      reason: r.reason,
      unit: r.unit,
      totalVolume: r.runs.reduce((sum, run) => sum + run.amount, 0),
      runs: r.runs.map((run) => ({
        date: addDays(r.weekStart, run.day),
        amount: run.amount,
        kind: run.kind,
      })),
      restDays: [addDays(r.weekStart, 6)],
      crossTraining: [{ date: addDays(r.weekStart, 1), activity: r.activity, minutes: 20 }],
      strength: [{ date: addDays(r.weekStart, 2), exercises: [{ ...r.exercise, holdSeconds: 30 }] }],
      tip: { topic: 'any', text: r.tip },
      ...(r.projection ? { projection: r.projection } : {}),
    }),
  );

/** Attributes named on… in real tags, once quoted values (where escaped data lives) are set aside. */
function eventHandlerAttributes(html: string): string[] {
  return [...html.matchAll(/<[a-z][^>]*>/gi)]
    .map((m) => m[0].replace(/"[^"]*"/g, '""'))
    .filter((tag) => /\son\w+\s*=/i.test(tag));
}

describe('weekly plan email, any plan', () => {
  it('never lets markup through, never leaves a placeholder, and shows every run in both parts', () => {
    fc.assert(
      fc.property(planArb, hostileText, hostileText, (plan, operatorName, address) => {
        // Act
        const { html, text, subject } = renderWeeklyPlanEmail({
          plan,
          timeZone: 'Europe/Berlin',
          unsubscribeUrl: `https://coach.test/u?t=${encodeURIComponent(operatorName)}&x="${address}`,
          operator: { name: operatorName, postalAddress: address },
        });

        // Assess
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(/<img/i);
        expect(eventHandlerAttributes(html)).toEqual([]);
        expect(html).not.toContain('{{');
        expect(text).not.toContain('{{');
        expect(text).toContain(plan.reason);
        expect(text).toContain(plan.tip.text);
        for (const run of plan.runs) {
          const shown = formatAmount(run.amount, plan.unit);
          const date = formatDate(run.date);
          const amount = shown.replace('.', '\\.');
          expect(text).toMatch(new RegExp(`^  ${date} +(.*\\n {14})*[A-Za-z– ]+: ${amount}$`, 'm'));
          expect(html).toMatch(
            new RegExp(`>${date}</th><td[^>]*>(?:(?!</td>).)*[A-Za-z– ]+: ${amount}(<br>|</td>)`),
          );
        }
        if (plan.runs.length > 0) expect(subject).toContain(formatAmount(plan.totalVolume, plan.unit));
      }),
      { numRuns: 300 },
    );
  });
});
