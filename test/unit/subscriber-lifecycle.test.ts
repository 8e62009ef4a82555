// The subscriber's rules before the first plan: a new pending subscriber, a renewal, and the cap on
// confirmation emails (the same for the web form and the sign-up by email).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  awaitsConfirmNonce,
  confirmCapReached,
  newPendingSubscriber,
  nextConfirmSends,
  renewPending,
  renewRefusal,
  withoutConfirmLinks,
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

describe('every confirmation link sent and not expired', () => {
  const at = (hours: number) => new Date(now.getTime() + hours * HOUR);

  it('keeps working after a newer one is sent: the newest and the earlier ones, newest first', () => {
    // Act
    const second = renewPending(pending(), policy, { nonce: 'n2', now: at(1) });
    const third = renewPending(second, policy, { nonce: 'n3', now: at(2) });

    // Assess
    expect(second.earlierConfirmNonces).toEqual([{ nonce: 'n1', expiresAt: at(24).toISOString() }]);
    expect(third.confirmNonce).toBe('n3');
    expect(third.earlierConfirmNonces).toEqual([
      { nonce: 'n2', expiresAt: at(25).toISOString() },
      { nonce: 'n1', expiresAt: at(24).toISOString() },
    ]);
    for (const nonce of ['n1', 'n2', 'n3']) expect(awaitsConfirmNonce(third, nonce)).toBe(true);
    expect(awaitsConfirmNonce(third, 'n4')).toBe(false);
  });

  it('drops the expired ones and keeps no more than the cap allows', () => {
    // Prepare
    const second = renewPending(pending(), policy, { nonce: 'n2', now: at(1) });

    // Act
    const afterExpiry = renewPending(second, policy, { nonce: 'n3', now: at(24) });
    const overCap = ['n3', 'n4', 'n5'].reduce(
      (s, nonce, i) => renewPending(s, policy, { nonce, now: at(2 + i) }),
      second,
    );

    // Assess
    expect(afterExpiry.earlierConfirmNonces).toEqual([{ nonce: 'n2', expiresAt: at(25).toISOString() }]);
    expect(awaitsConfirmNonce(afterExpiry, 'n1')).toBe(false);
    expect(overCap.earlierConfirmNonces?.map((l) => l.nonce)).toEqual(['n4', 'n3']);
  });

  it('keeps the single link of a profile stored before the list existed, and sees it as waiting', () => {
    // Prepare: an older profile: one nonce, no list, not even when it was sent.
    const { lastConfirmSentAt: _, ...older } = pending({ confirmNonce: 'old' });

    // Act
    const renewed = renewPending(older, policy, { nonce: 'new', now: at(3) });

    // Assess
    expect(awaitsConfirmNonce(older, 'old')).toBe(true);
    // Sent at some time before now: its expiry is at most a lifetime from now.
    expect(renewed.earlierConfirmNonces).toEqual([{ nonce: 'old', expiresAt: at(27).toISOString() }]);
  });

  it('is none once the address left: an unsubscribed or active profile waits for no link', () => {
    // Prepare
    const second = renewPending(pending(), policy, { nonce: 'n2', now: at(1) });

    // Act
    const back = renewPending({ ...second, status: 'unsubscribed' }, policy, { nonce: 'n3', now: at(2) });

    // Assess
    expect(back).not.toHaveProperty('earlierConfirmNonces');
    expect(awaitsConfirmNonce({ ...second, status: 'active' }, 'n2')).toBe(false);
    expect(awaitsConfirmNonce(second, undefined)).toBe(false);
    expect(withoutConfirmLinks(second)).not.toHaveProperty('confirmNonce');
    expect(withoutConfirmLinks(second)).not.toHaveProperty('earlierConfirmNonces');
  });

  it('holds for any run of re-sends: a link works while unexpired and among the last the cap allows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 30 * HOUR }), { minLength: 1, maxLength: 8 }),
        (maxSends, gaps) => {
          // Prepare
          const rules = { maxSends, linkLifetimeMs: policy.linkLifetimeMs };
          const sentAt = [now.getTime()];
          let subscriber = pending({ confirmNonce: 'n0' });

          // Act
          gaps.forEach((gap, i) => {
            sentAt.push((sentAt.at(-1) as number) + gap);
            const when = new Date(sentAt.at(-1) as number);
            subscriber = renewPending(subscriber, rules, { nonce: `n${i + 1}`, now: when });
          });

          // Assess
          const last = sentAt.length - 1;
          const end = sentAt[last] as number;
          sentAt.forEach((sent, j) => {
            const works = j === last || (last - j <= maxSends - 1 && sent + policy.linkLifetimeMs > end);
            expect(awaitsConfirmNonce(subscriber, `n${j}`), `link ${j} of ${last}`).toBe(works);
          });
          expect((subscriber.earlierConfirmNonces ?? []).length).toBeLessThanOrEqual(maxSends - 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
