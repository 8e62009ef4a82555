// The pure rules moved out of the use cases and adapters: the engine's history, unit conversion of
// preferences, and the due-index shard.
import { describe, expect, it } from 'vitest';
import { dueShardOf } from '#domain/due-shard';
import { engineHistory, toHistoryWeek } from '#domain/history';
import type { Subscriber, WeekSummary } from '#domain/types';
import { convertPreferences } from '#domain/units';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';

const subscriber: Subscriber = {
  id: 's1',
  email: 'a@example.com',
  status: 'active',
  preferences: BERLIN_PREFERENCES,
  createdAt: '2026-11-01T00:00:00.000Z',
  confirmSends: 0,
  version: 3,
};

function summary(weekStart: string, paused?: boolean): WeekSummary {
  return {
    weekStart,
    plan: {
      weekNumber: 1,
      decision: 'progress',
      unit: 'km',
      totalVolume: 10,
      runs: [{ date: weekStart, amount: 10, kind: 'easy' }],
    },
    ...(paused === undefined ? {} : { report: { paused, receivedAt: `${weekStart}T08:00:00.000Z` } }),
  };
}

describe('engineHistory', () => {
  it('keeps only the weeks before the one planned, in the subscriber unit', () => {
    const history = engineHistory(
      [summary('2026-11-16'), summary('2026-11-23'), summary('2026-11-30')],
      subscriber,
      '2026-11-30',
    );
    expect(history.map((w) => w.weekStart)).toEqual(['2026-11-16', '2026-11-23']);
    // 10 km at the assumed easy pace of 7 min/km, for a subscriber who plans in minutes.
    expect(history[0]?.runs[0]?.amount).toBeCloseTo(70);
  });

  it('turns a finished pause into a resume on the last week, and leaves an unfinished one paused', () => {
    const paused = [summary('2026-11-16'), summary('2026-11-23', true)];
    const resuming = { ...subscriber, resumeAt: '2026-11-30' };
    expect(engineHistory(paused, resuming, '2026-11-30').at(-1)?.paused).toBe(false);
    expect(engineHistory(paused, resuming, '2026-11-23').at(-1)?.paused).toBeUndefined();
    expect(
      engineHistory(paused, { ...subscriber, resumeAt: '2026-12-07' }, '2026-11-30').at(-1)?.paused,
    ).toBe(true);
  });

  it('reads a week in its own unit when no other is asked for', () => {
    expect(toHistoryWeek(summary('2026-11-16')).runs[0]?.amount).toBe(10);
  });
});

describe('convertPreferences', () => {
  it('converts the weekly volume and the goal, and changes nothing else', () => {
    const km = { ...BERLIN_PREFERENCES, unit: 'km' as const, weeklyVolume: 16.09344, goalVolume: 32.18688 };
    const converted = convertPreferences(km, 'mi');
    expect(converted.unit).toBe('mi');
    expect(converted.weeklyVolume).toBeCloseTo(10);
    expect(converted.goalVolume).toBeCloseTo(20);
    expect({ ...converted, unit: km.unit, weeklyVolume: km.weeklyVolume, goalVolume: km.goalVolume }).toEqual(
      km,
    );
  });

  it('adds no goal when there was none', () => {
    expect(convertPreferences(BERLIN_PREFERENCES, 'km')).not.toHaveProperty('goalVolume');
  });
});

describe('dueShardOf', () => {
  it('is stable and within the shards, and spreads ids over them', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `subscriber-${i}`);
    const shards = ids.map((id) => dueShardOf(id, 4));
    expect(ids.map((id) => dueShardOf(id, 4))).toEqual(shards);
    for (let s = 0; s < 4; s++) expect(shards.filter((x) => x === s).length).toBeGreaterThan(50);
  });
});
