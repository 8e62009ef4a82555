// `coach stats` as a user runs it, against the local stack's table after real sends, replies, an unsubscribe and
// SES feedback: the same figures the Lambdas count as metrics, as JSON and as a table; and a clear message when
// no stack is running.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { DeleteTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MemoryMetrics } from '#adapters/memory-metrics';
import { interpretReply } from '#domain/reply/interpret';
import { freePort } from '#lib/local/services';
import { LOCAL_TABLE } from '#lib/local/stack';
import { type TableStats, tableStats } from '#lib/local/stats';
import { ensureTable } from '#lib/local/table';
import {
  captureLog,
  localDynamo,
  ManualClock,
  storeActiveSubscriber,
  testDeps,
  uniqueAddress,
} from '#test/support/local';
import type { CoachDeps } from '#use-cases/deps';
import { handleFeedback } from '#use-cases/feedback';
import type { InboundDeps } from '#use-cases/inbound-mail';
import { receiveReply } from '#use-cases/reply-to-plan';
import { sendWeeklyPlan } from '#use-cases/send-week';
import { unsubscribeById } from '#use-cases/unsubscribe';

const run = promisify(execFile);
const COACH = resolve(import.meta.dirname, '../../bin/coach.mjs');
const AT = new Date('2026-11-29T17:00:00.000Z'); // the fixture subscribers' first plan is due

const dynamo = localDynamo();
const dynamoPort = new URL(inject('dynamoEndpoint')).port;

async function dropTable(): Promise<void> {
  await dynamo.send(new DeleteTableCommand({ TableName: LOCAL_TABLE })).catch((error: unknown) => {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  });
}

