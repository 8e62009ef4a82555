// Tests for our Intl-based dates and zones (lambdas/domain/zoned-time.ts), with luxon as the oracle.
import fc from 'fast-check';
import { DateTime, IANAZone, Settings } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateOfDay,
  dayNumber,
  dayOf,
  isTimeZone,
  localDate,
  MAX_ZONES,
  offsetMinutes,
  parseDate,
  wallClock,
  weekdayOfDay,
  zoneCacheStats,
  zonedTime,
} from '#domain/zoned-time';

/** Luxon's reading of the wall clock, in the shape wallClock returns. */
const luxonWall = (dt: DateTime) => ({
  year: dt.year,
  month: dt.month,
  day: dt.day,
  hour: dt.hour,
  minute: dt.minute,
  second: dt.second,
  weekday: dt.weekday,
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Whole, half and three-quarter hour offsets; northern, southern and negative (Dublin) DST; 30-minute DST
// (Lord Howe); the date line both ways, including a skipped day (Apia, 2011-12-30); Ramadan suspensions of
// DST and a permanent shift (Casablanca); DST changes at midnight (Sao Paulo until 2019, Santiago) and at
// 00:00/01:00 in Gaza; a two-hour DST (Troll).
const ZONES = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Dublin',
  'Australia/Lord_Howe',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Gaza',
  'Asia/Tehran',
  'Pacific/Chatham',
  'Pacific/Auckland',
  'Pacific/Apia',
  'Pacific/Kiritimati',
  'America/St_Johns',
  'America/Sao_Paulo',
  'America/Santiago',
  'Africa/Casablanca',
  'Antarctica/Troll',
] as const;

const FROM = Date.UTC(1990, 0, 1);
const TO = Date.UTC(2061, 0, 1) - 1;

const zoneArb = fc.constantFrom(...ZONES);
const instantArb = fc.integer({ min: FROM, max: TO });

function luxonOffset(zone: string, ms: number): number {
  return IANAZone.create(zone).offset(ms);
}

/**
 * Luxon's reading of a wall time. Luxon starts from the zone's offset at `Settings.now()` and corrects it at
 * most twice, which misses when that offset is far from the one at the wall time: with today's +13 for
 * Pacific/Apia, 2011-09-24 04:00 (-10) comes out as 05:00. So its clock is set to the wall time, making the
 * first guess the offset of the day, as it is for the near-future times the coach asks for.
 */
function luxonLocal(date: string, hour: number, minute: number, zone: string): DateTime {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const now = Settings.now;
  Settings.now = () => Date.UTC(year, month - 1, day, hour, minute);
  try {
    return DateTime.fromObject({ year, month, day, hour, minute }, { zone });
  } finally {
    Settings.now = now;
  }
}

/** Wall time (as if UTC) → date, hour and minute. */
function wallParts(wall: number): { date: string; hour: number; minute: number } {
  const iso = new Date(wall).toISOString();
  return { date: iso.slice(0, 10), hour: Number(iso.slice(11, 13)), minute: Number(iso.slice(14, 16)) };
}

/**
 * Every instant at which the zone's clock shows `wall`, by brute force over luxon's offsets: since 1990 all
 * offsets are whole quarter hours between -12 and +14, so each candidate is `wall` minus one of those.
 */
function instantsShowing(wall: number, zone: string): number[] {
  const found: number[] = [];
  for (let quarters = -13 * 4; quarters <= 15 * 4; quarters++) {
    const t = wall - quarters * 15 * MINUTE;
    if (luxonOffset(zone, t) === quarters * 15) found.push(t);
  }
  return found.sort((a, b) => a - b);
}

/** The instants (to the minute) where the zone's offset changes in [from, to), by daily steps then halving. */
function transitionsOf(zone: string, from: number, to: number): number[] {
  const found: number[] = [];
  let previous = luxonOffset(zone, from);
  for (let t = from + DAY; t < to; t += DAY) {
    const offset = luxonOffset(zone, t);
    if (offset === previous) continue;
    let lo = t - DAY; // offset `previous`
    let hi = t; // offset `offset`
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / MINUTE / 2) * MINUTE;
      if (luxonOffset(zone, mid) === previous) lo = mid;
      else hi = mid;
    }
    found.push(hi);
    previous = offset;
  }
  return found;
}

// Every change of offset 1990-2060 in the zones above: the wall times near them are where the rules matter.
const TRANSITIONS = ZONES.flatMap((zone) =>
  transitionsOf(zone, FROM, TO).map((at) => ({
    zone,
    at,
    before: luxonOffset(zone, at - 1),
    after: luxonOffset(zone, at),
  })),
);

