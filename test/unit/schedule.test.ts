// Tests for weekly send times and plan weeks in subscribers' own time zones (lambdas/domain/schedule.ts).
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addWeeks,
  datesOfWeek,
  firstRunDay,
  nextSendAfterWeek,
  type SendSchedule,
  sendTimeForWeek,
  weekStartFor,
} from '#domain/schedule';
import { WEEKDAYS } from '#domain/types';

const DAY_MS = 24 * 3600 * 1000;

// Whole-hour, half-hour and 45-minute offsets; northern and southern DST; 30-minute DST (Lord Howe);
// +14 and -11, the extremes either side of the date line.
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
] as const;

const zoneArb = fc.constantFrom(...ZONES);
const scheduleArb: fc.Arbitrary<SendSchedule> = fc.record({
  timeZone: zoneArb,
  sendDay: fc.constantFrom(...WEEKDAYS),
  sendHour: fc.integer({ min: 0, max: 23 }),
});
// Mondays from 2025-01-06 through 2030.
const mondayArb = fc
  .integer({ min: 0, max: 312 })
  .map((weeks) => DateTime.fromISO('2025-01-06', { zone: 'UTC' }).plus({ weeks }).toISODate() as string);

function local(instant: Date, zone: string): DateTime {
  return DateTime.fromJSDate(instant, { zone });
}

describe('weekStartFor', () => {
  it.each([
    ['a Monday morning is its own week', '2026-01-05T08:00:00Z', 'UTC', '2026-01-05'],
    ['a Tuesday plans the next Monday', '2026-01-06T08:00:00Z', 'UTC', '2026-01-12'],
    ['a Sunday plans the next day', '2026-01-11T12:00:00Z', 'UTC', '2026-01-12'],
    [
      'Sunday 23:30 in Berlin (22:30Z) is still Sunday there',
      '2026-01-11T22:30:00Z',
      'Europe/Berlin',
      '2026-01-12',
    ],
    ['Sunday 23:30Z is already Monday in Berlin', '2026-01-11T23:30:00Z', 'Europe/Berlin', '2026-01-12'],
    ['Monday 23:30 in Berlin plans that Monday', '2026-01-12T22:30:00Z', 'Europe/Berlin', '2026-01-12'],
    ['Sunday 12:00Z is already Monday in Auckland', '2026-01-11T12:00:00Z', 'Pacific/Auckland', '2026-01-12'],
    [
      'Monday 12:00Z is already Tuesday in Auckland',
      '2026-01-12T12:00:00Z',
      'Pacific/Auckland',
      '2026-01-19',
    ],
    ['Monday 05:00Z is still Sunday in New York', '2026-01-12T05:00:00Z', 'America/New_York', '2026-01-12'],
    ['Monday 10:00Z is still Sunday in Pago Pago', '2026-01-12T10:00:00Z', 'Pacific/Pago_Pago', '2026-01-12'],
    ['Monday 11:00Z is Monday in Pago Pago', '2026-01-12T11:00:00Z', 'Pacific/Pago_Pago', '2026-01-12'],
    ['across a year end', '2026-12-29T12:00:00Z', 'UTC', '2027-01-04'],
  ])('%s', (_label, instant, zone, expected) => {
    expect(weekStartFor(new Date(instant), zone)).toBe(expected);
  });

  it('gives a Monday on or within six days after the local date', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2025-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        zoneArb,
        (instant, zone) => {
          // Act
          const weekStart = weekStartFor(instant, zone);

          // Assess
          const monday = DateTime.fromISO(weekStart, { zone });
          const today = local(instant, zone).startOf('day');
          const daysAhead = Math.round(monday.diff(today, 'days').days);
          expect(monday.weekday).toBe(1);
          expect(daysAhead).toBeGreaterThanOrEqual(0);
          expect(daysAhead).toBeLessThanOrEqual(6);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects an unknown time zone', () => {
    expect(() => weekStartFor(new Date('2026-01-05T00:00:00Z'), 'Mars/Base')).toThrow(/time zone/);
  });
});

