// A runner replies with the watch files of their week: the real file readers (FIT written with Garmin's
// encoder, GPX as Strava writes it), the real reply use case, the in-memory store. The files count as the runs
// done, the words as the knee; each activity goes to its week, once; what could not be read is said and logged.
import { beforeEach, describe, expect, it } from 'vitest';
import { readWatchFiles } from '#adapters/message-reader';
import type { MessageAttachment } from '#domain/reply/index';
import { interpretReply } from '#domain/reply/interpret';
import { addWeeks, sendTimeForWeek } from '#domain/schedule';
import type { Preferences, WeekPlan } from '#domain/types';
import { addDays, localDate, zonedTime } from '#domain/zoned-time';
import { fitActivity, gz, stravaGpx, track } from '#test/support/activity-files';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';
import { type MemoryDeps, memoryDeps, replyDeps } from '#test/support/memory-deps';
import type { InboundDeps } from '#use-cases/inbound-mail';
import { receiveReply } from '#use-cases/reply-to-plan';
import { sendWeeklyPlan } from '#use-cases/send-week';

const PREFERENCES: Preferences = { ...BERLIN_PREFERENCES, unit: 'km', weeklyVolume: 20 };
const ZONE = PREFERENCES.timeZone;
const FIRST_WEEK = '2027-03-01';
const ID = 'runner';
const EMAIL = 'runner@example.com';
const PACE_S_PER_KM = 360;

let now = new Date(0);
let memory: MemoryDeps;
let deps: InboundDeps;

/** A run on a local date at 07:00 in Berlin, as a watch's FIT file: `km` at 6 min/km. */
function fitRun(date: string, km: number, name = `run-${date}.fit`): MessageAttachment {
  const start = zonedTime(date, 7, ZONE).toISOString();
  const seconds = Math.round(km * PACE_S_PER_KM);
  const points = track(start, [{ move: seconds, speed: 1000 / PACE_S_PER_KM, every: 5 }]);
  return {
    filename: name,
    contentType: 'application/octet-stream',
    content: fitActivity([{ sport: 'running', points, timerS: seconds, distanceM: km * 1000 }]),
  };
}

/** The same run as Strava's GPX export of it. */
function gpxRun(date: string, km: number, type = 'running'): MessageAttachment {
  const start = zonedTime(date, 7, ZONE).toISOString();
  const seconds = Math.round(km * PACE_S_PER_KM);
  const points = track(start, [{ move: seconds, speed: 1000 / PACE_S_PER_KM, every: 5 }]);
  return {
    filename: `Morning_Run_${date}.gpx.gz`,
    contentType: 'application/gzip',
    content: gz(stravaGpx(points, type)),
  };
}

async function sendWeek(weekStart: string): Promise<{ plan: WeekPlan; replyTo: string }> {
  const subscriber = await memory.store.get(ID);
  now = new Date(subscriber?.nextSendAt ?? Number.NaN);
  expect(await sendWeeklyPlan(deps, ID, now, `claim-${weekStart}`)).toBe('sent');
  const stored = await memory.store.getWeek(ID, weekStart);
  const mail = memory.sent.at(-1);
  if (!stored || !mail?.replyTo) throw new Error(`no plan for ${weekStart}`);
  return { plan: stored.plan, replyTo: mail.replyTo.split('@')[0] ?? '' };
}

/** Replies on the week's Sunday at 10:00 with words and files; returns the acknowledgment's text. */
async function reply(
  weekStart: string,
  localPart: string,
  text: string,
  attachments: MessageAttachment[],
): Promise<string> {
  now = sendTimeForWeek(addWeeks(weekStart, 1), { ...PREFERENCES, sendHour: 10 });
  const outcome = await receiveReply(deps, localPart, {
    from: EMAIL,
    subject: 'Re: your plan',
    autoReply: false,
    text,
    date: now.toUTCString(),
    findings: interpretReply(text, { today: localDate(now, ZONE) }),
    ...(attachments.length > 0 ? { readFiles: () => readWatchFiles(attachments) } : {}),
  });
  expect(outcome).toEqual({ kind: 'reply-accepted', subscriberId: ID, weekStart });
  return (memory.sent.at(-1)?.text ?? '').replace(/\s+/g, ' ');
}

