// `coach run-week` killed with SIGKILL part-way through 200 subscribers, then run again after the stale window
// (shortened with COACH_STALE_CLAIM_SECONDS, as a user would to try it): every subscriber gets that week's plan,
// exactly once. Against DynamoDB Local and the SES emulator, through the real CLI in child processes.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DeleteTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Subscriber } from '#domain/types';
import { LOCAL_TABLE } from '#lib/local/stack';
import { ensureTable } from '#lib/local/table';
import {
  captureLog,
  localDynamo,
  ManualClock,
  mailbox,
  storeActiveSubscriber,
  testDeps,
} from '#test/support/local';

const run = promisify(execFile);
const COACH = resolve(import.meta.dirname, '../../bin/coach.mjs');
const AT = '2026-11-29T17:00:00.000Z'; // the stored subscribers' plan is due
const WEEK = '2026-11-30';
const COUNT = 200;

const dynamo = localDynamo();
const dataDir = mkdtempSync(join(tmpdir(), 'coach-killed-'));
const env = {
  ...process.env,
  COACH_DYNAMODB_PORT: new URL(inject('dynamoEndpoint')).port,
  COACH_MAILBOX_PORT: new URL(inject('sesEndpoint')).port,
  COACH_DATA_DIR: dataDir,
};

async function dropTable(): Promise<void> {
  await dynamo.send(new DeleteTableCommand({ TableName: LOCAL_TABLE })).catch((error: unknown) => {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  });
}

let subscribers: Subscriber[] = [];
const deps = () => testDeps(LOCAL_TABLE, new ManualClock(new Date(AT)), captureLog());

/** How many plan emails each subscriber has in the mailbox. */
async function received(): Promise<Map<string, number>> {
  const counts = new Map(subscribers.map((s) => [s.email, 0]));
  for (const email of await mailbox()) {
    for (const to of email.destination.to) if (counts.has(to)) counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return counts;
}

const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

beforeAll(async () => {
  await dropTable();
  await ensureTable(dynamo, LOCAL_TABLE);
  const { store } = await deps();
  subscribers = [];
  for (let i = 0; i < COUNT; i += 25) {
    subscribers.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(25, COUNT - i) }, () => storeActiveSubscriber(store, 'killed')),
      )),
    );
  }
}, 60_000);

afterAll(async () => {
  await dropTable();
  rmSync(dataDir, { recursive: true, force: true });
});

it('sends every plan once when a killed weekly run is run again after the stale window', async () => {
  // Act: the first run, killed once about a third of the plans are out.
  const child = spawn(process.execPath, [COACH, 'run-week', '--at', AT], { env, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
  let sentBeforeKill = 0;
  for (let i = 0; i < 1200 && sentBeforeKill < COUNT / 3; i++) {
    await new Promise((r) => setTimeout(r, 50));
    sentBeforeKill = sum(await received());
  }
  child.kill('SIGKILL');
  const signal = await exited;
  // Past the one-second window, and time for any send the emulator was still taking in.
  await new Promise((r) => setTimeout(r, 2500));
  const afterKill = await received();
  const { store } = await deps();
  const weeks = await Promise.all(subscribers.map((s) => store.getWeek(s.id, WEEK)));
  const claimedUnsent = subscribers.filter((_, i) => weeks[i]?.status === 'claimed');
  // A kill after SES took an email in but before the week was marked sent cannot be told from one before it:
  // those few (at most one per shard working at the time) may get the plan twice, and no one else may.
  const inFlight = new Set(
    claimedUnsent.filter((s) => (afterKill.get(s.email) ?? 0) > 0).map((s) => s.email),
  );

  const rerun = await run(process.execPath, [COACH, 'run-week', '--at', AT], {
    env: { ...env, COACH_STALE_CLAIM_SECONDS: '1' },
    timeout: 120_000,
  });
  const afterRerun = await received();
  const again = await run(process.execPath, [COACH, 'run-week', '--at', AT], {
    env: { ...env, COACH_STALE_CLAIM_SECONDS: '1' },
    timeout: 60_000,
  });

  // Assess
  expect(signal).toBe('SIGKILL');
  expect(sum(afterKill)).toBeLessThan(COUNT);
  expect(inFlight.size).toBeLessThanOrEqual(4);
  const resumed = claimedUnsent.length;
  expect(rerun.stdout).toContain(
    resumed > 0 ? `, ${resumed} unsent week(s) from an earlier run resumed` : 'plan email(s) sent',
  );
  const wrong = subscribers.filter((s) => afterRerun.get(s.email) !== (inFlight.has(s.email) ? 2 : 1));
  expect(wrong.map((s) => `${s.email}: ${afterRerun.get(s.email)}`)).toEqual([]);
  expect(again.stdout).toMatch(/: 0 due, 0 plan email\(s\) sent/);
  expect(await received()).toEqual(afterRerun);
  const finalWeeks = await Promise.all(subscribers.map((s) => store.getWeek(s.id, WEEK)));
  expect(finalWeeks.filter((w) => w?.status !== 'sent')).toEqual([]);
}, 240_000);
