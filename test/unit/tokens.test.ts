// Tests for signed tokens (links) and signed reply local parts in lambdas/domain/tokens.ts.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base32,
  signReplyLocalPart,
  signToken,
  TOKEN_LIFETIME_SECONDS,
  TOKEN_PURPOSES,
  verifyReplyLocalPart,
  verifyToken,
} from '#domain/tokens';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const OTHER_SECRET = 'another-test-secret-that-is-long-enough-9876';
const NOW = new Date('2026-01-05T08:00:00.000Z');
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE32_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** A token over any body, signed exactly as the module signs: HMAC-SHA256 over `v1.<body>`. */
function craftToken(bodyJson: string, secret = SECRET): string {
  const body = Buffer.from(bodyJson).toString('base64url');
  const sig = createHmac('sha256', secret).update(`v1.${body}`).digest('base64url');
  return `v1.${body}.${sig}`;
}

function secondsAfter(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}

function replaceAt(text: string, index: number, char: string): string {
  return `${text.slice(0, index)}${char}${text.slice(index + 1)}`;
}

const purposeArb = fc.constantFrom(...TOKEN_PURPOSES);
const subscriberIdArb = fc.string({ minLength: 1, maxLength: 64 });
const nonceArb = fc.option(fc.string({ maxLength: 64 }), { nil: undefined });

