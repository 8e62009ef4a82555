// The preferences form: URL-encoded strings to the API's types, stored preferences to prefilled fields, errors in its words.
import * as z from 'zod/mini';
import { EDITABLE_FIELDS, MAX_PAUSE_WEEKS } from '#domain/profile-edits';
import type { Preferences, Unit } from '#domain/types';
import { parseDate, wallClock } from '#domain/zoned-time';
import { formatAmount, MONTH_NAMES } from '#email/format';
import { formFieldOf, goalFormValues, goalFromForm } from './goal-form';

const NUMERIC_FIELDS = new Set<string>(['sendHour', 'runDays', 'rampRate', 'goalVolume', 'runHour']);
const NUMBER = /^-?\d+([.,]\d+)?$/;

/** The ramp rates the form offers, in percent: 1% to 10% (the engine's safe bounds) in half steps. */
export const RAMP_PERCENTS = Array.from({ length: 19 }, (_, i) => String(1 + i / 2));

/**
 * The submitted fields as the API's schema expects them: numbers as numbers, the ramp rate from percent to a
 * fraction, an empty goal left out (no goal). Text that is not a number stays text, so the schema names it.
 */
export function readPreferencesForm(form: Record<string, string>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const key of EDITABLE_FIELDS) {
    if (key === 'goal') {
      const goal = goalFromForm(form);
      if (goal !== undefined) raw.goal = goal;
      continue;
    }
    const value = (form[key] ?? '').trim();
    if (value === '') continue;
    if (!NUMERIC_FIELDS.has(key) || !NUMBER.test(value)) {
      raw[key] = value;
      continue;
    }
    const number = Number(value.replace(',', '.'));
    raw[key] = key === 'rampRate' ? number / 100 : number;
  }
  return raw;
}

/** The stored preferences as the form shows them. */
export function preferencesFormValues(p: Preferences): Record<string, string> {
  return {
    sendDay: p.sendDay,
    sendHour: String(p.sendHour),
    timeZone: p.timeZone,
    unit: p.unit,
    runDays: String(p.runDays),
    rampRate: String(Math.round(p.rampRate * 1000) / 10),
    // A goal converted between units has a long tail of decimals nobody wants to read.
    goalVolume: p.goalVolume === undefined ? '' : String(Number(p.goalVolume.toFixed(2))),
    runHour: String(p.runHour),
    start: p.start ?? 'regular',
    ...goalFormValues(p.goal),
  };
}

/** The schema's messages, reworded where they speak of API fields or fractions the form does not show. */
export function formErrors(
  fields: Record<string, string>,
  form: Record<string, string>,
  weeklyVolume: number,
  unit: Unit,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [apiKey, message] of Object.entries(fields)) {
    const key = formFieldOf(apiKey, form);
    if (errors[key] !== undefined) continue;
    const submitted = (form[key] ?? '').trim();
    if (NUMERIC_FIELDS.has(key) && submitted !== '' && !NUMBER.test(submitted)) {
      errors[key] = 'must be a number';
    } else if (key === 'rampRate' && message !== 'is required') {
      errors[key] = 'must be 1% to 10%';
    } else if (key === 'goalVolume' && message.startsWith('must be more than weeklyVolume')) {
      errors[key] =
        `must be more than what you run now (${formatAmount(weeklyVolume, unit)} a week); leave it empty for no goal`;
    } else {
      errors[key] = message;
    }
  }
  return errors;
}

const pauseWeeksSchema = z.coerce.number().check(z.int(), z.gte(1), z.lte(MAX_PAUSE_WEEKS));

/** The pause form's optional number of weeks: empty pauses until they resume. */
export function readPauseWeeks(form: Record<string, string>): { ok: true; weeks?: number } | { ok: false } {
  const value = (form.weeks ?? '').trim();
  if (value === '') return { ok: true };
  const parsed = /^\d+$/.test(value) ? pauseWeeksSchema.safeParse(value) : undefined;
  return parsed?.success ? { ok: true, weeks: parsed.data } : { ok: false };
}

export const PAUSE_WEEKS_ERROR = `must be 1 to ${MAX_PAUSE_WEEKS} weeks, or empty to pause until you resume`;

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
// An instant as we store it (toISOString), or with an offset instead of Z.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * "Sunday 6 December at 18:00": when the next plan goes out, in the subscriber's own zone (British English,
 * 24-hour clock). Throws a RangeError for a time that is not an ISO instant or an unknown zone.
 */
export function formatNextSend(nextSendAt: string, timeZone: string): string {
  // Date.parse would roll 30 February over into March; the date must exist.
  const valid = INSTANT.test(nextSendAt) && parseDate(nextSendAt.slice(0, 10)) !== undefined;
  const ms = valid ? Date.parse(nextSendAt) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO instant: ${JSON.stringify(nextSendAt)}`);
  const local = wallClock(ms, timeZone);
  const time = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
  return `${WEEKDAY_NAMES[local.weekday - 1]} ${local.day} ${MONTH_NAMES[local.month - 1]} at ${time}`;
}
