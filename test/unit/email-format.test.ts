// Shown amounts and dates: exact values round only for display, and dates never shift with the machine's zone.
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, formatAmount, formatDate, formatMinutes, formatSendTime } from '../../lambdas/email/format';

describe('formatAmount', () => {
  it.each([
    [30.4, 'min', '30 min'],
    [30.5, 'min', '31 min'],
    [0.3, 'min', '1 min'],
    [20.5, 'min', '21 min'],
    [5.25, 'km', '5.3 km'],
    [5.24, 'km', '5.2 km'],
    [5, 'km', '5.0 km'],
    [1.05, 'mi', '1.1 mi'],
    [0.15, 'mi', '0.2 mi'],
    [0.01, 'km', '0.1 km'],
    [10.25, 'mi', '10.3 mi'],
    [0, 'km', '0.0 km'],
  ] as const)('%s %s → %s', (amount, unit, shown) => {
    expect(formatAmount(amount, unit)).toBe(shown);
  });

  it('refuses amounts that cannot be shown', () => {
    expect(() => formatAmount(Number.NaN, 'min')).toThrow(RangeError);
    expect(() => formatAmount(-1, 'km')).toThrow(RangeError);
    expect(() => formatMinutes(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('dates', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it.each(['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Los_Angeles'])(
    'shows the calendar date itself whatever the machine zone (%s)',
    (zone) => {
      // Prepare
      process.env.TZ = zone;

      // Assess
      expect(formatDate('2026-11-30')).toBe('Mon 30 Nov');
      expect(formatDate('2024-02-29')).toBe('Thu 29 Feb');
      expect(addDays('2026-12-28', 6)).toBe('2027-01-03');
      expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    },
  );

  it('throws on anything that is not a real YYYY-MM-DD date', () => {
    for (const bad of ['2026-02-30', '2026-1-5', '30/11/2026', '', '2026-11-30T00:00:00Z']) {
      expect(() => formatDate(bad)).toThrow(RangeError);
    }
  });

  it('shows the send day and hour', () => {
    expect(formatSendTime('sun', 18)).toBe('Sundays at 18:00');
    expect(formatSendTime('mon', 7)).toBe('Mondays at 07:00');
  });
});
