// Email address validation and normalization: the form we key uniqueness on.
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';

// Deliberately strict: one @, a dotted domain, no spaces, quotes, angle brackets or control characters.
const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isValidEmailAddress(value: string): boolean {
  if (value.length > 254) return false;
  const at = value.lastIndexOf('@');
  if (at < 1 || at > 64) return false;
  const local = value.slice(0, at);
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  return ADDRESS.test(value);
}

/** Lower-cases the address; the local part is case-insensitive at every mailbox provider we know of. */
export function normalizeEmailAddress(value: string): string {
  return value.trim().toLowerCase();
}

export const emailAddressSchema = z
  .string({ error: 'must be an email address' })
  .check(z.trim(), z.refine(isValidEmailAddress, 'must be a valid email address such as ana@example.com'));

/**
 * How a suppressed address is remembered after its subscriber is erased: a SHA-256 of the normalized address,
 * so the list keeps nobody's address in the clear but still stops mail to it.
 */
export function addressHash(normalizedEmail: string): string {
  return createHash('sha256').update(`knee-coach-suppression:${normalizedEmail}`).digest('hex');
}
