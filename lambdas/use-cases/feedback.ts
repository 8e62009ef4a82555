// SES feedback: hard bounces and complaints suppress an address for good; soft bounces count, deliveries reset.
import { addressHash, normalizeEmailAddress } from '#domain/email-address';
import { withoutConfirmLinks } from '#domain/subscriber';
import type { Subscriber } from '#domain/types';
import type { Metrics, SubscriberStore } from '#lambdas/ports';
import type { Log } from './deps';
import { countFeedback } from './metrics';
import { CONFLICT, retryOnConflict } from './retry-on-conflict';

/** Three soft bounces in a row suppress the address (a mailbox that is full for weeks is effectively gone). */
export const SOFT_BOUNCES_BEFORE_SUPPRESSION = 3;

export interface FeedbackEvent {
  kind: 'bounce' | 'complaint' | 'delivery' | 'reject' | 'other';
  /** For bounces: permanent (hard) or transient/undetermined (soft). */
  permanent?: boolean;
  recipients: string[];
  /** The SES message id of the email the event is about; SNS and Lambda may deliver the same event again. */
  mailId?: string;
}

export type FeedbackOutcome = 'suppressed' | 'soft-bounce-counted' | 'bounces-reset' | 'ignored';

export interface FeedbackDeps {
  store: SubscriberStore;
  clock: { now(): Date };
  log: Log;
  metrics: Metrics;
}

export async function handleFeedback(deps: FeedbackDeps, event: FeedbackEvent): Promise<FeedbackOutcome[]> {
  const outcomes: FeedbackOutcome[] = [];
  for (const recipient of event.recipients) {
    const outcome = await forRecipient(deps, event, normalizeEmailAddress(recipient));
    outcomes.push(outcome);
    countFeedback(deps.metrics, event.kind);
    // One line per recipient: the kind and the outcome, never the address.
    deps.log.info('ses feedback', { kind: event.kind, permanent: event.permanent ?? null, outcome });
  }
  return outcomes;
}

async function forRecipient(
  deps: FeedbackDeps,
  event: FeedbackEvent,
  email: string,
): Promise<FeedbackOutcome> {
  const hardFailure = event.kind === 'complaint' || (event.kind === 'bounce' && event.permanent === true);
  const softBounce = event.kind === 'bounce' && event.permanent !== true;
  if (!hardFailure && !softBounce && event.kind !== 'delivery') return 'ignored';

  return retryOnConflict('feedback', async (): Promise<FeedbackOutcome | typeof CONFLICT> => {
    const id = await deps.store.findIdByEmail(email);
    const subscriber = id === undefined ? undefined : await deps.store.get(id);
    if (hardFailure) {
      // Remembered by hash even when nobody is subscribed with it: the address stays suppressed forever.
      await deps.store.addSuppression(
        addressHash(email),
        event.kind === 'complaint' ? 'complaint' : 'bounce',
      );
      if (!subscriber || subscriber.status === 'suppressed') return 'suppressed';
      if (
        await deps.store.update(
          suppressed(subscriber, event.kind === 'complaint' ? 'complaint' : 'bounce', deps),
          subscriber.version,
        )
      ) {
        return 'suppressed';
      }
      return CONFLICT;
    }
    if (!subscriber || subscriber.status === 'suppressed') return 'ignored';
    // A soft bounce counts once per email: the same event delivered again (an SNS or Lambda retry) is not
    // a second bounce in a row.
    if (softBounce && event.mailId !== undefined && subscriber.softBounceMailIds?.includes(event.mailId)) {
      return 'ignored';
    }
    if (event.kind === 'delivery') {
      if (!subscriber.softBounces) return 'ignored';
      const reset: Subscriber = { ...subscriber, softBounces: 0, version: subscriber.version + 1 };
      if (await deps.store.update(reset, subscriber.version)) return 'bounces-reset';
      return CONFLICT;
    }
    const count = (subscriber.softBounces ?? 0) + 1;
    // The ids of the bounces in this count (at most three: the count never goes past that).
    const counted =
      event.mailId === undefined
        ? {}
        : {
            softBounceMailIds: [...(subscriber.softBounceMailIds ?? []), event.mailId].slice(
              -SOFT_BOUNCES_BEFORE_SUPPRESSION,
            ),
          };
    if (count >= SOFT_BOUNCES_BEFORE_SUPPRESSION) {
      await deps.store.addSuppression(addressHash(email), 'bounce');
      if (
        await deps.store.update(
          { ...suppressed(subscriber, 'bounce', deps), softBounces: count, ...counted },
          subscriber.version,
        )
      ) {
        return 'suppressed';
      }
      return CONFLICT;
    }
    if (
      await deps.store.update(
        { ...subscriber, softBounces: count, ...counted, version: subscriber.version + 1 },
        subscriber.version,
      )
    ) {
      return 'soft-bounce-counted';
    }
    return CONFLICT;
  });
}

function suppressed(subscriber: Subscriber, reason: 'bounce' | 'complaint', deps: FeedbackDeps): Subscriber {
  const next: Subscriber = {
    ...withoutConfirmLinks(subscriber),
    status: 'suppressed',
    suppressedAt: deps.clock.now().toISOString(),
    suppressedReason: reason,
    version: subscriber.version + 1,
  };
  delete next.nextSendAt;
  return next;
}
