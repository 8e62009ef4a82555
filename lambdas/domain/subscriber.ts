// A subscriber's lifecycle rules: created pending, renewed when they sign up again, capped in how many
// confirmation emails one address gets (the same for the web form and the sign-up by email); whether a send is
// ahead, and whether the address was ever lost to a bounce or complaint.
import type { Preferences, Subscriber } from './types';

/** How many confirmation emails an address may get, and how long each link works. */
export interface ConfirmPolicy {
  maxSends: number;
  linkLifetimeMs: number;
}

/** Whether one pending address has had as many confirmation emails as it may while its last link still works. */
export function confirmCapReached(
  subscriber: Subscriber,
  max: number,
  now: Date,
  linkLifetimeMs: number,
): boolean {
  if (subscriber.status !== 'pending' || subscriber.confirmSends < max) return false;
  const last = subscriber.lastConfirmSentAt ? Date.parse(subscriber.lastConfirmSentAt) : Number.NaN;
  // Without a record of when (older profiles), or while the last link still works: capped.
  return Number.isNaN(last) || now.getTime() - last < linkLifetimeMs;
}

/** The next confirmation count: it starts again once the cap's window has passed. */
export function nextConfirmSends(
  subscriber: Subscriber,
  max: number,
  now: Date,
  linkLifetimeMs: number,
): number {
  if (subscriber.status !== 'pending') return 1;
  return subscriber.confirmSends >= max && !confirmCapReached(subscriber, max, now, linkLifetimeMs)
    ? 1
    : subscriber.confirmSends + 1;
}

/** A new subscriber waiting for its confirmation, which is being sent now. */
export function newPendingSubscriber(fields: {
  id: string;
  email: string;
  preferences: Preferences;
  nonce: string;
  now: Date;
  /** Signed up by email: the real running profile is still to be asked for. */
  needsProfile?: boolean;
}): Subscriber {
  return {
    id: fields.id,
    email: fields.email,
    status: 'pending',
    preferences: fields.preferences,
    ...(fields.needsProfile ? { needsProfile: true } : {}),
    createdAt: fields.now.toISOString(),
    confirmNonce: fields.nonce,
    confirmSends: 1,
    lastConfirmSentAt: fields.now.toISOString(),
    version: 1,
  };
}

export type RenewRefusal = 'already-active' | 'suppressed' | 'confirm-cap-reached';

/**
 * Why an existing subscriber signing up again gets no new confirmation, or undefined when they get one
 * (pending, because the first email went missing, or unsubscribed and coming back).
 */
export function renewRefusal(
  existing: Subscriber,
  policy: ConfirmPolicy,
  now: Date,
): RenewRefusal | undefined {
  if (existing.status === 'active') return 'already-active';
  if (existing.status === 'suppressed') return 'suppressed';
  if (confirmCapReached(existing, policy.maxSends, now, policy.linkLifetimeMs)) return 'confirm-cap-reached';
  return undefined;
}

/**
 * The subscriber pending again with a fresh confirmation nonce, out of the weekly send. What is not given
 * (new preferences, whether the profile is still to be asked for) stays as it was.
 */
export function renewPending(
  existing: Subscriber,
  policy: ConfirmPolicy,
  fields: { nonce: string; now: Date; preferences?: Preferences; needsProfile?: boolean },
): Subscriber {
  const earlier = earlierConfirmLinks(existing, policy, fields.now);
  const renewed: Subscriber = {
    ...withoutConfirmLinks(existing),
    status: 'pending',
    ...(fields.preferences === undefined ? {} : { preferences: fields.preferences }),
    ...(fields.needsProfile === undefined ? {} : { needsProfile: fields.needsProfile }),
    confirmNonce: fields.nonce,
    ...(earlier.length === 0 ? {} : { earlierConfirmNonces: earlier }),
    confirmSends: nextConfirmSends(existing, policy.maxSends, fields.now, policy.linkLifetimeMs),
    lastConfirmSentAt: fields.now.toISOString(),
    version: existing.version + 1,
  };
  delete renewed.nextSendAt;
  return renewed;
}

export type EarlierConfirmLink = NonNullable<Subscriber['earlierConfirmNonces']>[number];

/**
 * The links a pending subscriber already has that keep working once a new one is sent: the newest so far
 * and the earlier ones, newest first, without the expired ones, and no more than the cap lets one address
 * get while its links work (with the new link, `maxSends` in all). Any other status has none.
 */
export function earlierConfirmLinks(
  existing: Subscriber,
  policy: ConfirmPolicy,
  now: Date,
): EarlierConfirmLink[] {
  if (existing.status !== 'pending') return [];
  const sentAt = existing.lastConfirmSentAt ? Date.parse(existing.lastConfirmSentAt) : Number.NaN;
  // Without a record of when (older profiles), it was sent before now: now plus a lifetime is later still.
  const newestExpires = (Number.isNaN(sentAt) ? now.getTime() : sentAt) + policy.linkLifetimeMs;
  const newest: EarlierConfirmLink[] =
    existing.confirmNonce === undefined
      ? []
      : [{ nonce: existing.confirmNonce, expiresAt: new Date(newestExpires).toISOString() }];
  return [...newest, ...(existing.earlierConfirmNonces ?? [])]
    .filter((link) => Date.parse(link.expiresAt) > now.getTime())
    .slice(0, Math.max(0, policy.maxSends - 1));
}

/**
 * Whether a confirmation link's nonce is one the subscriber still waits for: the newest link's, or an
 * earlier one's. (Expiry is the signed token's to decide; expired earlier links are dropped at the next send.)
 */
export function awaitsConfirmNonce(subscriber: Subscriber, nonce: string | undefined): boolean {
  if (subscriber.status !== 'pending' || nonce === undefined) return false;
  return (
    subscriber.confirmNonce === nonce ||
    (subscriber.earlierConfirmNonces ?? []).some((link) => link.nonce === nonce)
  );
}

/** The profile without any confirmation link's secret: once confirmed, unsubscribed or suppressed, none works. */
export function withoutConfirmLinks(
  subscriber: Subscriber,
): Omit<Subscriber, 'confirmNonce' | 'earlierConfirmNonces'> {
  const { confirmNonce: _newest, earlierConfirmNonces: _earlier, ...rest } = subscriber;
  return rest;
}

/**
 * The next send time still ahead of `now`, or undefined when none is set or it is already due (the hourly
 * dispatcher picks a due send up, so there is no time worth naming).
 */
export function upcomingSendAt(subscriber: Pick<Subscriber, 'nextSendAt'>, now: Date): string | undefined {
  const next = subscriber.nextSendAt;
  return next === undefined || next <= now.toISOString() ? undefined : next;
}

/**
 * Whether the address bounced or complained at some point: it is suppressed now, or was before the subscriber
 * changed status. Such an address must stay suppressed, even once everything else about it is erased.
 */
export function wasSuppressed(subscriber: Pick<Subscriber, 'status' | 'suppressedReason'>): boolean {
  return subscriber.status === 'suppressed' || subscriber.suppressedReason !== undefined;
}
