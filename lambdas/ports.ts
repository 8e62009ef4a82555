// The interfaces the use cases need from the outside world; adapters implement them for AWS and tests fake them.
import type { Subscriber, WeekRecord, WeekReport } from './domain/types';
import type { Attachment } from './email/types';
import type { MetricName } from './metric-names';

export type CreatePendingResult = 'created' | 'email-taken';
export type ClaimResult = 'claimed' | 'week-exists' | 'subscriber-changed';

export interface DuePage {
  /**
   * Each due subscriber, with the whole stored profile as the index holds it, not parsed: the dispatcher only
   * passes it on, and send-week parses it (and reads the profile again if it does not parse), so the send needs
   * no read and the dispatcher spends no CPU on a million parses.
   */
  items: { subscriberId: string; nextSendAt: string; snapshot?: Record<string, unknown> }[];
  /** Opaque cursor for the next page; absent on the last page. */
  cursor?: string;
}

/** A claimed week whose email is not out yet, as the claim index holds it. */
export interface OpenClaim {
  subscriberId: string;
  weekStart: string;
  claimedAt: string;
}

export interface ClaimPage {
  items: OpenClaim[];
  /** Opaque cursor for the next page; absent on the last page. */
  cursor?: string;
}

export interface SubscriberStore {
  get(subscriberId: string): Promise<Subscriber | undefined>;
  findIdByEmail(normalizedEmail: string): Promise<string | undefined>;
  /** Creates the subscriber and reserves its address atomically. */
  createPending(subscriber: Subscriber, normalizedEmail: string): Promise<CreatePendingResult>;
  /**
   * Replaces the subscriber's profile if its stored version is still `expectedVersion`;
   * returns false (and writes nothing) when someone else changed it first.
   */
  update(subscriber: Subscriber, expectedVersion: number): Promise<boolean>;
  /**
   * Atomically records the week as claimed and writes the updated profile (with its next send time). The
   * claimed week is an open claim (see `queryOpenClaims`) until it is marked sent or released.
   */
  claimWeek(week: WeekRecord, subscriber: Subscriber, expectedVersion: number): Promise<ClaimResult>;
  getWeek(subscriberId: string, weekStart: string): Promise<WeekRecord | undefined>;
  /** Marks the week sent; it is no longer an open claim. */
  markWeekSent(subscriberId: string, weekStart: string, messageId: string, sentAt: string): Promise<void>;
  /**
   * One page of open claims (claimed, email not out) in a shard that were claimed (or last taken over) before
   * `claimedBefore`, oldest first. The shard is the subscriber's due shard.
   */
  queryOpenClaims(
    shard: number,
    claimedBefore: string,
    cursor?: string,
    pageSize?: number,
  ): Promise<ClaimPage>;
  /**
   * Drops a claimed, unsent week from the open claims if it still carries `expectedClaimedAt` (its subscriber
   * left, or its week is over): it stays claimed and unsent, and no sweep finds it again. False if it changed.
   */
  releaseClaim(subscriberId: string, weekStart: string, expectedClaimedAt: string): Promise<boolean>;
  /**
   * Re-stamps a claimed, unsent week for `claimId` if it still carries `expectedClaimedAt`; false when
   * someone else took it over (or sent it) first. Makes taking over a stale claim exclusive.
   */
  takeOverClaim(
    subscriberId: string,
    weekStart: string,
    expectedClaimedAt: string,
    claimId: string,
    claimedAt: string,
  ): Promise<boolean>;
  /**
   * Stores what the subscriber reported for a week they were sent (the latest report wins) on the week and on the
   * profile's copy of it. False when the week does not exist. With
   * `expectedReceivedAt` it is a conditional write: only if the stored report is still the one read (its
   * `receivedAt`, or null for none), else 'changed' and nothing is written, so two replies processed at once
   * cannot lose each other's watch-file activities.
   */
  saveReport(
    subscriberId: string,
    weekStart: string,
    report: WeekReport,
    expectedReceivedAt?: string | null,
  ): Promise<boolean | 'changed'>;
  /** The most recent weeks, oldest first. */
  recentWeeks(subscriberId: string, limit: number): Promise<WeekRecord[]>;
  /** Every stored week, oldest first (for a data export). */
  allWeeks(subscriberId: string): Promise<WeekRecord[]>;
  /** Deletes every item of the subscriber (profile, weeks, address reservation). */
  erase(subscriberId: string, normalizedEmail: string): Promise<void>;
  /** Remembers an address that must never be mailed again, by its hash only (it survives erasure). */
  addSuppression(
    addressHash: string,
    reason: 'bounce' | 'complaint' | 'erased-after-suppression',
  ): Promise<void>;
  isSuppressed(addressHash: string): Promise<boolean>;
  /**
   * Counts one use of a rate-limited action in its window and says whether it is still allowed (the count
   * stays at most `limit`). The counter expires with the window.
   */
  takeRateLimit(key: string, limit: number, expiresAtEpochSeconds: number): Promise<boolean>;
  /** One page of subscribers in a due-index shard whose next send is at or before `at`. */
  queryDue(shard: number, at: string, cursor?: string, pageSize?: number): Promise<DuePage>;
}

export interface OutgoingEmail {
  to: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  headers?: { name: string; value: string }[];
  attachments?: Attachment[];
}

export interface Mailer {
  /** Sends one email; resolves to the provider's message id. */
  send(email: OutgoingEmail): Promise<string>;
}

/** What the dispatcher enqueues for each due subscriber. */
export interface SendWeekMessage {
  subscriberId: string;
  /** The dispatcher's "as of" time (UTC ISO): the send is for the week due by then. */
  at: string;
  /**
   * The profile as the dispatcher read it, as stored and not yet parsed: send-week parses it (a read replaces
   * one that does not parse), and the claim's version check catches it if it changed since.
   */
  snapshot?: Record<string, unknown>;
  /** Set by the sweep: this claimed, unsent week (its Monday) is to be finished, not a new week planned. */
  weekStart?: string;
}

export interface SendQueue {
  enqueue(messages: SendWeekMessage[]): Promise<void>;
}

export interface RawMailStore {
  /** The raw MIME of an inbound message, or why there is none to read. */
  get(bucket: string, key: string, maxBytes: number): Promise<Uint8Array | 'too-large' | 'missing'>;
  put(bucket: string, key: string, raw: Uint8Array): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface IdSource {
  /** A new random identifier (subscriber ids, nonces, claim ids). */
  newId(): string;
}

/**
 * Counts for whoever runs the coach (plans sent, replies, unsubscribes, ...). Only a metric's name and a count:
 * no dimension can carry a subscriber's id or address.
 */
export interface Metrics {
  count(name: MetricName, value?: number): void;
  /** Publishes what was counted since the last flush; each handler calls it once per invocation. */
  flush(): void;
}
