// Confirming a subscription: the double opt-in click activates the subscriber and sends the first plan at once.
import { verifyToken } from '#domain/tokens';
import type { Preferences, Subscriber } from '#domain/types';
import type { CoachDeps } from './deps';
import { CONFLICT, KeptChangingError, retryOnConflict } from './retry-on-conflict';
import { sendWeeklyPlan } from './send-week';

export type ConfirmOutcome =
  | { kind: 'confirmed'; firstPlan: 'sent' | 'queued' }
  | { kind: 'needs-profile'; preferences: Preferences }
  | { kind: 'already-confirmed' }
  | { kind: 'invalid'; reason: 'expired' | 'invalid' | 'used' };

/**
 * Activates a pending subscriber. One who signed up by email has no running profile yet: without
 * `preferences` the outcome asks for them (the page shows a form); with them, they are saved and the
 * subscription confirmed in the same step.
 */
export async function confirmSubscription(
  deps: CoachDeps,
  token: unknown,
  preferences?: Preferences,
): Promise<ConfirmOutcome> {
  const now = deps.clock.now();
  const check = verifyToken(token, 'confirm', deps.settings.tokenSecrets, now);
  if (!check.ok) {
    deps.log.info('confirm refused', { reason: check.reason });
    return { kind: 'invalid', reason: check.reason === 'expired' ? 'expired' : 'invalid' };
  }
  const { subscriberId, nonce } = check.claims;

  const activate = async (): Promise<ConfirmOutcome | typeof CONFLICT> => {
    const subscriber = await deps.store.get(subscriberId);
    if (subscriber === undefined) return { kind: 'invalid', reason: 'invalid' };
    if (subscriber.status !== 'pending' || nonce === undefined || subscriber.confirmNonce !== nonce) {
      // An older link, or one already used: change nothing.
      return subscriber.status === 'active' && subscriber.confirmNonce === undefined
        ? { kind: 'already-confirmed' }
        : { kind: 'invalid', reason: 'used' };
    }
    if (subscriber.needsProfile && preferences === undefined) {
      return { kind: 'needs-profile', preferences: subscriber.preferences };
    }
    // Due now: the first plan goes out below, and if that fails the hourly dispatcher sends it.
    const activated: Subscriber = {
      ...subscriber,
      ...(preferences === undefined ? {} : { preferences }),
      status: 'active',
      confirmedAt: now.toISOString(),
      nextSendAt: now.toISOString(),
      confirmSends: 0,
      version: subscriber.version + 1,
    };
    delete activated.confirmNonce;
    delete activated.needsProfile;
    if (!(await deps.store.update(activated, subscriber.version))) return CONFLICT;
    deps.log.info('subscriber confirmed', { subscriberId });
    try {
      const outcome = await sendWeeklyPlan(deps, subscriberId, now, `confirm-${nonce}`);
      return { kind: 'confirmed', firstPlan: outcome === 'sent' ? 'sent' : 'queued' };
    } catch (error) {
      deps.log.error('first plan not sent; the dispatcher will retry', {
        subscriberId,
        error: error instanceof Error ? error.name : 'unknown',
      });
      await dueAgain(deps, subscriberId, now).catch(() => undefined);
      return { kind: 'confirmed', firstPlan: 'queued' };
    }
  };
  try {
    return await retryOnConflict('confirm', activate, 3);
  } catch (error) {
    // The link kept losing to other writes: it is answered as used (its nonce has most likely gone).
    if (error instanceof KeptChangingError) return { kind: 'invalid', reason: 'used' };
    throw error;
  }
}

/**
 * The first plan's claim already moved `nextSendAt` to next week; when its email failed, put it back to now
 * so the next hourly run finds the subscriber due and finishes the (released) claim.
 */
async function dueAgain(deps: CoachDeps, subscriberId: string, now: Date): Promise<void> {
  await retryOnConflict(
    'confirm: due again',
    async () => {
      const subscriber = await deps.store.get(subscriberId);
      if (subscriber?.status !== 'active') return;
      if (subscriber.nextSendAt !== undefined && subscriber.nextSendAt <= now.toISOString()) return;
      const due: Subscriber = {
        ...subscriber,
        nextSendAt: now.toISOString(),
        version: subscriber.version + 1,
      };
      return (await deps.store.update(due, subscriber.version)) ? undefined : CONFLICT;
    },
    3,
  );
}
