// Signing up by the web form and by email, on the in-memory store: the same lifecycle rules for both.
import { describe, expect, it } from 'vitest';
import type { ReplyFindings } from '#domain/reply/interpret';
import { newPendingSubscriber } from '#domain/subscriber';
import { signToken } from '#domain/tokens';
import type { Subscriber } from '#domain/types';
import { TEST_SECRET } from '#test/support/config';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';
import { type MemoryDeps, memoryDeps } from '#test/support/memory-deps';
import { checkConfirmLink, confirmSubscription } from '#use-cases/confirm';
import type { ReadMessage } from '#use-cases/inbound-mail';
import { allowSignUp } from '#use-cases/rate-limit';
import { subscribeByEmail } from '#use-cases/sign-up-by-email';
import { subscribe } from '#use-cases/subscribe';
import { unsubscribeById } from '#use-cases/unsubscribe';

const clock = { now: () => new Date('2026-11-29T12:00:00.000Z') };

/** The stored subscriber at an address; a test that expects one fails here if there is none. */
async function storedAt(deps: MemoryDeps, email: string): Promise<Subscriber> {
  const subscriber = await deps.store.get((await deps.store.findIdByEmail(email)) ?? '');
  if (!subscriber) throw new Error(`nobody stored at ${email}`);
  return subscriber;
}

function signUpMail(from: string): ReadMessage {
  return { from, subject: 'subscribe', autoReply: false, text: '', findings: {} as ReplyFindings };
}

describe('subscribing by the web form', () => {
  it('sends a confirmation, re-sends it while pending, and stops at the cap', async () => {
    // Prepare
    const deps = memoryDeps(clock);
    const request = { email: 'Runner@Example.com', preferences: BERLIN_PREFERENCES };

    // Act
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await subscribe(deps, request));

    // Assess
    expect(outcomes).toEqual([
      'confirmation-sent',
      'confirmation-sent',
      'confirmation-sent',
      'confirm-cap-reached',
    ]);
    expect(deps.sent.map((e) => e.to)).toEqual(Array(3).fill('runner@example.com'));
    const id = await deps.store.findIdByEmail('runner@example.com');
    expect(await deps.store.get(id ?? '')).toMatchObject({ status: 'pending', confirmSends: 3, version: 3 });
    expect(deps.logged.map((l) => l.message)).toContain('confirmation cap reached');
  });

  it('tells an active subscriber apart, sending nothing', async () => {
    // Prepare
    const deps = memoryDeps(clock);
    await subscribe(deps, { email: 'a@example.com', preferences: BERLIN_PREFERENCES });
    const subscriber = await storedAt(deps, 'a@example.com');
    await deps.store.update({ ...subscriber, status: 'active', version: 2 }, 1);

    // Act
    const outcome = await subscribe(deps, { email: 'a@example.com', preferences: BERLIN_PREFERENCES });

    // Assess
    expect(outcome).toBe('already-active');
    expect(deps.sent).toHaveLength(1);
  });
});