/** `coach stats` in a fresh process, its DynamoDB port set as `npm start` would have it. */
async function coachStats(args: string[], port = dynamoPort) {
  return run(process.execPath, [COACH, 'stats', ...args], {
    env: { ...process.env, COACH_DYNAMODB_PORT: String(port) },
    timeout: 30_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

/** Answers the plan last sent to `to` with `text`, through the reply use case. */
async function reply(deps: CoachDeps, sent: { to: string; replyTo?: string }, text: string): Promise<void> {
  const inbound: InboundDeps = {
    ...deps,
    rawMail: { get: async () => 'missing', put: async () => {} },
    readMessage: async () => ({ error: 'not used' }),
    inbound: { requireSenderAuth: false, maxBytes: 1_000_000 },
  };
  const outcome = await receiveReply(inbound, sent.replyTo?.split('@')[0] ?? '', {
    from: sent.to,
    subject: 'Re: Week 1',
    autoReply: false,
    text,
    findings: interpretReply(text, { today: '2026-12-06' }),
  });
  expect(outcome.kind).toBe('reply-accepted');
}

describe('coach stats', () => {
  const metrics = new MemoryMetrics();

  beforeAll(async () => {
    // Prepare: the local stack's table, as `npm start` creates it, with a small week of activity in it.
    await dropTable();
    await ensureTable(dynamo, LOCAL_TABLE);
    const clock = new ManualClock(AT);
    const built = await testDeps(LOCAL_TABLE, clock, captureLog());
    const sent: { to: string; replyTo?: string }[] = [];
    const deps: CoachDeps = {
      ...built,
      metrics,
      mailer: {
        send: async (email) => {
          sent.push(email);
          return built.mailer.send(email);
        },
      },
    };
    const [ana, ben, cleo] = [
      await storeActiveSubscriber(deps.store, 'ana'),
      await storeActiveSubscriber(deps.store, 'ben'),
      await storeActiveSubscriber(deps.store, 'cleo'),
    ];
    const dan = await storeActiveSubscriber(deps.store, 'dan', { nextSendAt: '2027-01-03T17:00:00.000Z' });
    await storeActiveSubscriber(deps.store, 'eve', { status: 'pending' });
    for (const s of [ana, ben, cleo])
      expect(await sendWeeklyPlan(deps, s.id, AT, `claim-${s.id}`)).toBe('sent');
    const planTo = (email: string) => sent.find((e) => e.to === email) ?? { to: email };
    clock.set('2026-12-06T09:00:00.000Z');
    await reply(deps, planTo(ana.email), 'knee 3/10, fine next morning');
    await reply(deps, planTo(ben.email), 'All good, thanks!');
    await reply(deps, planTo(cleo.email), 'My knee is swollen and gave way on the stairs, 6/10.');
    expect(await unsubscribeById(deps, ben.id)).toBe('unsubscribed');
    await handleFeedback(deps, { kind: 'complaint', recipients: [cleo.email] });
    await handleFeedback(deps, { kind: 'bounce', permanent: true, recipients: [dan.email] });
    // A bounce for an address nobody has: counted by SES, but it suppresses no subscriber.
    await handleFeedback(deps, { kind: 'bounce', permanent: false, recipients: [uniqueAddress('nobody')] });
  }, 60_000);

  afterAll(dropTable);

  it('prints the figures as JSON: plans, replies understood or not, red flags, unsubscribes, suppressions', async () => {
    // Act
    const { code, stdout, stderr } = await coachStats(['--json']);

    // Assess
    expect(code, stderr).toBe(0);
    const stats = JSON.parse(stdout) as TableStats;
    expect(stats).toEqual({
      plansSent: 3,
      replies: 3,
      repliesUnderstood: 2,
      repliesWithoutScore: 1,
      redFlags: 1,
      unsubscribed: 1,
      suppressed: { bounce: 1, complaint: 1 },
      subscribers: { pending: 1, active: 1, unsubscribed: 1, suppressed: 2 },
    });
    // The same figures the Lambdas counted as metrics while it happened (a bounce suppresses only a subscriber).
    expect(metrics.counted).toEqual({
      PlansSent: stats.plansSent,
      RepliesReceived: stats.replies,
      RepliesUnderstood: stats.repliesUnderstood,
      RepliesWithoutScore: stats.repliesWithoutScore,
      RedFlags: stats.redFlags,
      Unsubscribes: stats.unsubscribed,
      Complaints: stats.suppressed.complaint,
      Bounces: stats.suppressed.bounce + 1,
    });
  });

  it('reads the whole table, however many pages the scan takes', async () => {
    // Act
    const inOne = await tableStats(dynamo, LOCAL_TABLE);
    const byTwos = await tableStats(dynamo, LOCAL_TABLE, 2);

    // Assess
    expect(byTwos).toEqual(inOne);
    expect(inOne.plansSent).toBe(3);
  });

  it('prints a table a person can read', async () => {
    // Act
    const { code, stdout } = await coachStats([]);

    // Assess
    expect(code).toBe(0);
    expect(stdout).toMatch(/^What the local coach has done so far\n/);
    expect(stdout).toMatch(
      /\n {2}Weekly plans sent +3\n {2}Replies +3\n {4}understood \(pain score found\) +2\n/,
    );
    expect(stdout).toMatch(/\n {4}no pain score found +1\n {2}Red flags +1\n {2}Unsubscribed +1\n/);
    expect(stdout).toMatch(/\n {2}Suppressed after bounces +1\n {2}Suppressed after a complaint +1\n/);
    expect(stdout).toContain('Subscribers: 1 active, 1 pending, 1 unsubscribed, 2 suppressed');
    // Figures only: no address of anyone.
    expect(stdout).not.toContain('@');
  });

  it('tells the user to start the stack when nothing runs on its DynamoDB port', async () => {
    // Act
    const port = await freePort();
    const { code, stdout, stderr } = await coachStats(['--json'], String(port));

    // Assess
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(
      `coach: The local stack is not running on port ${port}: start it with \`npm start\` in another terminal.`,
    );
  });

  it('says so when DynamoDB runs there but without the coach table', async () => {
    // Prepare
    await dropTable();

    // Act
    const { code, stderr } = await coachStats([]);

    // Assess
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `coach: DynamoDB on port ${dynamoPort} has no "coach" table: is that the coach's local stack? Start it with \`npm start\`.`,
    );
  });

  it('refuses an unknown option with a usage error', async () => {
    // Act
    const { code, stderr } = await coachStats(['--csv']);

    // Assess
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--csv'");
    expect(stderr).toContain('npx coach help');
  });
});
