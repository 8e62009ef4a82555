// `coach stats`: the operator's figures (the ones the Lambdas count as metrics on AWS) worked out from the local
// stack's table: plans sent, replies and whether they were understood, red flags, who unsubscribed or was suppressed.
import { DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { SUBSCRIBER_STATUSES, type SubscriberStatus } from '#domain/types';
import { LocalStackError } from './services';

export interface TableStats {
  /** Week records whose email went out. */
  plansSent: number;
  /** Weeks with a report: a reply to the plan was stored (the latest reply to a week wins, so a week counts once). */
  replies: number;
  /** Reports with a knee pain score. */
  repliesUnderstood: number;
  /** Reports without one. */
  repliesWithoutScore: number;
  /** Reports that named a red flag. */
  redFlags: number;
  /** Subscribers who unsubscribed. */
  unsubscribed: number;
  /** Subscribers suppressed after a hard bounce (or three soft ones) and after a complaint. */
  suppressed: { bounce: number; complaint: number };
  /** Every subscriber by status. */
  subscribers: Record<SubscriberStatus, number>;
}

// Only the attributes the figures need are read; anything else in an item is ignored.
const profileSchema = z.object({
  SK: z.literal('PROFILE'),
  status: z.enum(SUBSCRIBER_STATUSES),
  suppressedReason: z.enum(['bounce', 'complaint']).optional(),
});
const weekSchema = z.object({
  SK: z.string().startsWith('WEEK#'),
  status: z.enum(['claimed', 'sent']),
  report: z
    .object({
      pain: z.object({ score: z.number() }).optional(),
      redFlags: z.array(z.string()).optional(),
    })
    .optional(),
});

/** The figures from the table's items (profiles and weeks; address, suppression and rate items are skipped). */
export function countItems(items: Iterable<unknown>): TableStats {
  const stats: TableStats = {
    plansSent: 0,
    replies: 0,
    repliesUnderstood: 0,
    repliesWithoutScore: 0,
    redFlags: 0,
    unsubscribed: 0,
    suppressed: { bounce: 0, complaint: 0 },
    subscribers: Object.fromEntries(SUBSCRIBER_STATUSES.map((s) => [s, 0])) as Record<
      SubscriberStatus,
      number
    >,
  };
  for (const item of items) {
    const profile = profileSchema.safeParse(item);
    if (profile.success) {
      const { status, suppressedReason } = profile.data;
      stats.subscribers[status] += 1;
      if (status === 'unsubscribed') stats.unsubscribed += 1;
      if (status === 'suppressed' && suppressedReason) stats.suppressed[suppressedReason] += 1;
      continue;
    }
    const week = weekSchema.safeParse(item);
    if (!week.success) continue;
    if (week.data.status === 'sent') stats.plansSent += 1;
    const report = week.data.report;
    if (!report) continue;
    stats.replies += 1;
    if (report.pain) stats.repliesUnderstood += 1;
    else stats.repliesWithoutScore += 1;
    if ((report.redFlags ?? []).length > 0) stats.redFlags += 1;
  }
  return stats;
}

/** Scans the whole table, page by page (`pageSize` items a page, for tests), reading only what the figures need. */
export async function tableStats(
  client: DynamoDBClient,
  tableName: string,
  pageSize?: number,
): Promise<TableStats> {
  const doc = DynamoDBDocumentClient.from(client);
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        // A report always has receivedAt: without it, one with no score and no red flag would project to nothing.
        ProjectionExpression:
          'SK, #status, suppressedReason, #report.receivedAt, #report.pain, #report.redFlags',
        ExpressionAttributeNames: { '#status': 'status', '#report': 'report' },
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        ...(pageSize === undefined ? {} : { Limit: pageSize }),
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return countItems(items);
}

/** The figures of the stack `npm start` runs; a clear message when it is not running or has no table yet. */
export async function localStats(endpoint: string, port: number, tableName: string): Promise<TableStats> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
  });
  try {
    return await tableStats(client, tableName);
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      throw new LocalStackError(
        `DynamoDB on port ${port} has no "${tableName}" table: is that the coach's local stack? Start it with \`npm start\`.`,
      );
    }
    const text = `${(error as { code?: string }).code ?? ''} ${(error as Error).message ?? ''}`;
    if (/ECONNREFUSED|connect/i.test(text)) {
      throw new LocalStackError(
        `The local stack is not running on port ${port}: start it with \`npm start\` in another terminal.`,
      );
    }
    throw error;
  } finally {
    client.destroy();
  }
}
