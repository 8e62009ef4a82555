// Signed, expiring tokens for links and reply addresses: HMAC-SHA256 over a small JSON payload.
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';

export const TOKEN_PURPOSES = ['confirm', 'unsubscribe', 'reply', 'preferences'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

const payloadSchema = z.object({
  p: z.enum(TOKEN_PURPOSES),
  s: z.string().check(z.minLength(1), z.maxLength(64)),
  e: z.number().check(z.int()),
  n: z.optional(z.string().check(z.maxLength(64))),
});
export type TokenPayload = z.infer<typeof payloadSchema>;

export interface TokenClaims {
  purpose: TokenPurpose;
  subscriberId: string;
  /** Optional single-use value that the stored record must still hold. */
  nonce?: string;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-purpose' };

/** How long each kind of link stays valid. Reply addresses and unsubscribe links must outlive old emails. */
export const TOKEN_LIFETIME_SECONDS: Record<TokenPurpose, number> = {
  confirm: 7 * 24 * 3600,
  unsubscribe: 400 * 24 * 3600,
  reply: 60 * 24 * 3600,
  preferences: 60 * 24 * 3600,
};

const VERSION = 'v1';

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`${VERSION}.${body}`).digest();
}

export function signToken(claims: TokenClaims, secret: string, now: Date): string {
  if (secret.length < 32) throw new Error('token secret must be at least 32 characters');
  const payload: TokenPayload = {
    p: claims.purpose,
    s: claims.subscriberId,
    e: Math.floor(now.getTime() / 1000) + TOKEN_LIFETIME_SECONDS[claims.purpose],
    ...(claims.nonce === undefined ? {} : { n: claims.nonce }),
  };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${VERSION}.${body}.${mac(secret, body).toString('base64url')}`;
}

/**
 * The secrets a token may be signed with: the current one first (used for signing), then earlier ones still
 * accepted during a rotation window, so links in recent emails keep working after the secret changes.
 */
export type AcceptedSecrets = string | readonly string[];

function secretList(secrets: AcceptedSecrets): readonly string[] {
  return typeof secrets === 'string' ? [secrets] : secrets;
}

/** Whether `given` equals the MAC under any accepted secret; every secret is tried (constant time each). */
function matchesAny(
  secrets: AcceptedSecrets,
  expectedFor: (secret: string) => Buffer,
  given: Buffer,
): boolean {
  let ok = false;
  for (const secret of secretList(secrets)) {
    const expected = expectedFor(secret);
    if (given.length === expected.length && timingSafeEqual(given, expected)) ok = true;
  }
  return ok;
}

export function verifyToken(
  token: unknown,
  purpose: TokenPurpose,
  secret: AcceptedSecrets,
  now: Date,
): TokenCheck {
  if (typeof token !== 'string' || token.length > 1024) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) return { ok: false, reason: 'malformed' };
  const [, body = '', sig = ''] = parts;
  if (!/^[A-Za-z0-9_-]+$/.test(body) || !/^[A-Za-z0-9_-]+$/.test(sig))
    return { ok: false, reason: 'malformed' };
  const given = Buffer.from(sig, 'base64url');
  // Constant-time comparison: the length check leaks only the (public) MAC length.
  // Canonical encoding only: base64url's last character has spare bits that decoding ignores, and one
  // token must have exactly one spelling (tokens may be used as keys).
  if (!matchesAny(secret, (s) => mac(s, body), given) || given.toString('base64url') !== sig) {
    return { ok: false, reason: 'bad-signature' };
  }
  let parsed: TokenPayload;
  try {
    const result = payloadSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    if (!result.success) return { ok: false, reason: 'malformed' };
    parsed = result.data;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (parsed.p !== purpose) return { ok: false, reason: 'wrong-purpose' };
  if (parsed.e * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    claims: {
      purpose: parsed.p,
      subscriberId: parsed.s,
      ...(parsed.n === undefined ? {} : { nonce: parsed.n }),
    },
  };
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Lower-case base32 without padding: safe in email local parts, which some systems lower-case. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

const REPLY_MAC_CHARS = 16; // 80 bits of HMAC: unguessable, and the address stays under 64 characters.

/** What a signed address is for: a weekly email's Reply-To, or the mailto of its List-Unsubscribe header. */
export type AddressKind = 'reply' | 'unsubscribe';

function addressMac(kind: AddressKind, secret: string, subscriberId: string, weekStart: string): string {
  // The kind is signed too: a reply address can never be replayed as an unsubscribe address.
  return base32(createHmac('sha256', secret).update(`${kind}.${subscriberId}.${weekStart}`).digest()).slice(
    0,
    REPLY_MAC_CHARS,
  );
}

/**
 * A signed address local part: `<kind>+<subscriber>.<yyyymmdd>.<mac>`, naming the subscriber and the week
 * of the email it came in, short enough for the 64-character local-part limit.
 */
export function signAddressLocalPart(
  kind: AddressKind,
  subscriberId: string,
  weekStart: string,
  secret: string,
): string {
  if (!/^[a-z2-7]{1,26}$/.test(subscriberId)) throw new Error('subscriber id must be lower-case base32');
  const compactWeek = weekStart.replaceAll('-', '');
  return `${kind}+${subscriberId}.${compactWeek}.${addressMac(kind, secret, subscriberId, weekStart)}`;
}

export function verifyAddressLocalPart(
  kind: AddressKind,
  localPart: string,
  secret: AcceptedSecrets,
): { subscriberId: string; weekStart: string } | undefined {
  const match = /^([a-z]+)\+([a-z2-7]{1,26})\.(\d{4})(\d{2})(\d{2})\.([a-z2-7]+)$/.exec(
    localPart.toLowerCase(),
  );
  if (!match || match[1] !== kind) return undefined;
  const [, , subscriberId = '', y, m, d, mac = ''] = match;
  const weekStart = `${y}-${m}-${d}`;
  const given = Buffer.from(mac);
  if (!matchesAny(secret, (s) => Buffer.from(addressMac(kind, s, subscriberId, weekStart)), given))
    return undefined;
  return { subscriberId, weekStart };
}

/** The local part of a weekly email's Reply-To: `reply+<subscriber>.<yyyymmdd>.<mac>`. */
export function signReplyLocalPart(subscriberId: string, weekStart: string, secret: string): string {
  return signAddressLocalPart('reply', subscriberId, weekStart, secret);
}

export function verifyReplyLocalPart(
  localPart: string,
  secret: AcceptedSecrets,
): { subscriberId: string; weekStart: string } | undefined {
  return verifyAddressLocalPart('reply', localPart, secret);
}