describe('calendar dates', () => {
  it('parses YYYY-MM-DD calendar dates only', () => {
    expect(parseDate('1970-01-01')).toBe(0);
    expect(parseDate('2026-11-30')).toBe(20_787);
    expect(dayNumber('2024-02-29')).toBe(19_782);
    // Two-digit years are not read as 19xx.
    expect(dateOfDay(dayNumber('0048-02-29'))).toBe('0048-02-29');
    expect(dayOf(48, 2, 29)).toBe(dayNumber('0048-02-29'));
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '20261130', '2026-11-30T00:00', '', 'x']) {
      expect(parseDate(bad), bad).toBeUndefined();
      expect(() => dayNumber(bad), bad).toThrow(/Not a calendar date/);
    }
  });

  it('agrees with luxon on day numbers, weekdays and adding days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -25_000, max: 60_000 }),
        fc.integer({ min: -400, max: 400 }),
        (day, days) => {
          const date = dateOfDay(day);
          const dt = DateTime.fromISO(date, { zone: 'UTC' });

          expect(dt.isValid).toBe(true);
          expect(parseDate(date)).toBe(day);
          expect(dayOf(dt.year, dt.month, dt.day)).toBe(day);
          expect(weekdayOfDay(day)).toBe(dt.weekday);
          expect(addDays(date, days)).toBe(dt.plus({ days }).toISODate());
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('isTimeZone', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'europe/berlin'])(
    'accepts %s',
    (zone) => {
      expect(isTimeZone(zone)).toBe(true);
      expect(isTimeZone(zone)).toBe(true); // remembered
    },
  );

  it.each(['', 'Mars/Base', 'Europe/Berlin ', 'UTC+3', 'local'])(
    'rejects %j, as Intl and luxon do',
    (zone) => {
      expect(isTimeZone(zone)).toBe(false);
      expect(isTimeZone(zone)).toBe(false);
      expect(IANAZone.isValidZone(zone)).toBe(false);
    },
  );

  it('agrees with luxon for every zone Intl lists', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length).toBeGreaterThan(300);
    for (const zone of zones) expect(isTimeZone(zone), zone).toBe(IANAZone.isValidZone(zone));
  });

  it('keeps its memory bounded: spellings of one zone share a formatter, unknown names are not kept', () => {
    // Prepare
    const before = zoneCacheStats();

    // Act: spellings of one zone, then a flood of made-up and over-long names, then every real zone twice over.
    for (const spelling of ['Asia/Tokyo', 'asia/tokyo', 'ASIA/TOKYO', 'aSiA/tOkYo']) isTimeZone(spelling);
    const afterSpellings = zoneCacheStats();
    for (let i = 0; i < 2000; i++) expect(isTimeZone(`Mars/Base${i}`)).toBe(false);
    expect(isTimeZone(`Europe/${'x'.repeat(5000)}`)).toBe(false);
    const afterJunk = zoneCacheStats();
    const zones = Intl.supportedValuesOf('timeZone');
    for (const zone of [...zones, ...zones.map((z) => z.toLowerCase())]) expect(isTimeZone(zone)).toBe(true);

    // Assess
    expect(afterSpellings.spellings - before.spellings).toBeLessThanOrEqual(4);
    expect(afterSpellings.formatters - before.formatters).toBeLessThanOrEqual(1);
    expect(afterJunk).toEqual(afterSpellings);
    expect(zoneCacheStats().spellings).toBeLessThanOrEqual(MAX_ZONES);
    expect(zoneCacheStats().formatters).toBeLessThanOrEqual(MAX_ZONES);
  });

  it('names the zone when asked to use an unknown one', () => {
    expect(() => wallClock(0, 'Mars/Base')).toThrow(/Not an IANA time zone: "Mars\/Base"/);
    expect(() => offsetMinutes(0, '')).toThrow(RangeError);
    expect(() => zonedTime('2026-01-01', 0, 'Mars/Base')).toThrow(/Not an IANA time zone/);
  });
});

