// The preferences page against DynamoDB Local and the SES emulator: shown, validated, applied from the next email.
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3RawMailStore } from '#adapters/s3-raw-mail-store';
import { signReplyLocalPart, signToken } from '#domain/tokens';
import type { Preferences, Subscriber } from '#domain/types';
import { makeApiHandler } from '#handlers/api';
import { makeInboundHandler } from '#handlers/inbound';
import { buildInboundDeps } from '#lambdas/compose/inbound';
import { sesReceiptEvent } from '#lib/local/smtp-inbound';
import { runWeek } from '#lib/local/stack';
import { apiEvent } from '#test/support/api-events';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';
import {
  freshTable,
  linkFrom,
  localDynamo,
  localS3,
  ManualClock,
  mailbox,
  type StoredEmail,
  storeActiveSubscriber,
  TEST_SECRET,
  tableItems,
  testConfig,
} from '#test/support/local';
import type { InboundDeps } from '#use-cases/receive-mail';

const BUCKET = 'coach-inbound-mail';
const dynamo = localDynamo();
const s3 = localS3();

let tableName: string;
let clock: ManualClock;
let deps: InboundDeps;
let api: ReturnType<typeof makeApiHandler>;
let inbound: (event: unknown) => Promise<void>;

beforeEach(async () => {
  tableName = await freshTable(dynamo);
  // Sunday 29 November 2026, 18:00 in Berlin: the example subscriber's send time.
  clock = new ManualClock(new Date('2026-11-29T17:00:00Z'));
  const built = await buildInboundDeps(
    { ...testConfig(tableName), inboundBucket: BUCKET, inboundPrefix: 'inbound/', requireSenderAuth: false },
    { log: { info() {}, warn() {}, error() {} }, clock, dynamo, s3 },
  );
  deps = built.deps;
  api = makeApiHandler(async () => deps);
  inbound = makeInboundHandler(async () => built);
});

const activeSubscriber = (preferences: Preferences = BERLIN_PREFERENCES) =>
  storeActiveSubscriber(deps.store, 'prefs', { preferences });

const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

/** An active subscriber who got the plan for the week of 30 November, and the preferences token in it. */
async function planned(preferences?: Preferences): Promise<{ subscriber: Subscriber; token: string }> {
  const subscriber = await activeSubscriber(preferences);
  await runWeek(deps, clock.now());
  const [plan] = await mailbox(subscriber.email);
  if (!plan) throw new Error('no plan email');
  clock.set('2026-12-02T08:00:00Z');
  return { subscriber, token: tokenOf(linkFrom(plan, '/preferences')) };
}

const getPage = (token: string) => api(apiEvent('GET', '/preferences', { query: { token } }));

function post(token: string, fields: Record<string, string>, action?: 'pause' | 'resume') {
  return api(
    apiEvent('POST', '/preferences', {
      query: { token, ...(action === undefined ? {} : { action }) },
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
  );
}

/** The form as a browser submits it untouched for the example subscriber. */
const BERLIN_FORM = {
  sendDay: 'sun',
  sendHour: '18',
  timeZone: 'Europe/Berlin',
  unit: 'min',
  runDays: '3',
  runHour: '7',
  rampRate: '2.5',
  goalVolume: '',
};

/** The value selected in one select of a page. */
function selected(body: string, id: string): string | undefined {
  const select = new RegExp(`<select id="${id}"[^>]*>(.*?)</select>`, 's').exec(body)?.[1] ?? '';
  return /<option value="([^"]*)" selected>/.exec(select)?.[1];
}

async function decisions(subscriberId: string): Promise<string[]> {
  return (await deps.store.recentWeeks(subscriberId, 10)).map((w) => w.plan.decision);
}

