// Subscribing: store a pending subscriber and send the double opt-in confirmation, revealing nothing to the caller.

import { addressHash, normalizeEmailAddress } from '../domain/email-address';
import { TOKEN_LIFETIME_SECONDS } from '../domain/tokens';
import type { Preferences, Subscriber } from '../domain/types';
import { confirmCapReached, nextConfirmSends } from '../domain/types';
import { renderConfirmationEmail } from '../email/render';
import { type CoachDeps, sendRendered } from './deps';
import { signedLink } from './links';

const CONFIRM_LIFETIME_MS = TOKEN_LIFETIME_SECONDS.confirm * 1000;

export interface SubscribeRequest {
  email: string;
  preferences: Preferences;
}

export type SubscribeOutcome = 'confirmation-sent' | 'already-active' | 'suppressed' | 'confirm-cap-reached';

/**
 * The caller always gets the same answer whatever happens here, so nobody can learn who subscribes.
 * The outcome is for logs and tests only.
 */
export async function subscribe(deps: CoachDeps, request: SubscribeRequest): Promise<SubscribeOutcome> {
  const { store, ids, clock } = deps;
  const normalized = normalizeEmailAddress(request.email);
  const now = clock.now();
  // A hard bounce or a complaint, even from a subscriber since erased: never email that address again.
  if (await store.isSuppressed(addressHash(normalized))) return 'suppressed';

  for (let attempt = 0; attempt < 3; attempt++) {
    const existingId = await store.findIdByEmail(normalized);
    const existing = existingId === undefined ? undefined : await store.get(existingId);
    if (existing === undefined) {
      const subscriber: Subscriber = {
        id: ids.newId(),
        email: normalized,
        status: 'pending',
        preferences: request.preferences,
        createdAt: now.toISOString(),
        confirmNonce: ids.newId(),
        confirmSends: 1,
        lastConfirmSentAt: now.toISOString(),
        version: 1,
      };
      const created = await store.createPending(subscriber, normalized);
      if (created === 'email-taken') continue; // someone subscribed the same address a moment ago
      await sendConfirmation(deps, subscriber);
      deps.log.info('subscriber created', { subscriberId: subscriber.id, outcome: 'confirmation-sent' });
      return 'confirmation-sent';
    }

    if (existing.status === 'active' || existing.status === 'paused') return 'already-active';
    if (existing.status === 'suppressed') return 'suppressed';
    if (confirmCapReached(existing, deps.settings.maxConfirmSends, now, CONFIRM_LIFETIME_MS)) {
      deps.log.warn('confirmation cap reached', { subscriberId: existing.id });
      return 'confirm-cap-reached';
    }
    // Pending (the first email went missing) or unsubscribed (coming back): a fresh confirmation.
    const renewed: Subscriber = {
      ...existing,
      status: 'pending',
      preferences: request.preferences,
      confirmNonce: ids.newId(),
      confirmSends: nextConfirmSends(existing, deps.settings.maxConfirmSends, now, CONFIRM_LIFETIME_MS),
      lastConfirmSentAt: now.toISOString(),
      version: existing.version + 1,
    };
    delete renewed.nextSendAt;
    if (!(await store.update(renewed, existing.version))) continue;
    await sendConfirmation(deps, renewed);
    deps.log.info('confirmation re-sent', { subscriberId: renewed.id, outcome: 'confirmation-sent' });
    return 'confirmation-sent';
  }
  throw new Error('subscribe: the subscriber kept changing; try again');
}

async function sendConfirmation(deps: CoachDeps, subscriber: Subscriber): Promise<void> {
  const now = deps.clock.now();
  const confirmUrl = signedLink(
    deps.settings,
    '/confirm',
    'confirm',
    subscriber.id,
    now,
    subscriber.confirmNonce,
  );
  const email = renderConfirmationEmail({
    confirmUrl,
    preferences: subscriber.preferences,
    operator: deps.settings.operator,
  });
  await sendRendered(deps, subscriber.email, email);
}
