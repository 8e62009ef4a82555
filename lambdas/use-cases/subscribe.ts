// Subscribing: store a pending subscriber and send the double opt-in confirmation, revealing nothing to the caller.

import { addressHash, normalizeEmailAddress } from '#domain/email-address';
import { type ConfirmPolicy, newPendingSubscriber, renewPending, renewRefusal } from '#domain/subscriber';
import { TOKEN_LIFETIME_SECONDS } from '#domain/tokens';
import type { Preferences, Subscriber } from '#domain/types';
import { renderConfirmationEmail } from '#email/render';
import { type CoachDeps, sendRendered } from './deps';
import { signedLink } from './links';
import { CONFLICT, retryOnConflict } from './retry-on-conflict';

/** The cap on confirmation emails, from the settings, with the confirmation link's lifetime. */
export function confirmPolicy(deps: Pick<CoachDeps, 'settings'>): ConfirmPolicy {
  return { maxSends: deps.settings.maxConfirmSends, linkLifetimeMs: TOKEN_LIFETIME_SECONDS.confirm * 1000 };
}

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

  return retryOnConflict(
    'subscribe',
    async (): Promise<SubscribeOutcome | typeof CONFLICT> => {
      const existingId = await store.findIdByEmail(normalized);
      const existing = existingId === undefined ? undefined : await store.get(existingId);
      if (existing === undefined) {
        const subscriber = newPendingSubscriber({
          id: ids.newId(),
          email: normalized,
          preferences: request.preferences,
          nonce: ids.newId(),
          now,
        });
        const created = await store.createPending(subscriber, normalized);
        if (created === 'email-taken') return CONFLICT; // someone subscribed the same address a moment ago
        await sendConfirmation(deps, subscriber);
        deps.log.info('subscriber created', { subscriberId: subscriber.id, outcome: 'confirmation-sent' });
        return 'confirmation-sent';
      }

      const policy = confirmPolicy(deps);
      const refusal = renewRefusal(existing, policy, now);
      if (refusal === 'confirm-cap-reached')
        deps.log.warn('confirmation cap reached', { subscriberId: existing.id });
      if (refusal) return refusal;
      const renewed = renewPending(existing, policy, {
        nonce: ids.newId(),
        now,
        preferences: request.preferences,
      });
      if (!(await store.update(renewed, existing.version))) return CONFLICT;
      await sendConfirmation(deps, renewed);
      deps.log.info('confirmation re-sent', { subscriberId: renewed.id, outcome: 'confirmation-sent' });
      return 'confirmation-sent';
    },
    3,
  );
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
