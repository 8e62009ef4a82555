// Creates the coach's table in DynamoDB Local with the same keys, indexes and TTL as the CDK stack.
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CLAIM_INDEX, DUE_INDEX, TTL_ATTRIBUTE } from '#lambdas/env-names';

const CLAIM_INDEX_SPEC: GlobalSecondaryIndex = {
  IndexName: CLAIM_INDEX.name,
  KeySchema: [
    { AttributeName: CLAIM_INDEX.partitionKey, KeyType: 'HASH' },
    { AttributeName: CLAIM_INDEX.sortKey, KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'KEYS_ONLY' },
};

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'existed'> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'PK', AttributeType: 'S' },
          { AttributeName: 'SK', AttributeType: 'S' },
          { AttributeName: DUE_INDEX.partitionKey, AttributeType: 'S' },
          { AttributeName: DUE_INDEX.sortKey, AttributeType: 'S' },
          { AttributeName: CLAIM_INDEX.partitionKey, AttributeType: 'S' },
          { AttributeName: CLAIM_INDEX.sortKey, AttributeType: 'S' },
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
          CLAIM_INDEX_SPEC,
        ],
      }),
    );
  } catch (error) {
    if (error instanceof ResourceInUseException) {
      await addClaimIndex(client, tableName);
      return 'existed';
    }
    throw error;
  }
  await untilActive(client, tableName);
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    }),
  );
  return 'created';
}

/** Waits for the table and every index to be active (an index added to a full table is built first). */
async function untilActive(client: DynamoDBClient, tableName: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexes = out.Table?.GlobalSecondaryIndexes ?? [];
    if (out.Table?.TableStatus === 'ACTIVE' && indexes.every((i) => i.IndexStatus === 'ACTIVE')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the table ${tableName} and its indexes were not active after ${timeoutMs / 1000} s`);
}

/** A table kept from before the claim index (a local data folder from an older version) gets it added. */
async function addClaimIndex(client: DynamoDBClient, tableName: string): Promise<void> {
  const out = await client.send(new DescribeTableCommand({ TableName: tableName }));
  if ((out.Table?.GlobalSecondaryIndexes ?? []).some((i) => i.IndexName === CLAIM_INDEX.name)) return;
  await client.send(
    new UpdateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [
        { AttributeName: CLAIM_INDEX.partitionKey, AttributeType: 'S' },
        { AttributeName: CLAIM_INDEX.sortKey, AttributeType: 'S' },
      ],
      GlobalSecondaryIndexUpdates: [{ Create: CLAIM_INDEX_SPEC }],
    }),
  );
  await untilActive(client, tableName);
}
