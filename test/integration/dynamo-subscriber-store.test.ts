// The DynamoDB store against DynamoDB Local: uniqueness, optimistic concurrency, week claims and the due index.

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoSubscriberStore } from '../../lambdas/adapters/dynamo-subscriber-store';
import { planWeek } from '../../lambdas/domain/plan';
import type { Subscriber, WeekRecord } from '../../lambdas/domain/types';
import { BERLIN_PREFERENCES } from '../support/fixtures';
import { freshTable, localDynamo, tableItems } from '../support/local';

const client = localDynamo();
let tableName: string;
let store: DynamoSubscriberStore;

const preferences = BERLIN_PREFERENCES;

function subscriber(id: string, overrides: Partial<Subscriber> = {}): Subscriber {
  return {
    id,
    email: `${id}@example.com`,
    status: 'pending',
    preferences,
    createdAt: '2026-11-20T10:00:00.000Z',
    confirmNonce: `nonce${id}`,
    confirmSends: 1,
    version: 1,
    ...overrides,
  };
}

function week(subscriberId: string, weekStart: string, claimId = 'claim-1'): WeekRecord {
  return {
    subscriberId,
    weekStart,
    plan: planWeek({ profile: preferences, history: [], weekStart }),
    status: 'claimed',
    claimId,
    claimedAt: '2026-11-29T17:00:00.000Z',
  };
}

beforeAll(async () => {
  tableName = await freshTable(client);
});

beforeEach(async () => {
  tableName = await freshTable(client);
  store = new DynamoSubscriberStore(client, tableName, 4);
});

describe('subscribers', () => {
  it('creates a pending subscriber and reserves the address', async () => {
    // Act
    const result = await store.createPending(subscriber('aaaa'), 'aaaa@example.com');
    // Assess
    expect(result).toBe('created');
    expect(await store.findIdByEmail('aaaa@example.com')).toBe('aaaa');
    expect(await store.get('aaaa')).toMatchObject({ id: 'aaaa', status: 'pending', version: 1 });
  });

  it('lets only one of many concurrent subscriptions of the same address through', async () => {
    const results = await Promise.all(
      ['bbba', 'bbbb', 'bbbc', 'bbbd', 'bbbe'].map((id) =>
        store.createPending(subscriber(id), 'same@example.com'),
      ),
    );
    expect(results.filter((r) => r === 'created')).toHaveLength(1);
    const owner = await store.findIdByEmail('same@example.com');
    const profiles = (await tableItems(client, tableName)).filter((i) => i.SK?.S === 'PROFILE');
    // The losers wrote nothing at all: the reservation and the profile are one transaction.
    expect(profiles.map((p) => p.id?.S)).toEqual([owner]);
  });

  it('refuses an update made from a stale version and keeps the newer data', async () => {
    await store.createPending(subscriber('cccc'), 'cccc@example.com');
    const first = await store.update(subscriber('cccc', { status: 'active', version: 2 }), 1);
    const stale = await store.update(subscriber('cccc', { status: 'unsubscribed', version: 2 }), 1);
    expect(first).toBe(true);
    expect(stale).toBe(false);
    expect((await store.get('cccc'))?.status).toBe('active');
  });

  it('rejects a stored item that does not match the schema instead of trusting it', async () => {
    const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
    await DynamoDBDocumentClient.from(client).send(
      new PutCommand({
        TableName: tableName,
        Item: { PK: 'SUB#broken', SK: 'PROFILE', id: 'broken', status: 'weird' },
      }),
    );
    await expect(store.get('broken')).rejects.toThrow();
  });
});