describe('GET /preferences', () => {
  it('shows the current preferences in a labelled form, the pause button and the data links', async () => {
    // Prepare
    const { token } = await planned({ ...BERLIN_PREFERENCES, rampRate: 0.05, goalVolume: 150, runHour: 18 });

    // Act
    const response = await getPage(token);

    // Assess
    const body = response.body ?? '';
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toMatch(/^text\/html/);
    expect(selected(body, 'sendDay')).toBe('sun');
    expect(selected(body, 'sendHour')).toBe('18');
    expect(selected(body, 'unit')).toBe('min');
    expect(selected(body, 'runDays')).toBe('3');
    expect(selected(body, 'runHour')).toBe('18');
    expect(selected(body, 'rampRate')).toBe('5');
    expect(body).toContain('id="timeZone" name="timeZone" autocomplete="off" value="Europe/Berlin"');
    expect(body).toMatch(/id="goalVolume" name="goalVolume"[^>]* value="150"/);
    for (const id of [
      'sendDay',
      'sendHour',
      'timeZone',
      'unit',
      'runDays',
      'runHour',
      'rampRate',
      'goalVolume',
    ]) {
      expect(body).toContain(`<label for="${id}">`);
    }
    expect(body).toContain('<label for="weeks">');
    expect(body).toContain('Pause my plan');
    expect(body).not.toContain('Resume my plan');
    expect(body).toContain(`href="/export?token=${encodeURIComponent(token)}"`);
    expect(body).toContain(`href="/erase?token=${encodeURIComponent(token)}"`);
    expect(body).toContain(`action="/preferences?token=${encodeURIComponent(token)}"`);
  });

  it('offers the default ramp rate and no goal for a subscriber who set neither', async () => {
    // Prepare
    const { token } = await planned();

    // Act
    const body = (await getPage(token)).body ?? '';

    // Assess
    expect(selected(body, 'rampRate')).toBe('2.5');
    expect(body).toContain('2.5% a week (our gentle default)');
    expect(body).toMatch(/id="goalVolume" name="goalVolume"[^>]* value=""/);
    const rampChoices = [
      ...(/<select id="rampRate"[^>]*>(.*?)<\/select>/s.exec(body)?.[1] ?? '').matchAll(/value="([^"]*)"/g),
    ];
    expect(rampChoices.map((m) => m[1])).toEqual([
      '1',
      '1.5',
      '2',
      '2.5',
      '3',
      '3.5',
      '4',
      '4.5',
      '5',
      '5.5',
      '6',
      '6.5',
      '7',
      '7.5',
      '8',
      '8.5',
      '9',
      '9.5',
      '10',
    ]);
  });
});

