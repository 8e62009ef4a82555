// The subscribe body (JSON or the landing form) and the profile form, checked with zod, every bad field named.
import * as z from 'zod/mini';
import { emailAddressSchema } from '../domain/email-address';
import { type Preferences, preferencesSchema } from '../domain/types';

export type SubscribeBody = { email: string; preferences: Preferences };

export type FieldErrors = Record<string, string>;

const emailOnly = z.object({ email: emailAddressSchema });

export function parseSubscribeBody(
  raw: unknown,
): { ok: true; value: SubscribeBody } | { ok: false; fields: FieldErrors } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, fields: { body: 'must be a JSON object' } };
  }
  const record = raw as Record<string, unknown>;
  const fields: FieldErrors = {};
  const collect = (error: z.core.$ZodError) => {
    for (const issue of error.issues) {
      const key = issue.path.map(String).join('.') || 'body';
      if (fields[key] !== undefined) continue;
      fields[key] = record[key] === undefined && issue.path.length === 1 ? 'is required' : issue.message;
    }
  };
  const email = emailOnly.safeParse(record);
  if (!email.success) collect(email.error);
  const preferences = preferencesSchema.safeParse(record);
  if (!preferences.success) collect(preferences.error);
  if (!email.success || !preferences.success) return { ok: false, fields };
  return { ok: true, value: { email: email.data.email, preferences: preferences.data } };
}

const NUMERIC_FIELDS = ['weeklyVolume', 'runDays', 'sendHour', 'rampRate', 'goalVolume', 'runHour'];

/**
 * URL-encoded form fields as the JSON API would get them: numbers as numbers, empty fields left out (so the
 * schema says "is required"), text that is not a number kept as text (so the schema names it).
 */
function fromForm(form: Record<string, string>, skip: string[] = []): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    if (skip.includes(key)) continue;
    const trimmed = value.trim();
    if (trimmed === '') continue;
    raw[key] =
      NUMERIC_FIELDS.includes(key) && /^-?\d+([.,]\d+)?$/.test(trimmed)
        ? Number(trimmed.replace(',', '.'))
        : trimmed;
  }
  return raw;
}

/** The landing page's subscribe form: converted, then checked by exactly the JSON body's rules. */
export function parseSubscribeForm(
  form: Record<string, string>,
): { ok: true; value: SubscribeBody } | { ok: false; fields: FieldErrors } {
  return parseSubscribeBody(fromForm(form));
}

/** The profile form (URL-encoded strings): numbers converted, then the same schema as the JSON API. */
export function parseProfileForm(
  form: Record<string, string>,
): { ok: true; value: Preferences } | { ok: false; fields: FieldErrors } {
  const raw = fromForm(form, ['token']);
  const result = preferencesSchema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    fields[key] ??= raw[key] === undefined ? 'is required' : issue.message;
  }
  return { ok: false, fields };
}
