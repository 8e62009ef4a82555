// The DynamoDB store against DynamoDB Local: the store contract, plus what only DynamoDB has (raw items
// that fail the schema, the weeks' expiry attribute).

import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoSubscriberStore } from '#adapters/dynamo-subscriber-store';
import { freshTable, localDynamo, tableItems } from '#test/support/local';
import {
  CONTRACT_DUE_SHARDS,
  contractSubscriber,
  contractWeek,
  storeContract,
} from '#test/support/store-contract';

const client = localDynamo();

async function makeStore(): Promise<{ store: DynamoSubscriberStore; tableName: string }> {
  const tableName = await freshTable(client);
  return { store: new DynamoSubscriberStore(client, tableName, CONTRACT_DUE_SHARDS), tableName };
}

describe('the DynamoDB store keeps the store contract', () => {
  storeContract(async () => {
    const { store, tableName } = await makeStore();
    return {
      store,
      profileIds: async () =>
        (await tableItems(client, tableName))
          .filter((i) => i.SK?.S === 'PROFILE')
          .map((p) => String(p.id?.S))
          .sort(),
    };
  });
});

describe('the DynamoDB store', () => {
  it('rejects a stored item that does not match the schema instead of trusting it', async () => {
    const { store, tableName } = await makeStore();
    await DynamoDBDocumentClient.from(client).send(
      new PutCommand({
        TableName: tableName,
        Item: { PK: 'SUB#broken', SK: 'PROFILE', id: 'broken', status: 'weird' },
      }),
    );
    await expect(store.get('broken')).rejects.toThrow();
  });

  it('sets an expiry on week items, a little more than a year after the week', async () => {
    const { store, tableName } = await makeStore();
    await store.createPending(contractSubscriber('ffff', { status: 'active' }), 'f@x.io');
    await store.claimWeek(
      contractWeek('ffff', '2026-11-30'),
      contractSubscriber('ffff', { status: 'active', version: 2 }),
      1,
    );
    const items = await tableItems(client, tableName);
    const weekItem = items.find((i) => i.SK?.S === 'WEEK#2026-11-30');
    expect(Number(weekItem?.expiresAt?.N)).toBeGreaterThan(Date.parse('2027-12-01') / 1000);
  });
});
