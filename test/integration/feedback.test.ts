// SES feedback against DynamoDB Local: hard bounces and complaints suppress for good, soft bounces count.
import { beforeEach, describe, expect, it } from 'vitest';
import { addressHash } from '#domain/email-address';
import { makeFeedbackHandler } from '#handlers/feedback';
import { simulatedSesEvent, snsFeedbackEvent } from '#lib/local/ses-simulator';
import { runWeek } from '#lib/local/stack';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';
import {
  type CapturedLog,
  captureLog,
  freshTable,
  localDynamo,
  ManualClock,
  mailbox,
  storeActiveSubscriber,
  tableItems,
  testDeps,
  uniqueAddress,
} from '#test/support/local';
import type { CoachDeps } from '#use-cases/deps';
import { subscribe } from '#use-cases/subscribe';

const dynamo = localDynamo();
let deps: CoachDeps;
let log: CapturedLog;
let tableName: string;
let feedback: (event: unknown) => Promise<void>;

beforeEach(async () => {
  tableName = await freshTable(dynamo);
  log = captureLog();
  deps = await testDeps(tableName, new ManualClock(new Date('2026-11-29T17:00:00Z')), log);
  feedback = makeFeedbackHandler(() => deps);
});

const active = () => storeActiveSubscriber(deps.store, 'feedback');

const simulate = (kind: Parameters<typeof simulatedSesEvent>[0], email: string) =>
  feedback(snsFeedbackEvent(simulatedSesEvent(kind, email)));

describe('the feedback handler', () => {
  it.each(['bounce', 'complaint'] as const)(
    'suppresses for good after a %s: no email of any kind again',
    async (kind) => {
      const runner = await active();
      await simulate(kind, runner.email.toUpperCase());

      const stored = await deps.store.get(runner.id);
      expect(stored).toMatchObject({
        status: 'suppressed',
        suppressedReason: kind === 'bounce' ? 'bounce' : 'complaint',
      });
      expect(stored?.nextSendAt).toBeUndefined();
      expect(await deps.store.isSuppressed(addressHash(runner.email))).toBe(true);
      expect((await runWeek(deps, new Date('2026-11-29T17:00:00Z'))).sent).toBe(0);
      expect(await subscribe(deps, { email: runner.email, preferences: BERLIN_PREFERENCES })).toBe(
        'suppressed',
      );
      expect(await mailbox(runner.email)).toHaveLength(0);
    },
  );

  it('counts soft bounces, resets them on a delivery, and suppresses after three in a row', async () => {
    const runner = await active();
    await simulate('soft-bounce', runner.email);
    await simulate('soft-bounce', runner.email);
    expect((await deps.store.get(runner.id))?.softBounces).toBe(2);
    await simulate('delivery', runner.email);
    expect((await deps.store.get(runner.id))?.softBounces).toBe(0);
    for (let i = 0; i < 3; i++) await simulate('soft-bounce', runner.email);
    expect(await deps.store.get(runner.id)).toMatchObject({ status: 'suppressed', softBounces: 3 });
  });

  it('counts a soft bounce once when SNS or Lambda delivers the same event again', async () => {
    const runner = await active();
    const first = snsFeedbackEvent(simulatedSesEvent('soft-bounce', runner.email));
    const second = snsFeedbackEvent(simulatedSesEvent('soft-bounce', runner.email));

    for (let i = 0; i < 3; i++) await feedback(first);
    expect(await deps.store.get(runner.id)).toMatchObject({ status: 'active', softBounces: 1 });
    await feedback(second);
    await feedback(second);
    expect(await deps.store.get(runner.id)).toMatchObject({ status: 'active', softBounces: 2 });
    expect(log.lines.filter((l) => l.fields.outcome === 'ignored')).toHaveLength(3);
    // The first bounce again, after the second: still counted once.
    await feedback(first);
    expect(await deps.store.get(runner.id)).toMatchObject({ status: 'active', softBounces: 2 });
  });

  it('still acts on a bounce whose SES message id is malformed', async () => {
    const runner = await active();
    const event = simulatedSesEvent('bounce', runner.email) as { mail: Record<string, unknown> };
    event.mail.messageId = 'x'.repeat(1000);

    await feedback(snsFeedbackEvent(event));

    expect(await deps.store.get(runner.id)).toMatchObject({
      status: 'suppressed',
      suppressedReason: 'bounce',
    });
  });

  it('remembers a bounced address nobody is subscribed with, by its hash only', async () => {
    const email = uniqueAddress('stranger');
    await simulate('bounce', email);
    expect(await subscribe(deps, { email, preferences: BERLIN_PREFERENCES })).toBe('suppressed');
    expect(await mailbox(email)).toHaveLength(0);
    const items = JSON.stringify(await tableItems(dynamo, tableName));
    expect(items).not.toContain(email);
    expect(items).toContain(addressHash(email));
  });

  it('never throws on malformed events, and logs no address', async () => {
    const runner = await active();
    await expect(feedback('garbage')).resolves.toBeUndefined();
    await expect(feedback({ Records: [{ Sns: { Message: '{not json' } }] })).resolves.toBeUndefined();
    await expect(
      feedback({ Records: [{ Sns: { Message: '{"eventType":"Bounce"}' } }] }),
    ).resolves.toBeUndefined();
    await simulate('complaint', runner.email);
    expect(JSON.stringify(log.lines)).not.toContain(runner.email);
  });
});