describe('wallClock, offsetMinutes and localDate', () => {
  it('read the clock as luxon does, at any instant 1990-2060', () => {
    fc.assert(
      fc.property(instantArb, zoneArb, (ms, zone) => {
        // Act
        const wall = wallClock(ms, zone);

        // Assess
        const dt = DateTime.fromMillis(ms, { zone });
        expect(wall).toEqual(luxonWall(dt));
        expect(offsetMinutes(new Date(ms), zone)).toBe(dt.offset);
        expect(localDate(new Date(ms), zone)).toBe(dt.toISODate());
      }),
      { numRuns: 3000 },
    );
  });

  it('read the clock as luxon does a minute either side of every change of offset', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -2, max: 1 }), (change, minutes) => {
        const ms = change.at + minutes * MINUTE + 30_000;
        const dt = DateTime.fromMillis(ms, { zone: change.zone });

        expect(wallClock(ms, change.zone)).toEqual(luxonWall(dt));
        expect(offsetMinutes(ms, change.zone)).toBe(minutes < 0 ? change.before : change.after);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives whole weekdays and dates around midnight in zones far from UTC', () => {
    // 2026-01-11 is a Sunday; at 10:00Z it is already Monday 00:00 in Kiritimati (+14), still Saturday 23:00 in
    // Pago Pago (-11).
    const ms = Date.UTC(2026, 0, 11, 10);
    expect(wallClock(ms, 'Pacific/Kiritimati')).toMatchObject({ day: 12, hour: 0, weekday: 1 });
    expect(wallClock(ms, 'Pacific/Pago_Pago')).toMatchObject({ day: 10, hour: 23, weekday: 6 });
    expect(localDate(ms, 'Pacific/Kiritimati')).toBe('2026-01-12');
    expect(offsetMinutes(ms, 'Asia/Kathmandu')).toBe(345);
    expect(offsetMinutes(ms, 'America/St_Johns')).toBe(-210);
  });

  it('refuses an invalid instant', () => {
    expect(() => wallClock(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
  });
});

