// The SubscriberStore on DynamoDB: one table, conditional writes for every change that must happen once.

import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { dueShardOf } from '#domain/due-shard';
import type { Subscriber, WeekRecord, WeekReport } from '#domain/types';
import { reportSummary } from '#domain/week-report';
import { CLAIM_INDEX, DUE_INDEX, TTL_ATTRIBUTE } from '#lambdas/env-names';
import type { ClaimPage, ClaimResult, CreatePendingResult, DuePage, SubscriberStore } from '#lambdas/ports';
import { emailItemSchema, profileItemSchema, weekItemSchema } from './item-schemas';

/** Week records (the plan sent and, later, what came back) are kept this long after the week, then expire. */
export const WEEK_RETENTION_DAYS = 400;

const PROFILE = 'PROFILE';
const subKey = (id: string) => `SUB#${id}`;
const weekKey = (weekStart: string) => `WEEK#${weekStart}`;
const emailKey = (normalizedEmail: string) => `EMAIL#${normalizedEmail}`;

export class DynamoSubscriberStore implements SubscriberStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
    private readonly dueShards: number,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get(subscriberId: string): Promise<Subscriber | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { PK: subKey(subscriberId), SK: PROFILE },
        ConsistentRead: true,
      }),
    );
    return out.Item ? profileItemSchema.parse(out.Item) : undefined;
  }

  async findIdByEmail(normalizedEmail: string): Promise<string | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { PK: emailKey(normalizedEmail), SK: 'EMAIL' },
        ConsistentRead: true,
      }),
    );
    return out.Item ? emailItemSchema.parse(out.Item).subscriberId : undefined;
  }

  async createPending(subscriber: Subscriber, normalizedEmail: string): Promise<CreatePendingResult> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { PK: emailKey(normalizedEmail), SK: 'EMAIL', subscriberId: subscriber.id },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: this.profileItem(subscriber),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof TransactionCanceledException) return 'email-taken';
      throw error;
    }
  }

  async update(subscriber: Subscriber, expectedVersion: number): Promise<boolean> {
    return this.conditional(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.profileItem(subscriber),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': expectedVersion },
        }),
      ),
    );
  }

  async claimWeek(week: WeekRecord, subscriber: Subscriber, expectedVersion: number): Promise<ClaimResult> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: this.weekItem(week),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: this.profileItem(subscriber),
                ConditionExpression: 'version = :v',
                ExpressionAttributeValues: { ':v': expectedVersion },
              },
            },
          ],
        }),
      );
      return 'claimed';
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const [weekReason] = error.CancellationReasons ?? [];
        return weekReason?.Code === 'ConditionalCheckFailed' ? 'week-exists' : 'subscriber-changed';
      }
      throw error;
    }
  }

  async getWeek(subscriberId: string, weekStart: string): Promise<WeekRecord | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { PK: subKey(subscriberId), SK: weekKey(weekStart) },
        ConsistentRead: true,
      }),
    );
    return out.Item ? weekItemSchema.parse(out.Item) : undefined;
  }

  async markWeekSent(
    subscriberId: string,
    weekStart: string,
    messageId: string,
    sentAt: string,
  ): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: subKey(subscriberId), SK: weekKey(weekStart) },
        // Sent: out of the claim index.
        UpdateExpression: 'SET #status = :sent, messageId = :m, sentAt = :t REMOVE #claimShard',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#status': 'status', '#claimShard': CLAIM_INDEX.partitionKey },
        ExpressionAttributeValues: { ':sent': 'sent', ':m': messageId, ':t': sentAt },
      }),
    );
  }

  async takeOverClaim(
    subscriberId: string,
    weekStart: string,
    expectedClaimedAt: string,
    claimId: string,
    claimedAt: string,
  ): Promise<boolean> {
    return this.conditional(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: subKey(subscriberId), SK: weekKey(weekStart) },
          UpdateExpression: 'SET claimId = :claim, claimedAt = :now',
          ConditionExpression: '#status = :claimed AND claimedAt = :expected',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':claim': claimId,
            ':now': claimedAt,
            ':claimed': 'claimed',
            ':expected': expectedClaimedAt,
          },
        }),
      ),
    );
  }

  async queryOpenClaims(
    shard: number,
    claimedBefore: string,
    cursor?: string,
    pageSize = 500,
  ): Promise<ClaimPage> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: CLAIM_INDEX.name,
        KeyConditionExpression: '#shard = :shard AND #claimedAt < :before',
        ExpressionAttributeNames: { '#shard': CLAIM_INDEX.partitionKey, '#claimedAt': CLAIM_INDEX.sortKey },
        ExpressionAttributeValues: { ':shard': claimShardKey(shard), ':before': claimedBefore },
        Limit: pageSize,
        ...(cursor === undefined ? {} : { ExclusiveStartKey: decodeCursor(cursor) }),
      }),
    );
    // The index holds keys only: the subscriber and the week come from the item's own keys.
    const items = (out.Items ?? []).flatMap((item) => {
      const pk = String(item.PK);
      const sk = String(item.SK);
      if (!pk.startsWith('SUB#') || !sk.startsWith('WEEK#')) return [];
      return [
        { subscriberId: pk.slice(4), weekStart: sk.slice(5), claimedAt: String(item[CLAIM_INDEX.sortKey]) },
      ];
    });
    return out.LastEvaluatedKey ? { items, cursor: encodeCursor(out.LastEvaluatedKey) } : { items };
  }

  async releaseClaim(subscriberId: string, weekStart: string, expectedClaimedAt: string): Promise<boolean> {
    return this.conditional(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: subKey(subscriberId), SK: weekKey(weekStart) },
          UpdateExpression: 'REMOVE #claimShard',
          ConditionExpression: '#status = :claimed AND claimedAt = :expected',
          ExpressionAttributeNames: { '#status': 'status', '#claimShard': CLAIM_INDEX.partitionKey },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':expected': expectedClaimedAt },
        }),
      ),
    );
  }

  /**
   * Stores the report on the week item and, in the same transaction, on the profile's copy of that week
   * (bumping the profile's version, so a weekly send racing with it re-reads and never loses it).
   */
  async saveReport(
    subscriberId: string,
    weekStart: string,
    report: WeekReport,
    expectedReceivedAt?: string | null,
  ): Promise<boolean | 'changed'> {
    const unchanged =
      expectedReceivedAt === undefined
        ? ''
        : expectedReceivedAt === null
          ? ' AND attribute_not_exists(#report)'
          : ' AND #report.#receivedAt = :expected';
    const weekUpdate = {
      TableName: this.tableName,
      Key: { PK: subKey(subscriberId), SK: weekKey(weekStart) },
      UpdateExpression: 'SET #report = :report',
      ConditionExpression: `attribute_exists(PK)${unchanged}`,
      ExpressionAttributeNames: {
        '#report': 'report',
        ...(typeof expectedReceivedAt === 'string' ? { '#receivedAt': 'receivedAt' } : {}),
      },
      ExpressionAttributeValues: {
        ':report': report,
        ...(typeof expectedReceivedAt === 'string' ? { ':expected': expectedReceivedAt } : {}),
      },
    };
    // A failed condition is a missing week, or (for a conditional save) a report someone else just wrote.
    const failed = async (): Promise<false | 'changed'> =>
      expectedReceivedAt !== undefined && (await this.getWeek(subscriberId, weekStart)) ? 'changed' : false;
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: weekUpdate },
            {
              Update: {
                TableName: this.tableName,
                Key: { PK: subKey(subscriberId), SK: PROFILE },
                UpdateExpression: 'SET #recent.#week.#report = :report, #version = #version + :one',
                ConditionExpression: 'attribute_exists(#recent.#week)',
                ExpressionAttributeNames: {
                  '#recent': 'recent',
                  '#week': weekStart,
                  '#report': 'report',
                  '#version': 'version',
                },
                ExpressionAttributeValues: { ':report': reportSummary(report), ':one': 1 },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [weekReason, profileReason] = error.CancellationReasons ?? [];
      if (weekReason?.Code === 'ConditionalCheckFailed') return failed();
      if (profileReason?.Code !== 'ConditionalCheckFailed') throw error;
    }
    // The week is older than the profile's recent weeks (or the profile predates them): the week item alone.
    return (await this.conditional(() => this.doc.send(new UpdateCommand(weekUpdate)))) || failed();
  }

  async recentWeeks(subscriberId: string, limit: number): Promise<WeekRecord[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :week)',
        ExpressionAttributeValues: { ':pk': subKey(subscriberId), ':week': 'WEEK#' },
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map((item) => weekItemSchema.parse(item)).reverse();
  }

  async allWeeks(subscriberId: string): Promise<WeekRecord[]> {
    const weeks: WeekRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :week)',
          ExpressionAttributeValues: { ':pk': subKey(subscriberId), ':week': 'WEEK#' },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      weeks.push(...(out.Items ?? []).map((item) => weekItemSchema.parse(item)));
      start = out.LastEvaluatedKey;
    } while (start);
    return weeks;
  }

  async erase(subscriberId: string, normalizedEmail: string): Promise<void> {
    // First take the profile out of the due index and bump its version: a weekly send racing with the
    // erasure then fails its claim and re-reads a profile that is no longer active, so it writes nothing.
    await this.conditional(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: subKey(subscriberId), SK: PROFILE },
          UpdateExpression: 'SET #status = :gone, #version = #version + :one REMOVE #shard, #next',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#version': 'version',
            '#shard': DUE_INDEX.partitionKey,
            '#next': DUE_INDEX.sortKey,
          },
          ExpressionAttributeValues: { ':gone': 'unsubscribed', ':one': 1 },
        }),
      ),
    );
    const keys: { PK: string; SK: string }[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': subKey(subscriberId) },
          ProjectionExpression: 'PK, SK',
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      keys.push(...(out.Items ?? []).map((i) => ({ PK: String(i.PK), SK: String(i.SK) })));
      start = out.LastEvaluatedKey;
    } while (start);
    // The address reservation goes only if it still points at this subscriber.
    await this.conditional(() =>
      this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { PK: emailKey(normalizedEmail), SK: 'EMAIL' },
          ConditionExpression: 'subscriberId = :id',
          ExpressionAttributeValues: { ':id': subscriberId },
        }),
      ),
    );
    for (let i = 0; i < keys.length; i += 25) {
      let pending = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt === 8) throw new Error('DynamoDB kept some deletes unprocessed');
        if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        const out = await this.doc.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
        );
        pending = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof pending;
      }
    }
  }

  async addSuppression(
    addressHash: string,
    reason: 'bounce' | 'complaint' | 'erased-after-suppression',
  ): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { PK: `SUPPRESS#${addressHash}`, SK: 'SUPPRESS', reason },
      }),
    );
  }

  async takeRateLimit(key: string, limit: number, expiresAtEpochSeconds: number): Promise<boolean> {
    return this.conditional(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: `RATE#${key}`, SK: 'RATE' },
          UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count', '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': expiresAtEpochSeconds },
        }),
      ),
    );
  }

  async isSuppressed(addressHash: string): Promise<boolean> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { PK: `SUPPRESS#${addressHash}`, SK: 'SUPPRESS' },
        ConsistentRead: true,
      }),
    );
    return out.Item !== undefined;
  }

  async queryDue(shard: number, at: string, cursor?: string, pageSize = 500): Promise<DuePage> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: DUE_INDEX.name,
        KeyConditionExpression: '#shard = :shard AND #next <= :at',
        ExpressionAttributeNames: { '#shard': DUE_INDEX.partitionKey, '#next': DUE_INDEX.sortKey },
        ExpressionAttributeValues: { ':shard': `DUE#${shard}`, ':at': at },
        Limit: pageSize,
        ...(cursor === undefined ? {} : { ExclusiveStartKey: decodeCursor(cursor) }),
      }),
    );
    const items = (out.Items ?? []).map((item) => {
      // The index projects whole profiles, passed on as stored without the table's keys; send-week parses them.
      const { PK: _pk, SK: _sk, [DUE_INDEX.partitionKey]: _shard, ...snapshot } = item;
      return { subscriberId: String(item.id), nextSendAt: String(item[DUE_INDEX.sortKey]), snapshot };
    });
    return out.LastEvaluatedKey ? { items, cursor: encodeCursor(out.LastEvaluatedKey) } : { items };
  }

  /** Sends a conditional write: true when written, false when its condition did not hold. */
  private async conditional(write: () => Promise<unknown>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private profileItem(subscriber: Subscriber): Record<string, unknown> {
    const due = subscriber.status === 'active' && subscriber.nextSendAt !== undefined;
    return {
      PK: subKey(subscriber.id),
      SK: PROFILE,
      ...subscriber,
      // Only active subscribers are in the (sparse) due index.
      ...(due ? { [DUE_INDEX.partitionKey]: `DUE#${dueShardOf(subscriber.id, this.dueShards)}` } : {}),
      ...(due ? {} : { nextSendAt: undefined }),
    };
  }

  private weekItem(week: WeekRecord): Record<string, unknown> {
    const expires = Date.parse(`${week.weekStart}T00:00:00Z`) / 1000 + WEEK_RETENTION_DAYS * 86400;
    // A claimed week is in the (sparse) claim index until it is sent, so a sweep can find it if it is never sent.
    const open =
      week.status === 'claimed'
        ? { [CLAIM_INDEX.partitionKey]: claimShardKey(dueShardOf(week.subscriberId, this.dueShards)) }
        : {};
    return {
      PK: subKey(week.subscriberId),
      SK: weekKey(week.weekStart),
      ...week,
      ...open,
      [TTL_ATTRIBUTE]: expires,
    };
  }
}

const claimShardKey = (shard: number) => `CLAIM#${shard}`;

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
}
