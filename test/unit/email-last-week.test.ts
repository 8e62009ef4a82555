// The weekly email's "Last week" line: planned against what they told us, and nothing they did not tell us.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretReply } from '#domain/reply/interpret';
import { UNITS } from '#domain/types';
import { illnessPhrase, lastWeekLine, type PastWeek, pastWeekPoint, reportedVolume } from '#email/last-week';
import { REPLY_EXAMPLES } from '#email/weekly-plan-email';

const THIS_WEEK = '2026-12-07';
const LAST_WEEK = '2026-11-30';

/** Last week as planned: three runs, 63 min in all, and what they told us of it. */
function last(report?: PastWeek['report'], runs = [18, 18, 27]): PastWeek[] {
  return [
    {
      weekStart: LAST_WEEK,
      unit: 'min',
      runs: runs.map((amount) => ({ amount })),
      ...(report === undefined ? {} : { report }),
    },
  ];
}

describe('the "Last week" line', () => {
  it.each<[string, PastWeek['report'], string]>([
    ['runs and minutes', { done: { runs: 2, volume: 41 } }, 'Last week: you ran 2 of 3 runs, 41 of 63 min.'],
    ['every run', { done: { runs: 3, volume: 63 } }, 'Last week: you ran all 3 runs, 63 of 63 min.'],
    ['minutes only', { done: { volume: 50 } }, 'Last week: you ran 50 of 63 min.'],
    ['runs only', { done: { runs: 2 } }, 'Last week: you ran 2 of 3 runs (the plan had 63 min over 3 runs).'],
    [
      'more than planned',
      { done: { runs: 4, volume: 80 } },
      'Last week: you ran 4 runs (3 planned), 80 min (63 min planned).',
    ],
    [
      'a week ill without running',
      { done: { none: true }, illness: { days: 7, kind: 'systemic' } },
      'Last week: no runs, ill all week (the plan had 63 min over 3 runs).',
    ],
    [
      'an illness and a run',
      { done: { runs: 1, volume: 20 }, illness: { days: 5 } },
      'Last week: you ran 1 of 3 runs, 20 of 63 min, ill for 5 days.',
    ],
    [
      'an illness, nothing said of the runs',
      { illness: { most: true, kind: 'mild' } },
      "Last week: a cold most of the week; you didn't say what you ran (the plan had 63 min over 3 runs).",
    ],
    [
      'the long run skipped, no count',
      { done: { skipped: ['long'] } },
      'Last week: you ran everything but the long run (the plan had 63 min over 3 runs).',
    ],
    ['an older report of the volume run', { actualVolume: 55 }, 'Last week: you ran 55 of 63 min.'],
    [
      'only the knee',
      { pain: { score: 3, settledNextMorning: true } },
      'Last week: you told us about your knee but not what you ran, so we counted the plan (63 min over 3 runs) as done.',
    ],
    [
      'no reply at all',
      undefined,
      "Last week: we didn't hear how it went, so we counted the plan (63 min over 3 runs) as done. If it went differently, reply and tell us what you ran.",
    ],
  ])('%s', (_, report, line) => {
    expect(lastWeekLine(last(report), THIS_WEEK, 'min')).toBe(line);
  });

  it('says a single planned run was run without calling it "all"', () => {
    expect(lastWeekLine(last({ done: { runs: 1, volume: 30 } }, [30]), THIS_WEEK, 'min')).toBe(
      'Last week: you ran the 1 run planned, 30 of 30 min.',
    );
  });

  it('speaks of a rest week as one, and of runs in it as run', () => {
    expect(lastWeekLine(last(undefined, []), THIS_WEEK, 'min')).toBe('Last week: a rest week.');
    expect(lastWeekLine(last({ done: { none: true } }, []), THIS_WEEK, 'min')).toBe(
      'Last week: a rest week, no runs.',
    );
    expect(lastWeekLine(last({ done: { runs: 1, volume: 20 } }, []), THIS_WEEK, 'min')).toBe(
      'Last week: you ran 1 run, 20 min.',
    );
  });

  it('says nothing in a first week, or when the week before is missing', () => {
    expect(lastWeekLine([], THIS_WEEK, 'min')).toBeUndefined();
    expect(lastWeekLine(last({ done: { volume: 40 } }), '2026-12-14', 'min')).toBeUndefined();
  });

  it("shows last week in the runner's unit now, when they changed it since", () => {
    const km: PastWeek[] = [
      {
        weekStart: LAST_WEEK,
        unit: 'km',
        runs: [{ amount: 5 }, { amount: 5 }],
        report: { done: { volume: 8 } },
      },
    ];
    expect(lastWeekLine(km, THIS_WEEK, 'mi')).toBe('Last week: you ran 5.0 of 6.2 mi.');
    expect(pastWeekPoint(km[0] as PastWeek, 'mi')).toMatchObject({
      planned: 10 / 1.609344,
      done: 8 / 1.609344,
    });
  });

  it('never states a count or an amount they did not give', () => {
    const reportArb = fc.option(
      fc.record(
        {
          done: fc.record(
            {
              runs: fc.integer({ min: 0, max: 7 }),
              volume: fc.double({ min: 0, max: 300, noNaN: true }),
              none: fc.constant(true),
              skipped: fc.constant<('long' | 'short')[]>(['long']),
            },
            { requiredKeys: [] },
          ),
          illness: fc.record({ days: fc.integer({ min: 1, max: 7 }) }, { requiredKeys: [] }),
          pain: fc.record({ score: fc.integer({ min: 0, max: 10 }), settledNextMorning: fc.boolean() }),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    );
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.5, max: 60, noNaN: true }), { maxLength: 5 }),
        reportArb,
        fc.constantFrom(...UNITS),
        (runs, report, unit) => {
          const line = lastWeekLine(last(report, runs), THIS_WEEK, unit) ?? '';
          const done = report?.done;
          const nothing = done?.none === true || done?.runs === 0 || done?.volume === 0;
          if (!nothing && done?.runs === undefined)
            expect(line).not.toMatch(/\d+ of \d+ runs?|all \d+ runs?|\d+ runs? \(/);
          if (!nothing && done?.volume === undefined)
            expect(line).not.toMatch(/ of [\d.]+ (min|km|mi)\b|\((min|km|mi) planned/);
          if (report?.illness === undefined) expect(line).not.toMatch(/\bill\b|a cold/);
          if (report === undefined && runs.length > 0) expect(line).toMatch(/didn't hear/);
          expect(line).toMatch(/^Last week: .+\.$/);
          expect(reportedVolume(report) === undefined).toBe(!nothing && done?.volume === undefined);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('says an illness back as it was told', () => {
    expect(illnessPhrase({})).toBe('ill');
    expect(illnessPhrase({ days: 1, kind: 'mild' })).toBe('a cold for 1 day');
    expect(illnessPhrase({ days: 3, kind: 'systemic' })).toBe('ill for 3 days');
    expect(illnessPhrase({ most: true })).toBe('ill most of the week');
  });
});

describe('the reply examples in every plan email', () => {
  it('are each understood as the email means them', () => {
    const today = '2026-12-06';
    const read = REPLY_EXAMPLES.map((example) => interpretReply(example, { today }));
    expect(read[0]?.pain).toMatchObject({ score: 3, settledNextMorning: true });
    expect(read[1]?.done).toMatchObject({ runs: 2, of: 3, volume: 40, unit: 'min' });
    expect(read[2]?.changes).toEqual(['shoes']);
    expect(read[3]?.commands).toEqual([{ kind: 'pause', weeks: 2 }]);
    expect(read[4]?.commands).toEqual([{ kind: 'stop' }]);
  });
});