describe('POST /preferences', () => {
  it('switches units from the next email, converting the weekly volume', async () => {
    // Prepare
    const { subscriber, token } = await planned();

    // Act
    const response = await post(token, { ...BERLIN_FORM, unit: 'km' });
    const updated = await deps.store.get(subscriber.id);
    await runWeek(deps, new Date('2026-12-06T17:00:00Z'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(
      'Saved: your next plan arrives Sunday 6 December at 18:00 (Europe/Berlin time).',
    );
    expect(updated?.preferences.unit).toBe('km');
    expect(updated?.preferences.weeklyVolume).toBeCloseTo(90 / 7, 9);
    expect(updated?.nextSendAt).toBe('2026-12-06T17:00:00.000Z');
    const [first, second] = await mailbox(subscriber.email);
    expect(first?.subject).toMatch(/ min over /);
    expect(second?.subject).toMatch(/^Week 2: .* km over /);
    expect((await deps.store.recentWeeks(subscriber.id, 2))[1]?.plan.unit).toBe('km');
  });

  it('moves the next send to the new day and hour: nothing at the old time, the plan at the new one', async () => {
    // Prepare
    const { subscriber, token } = await planned();

    // Act
    const response = await post(token, { ...BERLIN_FORM, sendDay: 'mon', sendHour: '7' });
    const atOldTime = await runWeek(deps, new Date('2026-12-06T17:00:00Z'));
    const atNewTime = await runWeek(deps, new Date('2026-12-07T06:00:00Z'));

    // Assess
    expect(response.body).toContain(
      'Saved: your next plan arrives Monday 7 December at 07:00 (Europe/Berlin time).',
    );
    expect(atOldTime.sent).toBe(0);
    expect(atNewTime.sent).toBe(1);
    expect(await mailbox(subscriber.email)).toHaveLength(2);
    expect((await deps.store.recentWeeks(subscriber.id, 2)).map((w) => w.weekStart)).toEqual([
      '2026-11-30',
      '2026-12-07',
    ]);
    expect((await deps.store.get(subscriber.id))?.nextSendAt).toBe('2026-12-14T06:00:00.000Z');
  });

  it('moves the next send with a new time zone, keeping the local day and hour', async () => {
    // Prepare
    const { subscriber, token } = await planned();

    // Act
    const response = await post(token, { ...BERLIN_FORM, timeZone: 'Asia/Tokyo' });

    // Assess
    expect(response.body).toContain('Sunday 6 December at 18:00 (Asia/Tokyo time)');
    expect((await deps.store.get(subscriber.id))?.nextSendAt).toBe('2026-12-06T09:00:00.000Z');
  });

  it('takes the goal as typed in the new unit, the ramp rate in percent and the run hour; an empty goal removes it', async () => {
    // Prepare
    const { subscriber, token } = await planned();

    // Act
    const withGoal = await post(token, {
      ...BERLIN_FORM,
      unit: 'km',
      goalVolume: '20',
      rampRate: '5',
      runHour: '18',
    });
    const afterGoal = await deps.store.get(subscriber.id);
    const withoutGoal = await post(token, { ...BERLIN_FORM, unit: 'km', rampRate: '5', runHour: '18' });

    // Assess
    expect(withGoal.statusCode).toBe(200);
    expect(afterGoal?.preferences).toMatchObject({ unit: 'km', goalVolume: 20, rampRate: 0.05, runHour: 18 });
    expect(withoutGoal.statusCode).toBe(200);
    const final = await deps.store.get(subscriber.id);
    expect(final?.preferences.goalVolume).toBeUndefined();
    expect(final?.preferences.weeklyVolume).toBeCloseTo(90 / 7, 9);
    expect(final?.nextSendAt).toBe('2026-12-06T17:00:00.000Z');
  });

  it('answers 400 with every invalid field named beside it, and changes nothing', async () => {
    // Prepare
    const { subscriber, token } = await planned();
    const before = await deps.store.get(subscriber.id);
    const submitted = {
      sendDay: 'someday',
      sendHour: '25',
      timeZone: 'Mars/Olympus',
      unit: 'furlongs',
      runDays: '9',
      runHour: '-1',
      rampRate: '25',
      goalVolume: 'lots',
    };

    // Act
    const response = await post(token, submitted);

    // Assess
    const body = response.body ?? '';
    expect(response.statusCode).toBe(400);
    for (const field of Object.keys(submitted)) {
      expect(body).toContain(`id="${field}-error"`);
      expect(body).toMatch(
        new RegExp(`id="${field}"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*${field}-error`),
      );
    }
    expect(body).toContain('must be 1% to 10%');
    expect(body).toMatch(/id="goalVolume-error"[^>]*>must be a number</);
    expect(body).toContain('value="Mars/Olympus"');
    expect(body).toContain('Nothing was saved yet');
    expect(await deps.store.get(subscriber.id)).toEqual(before);
  });

  it('explains a goal below what they run now, and names a missing field', async () => {
    // Prepare
    const { subscriber, token } = await planned();
    const before = await deps.store.get(subscriber.id);
    const { timeZone: _left, ...withoutZone } = BERLIN_FORM;

    // Act
    const lowGoal = await post(token, { ...BERLIN_FORM, goalVolume: '60' });
    const noZone = await post(token, withoutZone);

    // Assess
    expect(lowGoal.statusCode).toBe(400);
    expect(lowGoal.body).toContain(
      'must be more than what you run now (90 min a week); leave it empty for no goal',
    );
    expect(noZone.statusCode).toBe(400);
    expect(noZone.body).toMatch(/id="timeZone-error"[^>]*>is required</);
    expect(await deps.store.get(subscriber.id)).toEqual(before);
  });

  it('refuses forged, expired and other-purpose links with a 400 page, and changes nothing', async () => {
    // Prepare
    const { subscriber, token } = await planned();
    const before = await tableItems(dynamo, tableName);
    const now = clock.now();
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const expired = signToken(
      { purpose: 'preferences', subscriberId: subscriber.id },
      TEST_SECRET,
      new Date(now.getTime() - 61 * 24 * 3600 * 1000),
    );
    const unsubscribe = signToken({ purpose: 'unsubscribe', subscriberId: subscriber.id }, TEST_SECRET, now);
    const otherSecret = signToken(
      { purpose: 'preferences', subscriberId: subscriber.id },
      'another-secret-that-is-long-enough-0123456789',
      now,
    );

    for (const bad of [tampered, expired, unsubscribe, otherSecret, 'nonsense', '']) {
      // Act
      const responses = [
        await getPage(bad),
        await post(bad, { ...BERLIN_FORM, unit: 'km' }),
        await post(bad, { weeks: '2' }, 'pause'),
        await post(bad, {}, 'resume'),
      ];

      // Assess
      for (const response of responses) {
        expect(response.statusCode).toBe(400);
        expect(response.body).toMatch(bad === expired ? /This link has expired/ : /This link does not work/);
        expect(response.body).toContain('Nothing was changed.');
      }
    }
    expect(await tableItems(dynamo, tableName)).toEqual(before);
  });

  it('changes nothing for someone unsubscribed, but still shows them their data links', async () => {
    // Prepare
    const { subscriber, token } = await planned();
    const current = (await deps.store.get(subscriber.id)) as Subscriber;
    await deps.store.update(
      { ...current, status: 'unsubscribed', version: current.version + 1 },
      current.version,
    );
    const before = await tableItems(dynamo, tableName);

    // Act
    const page = await getPage(token);
    const saved = await post(token, { ...BERLIN_FORM, unit: 'km' });
    const paused = await post(token, {}, 'pause');

    // Assess
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('You&#39;re not getting plans right now');
    expect(page.body).toContain('Download my data');
    expect(saved.statusCode).toBe(409);
    expect(paused.statusCode).toBe(409);
    expect(await tableItems(dynamo, tableName)).toEqual(before);
  });
});

describe('pausing and resuming on the preferences page', () => {
  it('pauses for the weeks asked, then eases back in with a return week', async () => {
    // Prepare
    const { subscriber, token } = await planned();

    // Act
    const response = await post(token, { weeks: '2' }, 'pause');
    const page = (await getPage(token)).body ?? '';
    for (const at of ['2026-12-06T17:00:00Z', '2026-12-13T17:00:00Z', '2026-12-20T17:00:00Z']) {
      await runWeek(deps, new Date(at));
    }

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(
      'Paused for 2 weeks: your plan picks up again from Mon 21 Dec with an easy return week.',
    );
    expect(page).toContain('Resume my plan');
    expect(page).toContain('your plan picks up again from Mon 21 Dec with an easy return week');
    expect(page).not.toContain('Pause my plan');
    expect(await decisions(subscriber.id)).toEqual(['hold', 'pause', 'pause', 'return']);
    expect((await deps.store.get(subscriber.id))?.resumeAt).toBeUndefined();
    expect((await getPage(token)).body).toContain('Pause my plan');
  });

  it('keeps an open pause until they resume, then sends a return week', async () => {
    // Prepare
    const { subscriber, token } = await planned();

    // Act
    await post(token, { weeks: '' }, 'pause');
    await runWeek(deps, new Date('2026-12-06T17:00:00Z'));
    clock.set('2026-12-09T08:00:00Z');
    const pausedPage = (await getPage(token)).body ?? '';
    const resumed = await post(token, {}, 'resume');
    const resumedPage = (await getPage(token)).body ?? '';
    await runWeek(deps, new Date('2026-12-13T17:00:00Z'));

    // Assess
    expect(pausedPage).toContain('Resume my plan');
    expect(resumed.statusCode).toBe(200);
    expect(resumed.body).toContain('Welcome back: we will ease you in gently.');
    expect(resumedPage).toContain('Pause my plan');
    expect(await decisions(subscriber.id)).toEqual(['hold', 'pause', 'return']);
    const weeks = await deps.store.recentWeeks(subscriber.id, 3);
    expect(weeks[1]?.report?.paused).toBe(false);
  });

  it('refuses a pause of more than 12 weeks and changes nothing', async () => {
    // Prepare
    const { subscriber, token } = await planned();
    const before = await tableItems(dynamo, tableName);

    // Act
    const responses = [
      await post(token, { weeks: '13' }, 'pause'),
      await post(token, { weeks: 'two' }, 'pause'),
    ];

    // Assess
    for (const response of responses) {
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatch(/id="weeks"[^>]*aria-describedby="weeks-error"/);
      expect(response.body).toContain('must be 1 to 12 weeks, or empty to pause until you resume');
    }
    expect(await tableItems(dynamo, tableName)).toEqual(before);
    expect((await deps.store.get(subscriber.id))?.resumeAt).toBeUndefined();
  });

  it('offers no pause before the first plan, and refuses one', async () => {
    // Prepare: confirmed, but the first plan has not gone out yet.
    const subscriber = await activeSubscriber();
    const token = signToken(
      { purpose: 'preferences', subscriberId: subscriber.id },
      TEST_SECRET,
      clock.now(),
    );

    // Act
    const page = (await getPage(token)).body ?? '';
    const response = await post(token, { weeks: '2' }, 'pause');

    // Assess
    expect(page).not.toContain('Pause my plan');
    expect(page).toContain('You can pause your plan here once your first plan has arrived.');
    expect(response.statusCode).toBe(409);
    expect((await deps.store.get(subscriber.id))?.resumeAt).toBeUndefined();
  });
});

describe('after a red flag', () => {
  it('says the next week is a rest week and asks for a check, instead of offering to resume', async () => {
    // Prepare
    const { subscriber, token } = await planned();
    await deps.store.saveReport(subscriber.id, '2026-11-30', {
      redFlags: ['swelling'],
      paused: true,
      receivedAt: '2026-12-02T07:00:00.000Z',
    });

    // Act
    const page = (await getPage(token)).body ?? '';

    // Assess
    expect(page).toContain('You told us about a warning sign for your knee');
    expect(page).not.toContain('Resume my plan');
    expect(page).not.toContain('Pause my plan');
  });
});

describe('routes', () => {
  it('answers 405 for a wrong method on the new paths and 404 below them', async () => {
    // Act
    const wrong = await Promise.all([
      api(apiEvent('PUT', '/preferences')),
      api(apiEvent('POST', '/export')),
      api(apiEvent('DELETE', '/erase')),
    ]);
    const missing = await api(apiEvent('GET', '/preferences/extra'));

    // Assess
    for (const response of wrong) expect(response.statusCode).toBe(405);
    expect(missing.statusCode).toBe(404);
  });

  it('refuses a huge form and changes nothing', async () => {
    // Prepare
    const { subscriber, token } = await planned();
    const before = await deps.store.get(subscriber.id);

    // Act
    const response = await post(token, { ...BERLIN_FORM, unit: 'km', padding: 'x'.repeat(20_000) });

    // Assess
    expect(response.statusCode).toBe(413);
    expect(await deps.store.get(subscriber.id)).toEqual(before);
  });
});

describe('the preferences link in every email', () => {
  async function follow(email: StoredEmail | undefined): Promise<string> {
    if (!email) throw new Error('no email');
    expect(email.body.html).toContain('>Your preferences</a>');
    const response = await api(
      apiEvent('GET', '/preferences', { query: { token: tokenOf(linkFrom(email, '/preferences')) } }),
    );
    expect(response.statusCode).toBe(200);
    return response.body ?? '';
  }

  it('is in the weekly email and in the acknowledgment of a reply, and opens the page', async () => {
    // Prepare
    const { subscriber } = await planned();
    const replyTo = `${signReplyLocalPart(subscriber.id, '2026-11-30', TEST_SECRET)}@reply.coach.test`;
    const messageId = randomBytes(10).toString('hex');
    const raw = [
      `From: Runner <${subscriber.email}>`,
      `To: ${replyTo}`,
      'Subject: Re: Week 1',
      `Message-ID: <${messageId}@mail.example.com>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'knee 2/10, fine next morning',
      '',
    ].join('\r\n');
    await new S3RawMailStore(s3).put(BUCKET, `inbound/${messageId}`, Buffer.from(raw));

    // Act
    await inbound(sesReceiptEvent(messageId, [replyTo], subscriber.email));
    const [weekly, ack] = await mailbox(subscriber.email);

    // Assess
    expect(ack?.subject).toMatch(/^Got it: knee 2\/10/);
    for (const email of [weekly, ack]) {
      const page = await follow(email);
      expect(page).toContain('Your preferences');
      expect(selected(page, 'sendDay')).toBe('sun');
    }
  });
});
