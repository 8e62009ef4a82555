// Signing up by the web form and by email, on the in-memory store: the same lifecycle rules for both.
import { describe, expect, it } from 'vitest';
import type { ReplyFindings } from '#domain/reply/interpret';
import type { Subscriber } from '#domain/types';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';
import { type MemoryDeps, memoryDeps } from '#test/support/memory-deps';
import type { ReadMessage } from '#use-cases/inbound-mail';
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
