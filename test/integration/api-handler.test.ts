// The api Lambda's handler against DynamoDB Local and the SES emulator: subscribe, confirm, unsubscribe.
import { beforeEach, describe, expect, it } from 'vitest';
import { signToken } from '#domain/tokens';
import { makeApiHandler } from '#handlers/api';
import { SUBSCRIBE_ACCEPTED } from '#http/routes/signup';
import { runWeek } from '#lib/local/stack';
import { apiEvent, EXAMPLE_SUBSCRIPTION, sendConfirmForm, subscribeEvent } from '#test/support/api-events';
import {
  freshTable,
  linkFrom,
  localDynamo,
  ManualClock,
  mailbox,
  TEST_SECRET,
  tableItems,
  testDeps,
  uniqueAddress,
} from '#test/support/local';
import type { CoachDeps } from '#use-cases/deps';

const client = localDynamo();
let tableName: string;
let deps: CoachDeps;
let clock: ManualClock;
let api: ReturnType<typeof makeApiHandler>;

beforeEach(async () => {
  tableName = await freshTable(client);
  // Wednesday 25 November 2026, 10:00 in Berlin.
  clock = new ManualClock(new Date('2026-11-25T09:00:00Z'));
  deps = await testDeps(tableName, clock);
  api = makeApiHandler(async () => deps);
});

function queryOf(link: string): Record<string, string> {
  return Object.fromEntries(new URL(link).searchParams);
}

/** Opens a confirmation link and presses the page's button, as a person does; the answer to the press. */
async function confirmByButton(link: string, handler = api) {
  const page = await handler(apiEvent('GET', '/confirm', { query: queryOf(link) }));
  expect(page.statusCode).toBe(200);
  return handler(sendConfirmForm(page.body));
}

async function subscribeAndGetConfirmLink(email: string): Promise<string> {
  const response = await api(subscribeEvent({ email, ...EXAMPLE_SUBSCRIPTION }));
  expect(response.statusCode).toBe(202);
  const [confirmation] = await mailbox(email);
  if (!confirmation) throw new Error('no confirmation email');
  return linkFrom(confirmation, '/confirm');
}

