// Two questions about a stored subscriber that pages and use cases both ask: is a send ahead, was the address lost.
import type { Subscriber } from './types';

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
