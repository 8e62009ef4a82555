// Unsubscribing: honoured at once, and nothing more is sent.
import { withoutConfirmLinks } from '#domain/subscriber';
import { verifyToken } from '#domain/tokens';
import type { Subscriber } from '#domain/types';
import type { CoachDeps } from './deps';
import { CONFLICT, retryOnConflict } from './retry-on-conflict';

export type UnsubscribeOutcome = 'unsubscribed' | 'already-unsubscribed' | 'invalid';

/** Checks an unsubscribe link without acting on it (link scanners fetch GETs). */
export function checkUnsubscribeToken(deps: CoachDeps, token: unknown): boolean {
  return verifyToken(token, 'unsubscribe', deps.settings.tokenSecrets, deps.clock.now()).ok;
}

export async function unsubscribe(deps: CoachDeps, token: unknown): Promise<UnsubscribeOutcome> {
  const now = deps.clock.now();
  const check = verifyToken(token, 'unsubscribe', deps.settings.tokenSecrets, now);
  if (!check.ok) {
    deps.log.info('unsubscribe refused', { reason: check.reason });
    return 'invalid';
  }
  return unsubscribeById(deps, check.claims.subscriberId);
}

/** Marks the subscriber unsubscribed and takes them out of the due index; nothing more is sent. */
export async function unsubscribeById(deps: CoachDeps, subscriberId: string): Promise<UnsubscribeOutcome> {
  const now = deps.clock.now();
  return retryOnConflict('unsubscribe', async () => {
    const subscriber = await deps.store.get(subscriberId);
    if (subscriber === undefined) return 'invalid';
    if (subscriber.status === 'unsubscribed' || subscriber.status === 'suppressed')
      return 'already-unsubscribed';
    const updated: Subscriber = {
      ...withoutConfirmLinks(subscriber),
      status: 'unsubscribed',
      unsubscribedAt: now.toISOString(),
      version: subscriber.version + 1,
    };
    delete updated.nextSendAt;
    if (await deps.store.update(updated, subscriber.version)) {
      deps.log.info('subscriber unsubscribed', { subscriberId });
      deps.metrics.count('Unsubscribes');
      return 'unsubscribed';
    }
    return CONFLICT;
  });
}