describe('sendTimeForWeek', () => {
  it.each([
    [
      'Sunday 18:00 in Berlin in winter',
      '2026-01-12',
      'Europe/Berlin',
      'sun',
      18,
      '2026-01-11T17:00:00.000Z',
    ],
    [
      'Sunday 18:00 in Berlin in summer',
      '2026-07-13',
      'Europe/Berlin',
      'sun',
      18,
      '2026-07-12T16:00:00.000Z',
    ],
    ['Monday 07:00 UTC is on the Monday itself', '2026-01-12', 'UTC', 'mon', 7, '2026-01-12T07:00:00.000Z'],
    ['Tuesday 06:00 UTC is six days before', '2026-01-12', 'UTC', 'tue', 6, '2026-01-06T06:00:00.000Z'],
    ['Saturday 09:00 in Kolkata (+5:30)', '2026-01-12', 'Asia/Kolkata', 'sat', 9, '2026-01-10T03:30:00.000Z'],
    [
      'Sunday 20:00 in Auckland (NZDT +13)',
      '2026-01-12',
      'Pacific/Auckland',
      'sun',
      20,
      '2026-01-11T07:00:00.000Z',
    ],
    [
      'Sunday 18:00 in St Johns (-3:30)',
      '2026-01-12',
      'America/St_Johns',
      'sun',
      18,
      '2026-01-11T21:30:00.000Z',
    ],
  ])('%s', (_label, weekStart, timeZone, sendDay, sendHour, expected) => {
    const schedule = { timeZone, sendDay, sendHour } as SendSchedule;

    expect(sendTimeForWeek(weekStart, schedule).toISOString()).toBe(expected);
  });

  it.each([
    // New York: spring forward 2026-03-08, fall back 2026-11-01 (both Sundays at 02:00).
    ['America/New_York', '2026-03-02', '2026-03-01T23:00:00.000Z', '2026-03-08T22:00:00.000Z'],
    ['America/New_York', '2026-10-26', '2026-10-25T22:00:00.000Z', '2026-11-01T23:00:00.000Z'],
    // Berlin: spring forward 2026-03-29, fall back 2026-10-25.
    ['Europe/Berlin', '2026-03-23', '2026-03-22T17:00:00.000Z', '2026-03-29T16:00:00.000Z'],
    ['Europe/Berlin', '2026-10-19', '2026-10-18T16:00:00.000Z', '2026-10-25T17:00:00.000Z'],
  ])('keeps the local hour across a DST change in %s (week of %s)', (timeZone, weekStart, before, after) => {
    // Prepare: Sunday 18:00, and the change happens on the Sunday of the second send.
    const schedule: SendSchedule = { timeZone, sendDay: 'sun', sendHour: 18 };

    // Act
    const first = sendTimeForWeek(weekStart, schedule);
    const second = nextSendAfterWeek(weekStart, schedule);

    // Assess
    expect(first.toISOString()).toBe(before);
    expect(second.toISOString()).toBe(after);
    expect(local(first, timeZone).hour).toBe(18);
    expect(local(second, timeZone).hour).toBe(18);
    expect(Math.abs(second.getTime() - first.getTime() - 7 * DAY_MS)).toBe(3600 * 1000);
  });

  it.each([
    ['Europe/Berlin', '2026-03-30', '2026-03-29'],
    ['America/New_York', '2026-03-09', '2026-03-08'],
  ])(
    'resolves 02:00 on the spring-forward day in %s to a real instant that same local date',
    (timeZone, weekStart, day) => {
      // Prepare: 02:00 does not exist on `day`; clocks jump from 02:00 to 03:00.
      const schedule: SendSchedule = { timeZone, sendDay: 'sun', sendHour: 2 };

      // Act
      const sendAt = sendTimeForWeek(weekStart, schedule);

      // Assess
      const there = local(sendAt, timeZone);
      expect(Number.isNaN(sendAt.getTime())).toBe(false);
      expect(there.toISODate()).toBe(day);
      expect(there.hour).toBe(3);
      expect(weekStartFor(sendAt, timeZone)).toBe(weekStart);
    },
  );

  it('resolves the repeated hour on the fall-back day to its first occurrence', () => {
    // 02:00-03:00 happens twice on 2026-10-25 in Berlin: at 00:00Z (CEST) and again at 01:00Z (CET).
    const sendAt = sendTimeForWeek('2026-10-26', { timeZone: 'Europe/Berlin', sendDay: 'sun', sendHour: 2 });

    expect(sendAt.toISOString()).toBe('2026-10-25T00:00:00.000Z');
    expect(local(sendAt, 'Europe/Berlin').hour).toBe(2);
  });

  it('resolves a skipped half hour in Lord Howe to the same local date', () => {
    // Lord Howe moves from +10:30 to +11 at 02:00 on 2026-10-04, skipping 02:00-02:30.
    const sendAt = sendTimeForWeek('2026-10-05', {
      timeZone: 'Australia/Lord_Howe',
      sendDay: 'sun',
      sendHour: 2,
    });

    expect(local(sendAt, 'Australia/Lord_Howe').toISODate()).toBe('2026-10-04');
    expect(weekStartFor(sendAt, 'Australia/Lord_Howe')).toBe('2026-10-05');
  });

  it('rejects an unknown time zone', () => {
    expect(() =>
      sendTimeForWeek('2026-01-12', { timeZone: 'Mars/Base', sendDay: 'sun', sendHour: 18 }),
    ).toThrow(/time zone/);
  });

  it.each(['2026-01-13', '2026-01-11', 'not a date', '', '2026-13-01'])(
    'rejects the week start %j that is not a Monday',
    (weekStart) => {
      const schedule: SendSchedule = { timeZone: 'UTC', sendDay: 'sun', sendHour: 18 };

      expect(() => sendTimeForWeek(weekStart, schedule)).toThrow(/Monday/);
      expect(() => nextSendAfterWeek(weekStart, schedule)).toThrow(/Monday/);
    },
  );

  it('sends for a week in the zone and on the local day and hour asked for', () => {
    fc.assert(
      fc.property(mondayArb, scheduleArb, (weekStart, schedule) => {
        // Act
        const sendAt = sendTimeForWeek(weekStart, schedule);

        // Assess
        const there = local(sendAt, schedule.timeZone);
        expect(Number.isNaN(sendAt.getTime())).toBe(false);
        expect(weekStartFor(sendAt, schedule.timeZone)).toBe(weekStart);
        expect(WEEKDAYS[there.weekday - 1]).toBe(schedule.sendDay);
        // The hour is kept, unless it was skipped by a DST jump (then the next valid time that day).
        expect(there.hour === schedule.sendHour || there.hour === schedule.sendHour + 1).toBe(true);
        expect(String(there.toISODate()) <= weekStart).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('moves the next send strictly later, by six to eight days', () => {
    fc.assert(
      fc.property(mondayArb, scheduleArb, (weekStart, schedule) => {
        const current = sendTimeForWeek(weekStart, schedule);
        const next = nextSendAfterWeek(weekStart, schedule);
        const gap = next.getTime() - current.getTime();

        expect(gap).toBeGreaterThan(0);
        expect(gap).toBeGreaterThanOrEqual(6 * DAY_MS);
        expect(gap).toBeLessThanOrEqual(8 * DAY_MS);
        expect(next.getTime()).toBe(sendTimeForWeek(addWeeks(weekStart, 1), schedule).getTime());
      }),
      { numRuns: 1000 },
    );
  });
});

describe('datesOfWeek and addWeeks', () => {
  it('lists Monday to Sunday of a week', () => {
    expect(datesOfWeek('2026-12-28')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
  });

  it('gives seven consecutive dates starting on the Monday, whatever the DST of the week', () => {
    fc.assert(
      fc.property(mondayArb, (weekStart) => {
        const dates = datesOfWeek(weekStart);

        expect(dates).toHaveLength(7);
        expect(dates[0]).toBe(weekStart);
        dates.forEach((date, i) => {
          const dt = DateTime.fromISO(date, { zone: 'UTC' });
          expect(dt.weekday).toBe(i + 1);
          expect(dt.diff(DateTime.fromISO(weekStart, { zone: 'UTC' }), 'days').days).toBe(i);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('adds weeks as Mondays and round-trips', () => {
    fc.assert(
      fc.property(mondayArb, fc.integer({ min: -200, max: 200 }), (weekStart, weeks) => {
        const moved = addWeeks(weekStart, weeks);

        expect(DateTime.fromISO(moved, { zone: 'UTC' }).weekday).toBe(1);
        expect(addWeeks(moved, -weeks)).toBe(weekStart);
        expect(datesOfWeek(moved)[0]).toBe(moved);
      }),
      { numRuns: 300 },
    );
  });

  it('adds one week as the day after the Sunday', () => {
    expect(addWeeks('2026-12-28', 1)).toBe('2027-01-04');
    expect(addWeeks('2026-03-23', 1)).toBe('2026-03-30');
    expect(addWeeks('2026-01-05', 0)).toBe('2026-01-05');
  });

  it('rejects any week start that is not a Monday', () => {
    fc.assert(
      fc.property(mondayArb, fc.integer({ min: 1, max: 6 }), (monday, offset) => {
        const notMonday = DateTime.fromISO(monday, { zone: 'UTC' })
          .plus({ days: offset })
          .toISODate() as string;

        expect(() => datesOfWeek(notMonday)).toThrow(/Monday/);
        expect(() => addWeeks(notMonday, 1)).toThrow(/Monday/);
      }),
      { numRuns: 100 },
    );
  });
});

describe('firstRunDay: a plan sent in the evening puts no run on that day', () => {
  it('is the same day in the morning and the next day from 18:00 local', () => {
    const schedule = { timeZone: 'Europe/Berlin', runHour: 7 };
    // Monday 30 November 2026: 09:00 and 19:30 in Berlin (UTC+1).
    expect(firstRunDay(new Date('2026-11-30T08:00:00Z'), schedule)).toBe('2026-11-30');
    expect(firstRunDay(new Date('2026-11-30T18:30:00Z'), schedule)).toBe('2026-12-01');
  });

  it('waits past a late usual run hour before the day is over', () => {
    const late = { timeZone: 'Europe/Berlin', runHour: 20 };
    expect(firstRunDay(new Date('2026-11-30T18:30:00Z'), late)).toBe('2026-11-30'); // 19:30, runs at 20:00
    expect(firstRunDay(new Date('2026-11-30T20:00:00Z'), late)).toBe('2026-12-01'); // 21:00
  });

  it('counts in the subscriber zone, not in UTC', () => {
    // 23:30 UTC on Sunday is already Monday 08:30 in Tokyo.
    expect(firstRunDay(new Date('2026-11-29T23:30:00Z'), { timeZone: 'Asia/Tokyo', runHour: 7 })).toBe(
      '2026-11-30',
    );
  });

  it('is always the local date or the day after, and the day after only from the evening', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2030, 0, 1) }),
        zoneArb,
        fc.integer({ min: 0, max: 23 }),
        (ms, timeZone, runHour) => {
          const at = new Date(ms);
          const local = DateTime.fromMillis(ms, { zone: timeZone });
          const day = firstRunDay(at, { timeZone, runHour });
          const today = local.toISODate();
          const over = local.hour >= Math.max(18, runHour + 1);
          expect(day).toBe(over ? local.plus({ days: 1 }).toISODate() : today);
        },
      ),
    );
  });
});
