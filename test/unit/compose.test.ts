// Reading the token secret's value: one secret per line, the first signs, all are accepted (rotation).
import { describe, expect, it } from 'vitest';
import { once, tokenSecrets } from '#lambdas/compose/index';

describe('tokenSecrets', () => {
  const a = 'a'.repeat(40);
  const b = 'b'.repeat(40);

  it('signs with the first line and accepts every line', () => {
    expect(tokenSecrets(`${a}\n${b}\n`)).toEqual({ tokenSecret: a, tokenSecrets: [a, b] });
    expect(tokenSecrets(`  ${a}  `)).toEqual({ tokenSecret: a, tokenSecrets: [a] });
  });

  it('refuses an empty value or a short secret on any line', () => {
    expect(() => tokenSecrets('\n\n')).toThrow(/at least 32/);
    expect(() => tokenSecrets(`${a}\nshort`)).toThrow(/at least 32/);
  });
});

describe('once', () => {
  it('builds on the first call and hands every later call the same result', async () => {
    let builds = 0;
    const get = once(async () => ({ build: ++builds }));
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    expect(await get()).toBe(a);
    expect(builds).toBe(1);
  });

  it('forgets a failed build, so the next call tries again', async () => {
    let builds = 0;
    const get = once(async () => {
      builds += 1;
      if (builds === 1) throw new Error('secret unreadable');
      return 'built';
    });
    await expect(get()).rejects.toThrow('secret unreadable');
    expect(await get()).toBe('built');
    expect(builds).toBe(2);
  });
});
