// How amounts, dates and counts look to a subscriber: exact values stay in data, only the shown value rounds.
import type { StrengthExercise, Unit, Weekday } from '#domain/types';
import { addDays, dayNumber } from '#domain/zoned-time';

const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
/** The months' names, January first: for dates written out in full. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

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
 * The number a subscriber sees for an amount: minutes whole (at least 1), km and mi to one decimal (at
 * least 0.1), half up. Zero stays zero.
 */
export function shownAmount(amount: number, unit: Unit): number {
  assertAmount(amount, `an amount of ${unit}`);
  if (amount === 0) return 0;
  return unit === 'min' ? Math.max(1, roundHalfUp(amount, 0)) : Math.max(0.1, roundHalfUp(amount, 1));
}

/**
 * The shown amount as text: 30.4 min → "30 min", 30.5 min → "31 min", 5.25 km → "5.3 km", 5 km → "5.0 km".
 */
export function formatAmount(amount: number, unit: Unit): string {
  const shown = shownAmount(amount, unit);
  return unit === 'min' ? `${shown} min` : `${shown.toFixed(1)} ${unit}`;
}

/**
 * The sum of the shown amounts, so a total on the page always equals what its parts add up to
 * (10.4 + 10.4 + 10.4 min shows as 10 + 10 + 10 = 30, not 31). Summed in tenths to avoid float dust.
 */
export function shownTotal(amounts: readonly number[], unit: Unit): number {
  const tenths = amounts.reduce((sum, amount) => sum + Math.round(shownAmount(amount, unit) * 10), 0);
  return tenths / 10;
}

/**
 * The amounts a week's runs are shown with: each rounded as `shownAmount` rounds, but adjusted by the
 * largest-remainder method so they add up to the shown week total (28.5 + 28.5 + 33 min shows as
 * 28 + 29 + 33 = 90, not 29 + 29 + 33 = 91). The exact amounts stay in the plan.
 */
export function shownRunAmounts(amounts: readonly number[], unit: Unit): number[] {
  const scale = unit === 'min' ? 1 : 10;
  const total = amounts.reduce((sum, a) => sum + a, 0);
  const target = Math.round(shownAmount(total, unit) * scale);
  const scaled = amounts.map((a) => {
    assertAmount(a, `an amount of ${unit}`);
    return a * scale;
  });
  const shown = scaled.map((a) => Math.floor(a + 1e-9));
  let missing = target - shown.reduce((sum, a) => sum + a, 0);
  const byRemainder = scaled
    .map((a, i) => ({ i, remainder: a - (shown[i] as number) }))
    .sort((x, y) => y.remainder - x.remainder || x.i - y.i);
  for (const { i } of byRemainder) {
    if (missing <= 0) break;
    shown[i] = (shown[i] as number) + 1;
    missing--;
  }
  // Every run that exists shows at least the smallest step.
  return shown.map((a, i) => ((amounts[i] as number) > 0 ? Math.max(1, a) : 0) / scale);
}

/** "41 of 63 min": an amount done of one planned, with the unit once when both show the same one. */
export function formatDoneOfPlanned(done: number, planned: number, unit: Unit): string {
  const full = formatAmount(planned, unit);
  const amount = formatAmount(done, unit);
  const suffix = ` ${unit}`;
  return `${amount.endsWith(suffix) ? amount.slice(0, -suffix.length) : amount} of ${full}`;
}

export function formatMinutes(minutes: number): string {
  assertAmount(minutes, 'minutes');
  const shown = minutes > 0 ? Math.max(1, roundHalfUp(minutes, 0)) : 0;
  return `${shown} min`;
}

// Calendar-date arithmetic lives with the zone code; re-exported here where the email code has always found it.
export { addDays, dayNumber };

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

/** Breaks our own prose for the plain-text part at spaces, so no line runs past `width` characters. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line.length > 0 ? `${line} ${word}` : word;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

// Control characters could garble a terminal, an HTML parser or a calendar; nobody means to send them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Text from data with control characters removed; line breaks stay. */
export function cleanText(text: string): string {
  return text.replace(CONTROL, '');
}

/** "2 × 8 reps", "2 × 20 s hold", "2 × 8 reps, hold 5 s", or "2 sets". */
export function formatDose(exercise: StrengthExercise): string {
  const { sets, reps, holdSeconds } = exercise;
  if (reps !== undefined && holdSeconds !== undefined) return `${sets} × ${reps} reps, hold ${holdSeconds} s`;
  if (reps !== undefined) return `${sets} × ${reps} reps`;
  if (holdSeconds !== undefined) return `${sets} × ${holdSeconds} s hold`;
  return count(sets, 'set');
}
