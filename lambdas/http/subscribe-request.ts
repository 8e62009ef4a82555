// The subscribe body (JSON or the landing form) and the profile form, checked with zod, every bad field named.

import * as z from 'zod/mini';
import { emailAddressSchema } from '#domain/email-address';
import { type Preferences, preferencesSchema } from '#domain/types';
import { formFieldOf, GOAL_FIELDS, goalFromForm, NEW_RUNNER_VOLUME } from './goal-form';

export type SubscribeBody = { email: string; preferences: Preferences };

export type FieldErrors = Record<string, string>;

const emailOnly = z.object({ email: emailAddressSchema });

/** Each field's first problem, keyed by its path; a top-level field that was not sent "is required". */
function bodyFieldErrors(error: z.core.$ZodError, record: Record<string, unknown>): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || 'body';
    fields[key] ??= record[key] === undefined && issue.path.length === 1 ? 'is required' : issue.message;
  }
  return fields;
}

/** The sets joined in order; where two name the same field, the earlier set's problem stays. */
function firstProblems(...sets: FieldErrors[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const set of sets) for (const [key, message] of Object.entries(set)) fields[key] ??= message;
  return fields;
}

export function parseSubscribeBody(
  raw: unknown,
): { ok: true; value: SubscribeBody } | { ok: false; fields: FieldErrors } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, fields: { body: 'must be a JSON object' } };
  }
  const record = raw as Record<string, unknown>;
  const email = emailOnly.safeParse(record);
  const preferences = preferencesSchema.safeParse(record);
  // The address's problems come first (the form's order), and a field keeps the first problem named.
  const fields = firstProblems(
    email.success ? {} : bodyFieldErrors(email.error, record),
    preferences.success ? {} : bodyFieldErrors(preferences.error, record),
  );
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
  const goal = goalFromForm(form);
  if (goal !== undefined) raw.goal = goal;
  for (const [key, value] of Object.entries(form)) {
    if (skip.includes(key) || (GOAL_FIELDS as readonly string[]).includes(key)) continue;
    const trimmed = value.trim();
    if (trimmed === '') continue;
    raw[key] =
      NUMERIC_FIELDS.includes(key) && /^-?\d+([.,]\d+)?$/.test(trimmed)
        ? Number(trimmed.replace(',', '.'))
        : trimmed;
  }
  // Not running yet: no amount to give, and the walk-run sessions are counted in minutes.
  if (form.start === 'new' && (form.weeklyVolume ?? '').trim() === '') Object.assign(raw, NEW_RUNNER_VOLUME);
  return raw;
}

/** The landing page's subscribe form: converted, then checked by exactly the JSON body's rules. */
export function parseSubscribeForm(
  form: Record<string, string>,
): { ok: true; value: SubscribeBody } | { ok: false; fields: FieldErrors } {
  const parsed = parseSubscribeBody(fromForm(form));
  if (parsed.ok) return parsed;
  const fields: FieldErrors = {};
  for (const [key, message] of Object.entries(parsed.fields)) fields[formFieldOf(key, form)] ??= message;
  return { ok: false, fields };
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
