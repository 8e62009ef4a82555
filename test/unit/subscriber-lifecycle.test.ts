// The subscriber's rules before the first plan: a new pending subscriber, a renewal, and the cap on
// confirmation emails (the same for the web form and the sign-up by email).
import { describe, expect, it } from 'vitest';
import {
  confirmCapReached,
  newPendingSubscriber,
  nextConfirmSends,
  renewPending,
  renewRefusal,
} from '#domain/subscriber';
import type { Subscriber } from '#domain/types';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';

const HOUR = 3600_000;
const policy = { maxSends: 3, linkLifetimeMs: 24 * HOUR };
const now = new Date('2026-11-29T12:00:00.000Z');

function pending(overrides: Partial<Subscriber> = {}): Subscriber {
  return {
    ...newPendingSubscriber({
      id: 's1',
      email: 'a@example.com',
      preferences: BERLIN_PREFERENCES,
      nonce: 'n1',
      now,
    }),
    ...overrides,
  };
}

describe('newPendingSubscriber', () => {
  it('is pending with one confirmation sent now, at version 1', () => {
    expect(pending()).toEqual({
      id: 's1',
      email: 'a@example.com',
      status: 'pending',
      preferences: BERLIN_PREFERENCES,
      createdAt: now.toISOString(),
      confirmNonce: 'n1',
      confirmSends: 1,
      lastConfirmSentAt: now.toISOString(),
      version: 1,
    });
  });

  it('marks a sign-up by email as still needing its profile', () => {
    const subscriber = newPendingSubscriber({
      id: 's1',
      email: 'a@example.com',
      preferences: BERLIN_PREFERENCES,
      nonce: 'n1',
      now,
      needsProfile: true,
    });
    expect(subscriber.needsProfile).toBe(true);
  });
});

describe('the confirmation cap', () => {
  it('is reached by a pending address at the limit while its last link still works', () => {
    const recent = pending({
      confirmSends: 3,
      lastConfirmSentAt: new Date(now.getTime() - HOUR).toISOString(),
    });
    expect(confirmCapReached(recent, 3, now, policy.linkLifetimeMs)).toBe(true);
    expect(renewRefusal(recent, policy, now)).toBe('confirm-cap-reached');
  });

  it('lifts once the last link has expired, and the count starts again', () => {
    const old = pending({
      confirmSends: 3,
      lastConfirmSentAt: new Date(now.getTime() - 25 * HOUR).toISOString(),
    });
    expect(confirmCapReached(old, 3, now, policy.linkLifetimeMs)).toBe(false);
    expect(nextConfirmSends(old, 3, now, policy.linkLifetimeMs)).toBe(1);
  });

  it('holds when there is no record of when the last one went out', () => {
    const { lastConfirmSentAt: _, ...unknown } = pending({ confirmSends: 3 });
    expect(confirmCapReached(unknown, 3, now, policy.linkLifetimeMs)).toBe(true);
  });

  it('counts up below the limit, and starts at 1 for anyone not pending', () => {
    expect(nextConfirmSends(pending({ confirmSends: 2 }), 3, now, policy.linkLifetimeMs)).toBe(3);
    expect(
      nextConfirmSends(pending({ status: 'unsubscribed', confirmSends: 3 }), 3, now, policy.linkLifetimeMs),
    ).toBe(1);
  });
});

describe('renewRefusal', () => {
  it('refuses the active and the suppressed, and renews the pending and the unsubscribed', () => {
    expect(renewRefusal(pending({ status: 'active' }), policy, now)).toBe('already-active');
    expect(renewRefusal(pending({ status: 'suppressed' }), policy, now)).toBe('suppressed');
    expect(renewRefusal(pending(), policy, now)).toBeUndefined();
    expect(renewRefusal(pending({ status: 'unsubscribed' }), policy, now)).toBeUndefined();
  });
});

describe('renewPending', () => {
  it('is pending again with a fresh nonce, out of the weekly send, one version on', () => {
    const later = new Date(now.getTime() + HOUR);
    const gone = pending({
      status: 'unsubscribed',
      nextSendAt: now.toISOString(),
      version: 7,
      confirmSends: 0,
    });

    const renewed = renewPending(gone, policy, { nonce: 'n2', now: later });

    expect(renewed).toMatchObject({
      status: 'pending',
      confirmNonce: 'n2',
      confirmSends: 1,
      lastConfirmSentAt: later.toISOString(),
      version: 8,
      preferences: BERLIN_PREFERENCES,
    });
    expect(renewed).not.toHaveProperty('nextSendAt');
    expect(gone.nextSendAt).toBe(now.toISOString());
  });

  it('takes new preferences and the profile flag when given, and keeps them otherwise', () => {
    const asked = pending({ needsProfile: true });
    const preferences = { ...BERLIN_PREFERENCES, weeklyVolume: 60 };

    expect(renewPending(asked, policy, { nonce: 'n2', now, preferences })).toMatchObject({
      preferences,
      needsProfile: true,
    });
    expect(renewPending(asked, policy, { nonce: 'n2', now, needsProfile: false }).needsProfile).toBe(false);
  });
});
