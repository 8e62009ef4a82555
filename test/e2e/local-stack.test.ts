// End to end: `coach start` as a user runs it, then subscribe, confirm, weekly runs and unsubscribe over real HTTP.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { nextSendAfterWeek, weekStartFor } from '#domain/schedule';
import { freePort } from '#lib/local/services';
import { COACH, startCoach as startSharedCoach, stopCoach } from '#test/support/coach-process';
import type { StoredEmail } from '#test/support/local';

const run = promisify(execFile);

let env: NodeJS.ProcessEnv;
let ports: { api: number; mailbox: number; dynamodb: number; s3: number; smtp: number };
let dataDir: string;

const startCoach = (args: string[] = []) => startSharedCoach(env, args);

async function javaRunningOn(port: number): Promise<boolean> {
  const { stdout } = await run('ps', ['-eo', 'stat,args']).catch(() => ({ stdout: '' }));
  return stdout
    .split('\n')
    .some(
      (line) => !line.startsWith('Z') && line.includes('DynamoDBLocal') && line.includes(`-port ${port}`),
    );
}

async function mailbox(to: string): Promise<StoredEmail[]> {
  const response = await fetch(`http://localhost:${ports.mailbox}/store`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return emails.filter((e) => e.destination.to.includes(to));
}

function link(email: StoredEmail | undefined, path: string): string {
  const match = new RegExp(`http://localhost:\\d+${path}\\?token=[A-Za-z0-9._%-]+`).exec(
    email?.body.text ?? '',
  );
  if (!match) throw new Error(`no ${path} link in ${email?.subject}`);
  return match[0];
}

/** The token a confirm page's form carries in its hidden field. */
function hiddenToken(page: string): string {
  const match = /<input type="hidden" name="token" value="([^"]+)">/.exec(page);
  if (!match?.[1]) throw new Error('no confirm form on the page');
  return match[1];
}

async function coachRunWeek(at: string): Promise<string> {
  const { stdout } = await run(process.execPath, [COACH, 'run-week', '--at', at], { env });
  return stdout;
}