describe('signing up by email', () => {
  it('creates a pending subscriber with placeholder answers that still needs its profile', async () => {
    // Prepare
    const deps = memoryDeps(clock);

    // Act
    const outcome = await subscribeByEmail(deps, signUpMail('New@Example.com'));

    // Assess
    expect(outcome).toEqual({ kind: 'subscribe-started' });
    expect(await deps.store.get('id-1')).toMatchObject({
      email: 'new@example.com',
      status: 'pending',
      needsProfile: true,
      confirmSends: 1,
      preferences: { unit: 'min', weeklyVolume: 30, timeZone: 'UTC' },
    });
    expect(deps.sent[0]?.subject).toBe('Finish setting up your knee-friendly running plan');
  });

  it('renews an unsubscribed subscriber as needing its profile again, keeping its answers', async () => {
    // Prepare
    const deps = memoryDeps(clock);
    await subscribe(deps, { email: 'back@example.com', preferences: BERLIN_PREFERENCES });
    await unsubscribeById(deps, 'id-1');

    // Act
    const outcome = await subscribeByEmail(deps, signUpMail('back@example.com'));

    // Assess
    expect(outcome).toEqual({ kind: 'subscribe-started' });
    expect(await deps.store.get('id-1')).toMatchObject({
      status: 'pending',
      needsProfile: true,
      preferences: BERLIN_PREFERENCES,
      confirmSends: 1,
      version: 3,
    });
  });

  it('ignores an active subscriber and an address at its confirmation cap, sending nothing', async () => {
    // Prepare
    const deps = memoryDeps(clock);
    for (let i = 0; i < 3; i++)
      await subscribe(deps, { email: 'capped@example.com', preferences: BERLIN_PREFERENCES });
    await subscribe(deps, { email: 'active@example.com', preferences: BERLIN_PREFERENCES });
    const active = await storedAt(deps, 'active@example.com');
    await deps.store.update({ ...active, status: 'active', version: active.version + 1 }, active.version);
    const sentBefore = deps.sent.length;

    // Act
    const capped = await subscribeByEmail(deps, signUpMail('capped@example.com'));
    const already = await subscribeByEmail(deps, signUpMail('active@example.com'));

    // Assess
    expect(capped).toEqual({ kind: 'subscribe-ignored' });
    expect(already).toEqual({ kind: 'subscribe-ignored' });
    expect(deps.sent).toHaveLength(sentBefore);
  });
});

/** Deps whose ids can name a reply address (lower-case base32), so the first plan can go out. */
function plannableDeps(): MemoryDeps {
  const deps = memoryDeps(clock);
  let next = 0;
  deps.ids = { newId: () => `id${'q'.repeat(++next)}` };
  return deps;
}

/** The token of the confirmation link in the n-th email sent (0 first). */
function confirmToken(deps: MemoryDeps, n: number): string {
  const match = /\/confirm\?token=([A-Za-z0-9._%-]+)/.exec(deps.sent[n]?.text ?? '');
  if (!match?.[1]) throw new Error(`no confirmation link in email ${n}`);
  return decodeURIComponent(match[1]);
}

