// The one retry loop around conditional writes: how often it tries, what it returns, how it gives up.
import { describe, expect, it } from 'vitest';
import { CONFLICT, KeptChangingError, retryOnConflict } from '#use-cases/retry-on-conflict';

describe('retryOnConflict', () => {
  it('returns the first attempt that did not conflict, without trying again', async () => {
    // Prepare
    const seen: number[] = [];

    // Act
    const result = await retryOnConflict('test', async (n) => {
      seen.push(n);
      return n < 2 ? CONFLICT : `written on ${n}`;
    });

    // Assess
    expect(result).toBe('written on 2');
    expect(seen).toEqual([0, 1, 2]);
  });

  it('returns an answer that needs no write (a falsy one too) at once', async () => {
    // Act
    const result = await retryOnConflict('test', async () => undefined);

    // Assess
    expect(result).toBeUndefined();
  });

  it('gives up with a KeptChangingError after the given number of attempts', async () => {
    // Prepare
    let calls = 0;

    // Act
    const outcome = retryOnConflict(
      'subscribe',
      async () => {
        calls++;
        return CONFLICT;
      },
      3,
    );

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(KeptChangingError);
    await expect(outcome).rejects.toThrow('subscribe: the subscriber kept changing (3 attempts); try again');
    expect(calls).toBe(3);
  });

  it('tries five times by default', async () => {
    // Prepare
    let calls = 0;

    // Act
    const outcome = retryOnConflict('test', async () => {
      calls++;
      return CONFLICT;
    });

    // Assess
    await expect(outcome).rejects.toMatchObject({ what: 'test', attempts: 5 });
    expect(calls).toBe(5);
  });

  it('lets an error of an attempt through without retrying', async () => {
    // Prepare
    let calls = 0;

    // Act
    const outcome = retryOnConflict('test', async () => {
      calls++;
      throw new Error('store down');
    });

    // Assess
    await expect(outcome).rejects.toThrow('store down');
    expect(calls).toBe(1);
  });
});
