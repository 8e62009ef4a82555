// Use-case deps on the in-memory store, with a mailer that keeps what it sends: use-case tests without Java.
import { MemoryMetrics } from '#adapters/memory-metrics';
import { MemorySubscriberStore } from '#adapters/memory-subscriber-store';
import { SIGN_UP_LIMIT_DEFAULTS, STALE_CLAIM_SECONDS_DEFAULT } from '#lambdas/config';
import type { Clock, Mailer, OutgoingEmail } from '#lambdas/ports';
import type { CoachDeps } from '#use-cases/deps';
import type { InboundDeps } from '#use-cases/inbound-mail';
import { TEST_SECRET } from './config';

export interface MemoryDeps extends CoachDeps {
  store: MemorySubscriberStore;
  sent: OutgoingEmail[];
  metrics: MemoryMetrics;
  /** Every line logged, as message and fields. */
  logged: { level: string; message: string; fields: Record<string, unknown> }[];
}

/** Ids count up (id-1, id-2, ...), so a test can name what it expects. */
export function memoryDeps(clock: Clock): MemoryDeps {
  const sent: OutgoingEmail[] = [];
  const mailer: Mailer = {
    async send(email) {
      sent.push(email);
      return `message-${sent.length}`;
    },
  };
  let next = 0;
  const logged: MemoryDeps['logged'] = [];
  const push = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    logged.push({ level, message, fields: fields ?? {} });
  };
  return {
    store: new MemorySubscriberStore(4),
    mailer,
    sent,
    clock,
    ids: { newId: () => `id-${++next}` },
    log: { info: push('info'), warn: push('warn'), error: push('error') },
    logged,
    metrics: new MemoryMetrics(),
    settings: {
      tokenSecret: TEST_SECRET,
      tokenSecrets: [TEST_SECRET],
      publicBaseUrl: 'http://coach.test',
      inboundDomain: 'reply.coach.test',
      operator: { name: 'Knee Coach Test', postalAddress: '1 Test Street, Testville' },
      dueShards: 4,
      staleClaimMs: STALE_CLAIM_SECONDS_DEFAULT * 1000,
      ...SIGN_UP_LIMIT_DEFAULTS,
    },
  };
}

/**
 * The reply use case's deps on top of in-memory ones: it reads no raw mail (the message is handed to it
 * already read), so the raw-mail store and the reader are never called.
 */
export function replyDeps(memory: MemoryDeps): InboundDeps {
  return {
    ...memory,
    rawMail: { get: async () => 'missing', put: async () => {} },
    readMessage: async () => ({ error: 'not used' }),
    inbound: { requireSenderAuth: false, maxBytes: 1_000_000 },
  };
}