beforeAll(async () => {
  ports = {
    api: await freePort(),
    mailbox: await freePort(),
    dynamodb: await freePort(),
    s3: await freePort(),
    smtp: await freePort(),
  };
  dataDir = mkdtempSync(join(tmpdir(), 'coach-e2e-'));
  env = {
    ...process.env,
    COACH_API_PORT: String(ports.api),
    COACH_MAILBOX_PORT: String(ports.mailbox),
    COACH_DYNAMODB_PORT: String(ports.dynamodb),
    COACH_S3_PORT: String(ports.s3),
    COACH_SMTP_PORT: String(ports.smtp),
    COACH_DATA_DIR: dataDir,
  };
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the local stack, as a user runs it', () => {
  it('subscribes, confirms, runs weeks, unsubscribes, and stops cleanly; data survives a restart', async () => {
    const coach = await startCoach(['--fresh']);
    const email = 'ana@example.com';
    let unsubscribeUrl = '';
    try {
      // The start block tells a new user where everything is.
      expect(coach.output()).toContain(`http://localhost:${ports.api}`);
      expect(coach.output()).toContain(`http://localhost:${ports.mailbox}`);
      expect(coach.output()).toContain('run-week');

      // Subscribe over HTTP.
      const signUp = {
        email,
        weeklyVolume: 90,
        unit: 'min',
        runDays: 3,
        timeZone: 'Europe/Berlin',
        sendDay: 'sun',
        sendHour: 18,
      };
      const subscribe = await fetch(`http://localhost:${ports.api}/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(signUp),
      });
      expect(subscribe.status).toBe(202);
      // "Did it work?": signed up again, so a second confirmation email.
      const twice = await fetch(`http://localhost:${ports.api}/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(signUp),
      });
      expect(twice.status).toBe(202);
      const [confirmation, secondConfirmation] = await mailbox(email);
      expect(confirmation?.subject).toMatch(/confirm/i);
      expect(secondConfirmation?.subject).toBe(confirmation?.subject);

      // Following the first email's link shows a page with one button, and nothing happens yet.
      const opened = await fetch(link(confirmation, '/confirm'));
      expect(opened.status).toBe(200);
      const page = await opened.text();
      expect(page).toContain('Confirm your subscription');
      expect(await mailbox(email)).toHaveLength(2);

      // Pressing it posts the form (its token in the body); the first plan arrives at once.
      const confirmed = await fetch(`http://localhost:${ports.api}/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: hiddenToken(page) }).toString(),
      });
      expect(confirmed.status).toBe(200);
      expect(await confirmed.text()).toContain('Your subscription is confirmed');
      const afterConfirm = (await mailbox(email)).slice(1);
      expect(afterConfirm.map((e) => e.subject)).toEqual([
        confirmation?.subject,
        expect.stringMatching(/^Week 1: /),
      ]);
      // The second email's link still works, and says so: already confirmed.
      const used = await fetch(link(secondConfirmation, '/confirm'));
      expect(used.status).toBe(200);
      expect(await used.text()).toContain('Already confirmed');

      // Reply to the plan over SMTP, as a mail client would: the acknowledgment says what was understood.
      const replyTo = afterConfirm[1]?.replyTo[0] as string;
      const replied = await run(
        process.execPath,
        [COACH, 'reply', '--to', replyTo, 'knee 7/10 after the long run, still sore the next day'],
        {
          env,
        },
      );
      expect(replied.stdout).toContain(`reply sent from ${email}`);
      expect(replied.stdout).toContain('acknowledgment: Got it: knee 7/10, not settled by the next morning');
      expect(replied.stdout).toContain('Next week (from ');
      expect(replied.stdout).toMatch(/ease off, \d+ min over 3 runs/);

      // The weekly job, from another terminal: due a week from the next Sunday 18:00 Berlin time.
      const now = new Date();
      const farFuture = new Date(now.getTime() + 15 * 24 * 3600 * 1000).toISOString();
      expect(await coachRunWeek(farFuture)).toMatch(/1 due, 1 plan email\(s\) sent/);
      expect(await coachRunWeek(farFuture)).toMatch(/0 due, 0 plan email\(s\) sent/);
      const weekly = await mailbox(email);
      expect(weekly).toHaveLength(5);
      // The reply changed next week's plan: the knee needs a lighter week.
      expect(weekly[4]?.subject).toMatch(/^Week 2: easing off, \d+ min over 3 runs$/);
      expect(weekly[4]?.body.text).toContain('7/10');

      // A sick week, told in plain words: the acknowledgment says what it understood, and the next plan
      // does not step up and says why.
      const sick = await run(
        process.execPath,
        [
          COACH,
          'reply',
          '--to',
          weekly[4]?.replyTo[0] as string,
          'Sick with flu all week, no runs. Knee 2/10.',
        ],
        { env },
      );
      expect(sick.stdout).toContain('acknowledgment: Got it: no runs, ill all week; knee 2/10');
      // The week after the sick one, due at its send time (Sunday 18:00 Berlin before it): a minute after.
      const schedule = { timeZone: 'Europe/Berlin', sendDay: 'sun', sendHour: 18 } as const;
      const due = nextSendAfterWeek(weekStartFor(new Date(farFuture), schedule.timeZone), schedule);
      const weekAfter = new Date(due.getTime() + 60_000).toISOString();
      expect(await coachRunWeek(weekAfter)).toMatch(/1 due, 1 plan email\(s\) sent/);
      const afterSick = await mailbox(email);
      expect(afterSick).toHaveLength(7);
      expect(afterSick[5]?.subject).toBe('Got it: no runs, ill all week; knee 2/10');
      const week3 = afterSick[6];
      expect(week3?.subject).toMatch(/^Week 3: /);
      const minutes = (subject: string | undefined) => Number(/(\d+) min over/.exec(subject ?? '')?.[1]);
      expect(minutes(week3?.subject)).toBeLessThanOrEqual(minutes(weekly[4]?.subject));
      expect(week3?.body.text).toMatch(/ill last week/);
      // It says how last week went, as told: no run claimed, the plan beside it.
      expect(week3?.body.text).toMatch(
        /Last week: no runs, ill all week \(the plan had \d+ min over \d runs\)\./,
      );
      expect(week3?.body.text).toMatch(/ {2}Mon \d+ \w+ +▒+░* +0 of \d+ min +pain 2\/10/);

      // Unsubscribe with the link in the last email: the page asks, the button unsubscribes.
      unsubscribeUrl = link(week3, '/unsubscribe');
      const ask = await fetch(unsubscribeUrl);
      expect(await ask.text()).toContain('<form method="post"');
      const done = await fetch(unsubscribeUrl, { method: 'POST' });
      expect(done.status).toBe(200);
      const later = new Date(now.getTime() + 40 * 24 * 3600 * 1000).toISOString();
      expect(await coachRunWeek(later)).toMatch(/0 due, 0 plan email\(s\) sent/);
      expect(await mailbox(email)).toHaveLength(7);

      // What the operator sees, from the running stack's table: three plans, two replies with a score, one gone.
      const stats = await run(process.execPath, [COACH, 'stats', '--json'], { env });
      expect(JSON.parse(stats.stdout)).toEqual({
        plansSent: 3,
        replies: 2,
        repliesUnderstood: 2,
        repliesWithoutScore: 0,
        redFlags: 0,
        unsubscribed: 1,
        suppressed: { bounce: 0, complaint: 0 },
        subscribers: { pending: 0, active: 0, unsubscribed: 1, suppressed: 0 },
      });
    } finally {
      const code = await stopCoach(coach);
      expect(code).toBe(0);
    }
    expect(coach.output()).toContain('stopped.');
    expect(await javaRunningOn(ports.dynamodb)).toBe(false);

    // Restart on the same data: the subscriber is still there (and still unsubscribed).
    const again = await startCoach();
    try {
      const stillKnown = await fetch(unsubscribeUrl, { method: 'POST' });
      expect(stillKnown.status).toBe(200);
      expect(await stillKnown.text()).toContain('unsubscribed');
      // A known, unsubscribed address coming back gets a fresh confirmation.
      const resubscribe = await fetch(`http://localhost:${ports.api}/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email,
          weeklyVolume: 20,
          unit: 'km',
          runDays: 2,
          timeZone: 'America/New_York',
          sendDay: 'mon',
          sendHour: 6,
        }),
      });
      expect(resubscribe.status).toBe(202);
      const mails = await mailbox(email); // the emulator's mailbox itself starts empty
      expect(mails).toHaveLength(1);
      expect(mails[0]?.body.text).toContain('20.0 km');

      // SES feedback, simulated: a complaint suppresses the address for good.
      const simulated = await run(process.execPath, [COACH, 'simulate', 'complaint', email], { env });
      expect(simulated.stdout.trim()).toBe(`complaint for ${email}: suppressed`);
      const again = await fetch(`http://localhost:${ports.api}/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email,
          weeklyVolume: 20,
          unit: 'km',
          runDays: 2,
          timeZone: 'UTC',
          sendDay: 'mon',
          sendHour: 6,
        }),
      });
      expect(again.status).toBe(202);
      expect(await mailbox(email)).toHaveLength(1);
    } finally {
      expect(await stopCoach(again)).toBe(0);
    }

    // --fresh starts from empty data: the old link no longer names anyone.
    const fresh = await startCoach(['--fresh']);
    try {
      expect((await fetch(unsubscribeUrl, { method: 'POST' })).status).toBe(400);
    } finally {
      expect(await stopCoach(fresh)).toBe(0);
    }
  }, 180_000); // two stack starts and five CLI processes: over a minute on a loaded 2-core machine

  it('says clearly when a port is taken, and starts nothing', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(ports.api, () => r()));
    try {
      const result = await run(process.execPath, [COACH, 'start'], { env, timeout: 30_000 }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `coach: Port ${ports.api} (the API) is already in use: stop whatever uses it, or pick another port with COACH_API_PORT=<port>.`,
      );
      expect(await javaRunningOn(ports.dynamodb)).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it('says clearly when a sign-up limit from the shell is not a whole number, and starts nothing', async () => {
    const result = await run(process.execPath, [COACH, 'start'], {
      env: { ...env, SIGNUPS_PER_SOURCE_PER_HOUR: 'lots' },
      timeout: 30_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'coach: invalid configuration: SIGNUPS_PER_SOURCE_PER_HOUR: must be a whole number from 1 to 100000',
    );
    expect(await javaRunningOn(ports.dynamodb)).toBe(false);
  });

  it('says clearly when Java is missing', async () => {
    // A PATH with node and sh but no java.
    const bin = mkdtempSync(join(tmpdir(), 'coach-nojava-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    symlinkSync('/bin/sh', join(bin, 'sh'));
    onTestFinished(() => rmSync(bin, { recursive: true, force: true }));
    const result = await run(process.execPath, [COACH, 'start'], {
      env: { ...env, PATH: bin },
      timeout: 30_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^coach: Java 17 or newer is needed for DynamoDB Local/);
  });

  it('tells the user to start the stack when run-week or stats finds nothing running', async () => {
    const result = await run(process.execPath, [COACH, 'run-week'], { env, timeout: 30_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The local stack is not running');
    expect(result.stderr).toContain('npm start');
    const stats = await run(process.execPath, [COACH, 'stats'], { env, timeout: 30_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(stats).toEqual({
      code: 1,
      stderr: `coach: The local stack is not running on port ${ports.dynamodb}: start it with \`npm start\` in another terminal.\n`,
    });
  });
});
