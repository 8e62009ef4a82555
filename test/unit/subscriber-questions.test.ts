// The due-now and was-suppressed rules the preferences and erase pages ask about.
import { describe, expect, it } from 'vitest';
import { upcomingSendAt, wasSuppressed } from '#domain/subscriber';

describe('upcomingSendAt', () => {
  const now = new Date('2026-11-25T09:00:00.000Z');

  it('names a send still ahead', () => {
    expect(upcomingSendAt({ nextSendAt: '2026-11-29T17:00:00.000Z' }, now)).toBe('2026-11-29T17:00:00.000Z');
  });

  it('names none when it is due now or overdue (the dispatcher picks it up) or when none is set', () => {
    expect(upcomingSendAt({ nextSendAt: now.toISOString() }, now)).toBeUndefined();
    expect(upcomingSendAt({ nextSendAt: '2026-11-25T08:00:00.000Z' }, now)).toBeUndefined();
    expect(upcomingSendAt({}, now)).toBeUndefined();
  });
});

describe('wasSuppressed', () => {
  it('is true while suppressed, and after a change of status for an address that bounced or complained', () => {
    expect(wasSuppressed({ status: 'suppressed' })).toBe(true);
    expect(wasSuppressed({ status: 'unsubscribed', suppressedReason: 'complaint' })).toBe(true);
    expect(wasSuppressed({ status: 'active', suppressedReason: 'bounce' })).toBe(true);
  });

  it('is false for an address that never bounced or complained', () => {
    for (const status of ['pending', 'active', 'unsubscribed'] as const) {
      expect(wasSuppressed({ status })).toBe(false);
    }
  });
});
