// Watch files through the local stack as a mail client sends them: real SMTP into the local SES-receiving
// stand-in, the message in s3rver, the inbound handler with its real readers, DynamoDB Local and the SES
// emulator. FIT written with Garmin's encoder, GPX as Strava writes it (gzipped), TCX as Garmin Connect writes
// it, and hostile files beside them.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import type { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S3RawMailStore } from '#adapters/s3-raw-mail-store';
import { signReplyLocalPart } from '#domain/tokens';
import type { Preferences, Subscriber } from '#domain/types';
import { zonedTime } from '#domain/zoned-time';
import { makeInboundHandler } from '#handlers/inbound';
import { buildInboundDeps, type InboundHandlerDeps } from '#lambdas/compose/inbound';
import { randomIds } from '#lambdas/compose/index';
import { freePort } from '#lib/local/services';
import { startSmtpInbound } from '#lib/local/smtp-inbound';
import { runWeek } from '#lib/local/stack';
import { fitActivity, garminTcx, gz, stravaGpx, track } from '#test/support/activity-files';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';
import {
  type CapturedLog,
  captureLog,
  freshTable,
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
const FIXTURES = resolve(import.meta.dirname, '../fixtures/activity-files');
const PREFERENCES: Preferences = { ...BERLIN_PREFERENCES, unit: 'km', weeklyVolume: 20 };
const WEEK = '2026-11-30';
const PACE = 360; // seconds per km

let clock: ManualClock;
let log: CapturedLog;
let inbound: InboundHandlerDeps;
let server: SMTPServer;
let smtpPort: number;
let handled: Promise<void>[];

beforeEach(async () => {
  const tableName = await freshTable(localDynamo());
  clock = new ManualClock(new Date('2026-11-29T17:00:00Z'));
  log = captureLog();
  inbound = await buildInboundDeps(
    { ...testConfig(tableName), inboundBucket: BUCKET, inboundPrefix: 'inbound/', requireSenderAuth: false },
    { log, clock, dynamo: localDynamo(), s3: localS3() },
  );
  const handle = makeInboundHandler(async () => inbound);
  handled = [];
  smtpPort = await freePort();
  server = await startSmtpInbound({
    port: smtpPort,
    inboundDomain: 'reply.coach.test',
    bucket: BUCKET,
    prefix: `inbound/`,
    rawMail: new S3RawMailStore(localS3()),
    deliver: async (event) => {
      const run = handle(event);
      handled.push(run);
      await run;
    },
    maxBytes: MAX_INBOUND_BYTES,
  });
});

afterEach(() => new Promise<void>((r) => server.close(() => r())));

/** An active runner in Berlin at 20 km a week, who got the plan for the week of 30 November. */
async function planned(): Promise<{ subscriber: Subscriber; replyTo: string }> {
  const email = uniqueAddress('watch');
  const subscriber: Subscriber = {
    id: randomIds.newId(),
    email,
    status: 'active',
    preferences: PREFERENCES,
    createdAt: '2026-11-01T00:00:00.000Z',
    nextSendAt: '2026-11-29T17:00:00.000Z',
    confirmSends: 0,
    version: 1,
  };
  await inbound.deps.store.createPending(subscriber, email);
  await runWeek(inbound.deps, clock.now());
  clock.set('2026-12-06T09:00:00Z'); // Sunday morning
  return { subscriber, replyTo: `${signReplyLocalPart(subscriber.id, WEEK, TEST_SECRET)}@reply.coach.test` };
}

/** A run at 07:00 Berlin on a date, `km` at 6 min/km, as the points the watch recorded. */
function runPoints(date: string, km: number) {
  const seconds = Math.round(km * PACE);
  return {
    seconds,
    points: track(zonedTime(date, 7, 'Europe/Berlin').toISOString(), [
      { move: seconds, speed: 1000 / PACE, every: 5 },
    ]),
  };
}

function fitFile(date: string, km: number) {
  const { seconds, points } = runPoints(date, km);
  return {
    filename: `${date}.fit`,
    content: Buffer.from(fitActivity([{ sport: 'running', points, timerS: seconds }])),
  };
}

async function send(
  from: string,
  to: string,
  text: string,
  attachments: { filename: string; content: Buffer }[],
) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail({
    from,
    to,
    subject: 'Re: Week 1',
    text,
    date: new Date('2026-12-06T09:00:00Z'),
    messageId: `<${randomBytes(6).toString('hex')}@mail.example.com>`,
    attachments,
  });
  transport.close();
  await Promise.all(handled);
}

const flat = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ');

