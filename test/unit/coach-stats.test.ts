// `coach stats` from the table's items: what counts as a plan sent, a reply, an understood one, a red flag, and
// who left; and the table a person reads.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatStats } from '#bin/stats';
import { countItems } from '#lib/local/stats';

const profile = (status: string, extra: Record<string, unknown> = {}) => ({
  PK: `SUB#${status}`,
  SK: 'PROFILE',
  status,
  ...extra,
});
const week = (status: 'claimed' | 'sent', report?: Record<string, unknown>) => ({
  PK: 'SUB#x',
  SK: 'WEEK#2026-11-30',
  status,
  ...(report ? { report } : {}),
});

describe('countItems', () => {
  it('counts sent weeks, reports with and without a score, red flags, and subscribers by status and reason', () => {
    // Prepare
    const items = [
      profile('active'),
      profile('active'),
      profile('pending'),
      profile('unsubscribed'),
      profile('suppressed', { suppressedReason: 'bounce' }),
      profile('suppressed', { suppressedReason: 'complaint' }),
      week('sent'),
      week('sent', { pain: { score: 3 } }),
      week('sent', { pain: { score: 6 }, redFlags: ['swelling'] }),
      week('sent', {}),
      // Claimed, not sent yet: not a plan sent.
      week('claimed'),
      // Items that are not profiles or weeks.
      { PK: 'EMAIL#ana@example.com', SK: 'EMAIL', subscriberId: 'x' },
      { PK: 'SUPPRESS#abc', SK: 'SUPPRESS', reason: 'bounce' },
      { PK: 'RATE#signup', SK: 'RATE', count: 3 },
    ];

    // Act
    const stats = countItems(items);

    // Assess
    expect(stats).toEqual({
      plansSent: 4,
      replies: 3,
      repliesUnderstood: 2,
      repliesWithoutScore: 1,
      redFlags: 1,
      unsubscribed: 1,
      suppressed: { bounce: 1, complaint: 1 },
      subscribers: { pending: 1, active: 2, unsubscribed: 1, suppressed: 2 },
    });
  });

  it('counts nothing in an empty table, and skips items it cannot read', () => {
    // Act
    const stats = countItems([{ SK: 'PROFILE', status: 'sleeping' }, { SK: 'WEEK#x' }, null, 'text']);

    // Assess
    expect(stats).toEqual(countItems([]));
    expect(Object.values(stats.subscribers)).toEqual([0, 0, 0, 0]);
    expect(stats.plansSent + stats.replies + stats.unsubscribed).toBe(0);
  });

  it('splits every reply into understood or not, and counts red flags and suppressions within their totals', () => {
    // Prepare
    const report = fc.option(
      fc.record(
        {
          pain: fc.record({ score: fc.integer({ min: 0, max: 10 }) }),
          redFlags: fc.array(fc.constantFrom('swelling', 'locking'), { maxLength: 2 }),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    );
    const item = fc.oneof(
      fc.tuple(fc.constantFrom('claimed', 'sent' as const), report).map(([s, r]) => week(s, r)),
      fc
        .tuple(
          fc.constantFrom('pending', 'active', 'unsubscribed', 'suppressed'),
          fc.constantFrom('bounce', 'complaint'),
        )
        .map(([s, reason]) => profile(s, s === 'suppressed' ? { suppressedReason: reason } : {})),
    );

    // Assess
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), (items) => {
        const stats = countItems(items);
        const subscribers = Object.values(stats.subscribers).reduce((a, b) => a + b, 0);
        expect(stats.repliesUnderstood + stats.repliesWithoutScore).toBe(stats.replies);
        expect(stats.redFlags).toBeLessThanOrEqual(stats.replies);
        expect(stats.suppressed.bounce + stats.suppressed.complaint).toBe(stats.subscribers.suppressed);
        expect(stats.unsubscribed).toBe(stats.subscribers.unsubscribed);
        expect(subscribers + items.filter((i) => i.SK.startsWith('WEEK#')).length).toBe(items.length);
      }),
    );
  });
});

describe('formatStats', () => {
  it('prints one figure a line, right-aligned, and the subscribers by status', () => {
    // Prepare
    const stats = countItems([
      profile('active'),
      profile('unsubscribed'),
      profile('suppressed', { suppressedReason: 'complaint' }),
      ...Array.from({ length: 12 }, () => week('sent')),
      week('sent', { pain: { score: 2 } }),
    ]);

    // Act
    const text = formatStats(stats);

    // Assess
    expect(text.split('\n')).toEqual([
      'What the local coach has done so far',
      '',
      '  Weekly plans sent                13',
      '  Replies                           1',
      '    understood (pain score found)   1',
      '    no pain score found             0',
      '  Red flags                         0',
      '  Unsubscribed                      1',
      '  Suppressed after bounces          0',
      '  Suppressed after a complaint      1',
      '',
      '  Subscribers: 1 active, 0 pending, 1 unsubscribed, 1 suppressed',
      '',
      'Replies count once per week: a later reply to the same week replaces the earlier one.',
      '',
    ]);
  });
});
