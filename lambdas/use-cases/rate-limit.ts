// Rate limits on sign-ups, per source address and per email address, so nobody can use the coach to flood an
// inbox or the table. API Gateway's stage throttling limits raw request rates on AWS; these limits hold in the
// handler too, so the local stack shows them.
import { createHash } from 'node:crypto';
import { normalizeEmailAddress } from '#domain/email-address';
import type { CoachDeps } from './deps';

export const SIGNUPS_PER_SOURCE_PER_HOUR = 30;
export const SIGNUPS_PER_ADDRESS_PER_HOUR = 5;

/** Keys are hashed: the table never holds a source IP or an email address in a counter. */
function key(kind: string, value: string, hour: number): string {
  return `${kind}#${createHash('sha256').update(`knee-coach-rate:${kind}:${value}`).digest('hex').slice(0, 32)}#${hour}`;
}

/** True when this sign-up may go ahead; counts it either way against both limits' current hour. */
export async function allowSignUp(deps: CoachDeps, sourceIp: string, email: string): Promise<boolean> {
  const now = deps.clock.now().getTime();
  const hour = Math.floor(now / 3_600_000);
  const expires = (hour + 2) * 3600; // a little after the window, for DynamoDB's TTL to clean up
  const [bySource, byAddress] = await Promise.all([
    deps.store.takeRateLimit(key('source', sourceIp, hour), SIGNUPS_PER_SOURCE_PER_HOUR, expires),
    deps.store.takeRateLimit(
      key('address', normalizeEmailAddress(email), hour),
      SIGNUPS_PER_ADDRESS_PER_HOUR,
      expires,
    ),
  ]);
  if (!bySource || !byAddress) deps.log.warn('sign-up rate limited', { by: bySource ? 'address' : 'source' });
  return bySource && byAddress;
}
