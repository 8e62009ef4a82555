// How amounts, dates and counts look to a subscriber: exact values stay in data, only the shown value rounds.
import type { Unit, Weekday } from '../domain/types';

const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTH_SHORT = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;
const WEEKDAY_LONG: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

// Binary floating point stores 5.25 exactly but 1.05 as 1.0499999…; the nudge keeps half-up honest.
function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor * (1 + 2 * Number.EPSILON)) / factor;
}

function assertAmount(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`Cannot show ${what} ${value}`);
}

/**
 * The shown amount: minutes as whole minutes (at least 1), km and mi with one decimal (at least 0.1),
 * half up: 30.4 min → "30 min", 30.5 min → "31 min", 5.25 km → "5.3 km", 5 km → "5.0 km".
 */
export function formatAmount(amount: number, unit: Unit): string {
  assertAmount(amount, `an amount of ${unit}`);
  if (unit === 'min') return formatMinutes(amount);
  const shown = amount > 0 ? Math.max(0.1, roundHalfUp(amount, 1)) : 0;
  return `${shown.toFixed(1)} ${unit}`;
}

export function formatMinutes(minutes: number): string {
  assertAmount(minutes, 'minutes');
  const shown = minutes > 0 ? Math.max(1, roundHalfUp(minutes, 0)) : 0;
  return `${shown} min`;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a local calendar date; UTC arithmetic so the machine's zone never shifts it. */
export function dayNumber(date: string): number {
  const match = LOCAL_DATE.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  return ms / 86_400_000;
}

export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** "2026-11-30" → "Mon 30 Nov". */
export function formatDate(date: string): string {
  const d = new Date(dayNumber(date) * 86_400_000);
  return `${WEEKDAY_SHORT[d.getUTCDay()]} ${d.getUTCDate()} ${MONTH_SHORT[d.getUTCMonth()]}`;
}

/** "sun", 18 → "Sundays at 18:00". */
export function formatSendTime(day: Weekday, hour: number): string {
  return `${WEEKDAY_LONG[day]}s at ${String(hour).padStart(2, '0')}:00`;
}

/** 1 → "1 easy run", 3 → "3 easy runs". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
