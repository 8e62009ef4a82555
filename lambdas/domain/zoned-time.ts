// Calendar dates and wall-clock times in IANA zones, on Intl.DateTimeFormat and plain UTC arithmetic, so the
// Lambdas need no date library. Years 1 to 9999.

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Each cache is cleared when full: a process sees few zones and the same few weeks over and over, so a
// plain bound is enough and keeps a hostile stream of inputs from growing memory.
/** Spellings of zones remembered; a process sees a few dozen real zones. */
export const MAX_ZONES = 300;
const MAX_DATES = 5000;
const MAX_TIMES = 5000;

// ---------------------------------------------------------------------------------------------------------
// Calendar dates: 'YYYY-MM-DD' strings and day numbers (days since 1970-01-01), in UTC so the machine's
// zone never shifts them.

/** Milliseconds since the epoch of a wall-clock reading taken as if it were UTC (years 0-99 included). */
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC reads two-digit years as 19xx.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

const dayNumbers = new Map<string, number>();

/** The day number of a calendar date (YYYY-MM-DD), or undefined when it is not one (2026-02-30, 26-1-1). */
export function parseDate(date: string): number | undefined {
  // Called for every date on every email: a run sees the same few weeks over and over.
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const match = typeof date === 'string' ? LOCAL_DATE.exec(date) : null;
  if (!match) return undefined;
  const ms = utcMs(Number(match[1]), Number(match[2]), Number(match[3]));
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return undefined;
  if (dayNumbers.size >= MAX_DATES) dayNumbers.clear();
  dayNumbers.set(date, ms / DAY_MS);
  return ms / DAY_MS;
}

/** Days since 1970-01-01 of a calendar date; throws a RangeError for anything else. */
export function dayNumber(date: string): number {
  const day = parseDate(date);
  if (day === undefined) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return day;
}

/** The day number of a year, month (1 to 12) and day of the month. */
export function dayOf(year: number, month: number, day: number): number {
  return utcMs(year, month, day) / DAY_MS;
}

/** The calendar date (YYYY-MM-DD) of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** ISO weekday of a day number: 1 = Monday to 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return ((((Math.floor(day) + 3) % 7) + 7) % 7) + 1;
}

// ---------------------------------------------------------------------------------------------------------
// Zones. Intl knows the IANA database (the same data luxon reads); one formatter per zone is built once and
// reused, since building one costs far more than formatting with it.

const formatters = new Map<string, Intl.DateTimeFormat>();
// Intl ignores case ('europe/berlin' is Europe/Berlin), so spellings of one zone share its formatter: a formatter
// holds tens of KB, and the number of real zones, not of spellings, bounds what is kept.
const byCanonicalName = new Map<string, Intl.DateTimeFormat>();
// The longest IANA name is about 30 characters; anything much longer is not worth asking Intl about.
const MAX_ZONE_NAME = 64;

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  const known = formatters.get(zone);
  if (known !== undefined) return known;
  // An empty or missing zone would silently mean the machine's own zone.
  if (typeof zone !== 'string' || zone === '' || zone.length > MAX_ZONE_NAME) return null;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    // Not remembered: only valid zones take memory, so a stream of made-up names cannot fill it.
    return null;
  }
  if (formatters.size >= MAX_ZONES) {
    formatters.clear();
    byCanonicalName.clear();
  }
  const canonical = formatter.resolvedOptions().timeZone;
  const shared = byCanonicalName.get(canonical) ?? formatter;
  byCanonicalName.set(canonical, shared);
  formatters.set(zone, shared);
  return shared;
}

/** What the zone cache holds (for tests): remembered spellings, and distinct formatters behind them. */
export function zoneCacheStats(): { spellings: number; formatters: number } {
  return { spellings: formatters.size, formatters: new Set(formatters.values()).size };
}

function requireFormatter(zone: string): Intl.DateTimeFormat {
  const formatter = formatterFor(zone);
  if (formatter === null) throw new RangeError(`Not an IANA time zone: ${JSON.stringify(zone)}`);
  return formatter;
}

/** Whether Intl knows the zone (Europe/Berlin, UTC, Etc/GMT+5; not '' or Mars/Base). Remembered per zone. */
export function isTimeZone(zone: string): boolean {
  return formatterFor(zone) !== null;
}

/** A reading of the clock on the wall in some zone. */
export interface WallClock {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  /** 0 to 23. */
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday to 7 = Sunday. */
  weekday: number;
}

function toMs(instant: Date | number): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Not a valid instant');
  return ms;
}

type Reading = Omit<WallClock, 'weekday'>;

