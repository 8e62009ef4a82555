// End to end: `coach start`, a runner who got the plan for the week of 30 November, and `coach reply --attach`
// with the watch files of that week, as a user runs it from a second terminal. The files travel through the
// local SMTP server, the stored report counts them, and the next `coach run-week` plans from them.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWeeks, sendTimeForWeek, weekStartFor } from '#domain/schedule';
import { signReplyLocalPart } from '#domain/tokens';
import type { Preferences } from '#domain/types';
import { addDays, zonedTime } from '#domain/zoned-time';
import { formatDate } from '#email/format';
import { freePort } from '#lib/local/services';
import { connectLocalStack, consoleLog, localTokenSecret } from '#lib/local/stack';
import { fitActivity, gz, stravaGpx, track } from '#test/support/activity-files';
import { COACH, type StartedCoach, startCoach, stopCoach } from '#test/support/coach-process';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';

const run = promisify(execFile);
const PREFERENCES: Preferences = { ...BERLIN_PREFERENCES, unit: 'km', weeklyVolume: 20 };
// The runs in the files must have happened (one dated after the email is not counted), so the plan week is
// one that is over: the week before last. The stack is started with --manual, so only the `run-week --at`
// below sends anything, whatever the clock says.
const WEEK = weekStartFor(new Date(Date.now() - 14 * 86_400_000), 'Europe/Berlin');
const NEXT_WEEK = addWeeks(WEEK, 1);

let env: NodeJS.ProcessEnv;
let ports: { api: number; mailbox: number; dynamodb: number; s3: number; smtp: number };
let dataDir: string;
let filesDir: string;
let coach: StartedCoach | undefined;

beforeAll(async () => {
  ports = {
    api: await freePort(),
    mailbox: await freePort(),
    dynamodb: await freePort(),
    s3: await freePort(),
    smtp: await freePort(),
  };
  dataDir = mkdtempSync(join(tmpdir(), 'coach-attach-'));
  filesDir = mkdtempSync(join(tmpdir(), 'coach-attach-files-'));
  env = {
    ...process.env,
    COACH_API_PORT: String(ports.api),
    COACH_MAILBOX_PORT: String(ports.mailbox),
    COACH_DYNAMODB_PORT: String(ports.dynamodb),
    COACH_S3_PORT: String(ports.s3),
    COACH_SMTP_PORT: String(ports.smtp),
    COACH_DATA_DIR: dataDir,
  };
  coach = await startCoach(env, ['--fresh', '--manual']);
}, 120_000);

afterAll(async () => {
  if (coach) await stopCoach(coach);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(filesDir, { recursive: true, force: true });
});

/** A run at 07:00 Berlin on a date, `km` at 6 min/km. */
function runPoints(date: string, km: number) {
  const seconds = Math.round(km * 360);
  return {
    seconds,
    points: track(zonedTime(date, 7, 'Europe/Berlin').toISOString(), [
      { move: seconds, speed: 1000 / 360, every: 5 },
    ]),
  };
}

describe('coach reply --attach', () => {
  it('sends the watch files with the reply, and the next plan builds on them', async () => {
    // Arrange: a runner who got the plan for WEEK (sent the Sunday before, at 18:00 Berlin).
    const deps = await connectLocalStack(
      { ...ports },
      dataDir,
      consoleLog(() => {}),
    );
    const id = 'attachrunner';
    const email = 'attach@example.com';
    await deps.store.createPending(
      {
        id,
        email,
        status: 'active',
        preferences: PREFERENCES,
        createdAt: '2026-11-01T00:00:00.000Z',
        nextSendAt: sendTimeForWeek(WEEK, PREFERENCES).toISOString(),
        confirmSends: 0,
        version: 1,
      },
      email,
    );
    const first = await run(
      process.execPath,
      [COACH, 'run-week', '--at', sendTimeForWeek(WEEK, PREFERENCES).toISOString()],
      { env },
    );
    expect(first.stdout).toMatch(/1 due, 1 plan email\(s\) sent/);
    const tue = runPoints(addDays(WEEK, 1), 6);
    const thu = runPoints(addDays(WEEK, 3), 5);
    const sat = runPoints(addDays(WEEK, 5), 8);
    const fitPath = join(filesDir, 'Tuesday.fit');
    writeFileSync(fitPath, fitActivity([{ sport: 'running', points: tue.points, timerS: tue.seconds }]));
    const gpxPath = join(filesDir, 'Thursday.gpx.gz');
    writeFileSync(gpxPath, gz(stravaGpx(thu.points)));
    const satPath = join(filesDir, 'Saturday.fit');
    writeFileSync(satPath, fitActivity([{ sport: 'running', points: sat.points, timerS: sat.seconds }]));
    const replyTo = `${signReplyLocalPart(id, WEEK, localTokenSecret(dataDir))}@${deps.settings.inboundDomain}`;

    // Act
    const replied = await run(
      process.execPath,
      [
        COACH,
        'reply',
        '--to',
        replyTo,
        'knee 2/10, fine next morning',
        '--attach',
        fitPath,
        '--attach',
        gpxPath,
        '--attach',
        satPath,
      ],
      { env },
    );

    // Assess: what the terminal shows, and what was stored.
    const out = replied.stdout.replace(/\s+/g, ' ');
    expect(out).toContain(
      `reply sent from ${email} to ${replyTo} with Tuesday.fit, Thursday.gpx.gz, Saturday.fit`,
    );
    expect(out).toContain(
      `From your 3 files: ${formatDate(addDays(WEEK, 1))} 6.0 km in 36 min, ${formatDate(addDays(WEEK, 3))} 5.0 km in 30 min, ${formatDate(addDays(WEEK, 5))} 8.0 km in 48 min: 19.0 km of running in week 1.`,
    );
    expect((await deps.store.getWeek(id, WEEK))?.report?.done).toEqual({
      runs: 3,
      volume: 19,
      longestRun: 8,
    });

    // Act: the next week, planned from the files.
    const next = await run(
      process.execPath,
      [COACH, 'run-week', '--at', sendTimeForWeek(NEXT_WEEK, PREFERENCES).toISOString()],
      { env },
    );

    // Assess
    expect(next.stdout).toMatch(/1 due, 1 plan email\(s\) sent/);
    const week2 = await deps.store.getWeek(id, NEXT_WEEK);
    expect(week2?.plan.decision).toBe('progress');
    expect(week2?.plan.totalVolume).toBeCloseTo(19 * 1.025, 6);
  }, 120_000);

  it('stops with a clear line, sending nothing, when a file cannot be read', async () => {
    const failed = await run(
      process.execPath,
      [
        COACH,
        'reply',
        '--to',
        'reply+x@reply.coach.localhost',
        'knee 1/10',
        '--attach',
        join(filesDir, 'nope.fit'),
      ],
      { env },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain('cannot read');
    expect((failed as { stderr: string }).stderr).toContain('nope.fit: ENOENT');
  });
});