describe('signToken / verifyToken', () => {
  it.each(TOKEN_PURPOSES)('round-trips a %s token', (purpose) => {
    // Prepare
    const token = signToken({ purpose, subscriberId: 'sub123' }, SECRET, NOW);

    // Act
    const check = verifyToken(token, purpose, SECRET, secondsAfter(NOW, 60));

    // Assess
    expect(check).toEqual({ ok: true, claims: { purpose, subscriberId: 'sub123' } });
  });

  it('round-trips a nonce', () => {
    const token = signToken({ purpose: 'confirm', subscriberId: 'sub123', nonce: 'n0nce-42' }, SECRET, NOW);

    const check = verifyToken(token, 'confirm', SECRET, NOW);

    expect(check).toEqual({
      ok: true,
      claims: { purpose: 'confirm', subscriberId: 'sub123', nonce: 'n0nce-42' },
    });
  });

  it('leaves the nonce out of the claims when none was signed', () => {
    const check = verifyToken(
      signToken({ purpose: 'reply', subscriberId: 's' }, SECRET, NOW),
      'reply',
      SECRET,
      NOW,
    );

    expect(check.ok && 'nonce' in check.claims).toBe(false);
  });

  it('round-trips any claims within the payload limits', () => {
    fc.assert(
      fc.property(purposeArb, subscriberIdArb, nonceArb, (purpose, subscriberId, nonce) => {
        const claims = { purpose, subscriberId, ...(nonce === undefined ? {} : { nonce }) };
        const check = verifyToken(signToken(claims, SECRET, NOW), purpose, SECRET, NOW);
        expect(check).toEqual({ ok: true, claims });
      }),
      { numRuns: 300 },
    );
  });

  it.each(TOKEN_PURPOSES)('a %s token is valid one second before its lifetime ends', (purpose) => {
    const token = signToken({ purpose, subscriberId: 'sub' }, SECRET, NOW);

    const check = verifyToken(token, purpose, SECRET, secondsAfter(NOW, TOKEN_LIFETIME_SECONDS[purpose] - 1));

    expect(check.ok).toBe(true);
  });

  it.each(TOKEN_PURPOSES)('a %s token has expired exactly at its expiry and after it', (purpose) => {
    const token = signToken({ purpose, subscriberId: 'sub' }, SECRET, NOW);
    const lifetime = TOKEN_LIFETIME_SECONDS[purpose];

    expect(verifyToken(token, purpose, SECRET, secondsAfter(NOW, lifetime))).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyToken(token, purpose, SECRET, secondsAfter(NOW, lifetime + 1))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('keeps reply and unsubscribe links alive longer than confirmation links', () => {
    expect(TOKEN_LIFETIME_SECONDS.unsubscribe).toBeGreaterThan(TOKEN_LIFETIME_SECONDS.reply);
    expect(TOKEN_LIFETIME_SECONDS.reply).toBeGreaterThan(TOKEN_LIFETIME_SECONDS.confirm);
  });

  it('rejects a token signed for another purpose', () => {
    fc.assert(
      fc.property(purposeArb, purposeArb, (signed, expected) => {
        fc.pre(signed !== expected);
        const token = signToken({ purpose: signed, subscriberId: 'sub' }, SECRET, NOW);
        expect(verifyToken(token, expected, SECRET, NOW)).toEqual({ ok: false, reason: 'wrong-purpose' });
      }),
      { numRuns: 50 },
    );
  });

  it('rejects a token signed with another secret as bad-signature', () => {
    const token = signToken({ purpose: 'unsubscribe', subscriberId: 'sub' }, OTHER_SECRET, NOW);

    expect(verifyToken(token, 'unsubscribe', SECRET, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a token whose body was tampered with at any position', () => {
    fc.assert(
      fc.property(
        purposeArb,
        subscriberIdArb,
        fc.nat(),
        fc.constantFrom(...BASE64URL),
        (purpose, subscriberId, position, replacement) => {
          // Prepare
          const token = signToken({ purpose, subscriberId }, SECRET, NOW);
          const [version = '', body = '', sig = ''] = token.split('.');
          const index = position % body.length;
          fc.pre(body[index] !== replacement);

          // Act
          const check = verifyToken(
            `${version}.${replaceAt(body, index, replacement)}.${sig}`,
            purpose,
            SECRET,
            NOW,
          );

          // Assess
          expect(check).toEqual({ ok: false, reason: 'bad-signature' });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects a token whose signature was tampered with at any position, the spare bits of the last included', () => {
    // The last of the 43 signature characters carries 2 bits that decoding ignores; only the canonical
    // spelling is accepted, so every token has exactly one form.
    fc.assert(
      fc.property(
        purposeArb,
        subscriberIdArb,
        fc.nat(),
        fc.constantFrom(...BASE64URL),
        (purpose, subscriberId, position, replacement) => {
          const token = signToken({ purpose, subscriberId }, SECRET, NOW);
          const [version = '', body = '', sig = ''] = token.split('.');
          const index = position % sig.length;
          fc.pre(sig[index] !== replacement);

          const check = verifyToken(
            `${version}.${body}.${replaceAt(sig, index, replacement)}`,
            purpose,
            SECRET,
            NOW,
          );

          expect(check).toEqual({ ok: false, reason: 'bad-signature' });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects every other spelling of the last signature character', () => {
    const token = signToken({ purpose: 'confirm', subscriberId: 'abc' }, SECRET, NOW);
    const last = token.at(-1) as string;
    const sameBits = [...BASE64URL].filter(
      (c) => c !== last && BASE64URL.indexOf(c) >> 2 === BASE64URL.indexOf(last) >> 2,
    );
    expect(sameBits).toHaveLength(3);
    for (const c of sameBits) {
      expect(verifyToken(`${token.slice(0, -1)}${c}`, 'confirm', SECRET, NOW)).toEqual({
        ok: false,
        reason: 'bad-signature',
      });
    }
  });

  it('rejects a truncated or extended signature', () => {
    const token = signToken({ purpose: 'confirm', subscriberId: 'sub' }, SECRET, NOW);

    expect(verifyToken(token.slice(0, -4), 'confirm', SECRET, NOW)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifyToken(`${token}AAAA`, 'confirm', SECRET, NOW)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an object', { token: 'v1.a.b' }],
    ['an empty string', ''],
    ['one segment', 'v1'],
    ['two segments', 'v1.abc'],
    ['four segments', 'v1.abc.def.ghi'],
    ['another version', 'v2.abc.def'],
    ['an empty body', 'v1..def'],
    ['an empty signature', 'v1.abc.'],
    ['standard base64 characters', 'v1.ab+c.de/f'],
    ['padding', 'v1.abc=.def'],
    ['spaces', 'v1.ab c.def'],
    ['non-ASCII characters', 'v1.abç.def'],
  ])('rejects %s as malformed', (_label, token) => {
    expect(verifyToken(token, 'confirm', SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('rejects a token longer than 1024 characters as malformed, even if correctly signed', () => {
    const token = craftToken(
      JSON.stringify({ p: 'confirm', s: 'sub', e: 2_000_000_000, x: 'y'.repeat(800) }),
    );
    expect(token.length).toBeGreaterThan(1024);

    expect(verifyToken(token, 'confirm', SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('rejects a non-token of up to 1024 characters without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 1100 }), (token) => {
        const check = verifyToken(token, 'confirm', SECRET, NOW);
        expect(check.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['not JSON', 'not json at all'],
    ['a JSON string', '"confirm"'],
    ['a JSON array', '["confirm","sub",2000000000]'],
    ['JSON null', 'null'],
    ['an unknown purpose', JSON.stringify({ p: 'admin', s: 'sub', e: 2_000_000_000 })],
    ['an empty subscriber id', JSON.stringify({ p: 'confirm', s: '', e: 2_000_000_000 })],
    [
      'a subscriber id over 64 characters',
      JSON.stringify({ p: 'confirm', s: 'x'.repeat(65), e: 2_000_000_000 }),
    ],
    ['a fractional expiry', JSON.stringify({ p: 'confirm', s: 'sub', e: 2_000_000_000.5 })],
    ['a string expiry', JSON.stringify({ p: 'confirm', s: 'sub', e: '2000000000' })],
    ['no expiry', JSON.stringify({ p: 'confirm', s: 'sub' })],
    ['a numeric nonce', JSON.stringify({ p: 'confirm', s: 'sub', e: 2_000_000_000, n: 7 })],
    [
      'a nonce over 64 characters',
      JSON.stringify({ p: 'confirm', s: 'sub', e: 2_000_000_000, n: 'n'.repeat(65) }),
    ],
  ])('rejects a correctly signed body that is %s as malformed', (_label, json) => {
    expect(verifyToken(craftToken(json), 'confirm', SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('accepts a correctly signed, well-shaped body crafted outside signToken', () => {
    const token = craftToken(JSON.stringify({ p: 'preferences', s: 'sub', e: 2_000_000_000 }));

    expect(verifyToken(token, 'preferences', SECRET, NOW)).toEqual({
      ok: true,
      claims: { purpose: 'preferences', subscriberId: 'sub' },
    });
  });

  it('checks the signature before anything in the body', () => {
    const token = craftToken('not json', OTHER_SECRET);

    expect(verifyToken(token, 'confirm', SECRET, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it.each(['', 'short', 'x'.repeat(31)])(
    'refuses to sign with a secret shorter than 32 characters (%j)',
    (s) => {
      expect(() => signToken({ purpose: 'confirm', subscriberId: 'sub' }, s, NOW)).toThrow(/at least 32/);
    },
  );

  it('signs with a secret of exactly 32 characters', () => {
    const secret = 's'.repeat(32);
    const token = signToken({ purpose: 'confirm', subscriberId: 'sub' }, secret, NOW);

    expect(verifyToken(token, 'confirm', secret, NOW).ok).toBe(true);
  });
});

describe('base32', () => {
  it.each([
    ['', ''],
    ['f', 'my'],
    ['fo', 'mzxq'],
    ['foo', 'mzxw6'],
    ['foob', 'mzxw6yq'],
    ['fooba', 'mzxw6ytb'],
    ['foobar', 'mzxw6ytboi'],
  ])('encodes %j as %j (RFC 4648, lower-case, unpadded)', (input, expected) => {
    expect(base32(Buffer.from(input))).toBe(expected);
  });

  it('encodes all-zero and all-one bytes', () => {
    expect(base32(new Uint8Array([0, 0, 0, 0, 0]))).toBe('aaaaaaaa');
    expect(base32(new Uint8Array([255, 255, 255, 255, 255]))).toBe('77777777');
  });

  it('gives ceil(8n/5) characters from the base32 alphabet for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const encoded = base32(bytes);
        expect(encoded).toHaveLength(Math.ceil((bytes.length * 8) / 5));
        expect(encoded).toMatch(/^[a-z2-7]*$/);
      }),
      { numRuns: 300 },
    );
  });

  it('is injective on byte strings of the same length', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 32 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (bytes, i, delta) => {
          const changed = Uint8Array.from(bytes);
          const index = i % bytes.length;
          changed[index] = ((changed[index] ?? 0) + delta) % 256;
          expect(base32(changed)).not.toBe(base32(bytes));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('signReplyLocalPart / verifyReplyLocalPart', () => {
  const idOfLength = (length: number) =>
    fc
      .array(fc.constantFrom(...BASE32_ALPHABET), { minLength: length, maxLength: length })
      .map((chars) => chars.join(''));
  // Every length equally likely: fast-check's default size rarely reaches 20+ characters.
  const idArb = fc.integer({ min: 1, max: 26 }).chain(idOfLength);
  // Mondays from 2025-01-06 to about 2030.
  const mondayArb = fc
    .integer({ min: 0, max: 310 })
    .map((weeks) => new Date(Date.UTC(2025, 0, 6 + weeks * 7)).toISOString().slice(0, 10));

  it('names the subscriber and the compact week', () => {
    const localPart = signReplyLocalPart('abc234', '2026-01-05', SECRET);

    expect(localPart).toMatch(/^reply\+abc234\.20260105\.[a-z2-7]{16}$/);
  });

  it('round-trips any base32 id and Monday', () => {
    fc.assert(
      fc.property(idArb, mondayArb, (subscriberId, weekStart) => {
        const localPart = signReplyLocalPart(subscriberId, weekStart, SECRET);
        expect(verifyReplyLocalPart(localPart, SECRET)).toEqual({ subscriberId, weekStart });
      }),
      { numRuns: 300 },
    );
  });

  it('stays within the 64-character local-part limit for 20-character ids (and the longest, 26)', () => {
    fc.assert(
      fc.property(fc.constantFrom(20, 26).chain(idOfLength), mondayArb, (subscriberId, weekStart) => {
        expect(signReplyLocalPart(subscriberId, weekStart, SECRET).length).toBeLessThanOrEqual(64);
      }),
      { numRuns: 100 },
    );
  });

  it('verifies whatever the case of the local part', () => {
    fc.assert(
      fc.property(
        idArb,
        mondayArb,
        fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
        (subscriberId, weekStart, upper) => {
          const localPart = signReplyLocalPart(subscriberId, weekStart, SECRET);
          const mixed = [...localPart].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
          expect(verifyReplyLocalPart(mixed, SECRET)).toEqual({ subscriberId, weekStart });
          expect(verifyReplyLocalPart(localPart.toUpperCase(), SECRET)).toEqual({ subscriberId, weekStart });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects a local part changed at any position', () => {
    const replacements = `${BASE32_ALPHABET}0189.+-_`;
    fc.assert(
      fc.property(
        idArb,
        mondayArb,
        fc.nat(),
        fc.constantFrom(...replacements),
        (id, weekStart, position, char) => {
          const localPart = signReplyLocalPart(id, weekStart, SECRET);
          const index = position % localPart.length;
          fc.pre(localPart[index] !== char);

          expect(verifyReplyLocalPart(replaceAt(localPart, index, char), SECRET)).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
  });

  it("rejects another subscriber's id carrying this subscriber's mac", () => {
    fc.assert(
      fc.property(idArb, idArb, mondayArb, (id, otherId, weekStart) => {
        fc.pre(id !== otherId);
        const mac = signReplyLocalPart(id, weekStart, SECRET).split('.')[2] ?? '';
        const forged = `reply+${otherId}.${weekStart.replaceAll('-', '')}.${mac}`;

        expect(verifyReplyLocalPart(forged, SECRET)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it("rejects another week carrying this week's mac", () => {
    fc.assert(
      fc.property(idArb, mondayArb, mondayArb, (id, weekStart, otherWeek) => {
        fc.pre(weekStart !== otherWeek);
        const mac = signReplyLocalPart(id, weekStart, SECRET).split('.')[2] ?? '';
        const forged = `reply+${id}.${otherWeek.replaceAll('-', '')}.${mac}`;

        expect(verifyReplyLocalPart(forged, SECRET)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a local part signed with another secret', () => {
    const localPart = signReplyLocalPart('abc', '2026-01-05', OTHER_SECRET);

    expect(verifyReplyLocalPart(localPart, SECRET)).toBeUndefined();
  });

  it.each([
    '',
    'reply',
    'reply+',
    'ana',
    'reply+abc.20260105',
    'reply+abc.2026-01-05.aaaaaaaaaaaaaaaa',
    'reply+ab1.20260105.aaaaaaaaaaaaaaaa',
    `reply+${'a'.repeat(27)}.20260105.aaaaaaaaaaaaaaaa`,
    'reply-abc.20260105.aaaaaaaaaaaaaaaa',
  ])('rejects the malformed local part %j', (localPart) => {
    expect(verifyReplyLocalPart(localPart, SECRET)).toBeUndefined();
  });

  it('rejects a truncated or extended mac', () => {
    const localPart = signReplyLocalPart('abc', '2026-01-05', SECRET);

    expect(verifyReplyLocalPart(localPart.slice(0, -1), SECRET)).toBeUndefined();
    expect(verifyReplyLocalPart(`${localPart}a`, SECRET)).toBeUndefined();
  });

  it.each(['ABC', 'ab1', 'a.b', '', 'a'.repeat(27)])('refuses to sign for the id %j', (id) => {
    expect(() => signReplyLocalPart(id, '2026-01-05', SECRET)).toThrow(/base32/);
  });
});

describe('rotating the signing secret', () => {
  const OLD = 'the-old-secret-that-is-long-enough-0123456789';
  const NEW = 'the-new-secret-that-is-long-enough-9876543210';

  it('accepts links signed with an earlier secret while it is still listed, and refuses them after', () => {
    const token = signToken({ purpose: 'unsubscribe', subscriberId: 'abc' }, OLD, NOW);
    const address = signReplyLocalPart('abc', '2026-11-30', OLD);

    expect(verifyToken(token, 'unsubscribe', [NEW, OLD], NOW).ok).toBe(true);
    expect(verifyReplyLocalPart(address, [NEW, OLD])).toEqual({
      subscriberId: 'abc',
      weekStart: '2026-11-30',
    });
    expect(verifyToken(token, 'unsubscribe', [NEW], NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyReplyLocalPart(address, [NEW])).toBeUndefined();
  });

  it('still refuses forged, expired and other-purpose tokens with several secrets', () => {
    const token = signToken({ purpose: 'confirm', subscriberId: 'abc', nonce: 'n' }, OLD, NOW);
    expect(verifyToken(token, 'unsubscribe', [NEW, OLD], NOW)).toEqual({
      ok: false,
      reason: 'wrong-purpose',
    });
    expect(verifyToken(`${token.slice(0, -2)}AA`, 'confirm', [NEW, OLD], NOW).ok).toBe(false);
    expect(
      verifyToken(token, 'confirm', [NEW, OLD], secondsAfter(NOW, TOKEN_LIFETIME_SECONDS.confirm)).ok,
    ).toBe(false);
  });
});
