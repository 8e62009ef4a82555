// Shown amounts and dates: exact values round only for display, and dates never shift with the machine's zone.
import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  formatAmount,
  formatDate,
  formatMinutes,
  formatSendTime,
  shownAmount,
  shownTotal,
  wrapText,
} from '#email/format';

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

describe('shown totals', () => {
  it('adds up the shown amounts, not the exact ones', () => {
    expect(shownTotal([10.4, 10.4, 10.4], 'min')).toBe(30);
    expect(shownTotal([10.5, 10.5], 'min')).toBe(22);
    expect(shownTotal([0.3, 0], 'min')).toBe(1);
    expect(shownTotal([5.25, 5, 5.05], 'km')).toBe(15.4);
    // Summed in tenths: 0.1 + 0.2 is 0.3 here, not 0.30000000000000004.
    expect(shownTotal([0.1, 0.2], 'mi')).toBe(0.3);
    expect(shownTotal([], 'km')).toBe(0);
    expect(shownAmount(5.25, 'km')).toBe(5.3);
    expect(shownAmount(0, 'min')).toBe(0);
  });
});

describe('wrapText', () => {
  it('breaks at spaces within the width and keeps every word', () => {
    // Prepare
    const text = 'Each bar is what you ran that week, or the plan if you did not tell us anything at all.';

    // Act
    const lines = wrapText(text, 30);

    // Assess
    expect(lines.every((l) => l.length <= 30)).toBe(true);
    expect(lines.join(' ')).toBe(text);
    expect(wrapText('a-very-long-word-that-cannot-break', 10)).toEqual([
      'a-very-long-word-that-cannot-break',
    ]);
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
