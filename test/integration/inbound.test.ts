// The inbound Lambda against DynamoDB Local, s3rver and the SES emulator: replies understood, stored, acted on.

import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3RawMailStore } from '#adapters/s3-raw-mail-store';
import { signReplyLocalPart } from '#domain/tokens';
import type { Subscriber } from '#domain/types';
import { makeApiHandler } from '#handlers/api';
import { makeInboundHandler } from '#handlers/inbound';
import { buildInboundDeps, type InboundHandlerDeps } from '#lambdas/compose/inbound';
import { randomIds } from '#lambdas/compose/index';
import { sesReceiptEvent } from '#lib/local/smtp-inbound';
import { runWeek } from '#lib/local/stack';
import { apiEvent, sendConfirmForm } from '#test/support/api-events';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';
import {
  type CapturedLog,
  captureLog,
  freshTable,
  linkFrom,
  localDynamo,
  localS3,
  ManualClock,
  mailbox,
  TEST_SECRET,
  testConfig,
  uniqueAddress,
} from '#test/support/local';
import { MAX_INBOUND_BYTES } from '#use-cases/receive-mail';

const BUCKET = 'coach-inbound-mail';
const dynamo = localDynamo();
const s3 = localS3();
const raw = new S3RawMailStore(s3);

let clock: ManualClock;
let log: CapturedLog;
let inbound: InboundHandlerDeps;
let handle: (event: unknown) => Promise<void>;

const preferences = BERLIN_PREFERENCES;

async function setUp(requireSenderAuth = false) {
  const tableName = await freshTable(dynamo);
  clock = new ManualClock(new Date('2026-11-29T17:00:00Z'));
  log = captureLog();
  inbound = await buildInboundDeps(
    { ...testConfig(tableName), inboundBucket: BUCKET, inboundPrefix: 'inbound/', requireSenderAuth },
    { log, clock, dynamo, s3 },
  );
  handle = makeInboundHandler(async () => inbound);
}

beforeEach(() => setUp());

/** An active subscriber who got the plan for the week of 30 November (sent Sunday 29 November, 18:00 Berlin). */
async function planned(): Promise<{ subscriber: Subscriber; replyTo: string }> {
  const email = uniqueAddress('replier');
  const subscriber: Subscriber = {
    id: randomIds.newId(),
    email,
    status: 'active',
    preferences,
    createdAt: '2026-11-01T00:00:00.000Z',
    nextSendAt: '2026-11-29T17:00:00.000Z',
    confirmSends: 0,
    version: 1,
  };
  await inbound.deps.store.createPending(subscriber, email);
  await runWeek(inbound.deps, clock.now());
  clock.set('2026-12-02T08:00:00Z');
  return {
    subscriber,
    replyTo: `${signReplyLocalPart(subscriber.id, '2026-11-30', TEST_SECRET)}@reply.coach.test`,
  };
}

function message(from: string, to: string, body: string, extraHeaders = ''): string {
  return [
    `From: Runner <${from}>`,
    `To: ${to}`,
    'Subject: Re: Week 1: 90 min over 3 runs',
    `Message-ID: <${randomBytes(6).toString('hex')}@mail.example.com>`,
    'Date: Wed, 02 Dec 2026 09:00:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    ...(extraHeaders ? [extraHeaders] : []),
    '',
    body,
    '',
    'On Sun, 29 Nov 2026 at 18:00, Knee Coach <coach@coach.test> wrote:',
    '> Week 1: hold steady',
    '> knee 9/10 swelling (quoted text must never count)',
    '',
  ].join('\r\n');
}

async function deliver(
  rawMessage: string | Buffer,
  recipients: string[],
  verdicts: Record<string, string> = {},
) {
  const messageId = randomBytes(10).toString('hex');
  await raw.put(
    BUCKET,
    `inbound/${messageId}`,
    Buffer.isBuffer(rawMessage) ? rawMessage : Buffer.from(rawMessage),
  );
  const event = sesReceiptEvent(messageId, recipients, 'sender@example.com') as {
    Records: { ses: { receipt: Record<string, unknown> } }[];
  };
  for (const [name, status] of Object.entries(verdicts)) {
    (event.Records[0] as { ses: { receipt: Record<string, unknown> } }).ses.receipt[name] = { status };
  }
  await handle(event);
  return log.lines.at(-1);
}