describe('a reply with watch files, through SMTP', () => {
  it('counts FIT, gzipped GPX and TCX as the runs done, skips the hostile ones, and the next plan builds on them', async () => {
    // Arrange
    const { subscriber, replyTo } = await planned();
    const thu = runPoints('2026-12-03', 5);
    const sat = runPoints('2026-12-05', 8);
    const files = [
      fitFile('2026-12-01', 6),
      { filename: 'Evening_Run.gpx.gz', content: Buffer.from(gz(stravaGpx(thu.points))) },
      {
        filename: 'activity_123.tcx',
        content: Buffer.from(garminTcx([{ points: sat.points, timerS: sat.seconds }])),
      },
      { filename: 'billion-laughs.gpx', content: readFileSync(join(FIXTURES, 'billion-laughs.gpx')) },
      { filename: 'big.fit', content: Buffer.alloc(6 * 1024 * 1024, 7) },
    ];

    // Act
    await send(subscriber.email, replyTo, 'Knee 2/10, fine next morning. Did about 25 km.', files);

    // Assess: the files' amounts, the words' knee.
    const week = await inbound.deps.store.getWeek(subscriber.id, WEEK);
    expect(week?.report?.done).toEqual({ runs: 3, volume: 19, longestRun: 8 });
    expect(week?.report?.pain).toMatchObject({ score: 2, settledNextMorning: true });
    const ack = flat((await mailbox(subscriber.email)).at(-1)?.body.text);
    expect(ack).toContain(
      'From your 3 files: Tue 1 Dec 6.0 km in 36 min, Thu 3 Dec 5.0 km in 30 min, Sat 5 Dec 8.0 km in 48 min: 19.0 km of running in week 1.',
    );
    expect(ack).toContain(
      'We could not use "billion-laughs.gpx": it holds XML we do not open, to stay safe.',
    );
    expect(ack).toContain('We could not use "big.fit": it is larger than 5 MB.');
    // One log line per skipped file, with no name, address or content.
    const skipped = log.lines.filter((l) => l.message === 'activity file skipped');
    expect(skipped.map((l) => l.fields.reason)).toEqual(['unsafe-xml', 'too-large']);
    expect(JSON.stringify(skipped)).not.toMatch(/laughs|big\.fit|@/);

    // Act: the next week is planned from what the files say was run.
    await runWeek(inbound.deps, new Date('2026-12-06T17:00:00Z'));

    // Assess: 19 of 20 km with the knee at 2/10: one step of the ramp, from the 19 km the files show.
    const next = await inbound.deps.store.getWeek(subscriber.id, '2026-12-07');
    expect(next?.plan.decision).toBe('progress');
    expect(next?.plan.totalVolume).toBeLessThanOrEqual(20 * 1.025 + 1e-9);
    const planEmail = flat((await mailbox(subscriber.email)).at(-1)?.body.text);
    expect(planEmail).toContain('Last week: you ran all 3 runs, 19.0 of 20.0 km.');
    expect(next?.plan.totalVolume).toBeCloseTo(19 * 1.025, 6);
  });

  it('counts a run sent again, or as another format, once', async () => {
    // Arrange
    const { subscriber, replyTo } = await planned();
    const tue = runPoints('2026-12-01', 6);
    await send(subscriber.email, replyTo, 'knee 1/10', [fitFile('2026-12-01', 6)]);

    // Act: the same FIT, and the GPX Strava made of it.
    await send(subscriber.email, replyTo, '', [
      fitFile('2026-12-01', 6),
      { filename: 'Morning_Run.gpx', content: Buffer.from(stravaGpx(tue.points)) },
    ]);

    // Assess
    const week = await inbound.deps.store.getWeek(subscriber.id, WEEK);
    expect(week?.report?.done).toEqual({ runs: 1, volume: 6, longestRun: 6 });
    expect(week?.report?.activities).toHaveLength(1);
    expect(week?.report?.pain?.score).toBe(1);
    expect(flat((await mailbox(subscriber.email)).at(-1)?.body.text)).toContain(
      'Already counted from an earlier email, so not again:',
    );
  });

  it('reads 20 MB of files in one message, and skips the file past 20 MB', async () => {
    // Arrange: four GPX files just under 5 MB each (a run with a long comment), then one more run (about 140 KB).
    const { subscriber, replyTo } = await planned();
    const padded = (date: string) => {
      const gpx = stravaGpx(runPoints(date, 4).points);
      const room = 5 * 1024 * 1024 - 1024 - gpx.length;
      return Buffer.from(gpx.replace('<metadata>', `<!-- ${'x'.repeat(room)} -->\n <metadata>`));
    };
    const files = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03'].map((d) => ({
      filename: `${d}.gpx`,
      content: padded(d),
    }));
    files.push({
      filename: '2026-12-05.gpx',
      content: Buffer.from(stravaGpx(runPoints('2026-12-05', 8).points)),
    });

    // Act
    await send(subscriber.email, replyTo, 'knee 0/10', files);

    // Assess
    const week = await inbound.deps.store.getWeek(subscriber.id, WEEK);
    expect(week?.report?.done).toEqual({ runs: 4, volume: 16, longestRun: 4 });
    expect(flat((await mailbox(subscriber.email)).at(-1)?.body.text)).toContain(
      'We could not use "2026-12-05.gpx": the files in one email may add up to 20 MB at most.',
    );
  }, 60_000);
});
