// The local stack's table kept in a data folder from an older version (no claim index) gets the index when
// `npm start` runs the new version, so the hourly run's sweep works on old data. Its own DynamoDB Local, started
// twice on the same folder as a user's two `npm start`s would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, expect, it } from 'vitest';
import { DynamoSubscriberStore } from '#adapters/dynamo-subscriber-store';
import { CLAIM_INDEX, DUE_INDEX } from '#lambdas/env-names';
import { freePort, type RunningService, startDynamoLocal } from '#lib/local/services';
import { LOCAL_TABLE } from '#lib/local/stack';
import { ensureTable } from '#lib/local/table';
import { CONTRACT_DUE_SHARDS, contractSubscriber, contractWeek } from '#test/support/store-contract';

const dataDir = mkdtempSync(join(tmpdir(), 'coach-old-table-'));
const running: RunningService[] = [];

function clientFor(service: RunningService): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: service.url,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

afterAll(async () => {
  for (const service of running) await service.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('adds the claim index to a table from before it, keeping what the table held', async () => {
  // Prepare: the table as an older `npm start` created it, with the due index only and one subscriber.
  const before = await startDynamoLocal(await freePort(), dataDir);
  running.push(before);
  const old = clientFor(before);
  await old.send(
    new CreateTableCommand({
      TableName: LOCAL_TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
        { AttributeName: DUE_INDEX.partitionKey, AttributeType: 'S' },
        { AttributeName: DUE_INDEX.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: DUE_INDEX.name,
          KeySchema: [
            { AttributeName: DUE_INDEX.partitionKey, KeyType: 'HASH' },
            { AttributeName: DUE_INDEX.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  await new DynamoSubscriberStore(old, LOCAL_TABLE, CONTRACT_DUE_SHARDS).createPending(
    contractSubscriber('oldt', { status: 'active' }),
    'oldt@x.io',
  );
  await before.stop();

  // Act: the new version starts on the same folder.
  const after = await startDynamoLocal(await freePort(), dataDir);
  running.push(after);
  const client = clientFor(after);
  const outcome = await ensureTable(client, LOCAL_TABLE);
  const again = await ensureTable(client, LOCAL_TABLE);

  // Assess
  expect([outcome, again]).toEqual(['existed', 'existed']);
  const described = await client.send(new DescribeTableCommand({ TableName: LOCAL_TABLE }));
  expect(described.Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus]).sort()).toEqual([
    [CLAIM_INDEX.name, 'ACTIVE'],
    [DUE_INDEX.name, 'ACTIVE'],
  ]);
  const store = new DynamoSubscriberStore(client, LOCAL_TABLE, CONTRACT_DUE_SHARDS);
  expect((await store.get('oldt'))?.status).toBe('active');
  await store.claimWeek(
    contractWeek('oldt', '2026-11-30'),
    contractSubscriber('oldt', { status: 'active', version: 2 }),
    1,
  );
  const pages = await Promise.all(
    Array.from({ length: CONTRACT_DUE_SHARDS }, (_, shard) =>
      store.queryOpenClaims(shard, '2026-12-01T00:00:00.000Z'),
    ),
  );
  expect(pages.flatMap((p) => p.items.map((c) => c.subscriberId))).toEqual(['oldt']);
}, 120_000);
