// `coach plan --weeks N`: the weeks ahead as JSON (walk-run intervals, the race goal's projection) and as a table.
import { describe, expect, it } from 'vitest';
import { planAsText, plansAsTable } from '#bin/plan-text';
import { planAhead } from '#domain/plan';
import { parsePlanInput } from '#domain/plan-input';
import type { WeekPlan } from '#domain/types';

const input = parsePlanInput({
  profile: {
    unit: 'min',
    weeklyVolume: 10,
    runDays: 3,
    start: 'new',
    goal: { distance: '5k', date: '2027-03-07' },
  },
  history: [],
  weekStart: '2026-12-07',
});

describe('coach plan --weeks', () => {
  it('plans the weeks ahead with intervals, warm-ups and the goal projection', () => {
    if (!input.ok) throw new Error(input.errors.join('\n'));
    const plans = planAhead(input.input, 4);
    expect(plans.map((p) => p.weekStart)).toEqual(['2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28']);
    const json = JSON.parse(JSON.stringify(plans));
    expect(json[0].runs[0]).toMatchObject({
      kind: 'walk-run',
      intervals: { repeats: 8, runMinutes: 1, walkMinutes: 2 },
      warmupMinutes: 5,
    });
    expect(json[0].projection.goal).toMatchObject({ raceDate: '2027-03-07', onTime: false });
    expect(json[0].projection.goal.readyBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('prints a readable table, one line a week, and the goal lines under it', () => {
    if (!input.ok) throw new Error(input.errors.join('\n'));
    const table = plansAsTable(planAhead(input.input, 3));
    const lines = table.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^week\s+from\s+decision\s+total\s+longest\s+sessions$/);
    expect(lines[2]).toMatch(/^1\s+2026-12-07\s+hold\s+24 min\s+8 min\s+8 × \(1 min run, 2 min walk\)$/);
    expect(table).toMatch(/your race on 7 March 2027 comes early/);
    expect(planAsText(planAhead(input.input, 1)[0] as WeekPlan)).toMatch(
      /Walk-run 8 min: 5 min brisk walk, then 8 × \(1 min run, 2 min walk\)/,
    );
  });
});
