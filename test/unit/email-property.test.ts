// Properties: for any plan, no live markup from the data, every run in both parts, and totals that add up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DECISIONS, RUN_KINDS, UNITS, type WeekPlan } from '#domain/types';
import { addDays, formatAmount, formatDate, shownRunAmounts } from '#email/format';
import { renderWeeklyPlanEmail } from '#email/render';
import type { PastWeek } from '#email/types';

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
    decision: fc.constantFrom(...DECISIONS),
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
      decision: r.decision,
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
      maxSingleRun: Math.max(0, ...r.runs.map((run) => run.amount)),
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
        const { html, text } = renderWeeklyPlanEmail({
          plan,
          timeZone: 'Europe/Berlin',
          runHour: 7,
          history: [],
          now: new Date('2026-01-01T00:00:00Z'),
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
        const shownAmounts = shownRunAmounts(
          plan.runs.map((r) => r.amount),
          plan.unit,
        );
        for (const [i, run] of plan.runs.entries()) {
          const shown = formatAmount(shownAmounts[i] as number, plan.unit);
          const date = formatDate(run.date);
          const amount = shown.replace('.', '\\.');
          const shownRun = `[A-Za-z- ]+: ${amount}( \\([a-z0-9, ]+\\))?`;
          expect(text).toMatch(new RegExp(`^  ${date} +(.*\\n {14})*${shownRun}$`, 'm'));
          expect(html).toMatch(new RegExp(`>${date}</th><td[^>]*>(?:(?!</td>).)*${shownRun}(<br>|</td>)`));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('states a total the shown runs add up to, in the subject and the body, for any amounts', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        // Act
        const { subject, text } = renderWeeklyPlanEmail({
          plan,
          timeZone: 'UTC',
          runHour: 7,
          history: [],
          now: new Date('2026-01-01T00:00:00Z'),
          unsubscribeUrl: 'https://coach.test/u',
          operator: { name: 'Coach', postalAddress: '1 Street' },
        });

        // Assess: add up what each day row shows, in tenths so float dust cannot matter
        const dayRows = text.slice(text.indexOf('YOUR WEEK, DAY BY DAY'), text.indexOf('YOUR WEEKS SO FAR'));
        const pattern = new RegExp(
          `(?:Easy run|Long run|Walk-run|Race): (\\d+(?:\\.\\d)?) ${plan.unit}`,
          'g',
        );
        const shown = [...dayRows.matchAll(pattern)].map((m) => Math.round(Number(m[1]) * 10));
        expect(shown).toHaveLength(plan.runs.length);
        const sum = formatAmount(shown.reduce((a, b) => a + b, 0) / 10, plan.unit);
        const stated = / (\d+(?:\.\d)? (?:min|km|mi)) over /.exec(subject)?.[1];
        if (stated !== undefined) expect(stated).toBe(sum);
        if (plan.runs.length > 0) expect(text).toContain(`In total: ${sum} over `);
        else expect(subject).toMatch(/a rest week for your knees$/);
      }),
      { numRuns: 300 },
    );
  });

  it('draws a chart bar for every history week (up to seven) and this week, and says only what was reported', () => {
    const historyArb = fc.array(
      fc.record({
        unit: fc.constantFrom(...UNITS),
        runs: fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 5 }),
        report: fc.option(
          fc.record(
            {
              done: fc.record(
                {
                  runs: fc.integer({ min: 0, max: 7 }),
                  volume: fc.double({ min: 0, max: 300, noNaN: true }),
                  none: fc.constant(true),
                },
                { requiredKeys: [] },
              ),
              pain: fc.record({ score: fc.integer({ min: 0, max: 10 }), settledNextMorning: fc.boolean() }),
            },
            { requiredKeys: [] },
          ),
          { nil: undefined },
        ),
      }),
      { maxLength: 10 },
    );
    fc.assert(
      fc.property(planArb, historyArb, (plan, weeks) => {
        // Prepare
        const history: PastWeek[] = weeks.map((w, i) => ({
          weekStart: addDays(plan.weekStart, (i - weeks.length) * 7),
          unit: w.unit,
          runs: w.runs.map((amount) => ({ amount })),
          ...(w.report === undefined ? {} : { report: w.report }),
        }));

        // Act
        const { html, text } = renderWeeklyPlanEmail({
          plan,
          timeZone: 'UTC',
          runHour: 7,
          history,
          now: new Date('2026-01-01T00:00:00Z'),
          unsubscribeUrl: 'https://coach.test/u',
          operator: { name: 'Coach', postalAddress: '1 Street' },
        });

        // Assess
        const bars = [...html.matchAll(/<tr class="chart-row">/g)].length;
        expect(bars).toBe(history.length === 0 ? 0 : Math.min(history.length, 7) + 1);
        const lines = text.split('\n');
        for (const week of history.slice(-7)) {
          const row = lines.find((l) => l.startsWith(`  ${formatDate(week.weekStart)} `));
          expect(row).toBeDefined();
          const said = week.report?.done;
          const reported = said?.volume !== undefined || said?.none === true || said?.runs === 0;
          // A week they did not tell us the volume of is shown as its plan, never as run.
          if (reported) expect(row).toMatch(/ of /);
          else expect(row).toMatch(/plan |rest week/);
          if (week.report?.pain !== undefined) expect(row).toContain(`pain ${week.report.pain.score}/10`);
        }
        // The "Last week" line is there whenever there was a week before, and claims no run not reported.
        const last = history.at(-1);
        const lastLine = lines.find((l) => l.startsWith('Last week'));
        expect(lastLine !== undefined).toBe(last !== undefined);
        if (last?.report?.done === undefined) expect(lastLine ?? '').not.toMatch(/you ran (\d|all)/);
        const rows = [...html.matchAll(/<tr class="chart-row">(.*?)<\/table>/g)].map((m) =>
          [...(m[1] ?? '').matchAll(/<td width="(\d+)%" style="width:\d+%;background-color:#(?!eef2ee)/g)]
            .map((c) => Number(c[1]))
            .reduce((sum, w) => sum + w, 0),
        );
        if (rows.some((w) => w > 0)) expect(Math.max(...rows)).toBe(100);
      }),
      { numRuns: 200 },
    );
  });
});
