// Read, change, write if unchanged, and try again when someone else wrote first: the one loop around
// every optimistic update of a profile.

/** What an attempt returns when its conditional write lost to another writer: read again and retry. */
export const CONFLICT = Symbol('conflict');

/**
 * Thrown when every attempt lost its write. It is always a throw (never a quiet default): the caller
 * either lets it fail the request or message (so the platform retries it later), or turns it into an
 * answer of its own, which it then says why at the call.
 */
export class KeptChangingError extends Error {
  constructor(
    readonly what: string,
    readonly attempts: number,
  ) {
    super(`${what}: the subscriber kept changing (${attempts} attempts); try again`);
    this.name = 'KeptChangingError';
  }
}

/**
 * Runs `attempt` (which reads what it needs, decides, and makes one conditional write) until it returns
 * anything but CONFLICT, at most `attempts` times, one right after the other: a conflict means another
 * write just landed, so a fresh read is all the next try needs.
 */
export async function retryOnConflict<T>(
  what: string,
  attempt: (n: number) => Promise<T | typeof CONFLICT>,
  attempts = 5,
): Promise<T> {
  for (let n = 0; n < attempts; n++) {
    const result = await attempt(n);
    if (result !== CONFLICT) return result;
  }
  throw new KeptChangingError(what, attempts);
}
