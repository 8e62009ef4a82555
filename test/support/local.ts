// Helpers for tests against the local services: a fresh table per test, the emulator's mailbox, test deps.
import { randomBytes } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { expect, inject } from 'vitest';
import type { Subscriber } from '#domain/types';
import { buildCoachDeps, randomIds, s3Client } from '#lambdas/compose/index';
import type { MailConfig } from '#lambdas/config';
import type { Clock, SubscriberStore } from '#lambdas/ports';
import { ensureTable } from '#lib/local/table';
import type { CoachDeps, Log } from '#use-cases/deps';
import { testConfigFrom } from './config';
import { BERLIN_PREFERENCES } from './fixtures';

export { TEST_SECRET } from './config';

/** The S3 client the local stack uses (s3rver's own credentials, path-style), on the test run's s3rver. */
export function localS3(): S3Client {
  return s3Client({ s3Endpoint: inject('s3Endpoint') });
}

export function localDynamo(): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** A new, empty table with the production schema: tests never see each other's data. */
export async function freshTable(client: DynamoDBClient): Promise<string> {
  const name = `coach-test-${randomBytes(6).toString('hex')}`;
  await ensureTable(client, name);
  return name;
}

export function testConfig(tableName: string, overrides: Partial<MailConfig> = {}): MailConfig {
  return testConfigFrom(tableName, inject('dynamoEndpoint'), inject('sesEndpoint'), overrides);
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export interface CapturedLog extends Log {
  lines: { level: string; message: string; fields: Record<string, unknown> }[];
}

export function captureLog(): CapturedLog {
  const lines: CapturedLog['lines'] = [];
  const push = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push({ level, message, fields: fields ?? {} });
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}

export async function testDeps(
  tableName: string,
  clock: Clock,
  log: Log = captureLog(),
  overrides: Partial<MailConfig> = {},
  dynamo: DynamoDBClient = localDynamo(),
): Promise<CoachDeps> {
  return buildCoachDeps(testConfig(tableName, overrides), { log, clock, dynamo });
}

export async function tableItems(client: DynamoDBClient, tableName: string) {
  const out = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }));
  return out.Items ?? [];
}

export interface StoredEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers?: { name: string; value: string }[];
  attachments: { filename?: string; contentType: string; content: string }[];
}

/** Every email the SES emulator has accepted, optionally only those to one address. */
export async function mailbox(
  to?: string,
  sesEndpoint: string = inject('sesEndpoint'),
): Promise<StoredEmail[]> {
  const response = await fetch(`${sesEndpoint}/store`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return to === undefined ? emails : emails.filter((e) => e.destination.to.includes(to));
}

/** A unique address per test, so tests sharing the emulator never read each other's mail. */
export function uniqueAddress(name = 'runner'): string {
  return `${name}-${randomBytes(5).toString('hex')}@example.com`;
}

export function linkFrom(email: StoredEmail, path: string): string {
  const match = new RegExp(`https?://[^\\s"<>]+${path}\\?token=[A-Za-z0-9._%-]+`).exec(email.body.text ?? '');
  if (!match) throw new Error(`no ${path} link in the email "${email.subject}"`);
  return match[0];
}

/**
 * Stores an active subscriber as a confirmed sign-up leaves one (Berlin, due on 29 November at 18:00 local), at a
 * unique address starting with `name`; any field can be overridden.
 */
export async function storeActiveSubscriber(
  store: SubscriberStore,
  name: string,
  extra: Partial<Subscriber> = {},
): Promise<Subscriber> {
  const subscriber: Subscriber = {
    id: randomIds.newId(),
    email: uniqueAddress(name),
    status: 'active',
    preferences: BERLIN_PREFERENCES,
    createdAt: '2026-11-01T00:00:00.000Z',
    confirmedAt: '2026-11-01T00:00:00.000Z',
    nextSendAt: '2026-11-29T17:00:00.000Z',
    confirmSends: 0,
    version: 1,
    ...extra,
  };
  expect(await store.createPending(subscriber, subscriber.email)).toBe('created');
  return subscriber;
}