describe('zonedTime', () => {
  /** The rules, checked against the brute-force list of instants that show the wall time. */
  function checkRules(date: string, hour: number, minute: number, zone: string): void {
    // Act
    const result = zonedTime(date, hour, zone, minute).getTime();

    // Assess
    const wall = dayNumber(date) * DAY + hour * HOUR + minute * MINUTE;
    const showing = instantsShowing(wall, zone);
    const luxon = luxonLocal(date, hour, minute, zone);
    expect(luxon.isValid).toBe(true);
    if (showing.length === 1) {
      // Happens once: that instant, as luxon has it.
      expect(result).toBe(showing[0]);
      expect(result).toBe(luxon.toMillis());
    } else if (showing.length === 2) {
      // Happens twice: the first occurrence; the second is later by the change of offset. Luxon gives one of
      // the two, which one depending on the clock it starts from.
      expect(result).toBe(showing[0]);
      expect(showing).toContain(luxon.toMillis());
      const back = DateTime.fromMillis(result, { zone });
      expect([back.toISODate(), back.hour, back.minute]).toEqual([date, hour, minute]);
      expect(result + (luxonOffset(zone, result) - luxonOffset(zone, showing[1] as number)) * MINUTE).toBe(
        showing[1],
      );
    } else {
      // Never happens: forward by the gap, as luxon does.
      expect(showing).toEqual([]);
      expect(result).toBe(luxon.toMillis());
      const gap = luxonOffset(zone, result) - luxonOffset(zone, result - DAY);
      expect(gap).toBeGreaterThan(0);
      const shown = DateTime.fromMillis(result, { zone });
      expect(shown.toMillis() + shown.offset * MINUTE).toBe(wall + gap * MINUTE);
    }
  }

  it('matches luxon at any whole hour 1990-2060', () => {
    fc.assert(
      fc.property(instantArb, zoneArb, (ms, zone) => {
        const { date, hour } = wallParts(ms);
        checkRules(date, hour, 0, zone);
      }),
      { numRuns: 1000 },
    );
  }, 30_000); // luxon is slow; several seconds on a busy 2-core machine

  it('follows the rules at wall times near every change of offset, to the quarter hour', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TRANSITIONS),
        fc.boolean(),
        fc.integer({ min: -8, max: 8 }),
        fc.boolean(),
        (change, afterSide, quarters, wholeHour) => {
          // Prepare: the wall clock just before or just after the change, give or take two hours
          const offset = afterSide ? change.after : change.before;
          let wall = change.at + offset * MINUTE + quarters * 15 * MINUTE;
          if (wholeHour) wall -= wall % HOUR;
          const { date, hour, minute } = wallParts(wall);

          checkRules(date, hour, minute, change.zone);
        },
      ),
      { numRuns: 3000 },
    );
  }, 30_000);

  it('finds changes of offset in every kind of zone it is tested with', () => {
    const zonesWithChanges = new Set(TRANSITIONS.map((t) => t.zone));
    for (const zone of ['America/New_York', 'Australia/Lord_Howe', 'Pacific/Apia', 'Africa/Casablanca']) {
      expect(zonesWithChanges).toContain(zone);
    }
    expect(zonesWithChanges).not.toContain('Asia/Kolkata');
    // Apia skipped 2011-12-30: -10 to +14 (DST both sides).
    expect(TRANSITIONS).toContainEqual({
      zone: 'Pacific/Apia',
      at: Date.UTC(2011, 11, 30, 10),
      before: -600,
      after: 840,
    });
  });

  it.each([
    // [zone, date, hour, minute, expected instant, what the clock shows then]
    ['America/New_York', '2026-03-08', 2, 30, '2026-03-08T07:30:00.000Z', '03:30 EDT: forward by the gap'],
    ['America/New_York', '2026-03-08', 2, 0, '2026-03-08T07:00:00.000Z', '03:00 EDT'],
    ['America/New_York', '2026-03-08', 3, 0, '2026-03-08T07:00:00.000Z', '03:00 EDT, the same instant'],
    ['America/New_York', '2026-11-01', 1, 30, '2026-11-01T05:30:00.000Z', '01:30 EDT, not EST'],
    ['America/New_York', '2026-11-01', 2, 0, '2026-11-01T07:00:00.000Z', '02:00 EST, only once'],
    ['Europe/Berlin', '2026-03-29', 2, 0, '2026-03-29T01:00:00.000Z', '03:00 CEST'],
    ['Europe/Berlin', '2026-10-25', 2, 0, '2026-10-25T00:00:00.000Z', '02:00 CEST, not CET'],
    ['Europe/London', '2026-03-29', 1, 0, '2026-03-29T01:00:00.000Z', '02:00 BST'],
    ['Europe/London', '2026-10-25', 1, 0, '2026-10-25T00:00:00.000Z', '01:00 BST, not GMT'],
    ['Australia/Lord_Howe', '2026-10-04', 2, 0, '2026-10-03T15:30:00.000Z', '02:30 +11: a 30-minute gap'],
    ['Australia/Lord_Howe', '2026-04-05', 1, 30, '2026-04-04T14:30:00.000Z', '01:30 +11, not +10:30'],
    ['Australia/Lord_Howe', '2026-04-05', 1, 0, '2026-04-04T14:00:00.000Z', '01:00 +11, only once'],
    ['Pacific/Chatham', '2026-09-27', 3, 0, '2026-09-26T14:15:00.000Z', '04:00 +13:45'],
    ['Pacific/Chatham', '2026-04-05', 3, 0, '2026-04-04T13:15:00.000Z', '03:00 +13:45, not +12:45'],
    ['Pacific/Apia', '2011-12-29', 23, 0, '2011-12-30T09:00:00.000Z', 'the last hour before the skip'],
    ['Pacific/Apia', '2011-12-30', 12, 0, '2011-12-30T22:00:00.000Z', '12:00 on the 31st: a skipped day'],
    ['Pacific/Apia', '2011-12-31', 0, 0, '2011-12-30T10:00:00.000Z', 'the first hour after'],
    ['Asia/Kolkata', '2026-03-08', 2, 0, '2026-03-07T20:30:00.000Z', '+05:30 all year'],
    ['UTC', '2026-03-29', 1, 0, '2026-03-29T01:00:00.000Z', 'no DST'],
  ])('%s %s %i:%i is %s (%s)', (zone, date, hour, minute, expected) => {
    expect(zonedTime(date, hour, zone, minute).toISOString()).toBe(expected);
  });

  it('places wall times luxon misplaces when the zone is far from its offset of today', () => {
    // Prepare: luxon as it runs today, its first guess Apia's offset now (+13, no DST since 2021).
    const now = Settings.now;
    Settings.now = () => Date.UTC(2026, 0, 15);
    try {
      const luxon = DateTime.fromObject({ year: 2011, month: 9, day: 24, hour: 4 }, { zone: 'Pacific/Apia' });

      // Act
      const ours = zonedTime('2011-09-24', 4, 'Pacific/Apia');

      // Assess: 04:00 happens once that day (DST began at 03:00, -11 to -10); luxon lands an hour late.
      expect(ours.toISOString()).toBe('2011-09-24T14:00:00.000Z');
      expect(luxon.toUTC().toISO()).toBe('2011-09-24T15:00:00.000Z');
      expect(instantsShowing(ours.getTime() - 600 * MINUTE, 'Pacific/Apia')).toEqual([ours.getTime()]);
    } finally {
      Settings.now = now;
    }
  });

  it('gives a fresh Date each time, so a caller changing it cannot spoil the remembered answer', () => {
    const first = zonedTime('2026-11-30', 7, 'Europe/Berlin');
    first.setTime(0);

    expect(zonedTime('2026-11-30', 7, 'Europe/Berlin').toISOString()).toBe('2026-11-30T06:00:00.000Z');
  });

  it.each([
    ['2026-02-30', 7, 0],
    ['2026-11-30T07:00', 7, 0],
    ['2026-11-30', 24, 0],
    ['2026-11-30', -1, 0],
    ['2026-11-30', 7.5, 0],
    ['2026-11-30', 7, 60],
  ])('refuses %s %s:%s', (date, hour, minute) => {
    expect(() => zonedTime(date, hour, 'Europe/Berlin', minute)).toThrow(/Cannot place .* in Europe\/Berlin/);
  });
});
