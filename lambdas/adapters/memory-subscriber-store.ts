// The SubscriberStore in memory, for tests without DynamoDB Local: the same contract, the same conditions,
// and items copied and parsed on the way in and out as the DynamoDB store's are.

import { dueShardOf } from '#domain/due-shard';
import {
  type Subscriber,
  subscriberSchema,
  type WeekRecord,
  type WeekReport,
  weekRecordSchema,
} from '#domain/types';
import { reportSummary } from '#domain/week-report';
import type { ClaimPage, ClaimResult, CreatePendingResult, DuePage, SubscriberStore } from '#lambdas/ports';

/** A stored copy, as DynamoDB keeps it: undefined fields gone, nothing shared with the caller. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class MemorySubscriberStore implements SubscriberStore {
  private readonly profiles = new Map<string, Subscriber>();
  private readonly weeks = new Map<string, Map<string, WeekRecord>>();
  private readonly emails = new Map<string, string>();
  private readonly suppressions = new Map<string, string>();
  private readonly rateCounts = new Map<string, number>();
  /** Claimed weeks whose email is not out, as the DynamoDB store's sparse claim index: `id|weekStart`. */
  private readonly openClaims = new Set<string>();

  constructor(private readonly dueShards: number) {}

  async get(subscriberId: string): Promise<Subscriber | undefined> {
    const stored = this.profiles.get(subscriberId);
    return stored ? subscriberSchema.parse(copy(stored)) : undefined;
  }

  async findIdByEmail(normalizedEmail: string): Promise<string | undefined> {
    return this.emails.get(normalizedEmail);
  }

  async createPending(subscriber: Subscriber, normalizedEmail: string): Promise<CreatePendingResult> {
    if (this.emails.has(normalizedEmail) || this.profiles.has(subscriber.id)) return 'email-taken';
    this.emails.set(normalizedEmail, subscriber.id);
    this.putProfile(subscriber);
    return 'created';
  }

  async update(subscriber: Subscriber, expectedVersion: number): Promise<boolean> {
    if (this.profiles.get(subscriber.id)?.version !== expectedVersion) return false;
    this.putProfile(subscriber);
    return true;
  }

  async claimWeek(week: WeekRecord, subscriber: Subscriber, expectedVersion: number): Promise<ClaimResult> {
    if (this.weeksOf(week.subscriberId).has(week.weekStart)) return 'week-exists';
    if (this.profiles.get(subscriber.id)?.version !== expectedVersion) return 'subscriber-changed';
    this.weeksOf(week.subscriberId).set(week.weekStart, copy(week));
    if (week.status === 'claimed') this.openClaims.add(`${week.subscriberId}|${week.weekStart}`);
    this.putProfile(subscriber);
    return 'claimed';
  }

  async getWeek(subscriberId: string, weekStart: string): Promise<WeekRecord | undefined> {
    const stored = this.weeks.get(subscriberId)?.get(weekStart);
    return stored ? weekRecordSchema.parse(copy(stored)) : undefined;
  }

  async markWeekSent(
    subscriberId: string,
    weekStart: string,
    messageId: string,
    sentAt: string,
  ): Promise<void> {
    const stored = this.weeks.get(subscriberId)?.get(weekStart);
    // DynamoDB's condition fails the same way: there is no such week to mark.
    if (!stored) throw new Error('markWeekSent: no such week');
    Object.assign(stored, { status: 'sent', messageId, sentAt });
    this.openClaims.delete(`${subscriberId}|${weekStart}`);
  }

  async queryOpenClaims(
    shard: number,
    claimedBefore: string,
    cursor?: string,
    pageSize = 500,
  ): Promise<ClaimPage> {
    const open = [...this.openClaims]
      .map((key) => {
        const [subscriberId = '', weekStart = ''] = key.split('|');
        return {
          subscriberId,
          weekStart,
          claimedAt: this.weeks.get(subscriberId)?.get(weekStart)?.claimedAt ?? '',
        };
      })
      .filter((c) => dueShardOf(c.subscriberId, this.dueShards) === shard && c.claimedAt < claimedBefore)
      .sort((a, b) => a.claimedAt.localeCompare(b.claimedAt) || a.subscriberId.localeCompare(b.subscriberId));
    const start = cursor === undefined ? 0 : Number(cursor);
    const end = start + pageSize;
    const items = open.slice(start, end);
    return end < open.length ? { items, cursor: String(end) } : { items };
  }

  async releaseClaim(subscriberId: string, weekStart: string, expectedClaimedAt: string): Promise<boolean> {
    const stored = this.weeks.get(subscriberId)?.get(weekStart);
    if (stored?.status !== 'claimed' || stored.claimedAt !== expectedClaimedAt) return false;
    this.openClaims.delete(`${subscriberId}|${weekStart}`);
    return true;
  }

  async takeOverClaim(
    subscriberId: string,
    weekStart: string,
    expectedClaimedAt: string,
    claimId: string,
    claimedAt: string,
  ): Promise<boolean> {
    const stored = this.weeks.get(subscriberId)?.get(weekStart);
    if (stored?.status !== 'claimed' || stored.claimedAt !== expectedClaimedAt) return false;
    Object.assign(stored, { claimId, claimedAt });
    return true;
  }

  async saveReport(
    subscriberId: string,
    weekStart: string,
    report: WeekReport,
    expectedReceivedAt?: string | null,
  ): Promise<boolean | 'changed'> {
    const stored = this.weeks.get(subscriberId)?.get(weekStart);
    if (!stored) return false;
    if (expectedReceivedAt !== undefined && (stored.report?.receivedAt ?? null) !== expectedReceivedAt) {
      return 'changed';
    }
    stored.report = copy(report);
    // The profile's copy of the week too, when it has one (bumping its version), as in one transaction.
    const profile = this.profiles.get(subscriberId);
    const summary = profile?.recent?.[weekStart];
    if (profile && summary) {
      summary.report = copy(reportSummary(report));
      profile.version += 1;
    }
    return true;
  }

  async recentWeeks(subscriberId: string, limit: number): Promise<WeekRecord[]> {
    return (await this.allWeeks(subscriberId)).slice(-limit);
  }

  async allWeeks(subscriberId: string): Promise<WeekRecord[]> {
    return [...this.weeksOf(subscriberId).values()]
      .sort((a, b) => a.weekStart.localeCompare(b.weekStart))
      .map((w) => weekRecordSchema.parse(copy(w)));
  }

  async erase(subscriberId: string, normalizedEmail: string): Promise<void> {
    this.profiles.delete(subscriberId);
    for (const weekStart of this.weeks.get(subscriberId)?.keys() ?? []) {
      this.openClaims.delete(`${subscriberId}|${weekStart}`);
    }
    this.weeks.delete(subscriberId);
    // The address reservation goes only if it still points at this subscriber.
    if (this.emails.get(normalizedEmail) === subscriberId) this.emails.delete(normalizedEmail);
  }

  async addSuppression(
    addressHash: string,
    reason: 'bounce' | 'complaint' | 'erased-after-suppression',
  ): Promise<void> {
    this.suppressions.set(addressHash, reason);
  }

  async isSuppressed(addressHash: string): Promise<boolean> {
    return this.suppressions.has(addressHash);
  }

  async takeRateLimit(key: string, limit: number, _expiresAtEpochSeconds: number): Promise<boolean> {
    const count = this.rateCounts.get(key) ?? 0;
    if (count >= limit) return false;
    this.rateCounts.set(key, count + 1);
    return true;
  }

  async queryDue(shard: number, at: string, cursor?: string, pageSize = 500): Promise<DuePage> {
    const due = [...this.profiles.values()]
      .filter(
        (p) =>
          p.status === 'active' &&
          p.nextSendAt !== undefined &&
          p.nextSendAt <= at &&
          dueShardOf(p.id, this.dueShards) === shard,
      )
      .sort((a, b) => (a.nextSendAt ?? '').localeCompare(b.nextSendAt ?? '') || a.id.localeCompare(b.id));
    const start = cursor === undefined ? 0 : Number(cursor);
    const page = due.slice(start, start + pageSize).map((p) => ({
      subscriberId: p.id,
      nextSendAt: p.nextSendAt as string,
      snapshot: copy(p) as unknown as Record<string, unknown>,
    }));
    const end = start + pageSize;
    return end < due.length ? { items: page, cursor: String(end) } : { items: page };
  }

  /** Every stored profile's id, for tests that check what a refused write left behind. */
  storedProfileIds(): string[] {
    return [...this.profiles.keys()];
  }

  private putProfile(subscriber: Subscriber): void {
    const stored = copy(subscriber);
    // Only active subscribers keep a next send, as in the DynamoDB store's sparse due index.
    if (stored.status !== 'active') delete stored.nextSendAt;
    this.profiles.set(subscriber.id, stored);
  }

  private weeksOf(subscriberId: string): Map<string, WeekRecord> {
    let weeks = this.weeks.get(subscriberId);
    if (!weeks) {
      weeks = new Map();
      this.weeks.set(subscriberId, weeks);
    }
    return weeks;
  }
}