describe('POST /subscribe', () => {
  it('stores a pending subscriber and sends only a confirmation email with a signed link', async () => {
    const email = uniqueAddress('ana');
    const response = await api(subscribeEvent({ email, ...EXAMPLE_SUBSCRIPTION }));

    expect(response.statusCode).toBe(202);
    expect(JSON.parse(response.body ?? '')).toEqual(SUBSCRIBE_ACCEPTED);
    const emails = await mailbox(email);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.subject).toMatch(/confirm/i);
    expect(linkFrom(emails[0] as never, '/confirm')).toMatch(/^http:\/\/coach\.test\/confirm\?token=v1\./);
    const profile = (await tableItems(client, tableName)).find((i) => i.SK?.S === 'PROFILE');
    expect(profile?.status?.S).toBe('pending');
    expect(profile?.nextSendAt).toBeUndefined();
  });

  it('answers the same for a known address as for a new one, and sends nothing to an active subscriber', async () => {
    const email = uniqueAddress();
    await api(subscribeEvent({ email, ...EXAMPLE_SUBSCRIPTION }));
    const link = linkFrom((await mailbox(email))[0] as never, '/confirm');
    await confirmByButton(link);
    const before = (await mailbox(email)).length;

    const again = await api(subscribeEvent({ email: email.toUpperCase(), ...EXAMPLE_SUBSCRIPTION }));

    expect(again.statusCode).toBe(202);
    expect(JSON.parse(again.body ?? '')).toEqual(SUBSCRIBE_ACCEPTED);
    expect(await mailbox(email)).toHaveLength(before);
  });

  it('caps confirmation emails to one pending address', async () => {
    const email = uniqueAddress();
    for (let i = 0; i < 6; i++) await api(subscribeEvent({ email, ...EXAMPLE_SUBSCRIPTION }));
    expect(await mailbox(email)).toHaveLength(deps.settings.maxConfirmSends);
  });

  it('lifts the cap once the last confirmation link has expired, so nobody can block an address for good', async () => {
    const email = uniqueAddress();
    for (let i = 0; i < 5; i++) await api(subscribeEvent({ email, ...EXAMPLE_SUBSCRIPTION }));
    expect(await mailbox(email)).toHaveLength(deps.settings.maxConfirmSends);
    clock.set('2026-12-03T09:00:01Z'); // a week and a second later: the last link has expired
    await api(subscribeEvent({ email, ...EXAMPLE_SUBSCRIPTION }));
    expect(await mailbox(email)).toHaveLength(deps.settings.maxConfirmSends + 1);
  });

  it('rate-limits sign-ups per email address and per source address, with a clear 429', async () => {
    const email = uniqueAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await api(subscribeEvent({ email, ...EXAMPLE_SUBSCRIPTION }))).statusCode ?? 0);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);

    const fromOneSource: number[] = [];
    for (let i = 0; i < 30; i++) {
      fromOneSource.push(
        (await api(subscribeEvent({ email: uniqueAddress('flood'), ...EXAMPLE_SUBSCRIPTION }))).statusCode ??
          0,
      );
    }
    const blocked = await api(subscribeEvent({ email: uniqueAddress('flood'), ...EXAMPLE_SUBSCRIPTION }));
    // 6 from the first address count against this source too: 24 more pass, then 429.
    expect(fromOneSource.filter((s) => s === 202)).toHaveLength(24);
    expect(blocked.statusCode).toBe(429);
    expect(JSON.parse(blocked.body ?? '').error).toMatch(/try again in an hour/);

    clock.set('2026-11-25T10:00:01Z'); // the next hour
    expect(
      (await api(subscribeEvent({ email: uniqueAddress('later'), ...EXAMPLE_SUBSCRIPTION }))).statusCode,
    ).toBe(202);
    // Counters are keyed by hashes: no source IP and no address in the table's rate items.
    const rateItems = (await tableItems(client, tableName)).filter((i) => i.PK?.S?.startsWith('RATE#'));
    expect(JSON.stringify(rateItems)).not.toMatch(/203\.0\.113|example\.com/);
  });

  it('names every invalid field, stores nothing and sends nothing', async () => {
    const email = 'not-an-address';
    const response = await api(
      subscribeEvent({
        email,
        weeklyVolume: -5,
        unit: 'yards',
        runDays: 9,
        timeZone: 'Mars/Base',
        sendDay: 'someday',
      }),
    );

    expect(response.statusCode).toBe(400);
    const body = JSON.parse(response.body ?? '');
    expect(Object.keys(body.fields).sort()).toEqual(
      ['email', 'weeklyVolume', 'unit', 'runDays', 'timeZone', 'sendDay', 'sendHour'].sort(),
    );
    expect(body.fields.sendHour).toBe('is required');
    expect(await tableItems(client, tableName)).toHaveLength(0);
    expect(await mailbox(email)).toHaveLength(0);
  });

  it.each([
    ['not JSON', '{"email":', 400],
    ['a JSON array', '[]', 400],
    ['JSON null', 'null', 400],
  ])('refuses %s with a clear error', async (_what, body, status) => {
    const response = await api(subscribeEvent(body));
    expect(response.statusCode).toBe(status);
    expect(JSON.parse(response.body ?? '').error).toEqual(expect.any(String));
    expect(await tableItems(client, tableName)).toHaveLength(0);
  });

  it('refuses a huge body and a non-JSON content type', async () => {
    const huge = await api(
      subscribeEvent({ email: uniqueAddress(), pad: 'x'.repeat(20_000), ...EXAMPLE_SUBSCRIPTION }),
    );
    const form = await api(
      apiEvent('POST', '/subscribe', { body: 'email=a@b.co', headers: { 'content-type': 'text/plain' } }),
    );
    expect(huge.statusCode).toBe(413);
    expect(form.statusCode).toBe(415);
    expect(await tableItems(client, tableName)).toHaveLength(0);
  });
});

