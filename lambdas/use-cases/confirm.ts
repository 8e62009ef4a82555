// Confirming a subscription: the link shows a page, and only its button (a POST) activates the subscriber and
// sends the first plan at once. Link scanners fetch every link in an email; none of them presses the button.
import { awaitsConfirmNonce, withoutConfirmLinks } from '#domain/subscriber';
import { verifyToken } from '#domain/tokens';
import type { Preferences, Subscriber } from '#domain/types';
import type { CoachDeps } from './deps';
import { CONFLICT, KeptChangingError, retryOnConflict } from './retry-on-conflict';
import { sendWeeklyPlan } from './send-week';

type Refused = { kind: 'already-confirmed' } | { kind: 'invalid'; reason: 'expired' | 'invalid' | 'used' };

/** What a confirmation link leads to before anything is pressed: the button, the profile form, or why not. */
export type ConfirmLinkCheck =
  | { kind: 'ask' }
  | { kind: 'needs-profile'; preferences: Preferences }
  | Refused;

export type ConfirmOutcome =
  | { kind: 'confirmed'; firstPlan: 'sent' | 'queued' }
  | { kind: 'needs-profile'; preferences: Preferences }
  | Refused;

type LinkState = { ok: true; subscriber: Subscriber; nonce: string } | { ok: false; refused: Refused };

function readToken(deps: CoachDeps, token: unknown, now: Date) {
  const check = verifyToken(token, 'confirm', deps.settings.tokenSecrets, now);
  if (!check.ok) deps.log.info('confirm refused', { reason: check.reason });
  return check;
}

/** The subscriber a verified link names, when it still waits for this link (any link sent and not yet used). */
async function linkState(
  deps: CoachDeps,
  subscriberId: string,
  nonce: string | undefined,
): Promise<LinkState> {
  const subscriber = await deps.store.get(subscriberId);
  if (subscriber === undefined) return { ok: false, refused: { kind: 'invalid', reason: 'invalid' } };
  if (nonce === undefined || !awaitsConfirmNonce(subscriber, nonce)) {
    // Used already (this link or another), or for a sign-up since left: change nothing.
    return {
      ok: false,
      refused:
        subscriber.status === 'active' ? { kind: 'already-confirmed' } : { kind: 'invalid', reason: 'used' },
    };
  }
  return { ok: true, subscriber, nonce };
}

/** Checks a confirmation link without acting on it (GET): link scanners open every link in an email. */
export async function checkConfirmLink(deps: CoachDeps, token: unknown): Promise<ConfirmLinkCheck> {
  const check = readToken(deps, token, deps.clock.now());
  if (!check.ok) return { kind: 'invalid', reason: check.reason === 'expired' ? 'expired' : 'invalid' };
  const state = await linkState(deps, check.claims.subscriberId, check.claims.nonce);
  if (!state.ok) return state.refused;
  return state.subscriber.needsProfile
    ? { kind: 'needs-profile', preferences: state.subscriber.preferences }
    : { kind: 'ask' };
}

/**
 * Activates a pending subscriber (the page's POST). Every confirmation link sent and not expired works, once:
 * the first used confirms, and all of them then answer "already confirmed". One who signed up by email has no
 * running profile yet: without `preferences` the outcome asks for them (the page shows a form); with them,
 * they are saved and the subscription confirmed in the same step. Others keep the answers they signed up with.
 */
export async function confirmSubscription(
  deps: CoachDeps,
  token: unknown,
  preferences?: Preferences,
): Promise<ConfirmOutcome> {
  const now = deps.clock.now();
  const check = readToken(deps, token, now);
  if (!check.ok) return { kind: 'invalid', reason: check.reason === 'expired' ? 'expired' : 'invalid' };
  const { subscriberId, nonce } = check.claims;

  const activate = async (): Promise<ConfirmOutcome | typeof CONFLICT> => {
    const state = await linkState(deps, subscriberId, nonce);
    if (!state.ok) return state.refused;
    const { subscriber } = state;
    const profile = subscriber.needsProfile ? preferences : undefined;
    if (subscriber.needsProfile && profile === undefined) {
      return { kind: 'needs-profile', preferences: subscriber.preferences };
    }
    // Due now: the first plan goes out below, and if that fails the hourly dispatcher sends it.
    const activated: Subscriber = {
      ...withoutConfirmLinks(subscriber),
      ...(profile === undefined ? {} : { preferences: profile }),
      status: 'active',
      confirmedAt: now.toISOString(),
      nextSendAt: now.toISOString(),
      confirmSends: 0,
      version: subscriber.version + 1,
    };
    delete activated.needsProfile;
    if (!(await deps.store.update(activated, subscriber.version))) return CONFLICT;
    deps.log.info('subscriber confirmed', { subscriberId });
    try {
      const outcome = await sendWeeklyPlan(deps, subscriberId, now, `confirm-${state.nonce}`);
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