function readParts(formatter: Intl.DateTimeFormat, ms: number): Reading {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of formatter.formatToParts(ms)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
    }
  }
  return { year, month, day, hour, minute, second };
}

/** What the wall clock in `zone` shows at `instant`. Throws a RangeError for an unknown zone. */
export function wallClock(instant: Date | number, zone: string): WallClock {
  const reading = readParts(requireFormatter(zone), toMs(instant));
  const weekday = weekdayOfDay(dayOf(reading.year, reading.month, reading.day));
  return { ...reading, weekday };
}

/** The calendar date (YYYY-MM-DD) in `zone` at `instant`. */
export function localDate(instant: Date | number, zone: string): string {
  const wall = wallClock(instant, zone);
  return dateOfDay(dayOf(wall.year, wall.month, wall.day));
}

function offsetWith(formatter: Intl.DateTimeFormat, ms: number): number {
  // The formatter shows whole seconds, so compare with the instant's whole second.
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  const w = readParts(formatter, whole);
  return (utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second) - whole) / MINUTE_MS;
}

/** The zone's offset from UTC at `instant`, in minutes (Berlin in summer: 120; New York in winter: -300). */
export function offsetMinutes(instant: Date | number, zone: string): number {
  return offsetWith(requireFormatter(zone), toMs(instant));
}

const zonedTimes = new Map<string, number>();

/**
 * The instant the wall clock in `zone` shows `hour:minute` on `date` (YYYY-MM-DD). Where daylight saving or
 * a zone's change of offset makes that reading happen not exactly once, the rules are:
 *
 * - a wall time that happens once is that instant;
 * - a wall time skipped by a jump forward (a gap) moves forward by the length of the gap: 02:30 on a US
 *   spring-forward day is 03:30 EDT, 02:00 on a Lord Howe one (a 30-minute gap) is 02:30, and a day skipped
 *   whole (Pacific/Apia, 2011-12-30) is read on the next day. This is what luxon and Temporal ('compatible')
 *   do: the reading is taken with the offset from before the jump;
 * - a wall time repeated by a jump back (an overlap) is its first occurrence, the earlier instant: 01:30 on
 *   a US fall-back day is 01:30 EDT, not EST. (Luxon picks either one depending on today's offset.)
 *
 * Resolved from the zone's offsets a day either side of the wall time, which assumes at most one change of
 * offset in those two days: true of every zone in the IANA database from 1970 to 2100 (the closest two
 * changes are a week apart). Results are remembered (bounded), so a week's repeated times cost one lookup.
 * Throws a RangeError for an unknown zone, a date that is not a calendar date or an hour or minute out of range.
 */
export function zonedTime(date: string, hour: number, zone: string, minute = 0): Date {
  const key = minute === 0 ? `${zone} ${date} ${hour}` : `${zone} ${date} ${hour}:${minute}`;
  const known = zonedTimes.get(key);
  if (known !== undefined) return new Date(known);
  const formatter = requireFormatter(zone);
  const day = parseDate(date);
  if (
    day === undefined ||
    !Number.isInteger(hour) ||
    hour < 0 ||
    hour > 23 ||
    !Number.isInteger(minute) ||
    minute < 0 ||
    minute > 59
  ) {
    throw new RangeError(`Cannot place ${date} ${hour}:${String(minute).padStart(2, '0')} in ${zone}`);
  }
  const wall = day * DAY_MS + hour * 3_600_000 + minute * MINUTE_MS;
  const ms = resolveWallTime(formatter, wall);
  if (zonedTimes.size >= MAX_TIMES) zonedTimes.clear();
  zonedTimes.set(key, ms);
  return new Date(ms);
}

/** The instant for a wall time (as if UTC) by the rules of `zonedTime`. */
function resolveWallTime(formatter: Intl.DateTimeFormat, wall: number): number {
  const before = offsetWith(formatter, wall - DAY_MS);
  const after = offsetWith(formatter, wall + DAY_MS);
  const early = wall - before * MINUTE_MS;
  // The same offset a day either side: no change in between, so the offset holds (offsets are under a day).
  if (before === after) return early;
  // Each offset gives one candidate, real if the zone had that offset at it.
  const late = wall - after * MINUTE_MS;
  const earlyReal = offsetWith(formatter, early) === before;
  const lateReal = offsetWith(formatter, late) === after;
  // Both real: an overlap, and the first occurrence is the earlier instant.
  if (earlyReal && lateReal) return Math.min(early, late);
  if (lateReal) return late;
  // Only the first: the usual case near a change. Neither: a gap, and reading the wall time with the offset
  // from before the jump moves it forward by the gap.
  return early;
}
