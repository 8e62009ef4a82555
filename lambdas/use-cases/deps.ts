// What every use case is given: the ports, the settings, and a logger that never sees personal data.
import type { Operator, RenderedEmail } from '#email/types';
import type { Clock, IdSource, Mailer, Metrics, SubscriberStore } from '#lambdas/ports';

// Moved to the domain; re-exported for the modules that import it from here.
export { dueShardOf } from '#domain/due-shard';

export interface CoachSettings {
  /** Signs new tokens and addresses. */
  tokenSecret: string;
  /** Accepted when verifying: the current secret, then earlier ones during a rotation window. */
  tokenSecrets: readonly string[];
  /** Base URL of the API, used in links (no trailing slash). */
  publicBaseUrl: string;
  inboundDomain: string;
  operator: Operator;
  dueShards: number;
  /** How many confirmation emails one pending address can receive while its links work. */
  maxConfirmSends: number;
  /** Sign-ups an hour from one source address, and for one email address. */
  signupsPerSourcePerHour: number;
  signupsPerAddressPerHour: number;
  /** A claimed week whose email is not out this long after the claim may be taken over and sent (ms). */
  staleClaimMs: number;
}

export interface Log {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface CoachDeps {
  store: SubscriberStore;
  mailer: Mailer;
  clock: Clock;
  ids: IdSource;
  settings: CoachSettings;
  log: Log;
  /** The operator's counts (lambdas/metric-names.ts): never personal data. */
  metrics: Metrics;
}

/** Sends a rendered email (no custom headers) to one address; resolves to the provider's message id. */
export function sendRendered(
  deps: Pick<CoachDeps, 'mailer'>,
  to: string,
  email: RenderedEmail,
): Promise<string> {
  return deps.mailer.send({ to, subject: email.subject, html: email.html, text: email.text });
}
