// A plan sent in the evening of a day its week covers (a Monday-evening confirmation) puts no run on that day.
import { describe, expect, it } from 'vitest';
import type { Subscriber } from '#domain/types';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';
import { memoryDeps } from '#test/support/memory-deps';
import { sendWeeklyPlan } from '#use-cases/send-week';

async function planSentAt(iso: string) {
  const at = new Date(iso);
  const deps = memoryDeps({ now: () => at });
  const subscriber: Subscriber = {
    id: 'anasub',
    email: 'ana@example.com',
    status: 'active',
    preferences: BERLIN_PREFERENCES,
    createdAt: '2026-11-29T10:00:00.000Z',
    confirmedAt: iso,
    nextSendAt: iso,
    confirmSends: 1,
    version: 1,
  };
  await deps.store.createPending(subscriber, subscriber.email);
  expect(await sendWeeklyPlan(deps, 'anasub', at, 'claim-1')).toBe('sent');
  const week = await deps.store.getWeek('anasub', '2026-11-30');
  if (!week) throw new Error('no week planned for Monday 30 November');
  return week.plan;
}

describe('the first plan of a week already begun', () => {
  it('on a Monday evening, plans the runs from Tuesday on, nothing on Monday', async () => {
    const plan = await planSentAt('2026-11-30T18:30:00.000Z'); // Monday 19:30 in Berlin
    expect(plan.runs.length).toBeGreaterThan(0);
    expect(plan.runs.every((r) => r.date > '2026-11-30')).toBe(true);
    expect([...plan.strength, ...plan.crossTraining].every((s) => s.date > '2026-11-30')).toBe(true);
    expect(plan.reason).toMatch(/days already past have no run/);
  });

  it('on a Monday morning, Monday can still have its run', async () => {
    const plan = await planSentAt('2026-11-30T08:00:00.000Z'); // Monday 09:00 in Berlin
    expect(plan.runs.map((r) => r.date)).toContain('2026-11-30');
  });
});