beforeEach(async () => {
  now = new Date(0);
  memory = memoryDeps({ now: () => now });
  deps = replyDeps(memory);
  await memory.store.createPending(
    {
      id: ID,
      email: EMAIL,
      status: 'active',
      preferences: PREFERENCES,
      createdAt: '2027-02-20T10:00:00.000Z',
      confirmedAt: '2027-02-20T10:05:00.000Z',
      nextSendAt: sendTimeForWeek(FIRST_WEEK, PREFERENCES).toISOString(),
      confirmSends: 1,
      version: 1,
    },
    EMAIL,
  );
});

describe('a reply with watch files', () => {
  it('counts the files as the runs done, keeps the knee from the words, and says what it read', async () => {
    // Arrange: week 1 planned; they ran two runs, 5.2 and 8 km, but the words say something else.
    const { plan, replyTo } = await sendWeek(FIRST_WEEK);
    const tue = addDays(FIRST_WEEK, 1);
    const sat = addDays(FIRST_WEEK, 5);

    // Act
    const ack = await reply(
      FIRST_WEEK,
      replyTo,
      'Did all three, about 30 km. Knee 3/10, fine next morning.',
      [fitRun(tue, 5.2), gpxRun(sat, 8)],
    );

    // Assess: the amounts are the files', the pain the words'.
    const report = (await memory.store.getWeek(ID, FIRST_WEEK))?.report;
    expect(report?.done).toEqual({ runs: 2, volume: 13.2, longestRun: 8 });
    expect(report?.actualVolume).toBe(13.2);
    expect(report?.pain).toMatchObject({ score: 3, settledNextMorning: true });
    expect(report?.activities?.map((a) => a.sport)).toEqual(['run', 'run']);
    expect(ack).toContain(
      `From your 2 files: Tue 2 Mar 5.2 km in 31 min, Sat 6 Mar 8.0 km in 48 min: 13.2 km of running in week ${plan.weekNumber}.`,
    );
    expect(ack).toContain(`Got it: 2 of ${plan.runs.filter((r) => r.amount > 0).length} runs, about 13.2 km`);
    expect(ack).not.toContain('30.0 km');
  });

  it('counts the same run once, whether sent again or as the GPX of the same FIT', async () => {
    // Arrange
    const { replyTo } = await sendWeek(FIRST_WEEK);
    const tue = addDays(FIRST_WEEK, 1);
    await reply(FIRST_WEEK, replyTo, 'knee 1/10', [fitRun(tue, 6)]);

    // Act: the same FIT again, its GPX export, and a new run.
    const ack = await reply(FIRST_WEEK, replyTo, '', [
      fitRun(tue, 6),
      gpxRun(tue, 6),
      fitRun(addDays(FIRST_WEEK, 3), 4),
    ]);

    // Assess
    const report = (await memory.store.getWeek(ID, FIRST_WEEK))?.report;
    expect(report?.done).toEqual({ runs: 2, volume: 10, longestRun: 6 });
    expect(report?.activities).toHaveLength(2);
    expect(report?.pain?.score).toBe(1); // the earlier reply's words are kept
    expect(ack).toContain('In this email twice, so counted once: Tue 2 Mar 6.0 km in 36 min.');
    expect(ack).toContain('Already counted from an earlier email, so not again: Tue 2 Mar 6.0 km in 36 min.');
    expect(ack).toContain('From your file: Thu 4 Mar 4.0 km in 24 min: 10.0 km of running in week 1.');
    // The earlier reply gave the knee's score: the files alone do not make the coach ask for it again.
    expect(ack).not.toContain('We did not find a pain score');
  });

  it('puts a run of an earlier planned week on that week, and leaves out one from before the plan', async () => {
    // Arrange: weeks 1 and 2 planned.
    await sendWeek(FIRST_WEEK);
    const week2 = addWeeks(FIRST_WEEK, 1);
    const { replyTo } = await sendWeek(week2);

    // Act: a reply to week 2 with a run of week 2, one of week 1, and one from the week before week 1.
    const ack = await reply(week2, replyTo, 'knee 2/10, fine next morning', [
      fitRun(addDays(week2, 2), 5),
      fitRun(addDays(FIRST_WEEK, 6), 7),
      fitRun(addDays(FIRST_WEEK, -3), 9),
    ]);

    // Assess
    expect((await memory.store.getWeek(ID, week2))?.report?.done).toEqual({
      runs: 1,
      volume: 5,
      longestRun: 5,
    });
    const week1 = (await memory.store.getWeek(ID, FIRST_WEEK))?.report;
    expect(week1?.done).toEqual({ runs: 1, volume: 7, longestRun: 7 });
    expect(week1?.pain).toBeUndefined(); // the words are about the week answered only
    expect(ack).toContain('Counted in week 1: Sun 7 Mar 7.0 km in 42 min.');
    expect(ack).toContain('Not counted: Fri 26 Feb 9.0 km in 54 min. We had no plan for you in that week.');
  });

  it('counts walks and rides as cross-training, not as running', async () => {
    // Arrange
    const { replyTo } = await sendWeek(FIRST_WEEK);
    const ride = gpxRun(addDays(FIRST_WEEK, 2), 20, 'cycling');

    // Act
    const ack = await reply(FIRST_WEEK, replyTo, 'knee 0/10', [fitRun(addDays(FIRST_WEEK, 1), 5), ride]);

    // Assess
    const report = (await memory.store.getWeek(ID, FIRST_WEEK))?.report;
    expect(report?.done).toEqual({ runs: 1, volume: 5, longestRun: 5 });
    expect(report?.crossTraining).toEqual([{ activity: 'bike', minutes: 120 }]);
    expect(ack).toContain('Wed 3 Mar ride 120 min (20.0 km)');
    expect(ack).toContain('Walks and other sports count as cross-training, not as running.');
  });

  it('skips a damaged file and one that is not a watch file, with a line each and a log line without the name', async () => {
    // Arrange
    const { replyTo } = await sendWeek(FIRST_WEEK);
    const good = fitRun(addDays(FIRST_WEEK, 1), 5);
    const broken = { ...fitRun(addDays(FIRST_WEEK, 2), 5, 'broken.fit') };
    broken.content = broken.content.slice(0, broken.content.length - 40);
    const photo: MessageAttachment = {
      filename: 'selfie<img src=x onerror=alert(1)>.fit',
      contentType: 'image/png',
      content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    };

    // Act
    const ack = await reply(FIRST_WEEK, replyTo, 'knee 2/10, fine next morning', [good, broken, photo]);

    // Assess: the good file counts, each bad one is named with its reason.
    expect((await memory.store.getWeek(ID, FIRST_WEEK))?.report?.done?.runs).toBe(1);
    expect(ack).toContain('We could not use "broken.fit": it looks damaged or cut short.');
    expect(ack).toContain(
      'We could not use "selfie<img src=x onerror=alert(1)>.fit": it is not a FIT, GPX or TCX file.',
    );
    // The name the sender chose is text in the HTML part, never markup.
    expect(memory.sent.at(-1)?.html).toContain('selfie&lt;img src=x onerror=alert(1)&gt;.fit');
    expect(memory.sent.at(-1)?.html).not.toContain('<img src=x');
    expect(ack).toContain('From your file: Tue 2 Mar 5.0 km in 30 min');
    const skipped = memory.logged.filter((l) => l.message === 'activity file skipped');
    expect(skipped.map((l) => l.fields.reason)).toEqual(['damaged', 'not-an-activity-file']);
    expect(JSON.stringify(skipped)).not.toMatch(/broken|selfie|example\.com/);
  });

  it('ramps the next plan from the volume in the files, not from what the words said', async () => {
    // Arrange: week 1 planned; the files show every planned run done in full.
    const { plan, replyTo } = await sendWeek(FIRST_WEEK);
    const files = plan.runs.filter((r) => r.amount > 0).map((r) => fitRun(r.date, r.amount));

    // Act: the words say only one run was done; the files say all were.
    await reply(FIRST_WEEK, replyTo, 'Only did one run. Knee 1/10, fine next morning.', files);
    const next = await sendWeek(addWeeks(FIRST_WEEK, 1));

    // Assess: a full week done without pain progresses by the ramp.
    expect(next.plan.decision).toBe('progress');
    expect(next.plan.totalVolume).toBeCloseTo(plan.totalVolume * 1.025, 1);
  });

  it('holds the next plan when the words say every run was done but the files show one', async () => {
    // Arrange
    const { plan, replyTo } = await sendWeek(FIRST_WEEK);
    const first = plan.runs.find((r) => r.amount > 0);
    if (!first) throw new Error('no run planned');

    // Act
    await reply(FIRST_WEEK, replyTo, 'Did all of them. Knee 1/10, fine next morning.', [
      fitRun(first.date, first.amount),
    ]);
    const next = await sendWeek(addWeeks(FIRST_WEEK, 1));

    // Assess: one run of three is not a week done; no progress.
    expect(next.plan.decision).not.toBe('progress');
    expect(next.plan.totalVolume).toBeLessThanOrEqual(plan.totalVolume);
  });
  it('loses no run when two replies with files are handled at the same time', async () => {
    // Arrange: one email per run, as many people send them.
    const { replyTo } = await sendWeek(FIRST_WEEK);
    now = sendTimeForWeek(addWeeks(FIRST_WEEK, 1), { ...PREFERENCES, sendHour: 10 });
    const message = (attachment: MessageAttachment) => ({
      from: EMAIL,
      subject: 'Re: your plan',
      autoReply: false,
      text: '',
      date: now.toUTCString(),
      findings: interpretReply('', { today: localDate(now, ZONE) }),
      readFiles: () => readWatchFiles([attachment]),
    });

    // Act: both read the week before either writes.
    await Promise.all([
      receiveReply(deps, replyTo, message(fitRun(addDays(FIRST_WEEK, 1), 5))),
      receiveReply(deps, replyTo, message(fitRun(addDays(FIRST_WEEK, 3), 7))),
    ]);

    // Assess
    const report = (await memory.store.getWeek(ID, FIRST_WEEK))?.report;
    expect(report?.activities).toHaveLength(2);
    expect(report?.done).toEqual({ runs: 2, volume: 12, longestRun: 7 });
  });

  it('does not count a run dated after the email, nor one too short to be a run', async () => {
    // Arrange
    const { replyTo } = await sendWeek(FIRST_WEEK);

    // Act: the reply comes on Sunday morning; the second file says next Wednesday.
    const ack = await reply(FIRST_WEEK, replyTo, 'knee 1/10', [
      fitRun(addDays(FIRST_WEEK, 1), 5),
      fitRun(addDays(FIRST_WEEK, 9), 6, 'later.fit'),
      fitRun(addDays(FIRST_WEEK, 2), 0.1, 'blip.fit'),
    ]);

    // Assess
    expect((await memory.store.getWeek(ID, FIRST_WEEK))?.report?.done?.runs).toBe(1);
    expect(await memory.store.getWeek(ID, addWeeks(FIRST_WEEK, 1))).toBeUndefined();
    expect(ack).toContain('Not counted: Wed 10 Mar 6.0 km in 36 min. That is dated after your email');
    expect(ack).toContain('Not counted: Wed 3 Mar 0.1 km in 1 min. Too short to be a run, walk or ride.');
  });

  it('says a planned week more than 8 weeks back is too far back, not unplanned', async () => {
    // Arrange: ten weeks planned; a reply to the tenth brings a run of the first.
    for (let i = 0; i < 10; i++) await sendWeek(addWeeks(FIRST_WEEK, i));
    const tenth = addWeeks(FIRST_WEEK, 9);
    const replyTo = memory.sent.at(-1)?.replyTo?.split('@')[0] ?? '';

    // Act
    const ack = await reply(tenth, replyTo, 'knee 1/10', [fitRun(addDays(FIRST_WEEK, 1), 5)]);

    // Assess
    expect((await memory.store.getWeek(ID, FIRST_WEEK))?.report).toBeUndefined();
    expect(ack).toContain(
      'Not counted: Tue 2 Mar 5.0 km in 30 min. That is more than 8 weeks before this plan.',
    );
  });

  it('after a red flag, still says what became of the files, below the advice', async () => {
    // Arrange
    const { replyTo } = await sendWeek(FIRST_WEEK);

    // Act
    const ack = await reply(FIRST_WEEK, replyTo, 'My knee swelled up after the long run.', [
      fitRun(addDays(FIRST_WEEK, 5), 8),
    ]);

    // Assess: paused, the run kept, the advice first.
    const report = (await memory.store.getWeek(ID, FIRST_WEEK))?.report;
    expect(report?.paused).toBe(true);
    expect(report?.done).toEqual({ runs: 1, volume: 8, longestRun: 8 });
    expect(ack.indexOf('Please rest your knee')).toBeGreaterThanOrEqual(0);
    expect(ack.indexOf('Please rest your knee')).toBeLessThan(
      ack.indexOf('From your file: Sat 6 Mar 8.0 km'),
    );
  });
});