describe('confirming', () => {
  it('only shows the button for a link, and pressing it confirms once; every other link then says so', async () => {
    // Prepare: signed up twice ("did it work?"), so two confirmation emails.
    const deps = plannableDeps();
    const request = { email: 'twice@example.com', preferences: BERLIN_PREFERENCES };
    await subscribe(deps, request);
    await subscribe(deps, request);
    const [first, second] = [confirmToken(deps, 0), confirmToken(deps, 1)];

    // Act
    const checks = [await checkConfirmLink(deps, first), await checkConfirmLink(deps, second)];
    const afterChecks = await storedAt(deps, 'twice@example.com');
    const pressed = await confirmSubscription(deps, first);
    const pressedAgain = await confirmSubscription(deps, second);
    const openedAgain = await checkConfirmLink(deps, first);

    // Assess
    expect(checks).toEqual([{ kind: 'ask' }, { kind: 'ask' }]);
    expect(afterChecks.status).toBe('pending');
    expect(pressed).toEqual({ kind: 'confirmed', firstPlan: 'sent' });
    expect(pressedAgain).toEqual({ kind: 'already-confirmed' });
    expect(openedAgain).toEqual({ kind: 'already-confirmed' });
    expect(deps.sent.map((e) => e.subject)).toEqual([
      expect.stringMatching(/confirm/i),
      expect.stringMatching(/confirm/i),
      expect.stringMatching(/^Week 1: /),
    ]);
    const confirmed = await storedAt(deps, 'twice@example.com');
    expect(confirmed).not.toHaveProperty('confirmNonce');
    expect(confirmed).not.toHaveProperty('earlierConfirmNonces');
  });

  it('confirms a profile stored before the list of links existed, by its one nonce', async () => {
    // Prepare
    const deps = plannableDeps();
    const older = newPendingSubscriber({
      id: 'olda',
      email: 'older@example.com',
      preferences: BERLIN_PREFERENCES,
      nonce: 'the-one-nonce',
      now: clock.now(),
    });
    await deps.store.createPending(older, older.email);
    const token = signToken(
      { purpose: 'confirm', subscriberId: 'olda', nonce: 'the-one-nonce' },
      TEST_SECRET,
      clock.now(),
    );

    // Act
    const outcome = await confirmSubscription(deps, token);

    // Assess
    expect(outcome).toEqual({ kind: 'confirmed', firstPlan: 'sent' });
    expect((await storedAt(deps, 'older@example.com')).status).toBe('active');
  });

  it('asks an email sign-up for its profile first, and keeps a web sign-up on the answers it gave', async () => {
    // Prepare
    const deps = plannableDeps();
    await subscribeByEmail(deps, signUpMail('mailed@example.com'));
    await subscribe(deps, { email: 'web@example.com', preferences: BERLIN_PREFERENCES });
    const [mailed, web] = [confirmToken(deps, 0), confirmToken(deps, 1)];
    const profile = { ...BERLIN_PREFERENCES, weeklyVolume: 45 };

    // Act
    const check = await checkConfirmLink(deps, mailed);
    const withoutProfile = await confirmSubscription(deps, mailed);
    const withProfile = await confirmSubscription(deps, mailed, profile);
    const webWithOther = await confirmSubscription(deps, web, profile);

    // Assess
    expect(check).toMatchObject({ kind: 'needs-profile' });
    expect(withoutProfile).toMatchObject({ kind: 'needs-profile' });
    expect(withProfile).toEqual({ kind: 'confirmed', firstPlan: 'sent' });
    expect(webWithOther).toEqual({ kind: 'confirmed', firstPlan: 'sent' });
    expect((await storedAt(deps, 'mailed@example.com')).preferences).toEqual(profile);
    expect((await storedAt(deps, 'web@example.com')).preferences).toEqual(BERLIN_PREFERENCES);
  });

  it('refuses a link to nobody, and one whose sign-up was left', async () => {
    // Prepare
    const deps = plannableDeps();
    await subscribe(deps, { email: 'left@example.com', preferences: BERLIN_PREFERENCES });
    const token = confirmToken(deps, 0);
    await unsubscribeById(deps, (await storedAt(deps, 'left@example.com')).id);
    const nobody = signToken(
      { purpose: 'confirm', subscriberId: 'nobody', nonce: 'n' },
      TEST_SECRET,
      clock.now(),
    );

    // Act
    const left = await checkConfirmLink(deps, token);
    const pressed = await confirmSubscription(deps, token);
    const unknown = await checkConfirmLink(deps, nobody);

    // Assess
    expect(left).toEqual({ kind: 'invalid', reason: 'used' });
    expect(pressed).toEqual({ kind: 'invalid', reason: 'used' });
    expect(unknown).toEqual({ kind: 'invalid', reason: 'invalid' });
    expect(deps.sent).toHaveLength(1);
  });
});

describe('the sign-up limits, as settings', () => {
  it('caps confirmation emails at the setting, not at a fixed 3', async () => {
    // Prepare
    const deps = plannableDeps();
    deps.settings.maxConfirmSends = 5;
    const request = { email: 'club@example.com', preferences: BERLIN_PREFERENCES };

    // Act
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await subscribe(deps, request));

    // Assess
    expect(outcomes).toEqual([...Array(5).fill('confirmation-sent'), 'confirm-cap-reached']);
    // Every one of the five links still confirms.
    for (let n = 0; n < 5; n++)
      expect(await checkConfirmLink(deps, confirmToken(deps, n))).toEqual({ kind: 'ask' });
  });

  it('lets as many sign-ups through an hour as the settings say, per source and per address', async () => {
    // Prepare
    const deps = plannableDeps();
    deps.settings.signupsPerSourcePerHour = 3;
    deps.settings.signupsPerAddressPerHour = 2;

    // Act
    const fromClub = [];
    for (let i = 0; i < 4; i++)
      fromClub.push(await allowSignUp(deps, '198.51.100.7', `member${i}@example.com`));
    const sameAddress = [];
    for (let i = 0; i < 3; i++) sameAddress.push(await allowSignUp(deps, `192.0.2.${i}`, 'one@example.com'));

    // Assess
    expect(fromClub).toEqual([true, true, true, false]);
    expect(sameAddress).toEqual([true, true, false]);
  });
});