describe('week claims', () => {
  it('claims a week once; a second claim finds it, and nothing else changes', async () => {
    await store.createPending(
      subscriber('dddd', { status: 'active', nextSendAt: '2026-11-29T17:00:00.000Z' }),
      'd@x.io',
    );
    const advanced = subscriber('dddd', {
      status: 'active',
      nextSendAt: '2026-12-06T17:00:00.000Z',
      version: 2,
    });

    const first = await store.claimWeek(week('dddd', '2026-11-30'), advanced, 1);
    const second = await store.claimWeek(
      week('dddd', '2026-11-30', 'claim-2'),
      { ...advanced, version: 3 },
      2,
    );

    expect(first).toBe('claimed');
    expect(second).toBe('week-exists');
    const stored = await store.getWeek('dddd', '2026-11-30');
    expect(stored?.claimId).toBe('claim-1');
    expect((await store.get('dddd'))?.version).toBe(2);
  });

  it('writes neither the week nor the profile when the profile changed meanwhile', async () => {
    await store.createPending(
      subscriber('eeee', { status: 'active', nextSendAt: '2026-11-29T17:00:00.000Z' }),
      'e@x.io',
    );
    const result = await store.claimWeek(
      week('eeee', '2026-11-30'),
      subscriber('eeee', { status: 'active', version: 6 }),
      5,
    );
    expect(result).toBe('subscriber-changed');
    expect(await store.getWeek('eeee', '2026-11-30')).toBeUndefined();
  });

  it('marks a week sent and lists recent weeks oldest first, with an expiry set', async () => {
    for (const w of ['2026-11-16', '2026-11-23', '2026-11-30']) {
      await store.claimWeek(week('ffff', w), subscriber('ffff', { version: 1 }), 0).catch(() => undefined);
    }
    // The profile does not exist yet, so claims above failed; create it and claim for real.
    await store.createPending(subscriber('ffff', { status: 'active' }), 'f@x.io');
    let version = 1;
    for (const w of ['2026-11-16', '2026-11-23', '2026-11-30']) {
      expect(
        await store.claimWeek(
          week('ffff', w),
          subscriber('ffff', { status: 'active', version: version + 1 }),
          version,
        ),
      ).toBe('claimed');
      version++;
    }
    await store.markWeekSent('ffff', '2026-11-30', 'msg-1', '2026-11-29T17:00:01.000Z');

    const recent = await store.recentWeeks('ffff', 2);
    expect(recent.map((w) => w.weekStart)).toEqual(['2026-11-23', '2026-11-30']);
    expect(recent[1]).toMatchObject({ status: 'sent', messageId: 'msg-1' });
    const items = await tableItems(client, tableName);
    const weekItem = items.find((i) => i.SK?.S === 'WEEK#2026-11-30');
    expect(Number(weekItem?.expiresAt?.N)).toBeGreaterThan(Date.parse('2027-12-01') / 1000);
  });
});

describe('the due index', () => {
  it('finds only active subscribers due by the given time, across all shards, page by page', async () => {
    const due = ['ga', 'gb', 'gc', 'gd', 'ge', 'gf', 'gg'];
    for (const id of due) {
      await store.createPending(
        subscriber(id, { status: 'active', nextSendAt: '2026-11-29T17:00:00.000Z' }),
        `${id}@x.io`,
      );
    }
    await store.createPending(
      subscriber('gh', { status: 'active', nextSendAt: '2026-11-29T17:00:00.001Z' }),
      'gh@x.io',
    );
    await store.createPending(
      subscriber('gi', { status: 'pending', nextSendAt: '2026-11-01T00:00:00.000Z' }),
      'gi@x.io',
    );
    await store.createPending(
      subscriber('gj', { status: 'unsubscribed', nextSendAt: '2026-11-01T00:00:00.000Z' }),
      'gj@x.io',
    );

    const found: string[] = [];
    for (let shard = 0; shard < 4; shard++) {
      let cursor: string | undefined;
      do {
        const page = await store.queryDue(shard, '2026-11-29T17:00:00.000Z', cursor, 2);
        expect(page.items.length).toBeLessThanOrEqual(2);
        found.push(...page.items.map((i) => i.subscriberId));
        cursor = page.cursor;
      } while (cursor);
    }
    expect(found.sort()).toEqual(due);
  });
});
