// What a reply adds to its week's report (lambdas/domain/week-report.ts), and how the engine reads it back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHistoryWeek } from '#domain/history';
import type { DoneFinding, ReplyFindings } from '#domain/reply/interpret';
import type { PlannedRun, WeekSummary } from '#domain/types';
import { doneSummary, type PlannedWeek, reportFromFindings } from '#domain/week-report';

const RUNS: PlannedRun[] = [
  { date: '2026-11-30', amount: 20, kind: 'easy' }, // Monday
  { date: '2026-12-02', amount: 20, kind: 'easy' }, // Wednesday
  { date: '2026-12-05', amount: 23, kind: 'long' }, // Saturday
];
const WEEK: PlannedWeek = { unit: 'min', runs: RUNS };

type Said = Pick<ReplyFindings, 'done' | 'illness' | 'away' | 'runDays' | 'commands' | 'crossTraining'>;
const nothing: Said = { done: null, illness: null, away: [], runDays: null, commands: [], crossTraining: [] };
const done = (d: DoneFinding) => doneSummary({ done: d, illness: null }, WEEK);

describe('what was done, against the plan it answers', () => {
  it('keeps the runs and amounts said, in the plan unit', () => {
    expect(done({ runs: 2, of: 3, volume: 41, unit: 'min' })).toEqual({ runs: 2, volume: 41 });
    expect(
      doneSummary({ done: { volume: 6, unit: 'km' }, illness: null }, { unit: 'min', runs: RUNS }),
    ).toEqual({
      volume: 42,
    });
  });

  it('counts "all of them" and "skipped the long run" from the plan', () => {
    expect(done({ all: true })).toEqual({ runs: 3 });
    expect(done({ skipped: ['long'] })).toEqual({ runs: 2, skipped: ['long'] });
    expect(done({ skipped: ['wed'] })).toEqual({ runs: 2, skipped: ['wed'] });
    expect(done({ skipped: ['short'] })).toEqual({ runs: 1, skipped: ['short'] });
  });

  it('says no count when the plan cannot place the skip', () => {
    expect(done({ skipped: ['thu'] })).toEqual({ skipped: ['thu'] });
  });

  it('reads "no runs" as nothing run', () => {
    expect(done({ none: true, runs: 0 })).toEqual({ runs: 0, volume: 0, none: true });
  });

  it('invents nothing: no amount without an amount said, nothing at all without a finding', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            runs: fc.integer({ min: 0, max: 14 }),
            all: fc.constant(true),
            volume: fc.double({ min: 0.1, max: 300, noNaN: true }),
            unit: fc.constantFrom('min' as const, 'km' as const, 'mi' as const),
            skipped: fc.array(
              fc.constantFrom('long' as const, 'short' as const, 'mon' as const, 'sun' as const),
            ),
          },
          { requiredKeys: [] },
        ),
        (finding) => {
          const summary = done(finding);
          if (finding.volume === undefined || finding.unit === undefined)
            expect(summary?.volume).toBeUndefined();
          if (summary?.runs !== undefined) expect(summary.runs).toBeGreaterThanOrEqual(0);
          if (summary?.runs !== undefined) expect(summary.runs).toBeLessThanOrEqual(14);
          if (
            finding.runs === undefined &&
            finding.all === undefined &&
            (finding.skipped ?? []).length === 0
          ) {
            expect(summary?.runs).toBeUndefined();
          }
        },
      ),
    );
    expect(reportFromFindings(nothing, WEEK)).toEqual({});
  });
});

describe('the rest of a reply on the report', () => {
  it('keeps illness, days away, a limit on next week, a request and cross-training', () => {
    const report = reportFromFindings(
      {
        done: { runs: 0, none: true },
        illness: { days: 5, kind: 'systemic' },
        away: [{ from: '2026-12-14', to: '2026-12-20' }],
        runDays: 2,
        commands: [{ kind: 'pause' }, { kind: 'repeat-week' }],
        crossTraining: [{ activity: 'bike', minutes: 40 }],
      },
      WEEK,
    );
    expect(report).toEqual({
      done: { runs: 0, volume: 0, none: true },
      actualVolume: 0,
      illness: { days: 5, kind: 'systemic' },
      away: [{ from: '2026-12-14', to: '2026-12-20' }],
      nextWeekRunDays: 2,
      request: 'repeat-week',
      crossTraining: [{ activity: 'bike', minutes: 40 }],
    });
  });

  it('the last request said wins, and an illness of unsaid kind and length is kept as such', () => {
    const report = reportFromFindings(
      {
        ...nothing,
        illness: { days: null, kind: null },
        commands: [{ kind: 'repeat-week' }, { kind: 'easier' }],
      },
      WEEK,
    );
    expect(report).toEqual({ illness: {}, request: 'easier' });
  });
});

describe('the engine reads the report back', () => {
  const stored = (report: WeekSummary['report']): WeekSummary => ({
    weekStart: '2026-11-30',
    plan: { weekNumber: 4, decision: 'progress', unit: 'min', totalVolume: 63, runs: RUNS },
    ...(report ? { report } : {}),
  });

  it('maps done, illness, days away, the run-day limit and the request, converting to the current unit', () => {
    const week = toHistoryWeek(
      stored({
        receivedAt: '2026-12-06T18:00:00Z',
        done: { runs: 2, volume: 42, longestRun: 21, skipped: ['long'] },
        illness: { days: 3, kind: 'mild' },
        away: [{ from: '2026-12-10', to: '2026-12-12' }],
        nextWeekRunDays: 2,
        request: 'easier',
      }),
      'km',
    );
    expect(week.done).toEqual({ runs: 2, volume: 6, longestRun: 3 });
    expect(week.illDays).toBe(3);
    expect(week.illness).toBe('mild');
    expect(week.away).toEqual([{ from: '2026-12-10', to: '2026-12-12' }]);
    expect(week.nextWeekRunDays).toBe(2);
    expect(week.request).toBe('easier');
  });

  it('an illness without its length counts as one day, of unknown kind', () => {
    const week = toHistoryWeek(stored({ receivedAt: '2026-12-06T18:00:00Z', illness: {} }));
    expect(week.illDays).toBe(1);
    expect(week.illness).toBeUndefined();
  });

  it('a week with no report has none of it', () => {
    const week = toHistoryWeek(stored(undefined));
    expect(week.done).toBeUndefined();
    expect(week.illDays).toBeUndefined();
    expect(week.away).toBeUndefined();
    expect(week.nextWeekRunDays).toBeUndefined();
    expect(week.request).toBeUndefined();
  });
});
