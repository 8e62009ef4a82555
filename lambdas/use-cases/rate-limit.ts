// Rate limits on sign-ups, per source address and per email address, so nobody can use the coach to flood an
// inbox or the table. API Gateway's stage throttling limits raw request rates on AWS; these limits hold in the
// handler too, so the local stack shows them. Both are settings (a running club signing up from one network
// raises the first): `signupsPerSourcePerHour` and `signupsPerAddressPerHour`.
import { createHash } from 'node:crypto';
import { normalizeEmailAddress } from '#domain/email-address';
import type { CoachDeps } from './deps';

/** Keys are hashed: the table never holds a source IP or an email address in a counter. */
function key(kind: string, value: string, hour: number): string {
  return `${kind}#${createHash('sha256').update(`knee-coach-rate:${kind}:${value}`).digest('hex').slice(0, 32)}#${hour}`;
}

/** True when this sign-up may go ahead; counts it either way against both limits' current hour. */
export async function allowSignUp(deps: CoachDeps, sourceIp: string, email: string): Promise<boolean> {
  const now = deps.clock.now().getTime();
  const hour = Math.floor(now / 3_600_000);
  const expires = (hour + 2) * 3600; // a little after the window, for DynamoDB's TTL to clean up
  const { signupsPerSourcePerHour, signupsPerAddressPerHour } = deps.settings;
  const [bySource, byAddress] = await Promise.all([
    deps.store.takeRateLimit(key('source', sourceIp, hour), signupsPerSourcePerHour, expires),
    deps.store.takeRateLimit(
      key('address', normalizeEmailAddress(email), hour),
      signupsPerAddressPerHour,
      expires,
    ),
  ]);
  if (!bySource || !byAddress) deps.log.warn('sign-up rate limited', { by: bySource ? 'address' : 'source' });
  return bySource && byAddress;
}