describe('POST /subscribe from the landing page form (no JavaScript needed)', () => {
  const formEvent = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    apiEvent('POST', '/subscribe', {
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  const FORM = {
    weeklyVolume: '90',
    unit: 'min',
    runDays: '3',
    timeZone: 'Europe/Berlin',
    sendDay: 'sun',
    sendHour: '18',
  };

  it('serves the form: every field labelled, posting to /subscribe, only its own script allowed', async () => {
    const response = await api(apiEvent('GET', '/'));

    expect(response.statusCode).toBe(200);
    const body = response.body ?? '';
    expect(body).toContain('<form method="post" action="/subscribe" novalidate data-enhance>');
    for (const id of ['email', 'weeklyVolume', 'unit', 'runDays', 'sendDay', 'sendHour', 'timeZone']) {
      expect(body).toContain(`<label for="${id}">`);
      expect(body).toContain(`id="${id}" name="${id}"`);
    }
    const csp = String(response.headers?.['content-security-policy']).split(/;\s*/);
    expect(csp.filter((d) => d.startsWith('script-src'))).toEqual([
      expect.stringMatching(/^script-src 'sha256-[A-Za-z0-9+/]+=*'$/),
    ]);
    expect(csp).toContain("connect-src 'self'");
  });

  it('answers with the neutral check-your-inbox page and sends only the confirmation email', async () => {
    const email = uniqueAddress('form');

    const response = await api(formEvent({ email, ...FORM }));

    expect(response.statusCode).toBe(202);
    expect(response.headers?.['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('<h1 tabindex="-1">Check your inbox</h1>');
    expect(response.body).toContain(SUBSCRIBE_ACCEPTED.message);
    const emails = await mailbox(email);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.body.text).toContain('90 min');
    const profile = (await tableItems(client, tableName)).find((i) => i.SK?.S === 'PROFILE');
    expect(profile?.status?.S).toBe('pending');
  });

  it('shows a known address exactly the same page as a new one', async () => {
    const known = uniqueAddress('known');
    await api(formEvent({ email: known, ...FORM }));

    const again = await api(formEvent({ email: known, ...FORM }));
    const fresh = await api(formEvent({ email: uniqueAddress('fresh'), ...FORM }));

    expect(again.statusCode).toBe(fresh.statusCode);
    expect(again.body).toBe(fresh.body);
  });

  it('sends the form back with each problem next to its field, what was typed kept, and nothing stored', async () => {
    const response = await api(
      formEvent({
        email: '<b>ana</b>',
        weeklyVolume: 'lots',
        unit: 'min',
        runDays: '9',
        sendDay: 'sun',
        sendHour: '18',
        timeZone: '',
      }),
    );

    expect(response.statusCode).toBe(400);
    const body = response.body ?? '';
    expect(body).toContain('<title>Please check the form · Knee Coach</title>');
    for (const field of ['email', 'weeklyVolume', 'runDays', 'timeZone']) {
      expect(body).toContain(`id="${field}-error"`);
      expect(body).toMatch(
        new RegExp(`id="${field}"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*${field}-error`),
      );
      expect(body).toContain(`<a href="#${field}">`);
    }
    expect(body).not.toContain('id="unit-error"');
    // The API's rules, in a sentence; what was typed comes back escaped.
    expect(body).toContain('Your email address must be a valid email address such as ana@example.com.');
    expect(body).toContain('Your weekly running must be a number, for example 90 or 12.5.');
    expect(body).toContain('The number of run days must be 1 to 7.');
    expect(body).toContain('Please enter your time zone, for example Europe/Berlin.');
    expect(body).toContain('value="&lt;b&gt;ana&lt;/b&gt;"');
    expect(body).not.toContain('<b>ana</b>');
    expect(body).toContain('value="lots"');
    expect(await tableItems(client, tableName)).toHaveLength(0);
  });

  it('names the same fields as the JSON API for the same input', async () => {
    const input = { email: 'nope', weeklyVolume: '0', unit: 'km', runDays: '3', sendDay: 'someday' };

    const asForm = (await api(formEvent(input))).body ?? '';
    const asJson = JSON.parse(
      (await api(subscribeEvent({ ...input, weeklyVolume: 0, runDays: 3 }))).body ?? '',
    ) as { fields: Record<string, string> };

    const formFields = [...asForm.matchAll(/id="([a-zA-Z]+)-error"/g)].map((m) => m[1]).sort();
    expect(formFields).toEqual(Object.keys(asJson.fields).sort());
  });

  it('refuses a huge form with a page, not JSON', async () => {
    const response = await api(formEvent({ email: uniqueAddress(), ...FORM, pad: 'x'.repeat(20_000) }));
    expect(response.statusCode).toBe(413);
    expect(response.headers?.['content-type']).toMatch(/^text\/html/);
    expect(await tableItems(client, tableName)).toHaveLength(0);
  });
});

describe('confirming', () => {
  it('shows a page with one button and changes nothing, however often the link is opened', async () => {
    const email = uniqueAddress();
    const link = await subscribeAndGetConfirmLink(email);

    // A link scanner opens every link in an email, maybe twice.
    const page = await api(apiEvent('GET', '/confirm', { query: queryOf(link) }));
    await api(apiEvent('GET', '/confirm', { query: queryOf(link) }));

    expect(page.statusCode).toBe(200);
    expect(page.headers?.['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<h1 tabindex="-1">Confirm your subscription</h1>');
    // The token goes in the form's body, not in the address the form posts to.
    expect(page.body).toContain('<form method="post" action="/confirm">');
    expect(page.body).toContain(`<input type="hidden" name="token" value="${queryOf(link).token}">`);
    expect(page.body?.match(/<button/g)).toHaveLength(1);
    const profile = (await tableItems(client, tableName)).find((i) => i.SK?.S === 'PROFILE');
    expect(profile?.status?.S).toBe('pending');
    expect(await mailbox(email)).toHaveLength(1);
  });

  it('activates on the button, sends the first plan at once and schedules the next send day and hour', async () => {
    const email = uniqueAddress();
    const link = await subscribeAndGetConfirmLink(email);

    const response = await confirmByButton(link);

    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('confirmed');
    const emails = await mailbox(email);
    expect(emails).toHaveLength(2);
    const plan = emails[1];
    expect(plan?.subject).toBe('Week 1: 90 min over 3 runs');
    expect(plan?.replyTo[0]).toMatch(/^reply\+[a-z2-7]+\.20261130\.[a-z2-7]{16}@reply\.coach\.test$/);
    expect(plan?.headers).toContainEqual({
      name: 'List-Unsubscribe-Post',
      value: 'List-Unsubscribe=One-Click',
    });
    expect(plan?.body.text).toContain('Mon 30 Nov');
    // The week as calendar events, at their usual run hour (07:00 in Berlin = 06:00 UTC in winter).
    const calendar = plan?.attachments.find((a) => a.filename?.endsWith('.ics'));
    expect(calendar?.contentType).toMatch(/^text\/calendar/);
    expect(Buffer.from(calendar?.content ?? '', 'base64').toString()).toContain('DTSTART:20261130T060000Z');
    const profile = (await tableItems(client, tableName)).find((i) => i.SK?.S === 'PROFILE');
    expect(profile?.status?.S).toBe('active');
    expect(profile?.confirmNonce).toBeUndefined();
    expect(profile?.earlierConfirmNonces).toBeUndefined();
    // The first plan covers the week of Monday 30 November; the next one goes out the Sunday before
    // the week after, 6 December at 18:00 Berlin time (17:00 UTC).
    expect(profile?.nextSendAt?.S).toBe('2026-12-06T17:00:00.000Z');
  });

  it('still confirms from a page that carried the token in its address (open while this version deployed)', async () => {
    const email = uniqueAddress();
    const link = await subscribeAndGetConfirmLink(email);

    const response = await api(
      apiEvent('POST', '/confirm', {
        query: queryOf(link),
        body: '',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Your subscription is confirmed');
    expect(await mailbox(email)).toHaveLength(2);
  });

  it('changes nothing for a tampered token, opened or posted', async () => {
    const link = await subscribeAndGetConfirmLink(uniqueAddress());
    const token = queryOf(link).token as string;
    const tampered = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;

    const opened = await api(apiEvent('GET', '/confirm', { query: { token: tampered } }));
    const posted = await api(
      apiEvent('POST', '/confirm', {
        body: `token=${encodeURIComponent(tampered)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );

    for (const response of [opened, posted]) {
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('Nothing was changed');
    }
    const profile = (await tableItems(client, tableName)).find((i) => i.SK?.S === 'PROFILE');
    expect(profile?.status?.S).toBe('pending');
  });

  it('changes nothing for an expired token, and says it expired', async () => {
    const email = uniqueAddress();
    const link = await subscribeAndGetConfirmLink(email);
    const page = await api(apiEvent('GET', '/confirm', { query: queryOf(link) }));
    clock.set('2026-12-03T09:00:01Z'); // a week and a second later

    const opened = await api(apiEvent('GET', '/confirm', { query: queryOf(link) }));
    const pressed = await api(sendConfirmForm(page.body));

    expect(opened.statusCode).toBe(410);
    expect(opened.body).toContain('This link has expired');
    expect(pressed.statusCode).toBe(410);
    expect(await mailbox(email)).toHaveLength(1);
  });

  it('says so when the link was already used, opened or pressed again, and sends nothing more', async () => {
    const email = uniqueAddress();
    const link = await subscribeAndGetConfirmLink(email);
    const page = await api(apiEvent('GET', '/confirm', { query: queryOf(link) }));
    await api(sendConfirmForm(page.body));

    const opened = await api(apiEvent('GET', '/confirm', { query: queryOf(link) }));
    const pressed = await api(sendConfirmForm(page.body));

    for (const response of [opened, pressed]) {
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Already confirmed');
    }
    expect(await mailbox(email)).toHaveLength(2);
  });

  it("confirms with the first email's link after signing up twice, and then the second says already confirmed", async () => {
    const email = uniqueAddress();
    const older = await subscribeAndGetConfirmLink(email);
    await api(subscribeEvent({ email, ...EXAMPLE_SUBSCRIPTION }));
    const newer = linkFrom((await mailbox(email))[1] as never, '/confirm');
    expect(newer).not.toBe(older);

    const first = await confirmByButton(older);
    const second = await api(apiEvent('GET', '/confirm', { query: queryOf(newer) }));

    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Your subscription is confirmed');
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('Already confirmed');
    const subjects = (await mailbox(email)).map((m) => m.subject);
    expect(subjects.filter((s) => s.startsWith('Week 1'))).toHaveLength(1);
  });

  it('keeps every link of the capped re-sends working, the newest too', async () => {
    for (const which of [0, 1, 2]) {
      const email = uniqueAddress(`resend${which}`);
      for (let i = 0; i < 3; i++) await api(subscribeEvent({ email, ...EXAMPLE_SUBSCRIPTION }));
      const link = linkFrom((await mailbox(email))[which] as never, '/confirm');

      const response = await confirmByButton(link);

      expect(response.body, `link ${which + 1} of 3`).toContain('Your subscription is confirmed');
    }
  });

  it('refuses a token signed for another purpose', async () => {
    const link = await subscribeAndGetConfirmLink(uniqueAddress());
    const profile = (await tableItems(client, tableName)).find((i) => i.SK?.S === 'PROFILE');
    const unsubscribeToken = signToken(
      { purpose: 'unsubscribe', subscriberId: profile?.id?.S as string },
      TEST_SECRET,
      clock.now(),
    );
    expect(link).toBeTruthy();
    const response = await api(apiEvent('GET', '/confirm', { query: { token: unsubscribeToken } }));
    expect(response.statusCode).toBe(400);
  });
});

describe('a first plan that fails to send', () => {
  it('is sent by the next hourly run, exactly once', async () => {
    const email = uniqueAddress();
    const link = await subscribeAndGetConfirmLink(email);
    const failing: CoachDeps = {
      ...deps,
      mailer: {
        send: (m) =>
          m.subject.startsWith('Week') ? Promise.reject(new Error('SES throttled')) : deps.mailer.send(m),
      },
    };
    const page = await confirmByButton(
      link,
      makeApiHandler(async () => failing),
    );
    expect(page.body).toContain('on its way');
    expect(await mailbox(email)).toHaveLength(1);

    clock.set('2026-11-25T10:00:00Z');
    await runWeek(deps, clock.now());
    await runWeek(deps, clock.now());

    const mails = await mailbox(email);
    expect(mails.map((m) => m.subject)).toEqual([
      expect.stringMatching(/confirm/i),
      expect.stringMatching(/^Week 1: /),
    ]);
    const profile = (await tableItems(client, tableName)).find((i) => i.SK?.S === 'PROFILE');
    expect(profile?.nextSendAt?.S).toBe('2026-12-06T17:00:00.000Z');
  });

  it('refuses an oversized profile form', async () => {
    const email = uniqueAddress();
    const link = await subscribeAndGetConfirmLink(email);
    const response = await api(
      apiEvent('POST', '/confirm', {
        query: queryOf(link),
        body: `weeklyVolume=${'9'.repeat(20_000)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
    expect(response.statusCode).toBe(413);
  });
});

describe('rotating the signing secret', () => {
  it('keeps a confirmation link from before the rotation working, and signs new links with the new secret', async () => {
    const email = uniqueAddress();
    const link = await subscribeAndGetConfirmLink(email);
    const rotated: CoachDeps = {
      ...deps,
      settings: { ...deps.settings, tokenSecret: NEW_SECRET, tokenSecrets: [NEW_SECRET, TEST_SECRET] },
    };
    const response = await confirmByButton(
      link,
      makeApiHandler(async () => rotated),
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Your subscription is confirmed');
    const plan = (await mailbox(email))[1];
    const unsubscribe = queryOf(linkFrom(plan as never, '/unsubscribe')).token as string;
    // Signed with the new secret: refused by a deployment that knows only the old one.
    const oldOnly = await api(apiEvent('POST', '/unsubscribe', { query: { token: unsubscribe } }));
    expect(oldOnly.statusCode).toBe(400);
  });
});

const NEW_SECRET = 'a-brand-new-secret-after-rotation-0123456789';

describe('unsubscribe', () => {
  it('shows a button on GET without unsubscribing, and unsubscribes on POST', async () => {
    const email = uniqueAddress();
    const link = await subscribeAndGetConfirmLink(email);
    await confirmByButton(link);
    const unsubscribeLink = linkFrom((await mailbox(email))[1] as never, '/unsubscribe');

    const page = await api(apiEvent('GET', '/unsubscribe', { query: queryOf(unsubscribeLink) }));
    const afterGet = (await tableItems(client, tableName)).find((i) => i.SK?.S === 'PROFILE');
    const post = await api(apiEvent('POST', '/unsubscribe', { query: queryOf(unsubscribeLink) }));
    const afterPost = (await tableItems(client, tableName)).find((i) => i.SK?.S === 'PROFILE');

    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post"');
    expect(afterGet?.status?.S).toBe('active');
    expect(post.statusCode).toBe(200);
    expect(afterPost?.status?.S).toBe('unsubscribed');
    // Out of the due index: the dispatcher can never see this subscriber again.
    expect(afterPost?.dueShard).toBeUndefined();
    expect(afterPost?.nextSendAt).toBeUndefined();
  });

  it('refuses a forged unsubscribe token', async () => {
    const response = await api(apiEvent('POST', '/unsubscribe', { query: { token: 'v1.e30.AAAA' } }));
    expect(response.statusCode).toBe(400);
  });
});

describe('routing', () => {
  it('serves the landing page, 404s unknown paths and 405s wrong methods', async () => {
    expect((await api(apiEvent('GET', '/'))).statusCode).toBe(200);
    expect((await api(apiEvent('GET', '/nope'))).statusCode).toBe(404);
    expect((await api(apiEvent('DELETE', '/subscribe'))).statusCode).toBe(405);
  });

  it('answers 500 without internals when the store fails', async () => {
    const broken: CoachDeps = {
      ...deps,
      store: { ...deps.store, findIdByEmail: () => Promise.reject(new Error('secret table detail')) },
    };
    const response = await makeApiHandler(async () => broken)(
      subscribeEvent({ email: uniqueAddress(), ...EXAMPLE_SUBSCRIPTION }),
    );
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret table detail');
  });

  it('answers a browser that fails on our side with a page, still without internals', async () => {
    const broken: CoachDeps = {
      ...deps,
      store: { ...deps.store, findIdByEmail: () => Promise.reject(new Error('secret table detail')) },
    };
    const response = await makeApiHandler(async () => broken)(
      apiEvent('POST', '/subscribe', {
        body: `email=${uniqueAddress()}&weeklyVolume=90&unit=min&runDays=3&timeZone=UTC&sendDay=sun&sendHour=18`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,*/*' },
      }),
    );
    expect(response.statusCode).toBe(500);
    expect(response.headers?.['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('Something went wrong on our side');
    expect(response.body).not.toContain('secret table detail');
  });
});
