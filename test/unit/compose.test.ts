// Reading the token secret's value: one secret per line, the first signs, all are accepted (rotation).
import { describe, expect, it } from 'vitest';
import { tokenSecrets } from '../../lambdas/compose';

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
