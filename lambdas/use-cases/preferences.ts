// The preferences page behind the signed link in every email: the API's rules, applied from the next email.
import { EDITABLE_FIELDS } from '#domain/profile-edits';
import { addWeeks, sendTimeForWeek } from '#domain/schedule';
import { verifyToken } from '#domain/tokens';
import {
  MAX_WEEKLY_VOLUME,
  MIN_WEEKLY_VOLUME,
  type Preferences,
  preferencesSchema,
  type Subscriber,
  UNITS,
  type Unit,
  type WeekRecord,
} from '#domain/types';
import { convertVolume } from '#domain/units';
import type { CoachDeps } from './deps';
import { isPlanPaused } from './pause';
import { CONFLICT, retryOnConflict } from './retry-on-conflict';

export type LinkCheck = { ok: true; subscriber: Subscriber } | { ok: false; reason: 'expired' | 'invalid' };

/**
 * The subscriber a preferences link belongs to (the export and erasure links are the same kind). A link to
 * someone since erased works no more: there is nobody left to show.
 */
export async function subscriberFromLink(deps: CoachDeps, token: unknown): Promise<LinkCheck> {
  const check = verifyToken(token, 'preferences', deps.settings.tokenSecrets, deps.clock.now());
  if (!check.ok) {
    deps.log.info('preferences link refused', { reason: check.reason });
    return { ok: false, reason: check.reason === 'expired' ? 'expired' : 'invalid' };
  }
  const subscriber = await deps.store.get(check.claims.subscriberId);
  if (subscriber === undefined) {
    deps.log.info('preferences link refused', { reason: 'unknown-subscriber' });
    return { ok: false, reason: 'invalid' };
  }
  return { ok: true, subscriber };
}

/** Only people getting plans can change them; anyone else can still see and delete their data. */
export function isSubscribed(subscriber: Subscriber): boolean {
  return subscriber.status === 'active';
}

export interface PreferencesState {
  subscriber: Subscriber;
  /** The newest week sent, which pauses are stored on; absent before the first plan. */
  latest?: WeekRecord;
  paused: boolean;
  /** The newest week reported a red flag: the next plan is a rest week whatever they choose. */
  redFlag: boolean;
}

export async function preferencesState(deps: CoachDeps, subscriber: Subscriber): Promise<PreferencesState> {
  const latest = (await deps.store.recentWeeks(subscriber.id, 1))[0];
  return {
    subscriber,
    ...(latest === undefined ? {} : { latest }),
    paused: isPlanPaused(subscriber, latest),
    redFlag: (latest?.report?.redFlags?.length ?? 0) > 0,
  };
}

export type UpdateOutcome =
  | { kind: 'saved'; subscriber: Subscriber }
  | {
      kind: 'invalid';
      fields: Record<string, string>;
      /** The weekly volume the goal was compared with, in the unit asked for (to explain a goal error). */
      weeklyVolume: number;
      unit: Unit;
    }
  | { kind: 'not-subscribed' }
  | { kind: 'unknown-subscriber' };

/**
 * Saves the preferences asked for, validated with the API's schema. The goal is taken as typed, in the unit
 * asked for; the weekly volume is kept, converted when the unit changes. A new send day, hour or zone moves
 * the next send to that time for the week after the newest one sent.
 */
export async function updatePreferences(
  deps: CoachDeps,
  subscriberId: string,
  requested: Record<string, unknown>,
): Promise<UpdateOutcome> {
  return retryOnConflict('preferences', async (): Promise<UpdateOutcome | typeof CONFLICT> => {
    const current = await deps.store.get(subscriberId);
    if (current === undefined) return { kind: 'unknown-subscriber' };
    if (!isSubscribed(current)) return { kind: 'not-subscribed' };

    const asked: Record<string, unknown> = {};
    for (const key of EDITABLE_FIELDS) if (requested[key] !== undefined) asked[key] = requested[key];
    const unit = UNITS.find((u) => u === asked.unit) ?? current.preferences.unit;
    const weeklyVolume = volumeIn(current.preferences, unit);
    const parsed = preferencesSchema.safeParse({ ...asked, weeklyVolume });
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.map(String).join('.') || 'form';
        fields[key] ??= asked[key] === undefined ? 'is required' : issue.message;
      }
      return { kind: 'invalid', fields, weeklyVolume, unit };
    }

    const preferences = parsed.data;
    const changed = (Object.keys(preferences) as (keyof Preferences)[]).filter(
      (key) => preferences[key] !== current.preferences[key],
    );
    if (current.preferences.goalVolume !== undefined && preferences.goalVolume === undefined) {
      changed.push('goalVolume');
    }
    if (changed.length === 0) return { kind: 'saved', subscriber: current };

    const next: Subscriber = { ...current, preferences, version: current.version + 1 };
    const moved = changed.some((key) => key === 'sendDay' || key === 'sendHour' || key === 'timeZone');
    if (moved && next.status === 'active') {
      // Before the first plan the next send stays as it is (it is due at once anyway).
      const latest = (await deps.store.recentWeeks(subscriberId, 1))[0];
      if (latest !== undefined) {
        next.nextSendAt = sendTimeForWeek(addWeeks(latest.weekStart, 1), preferences).toISOString();
      }
    }
    if (!(await deps.store.update(next, current.version))) return CONFLICT;
    // Which fields changed, never their values: a time zone says where someone lives.
    deps.log.info('preferences saved', { subscriberId, changed: [...new Set(changed)].sort() });
    return { kind: 'saved', subscriber: next };
  });
}

/** The weekly volume in another unit, kept within that unit's bounds so a valid profile stays valid. */
function volumeIn(preferences: Preferences, unit: Unit): number {
  if (unit === preferences.unit) return preferences.weeklyVolume;
  const converted = convertVolume(preferences.weeklyVolume, preferences.unit, unit);
  // The conversion goes through an assumed pace, so it can land just outside (0.5 km is 3.5 min, under 5).
  return Math.min(MAX_WEEKLY_VOLUME[unit], Math.max(MIN_WEEKLY_VOLUME[unit], converted));
}
