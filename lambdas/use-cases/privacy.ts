// A subscriber's own data: everything stored about them as JSON, and erasure that keeps only what must stay.
import { addressHash, normalizeEmailAddress } from '#domain/email-address';
import { wasSuppressed, withoutConfirmLinks } from '#domain/subscriber';
import type { Subscriber, WeekRecord } from '#domain/types';
import type { CoachDeps } from './deps';

export interface DataExport {
  exportedAt: string;
  /** The profile as stored, without the confirmation secrets (credentials, not data about them). */
  subscriber: ReturnType<typeof withoutConfirmLinks>;
  /** Every stored week, oldest first: the plan sent and what they reported. */
  weeks: WeekRecord[];
}

export async function exportData(deps: CoachDeps, subscriber: Subscriber): Promise<DataExport> {
  const profile = withoutConfirmLinks(subscriber);
  const weeks = await deps.store.allWeeks(subscriber.id);
  deps.log.info('data exported', { subscriberId: subscriber.id, weeks: weeks.length });
  return { exportedAt: deps.clock.now().toISOString(), subscriber: profile, weeks };
}

export type EraseOutcome = 'erased' | 'unknown-subscriber';

/**
 * Deletes every item of the subscriber. A suppressed address is first remembered by its hash alone, so a
 * bounce or complaint still stops mail to it after everything else about them is gone.
 */
export async function eraseSubscriber(deps: CoachDeps, subscriberId: string): Promise<EraseOutcome> {
  // Read again: a bounce may have suppressed the address since the page was shown.
  const subscriber = await deps.store.get(subscriberId);
  if (subscriber === undefined) return 'unknown-subscriber';
  const email = normalizeEmailAddress(subscriber.email);
  const suppressed = wasSuppressed(subscriber);
  if (suppressed) await deps.store.addSuppression(addressHash(email), 'erased-after-suppression');
  await deps.store.erase(subscriber.id, email);
  deps.log.info('subscriber erased', { subscriberId, keptSuppression: suppressed });
  return 'erased';
}