async function reply(text: string, extraHeaders = '') {
  const { subscriber, replyTo } = await planned();
  const outcome = await deliver(message(subscriber.email, replyTo, text, extraHeaders), [replyTo]);
  const week = await inbound.deps.store.getWeek(subscriber.id, '2026-11-30');
  const mails = await mailbox(subscriber.email);
  return { subscriber, replyTo, outcome, week, ack: mails.length > 1 ? mails.at(-1) : undefined, mails };
}

describe('a reply to the weekly email', () => {
  it('is stored on the week it answers, acknowledged, and changes next week', async () => {
    const { subscriber, outcome, week, ack } = await reply(
      'Knee about 4/10 after the long run, fine next morning. New shoes too.',
    );

    expect(outcome?.fields.outcome).toBe('reply-accepted');
    expect(week?.report).toMatchObject({ pain: { score: 4, settledNextMorning: true }, changes: ['shoes'] });
    expect(ack?.subject).toBe('Got it: knee 4/10, settled by morning, new shoes');
    expect(ack?.body.text).toContain('Next week (from Mon 7 Dec): hold steady, 90 min over 3 runs.');
    expect(ack?.body.text).toContain('reply again');
    expect(ack?.body.text).toMatch(/Unsubscribe: http:\/\/coach\.test\/unsubscribe\?token=v1\./);

    await runWeek(inbound.deps, new Date('2026-12-06T17:00:00Z'));
    const weeks = await inbound.deps.store.recentWeeks(subscriber.id, 5);
    expect(weeks[1]?.plan.decision).toBe('hold');
  });

  it("reads a limit on next week's run days and a slashed day away, and plans next week with them", async () => {
    const { subscriber, week, ack } = await reply(
      'Knee 2/10, fine next morning. Busy week coming: next week I can only run twice. Away on Saturday 12/12.',
    );
    expect(week?.report).toMatchObject({
      nextWeekRunDays: 2,
      away: [{ from: '2026-12-12', to: '2026-12-12' }],
    });
    expect(ack?.subject).toBe(
      'Got it: away on Sat 12 Dec, running on at most 2 days next week; knee 2/10, settled by morning',
    );
    const text = (ack?.body.text ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('Next week (from Mon 7 Dec): lighter week, 62 min over 2 runs.');
    expect(text).toContain('You told us you can only run on 2 days this week, so there are 2 runs');

    await runWeek(inbound.deps, new Date('2026-12-06T17:00:00Z'));
    const next = (await inbound.deps.store.recentWeeks(subscriber.id, 5)).find(
      (w) => w.weekStart === '2026-12-07',
    );
    expect(next?.plan.runs).toHaveLength(2);
    expect(next?.plan.runs.some((r) => r.date === '2026-12-12')).toBe(false);
    expect(next?.plan.decision).toBe('deload');
  });

  it('lets the latest reply for a week win, field by field', async () => {
    const { subscriber, replyTo } = await planned();
    await deliver(message(subscriber.email, replyTo, 'knee 6/10, new shoes'), [replyTo]);
    await deliver(message(subscriber.email, replyTo, 'sorry, I meant 2/10, fine next morning'), [replyTo]);
    const week = await inbound.deps.store.getWeek(subscriber.id, '2026-11-30');
    expect(week?.report).toMatchObject({ pain: { score: 2, settledNextMorning: true }, changes: ['shoes'] });
  });

  it('pauses the plan at once for a red flag and advises seeing a clinician', async () => {
    const { subscriber, week, ack } = await reply(
      'My knee swelled up after the run and it gave way on the stairs.',
    );

    expect(week?.report).toMatchObject({ paused: true });
    expect(week?.report?.redFlags).toEqual(expect.arrayContaining(['swelling', 'giving-way']));
    expect(ack?.subject).toBe('Please rest your knee and get it checked');
    expect(ack?.body.text).toMatch(/physiotherapist/);
    await runWeek(inbound.deps, new Date('2026-12-06T17:00:00Z'));
    expect((await mailbox(subscriber.email)).at(-1)?.subject).toBe('Week 2: a rest week for your knees');
  });

  it('asks for a number when no score was given, and keeps the text out of the logs', async () => {
    const { ack, week } = await reply('Went well I think, legs a bit heavy on the long one.');
    expect(week?.report?.pain).toBeUndefined();
    expect(ack?.body.text).toContain('We did not find a pain score');
    const logged = JSON.stringify(log.lines);
    expect(logged).not.toContain('heavy');
    expect(logged).not.toMatch(/@example\.com/);
  });

  it('unsubscribes on "stop", at once, and sends nothing more (not even an acknowledgment)', async () => {
    const { subscriber, ack, outcome } = await reply('stop');
    expect(outcome?.fields.outcome).toBe('unsubscribed');
    expect(ack).toBeUndefined();
    expect((await inbound.deps.store.get(subscriber.id))?.status).toBe('unsubscribed');
    const report = await runWeek(inbound.deps, new Date('2026-12-06T17:00:00Z'));
    expect(report.sent).toBe(0);
  });

  it('pauses for the weeks asked, then eases back in with a return week', async () => {
    const { subscriber, ack } = await reply('pause 2 weeks please, travelling');
    expect(ack?.body.text).toContain('Paused for 2 weeks: your plan picks up again from Mon 21 Dec');
    for (const at of ['2026-12-06T17:00:00Z', '2026-12-13T17:00:00Z', '2026-12-20T17:00:00Z']) {
      await runWeek(inbound.deps, new Date(at));
    }
    const decisions = (await inbound.deps.store.recentWeeks(subscriber.id, 5)).map((w) => w.plan.decision);
    expect(decisions).toEqual(['hold', 'pause', 'pause', 'return']);
    expect((await inbound.deps.store.get(subscriber.id))?.resumeAt).toBeUndefined();
  });

  it('switches units, converting the volume, and changes the send day', async () => {
    const { subscriber, ack } = await reply('Please switch to km. And send it on Mondays at 7.');
    const updated = await inbound.deps.store.get(subscriber.id);
    expect(updated?.preferences).toMatchObject({ unit: 'km', sendDay: 'mon', sendHour: 7 });
    expect(updated?.preferences.weeklyVolume).toBeCloseTo(90 / 7, 9);
    // Next plan is the week of 7 December, now sent that Monday at 07:00 Berlin time.
    expect(updated?.nextSendAt).toBe('2026-12-07T06:00:00.000Z');
    expect(ack?.body.text).toContain('kilometres');
    await runWeek(inbound.deps, new Date('2026-12-07T06:00:00Z'));
    expect((await mailbox(subscriber.email)).at(-1)?.subject).toMatch(/ km over /);
  });
});

describe('the List-Unsubscribe mailto', () => {
  it('unsubscribes whoever mails it, with any text, and refuses a forged one', async () => {
    const { subscriber } = await planned();
    const [plan] = await mailbox(subscriber.email);
    const header = plan?.headers?.find((h) => h.name === 'List-Unsubscribe')?.value ?? '';
    const mailto = /<mailto:([^?>]+)/.exec(header)?.[1] as string;
    expect(header).toMatch(/^<http:\/\/coach\.test\/unsubscribe\?token=[^>]+>, <mailto:unsubscribe\+/);

    const forged = mailto.replace(/^unsubscribe\+/, 'unsubscribe+a');
    const refused = await deliver(
      `From: x@example.org\r\nTo: ${forged}\r\nSubject: unsubscribe\r\n\r\n.\r\n`,
      [forged],
    );
    const replyAsUnsubscribe = plan?.replyTo[0]?.replace(/^reply\+/, 'unsubscribe+') as string;
    const replayed = await deliver(`From: x@example.org\r\nTo: ${replyAsUnsubscribe}\r\n\r\n.\r\n`, [
      replyAsUnsubscribe,
    ]);
    expect((await inbound.deps.store.get(subscriber.id))?.status).toBe('active');

    const done = await deliver(
      `From: alias@example.org\r\nTo: ${mailto}\r\nSubject: unsubscribe\r\n\r\n\r\n`,
      [mailto],
    );
    expect([refused, replayed].map((l) => l?.fields.reason)).toEqual(['bad-token', 'bad-token']);
    expect(done?.fields.outcome).toBe('unsubscribed');
    expect((await inbound.deps.store.get(subscriber.id))?.status).toBe('unsubscribed');
  });
});

describe('what is dropped, changing nothing', () => {
  it('drops a reply from another address than the subscriber', async () => {
    const { subscriber, replyTo } = await planned();
    const outcome = await deliver(message('mallory@example.org', replyTo, 'knee 9/10, stop'), [replyTo]);
    expect(outcome?.fields).toMatchObject({ outcome: 'dropped', reason: 'from-mismatch' });
    expect((await inbound.deps.store.get(subscriber.id))?.status).toBe('active');
    expect(await mailbox(subscriber.email)).toHaveLength(1);
  });

  it('drops a forged or tampered reply address', async () => {
    const { subscriber, replyTo } = await planned();
    const forged = replyTo.replace(
      /\.([a-z2-7]{16})@/,
      (_, mac: string) => `.${mac.slice(0, -1)}${mac.endsWith('a') ? 'b' : 'a'}@`,
    );
    const outcome = await deliver(message(subscriber.email, forged, 'stop'), [forged]);
    expect(outcome?.fields).toMatchObject({ outcome: 'dropped', reason: 'bad-token' });
    expect((await inbound.deps.store.get(subscriber.id))?.status).toBe('active');
  });

  it('drops replies from unsubscribed people, auto-replies, spam and viruses', async () => {
    const { subscriber, replyTo } = await planned();
    const auto = await deliver(
      message(
        subscriber.email,
        replyTo,
        'I am out of the office until Monday. 5/10',
        'Auto-Submitted: auto-replied',
      ),
      [replyTo],
    );
    const spam = await deliver(message(subscriber.email, replyTo, 'knee 5/10'), [replyTo], {
      spamVerdict: 'FAIL',
    });
    const virus = await deliver(message(subscriber.email, replyTo, 'knee 5/10'), [replyTo], {
      virusVerdict: 'FAIL',
    });
    await inbound.deps.store.update({ ...subscriber, status: 'unsubscribed', version: 3 }, 2);
    const gone = await deliver(message(subscriber.email, replyTo, 'knee 5/10'), [replyTo]);

    expect([auto, spam, virus, gone].map((l) => l?.fields.reason)).toEqual([
      'auto-reply',
      'spam',
      'virus',
      'not-subscribed',
    ]);
    expect((await inbound.deps.store.getWeek(subscriber.id, '2026-11-30'))?.report).toBeUndefined();
    expect(await mailbox(subscriber.email)).toHaveLength(1);
  });

  it('on AWS, requires SPF or DKIM to pass', async () => {
    await setUp(true);
    const { subscriber, replyTo } = await planned();
    const failed = await deliver(message(subscriber.email, replyTo, 'knee 2/10'), [replyTo], {
      spfVerdict: 'FAIL',
      dkimVerdict: 'FAIL',
    });
    const passed = await deliver(message(subscriber.email, replyTo, 'knee 2/10'), [replyTo], {
      spfVerdict: 'FAIL',
      dkimVerdict: 'PASS',
    });
    expect(failed?.fields).toMatchObject({ reason: 'unauthenticated' });
    expect(passed?.fields).toMatchObject({ outcome: 'reply-accepted' });
  });

  it('never crashes on huge, binary, malformed or hostile messages', async () => {
    const { subscriber, replyTo } = await planned();
    const huge = Buffer.alloc(MAX_INBOUND_BYTES + 10, 'a');
    const binary = randomBytes(50_000);
    const nested = `${Array.from({ length: 200 }, (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}`).join('\r\n')}\r\n`;
    const hostile = message(subscriber.email, replyTo, '<script>alert(1)</script> knee 3/10 \u0000\u202e');
    for (const m of [huge, binary, nested, 'not a message at all', hostile]) {
      await expect(deliver(m, [replyTo])).resolves.toBeDefined();
    }
    await expect(
      handle({ Records: [{ eventSource: 'aws:ses', ses: { mail: { messageId: '../../etc/passwd' } } }] }),
    ).resolves.toBeUndefined();
    await expect(handle('garbage')).resolves.toBeUndefined();
    expect((await inbound.deps.store.get(subscriber.id))?.status).toBe('active');
    expect(log.lines.some((l) => l.fields.reason === 'too-large')).toBe(true);
  });
});

describe('subscribing by email', () => {
  it('starts the double opt-in; the link asks for the profile, and only then is the first plan sent', async () => {
    const email = uniqueAddress('emailer');
    const outcome = await deliver(
      `From: ${email}\r\nTo: start@reply.coach.test\r\nSubject: hello\r\n\r\nSign me up!\r\n`,
      ['start@reply.coach.test'],
    );
    expect(outcome?.fields.outcome).toBe('subscribe-started');
    const [invite] = await mailbox(email);
    expect(invite?.subject).toBe('Finish setting up your knee-friendly running plan');

    const api = makeApiHandler(async () => inbound.deps);
    const link = new URL(linkFrom(invite as never, '/confirm'));
    const token = link.searchParams.get('token') as string;
    // Opening the link (a link scanner does too) only shows the profile form, with the token in its body.
    const form = await api(apiEvent('GET', '/confirm', { query: { token } }));
    expect(form.body).toContain('<form method="post" action="/confirm">');
    expect(form.body).toContain('How much do you run in a week now?');
    // Sent with nothing filled in, it comes back as it was: no errors about fields never touched.
    const empty = await api(sendConfirmForm(form.body));
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('How much do you run in a week now?');
    expect(empty.body).not.toContain('role="alert"');
    expect(await mailbox(email)).toHaveLength(1);

    const bad = await api(
      sendConfirmForm(form.body, {
        weeklyVolume: 'lots',
        unit: 'min',
        runDays: '3',
        sendDay: 'sun',
        sendHour: '18',
        timeZone: 'Mars/Base',
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('must be an IANA time zone');
    expect(await mailbox(email)).toHaveLength(1);

    // The form sent back keeps the token, so correcting it and sending again works.
    const done = await api(
      sendConfirmForm(bad.body, {
        weeklyVolume: '20',
        unit: 'km',
        runDays: '3',
        sendDay: 'sun',
        sendHour: '18',
        timeZone: 'Europe/Berlin',
      }),
    );
    expect(done.statusCode).toBe(200);
    const mails = await mailbox(email);
    expect(mails.at(-1)?.subject).toMatch(/^Week 1: 20\.0 km over 3 runs$/);
  });

  it('also starts it for the subject "subscribe", and ignores an address already subscribed', async () => {
    const { subscriber } = await planned();
    const fresh = uniqueAddress('subject');
    const started = await deliver(
      `From: ${fresh}\r\nTo: hello@reply.coach.test\r\nSubject: Subscribe\r\n\r\n.\r\n`,
      ['hello@reply.coach.test'],
    );
    const ignored = await deliver(
      `From: ${subscriber.email}\r\nTo: start@reply.coach.test\r\nSubject: hi\r\n\r\n.\r\n`,
      ['start@reply.coach.test'],
    );
    expect(started?.fields.outcome).toBe('subscribe-started');
    expect(ignored?.fields.outcome).toBe('subscribe-ignored');
    expect(await mailbox(subscriber.email)).toHaveLength(1);
  });
});
