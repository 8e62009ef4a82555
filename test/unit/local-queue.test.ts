// The local SQS stand-in: batches of at most 10, partial failures retried, poison messages parked after 5 tries.
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { LocalSendQueue, type ParkedMessage } from '#lib/local/local-queue';

describe('LocalSendQueue', () => {
  it('retries only the failed records, and parks a poison message after five receives', async () => {
    const received: Record<string, number> = {};
    const parked: ParkedMessage[] = [];
    const queue = new LocalSendQueue(
      async (event: SQSEvent) => {
        const failures = [];
        for (const record of event.Records) {
          const { subscriberId } = JSON.parse(record.body) as { subscriberId: string };
          received[subscriberId] = (received[subscriberId] ?? 0) + 1;
          // "poison" always fails; "flaky" fails on its first two receives.
          if (subscriberId === 'poison' || (subscriberId === 'flaky' && (received.flaky ?? 0) <= 2)) {
            failures.push({ itemIdentifier: record.messageId });
          }
        }
        return { batchItemFailures: failures };
      },
      { maxReceiveCount: 5, retryDelayMs: 1, onParked: (m) => parked.push(m) },
    );

    await queue.enqueue(
      ['ok', 'flaky', 'poison'].map((subscriberId) => ({ subscriberId, at: '2026-11-29T17:00:00Z' })),
    );

    expect(received).toEqual({ ok: 1, flaky: 3, poison: 5 });
    expect(parked.map((m) => [JSON.parse(m.body).subscriberId, m.receiveCount])).toEqual([['poison', 5]]);
    expect(queue.stats).toEqual({ delivered: 2, failedAttempts: 7, parked: 1 });
  });

  it('refuses a batch larger than SQS allows', async () => {
    const queue = new LocalSendQueue(async () => ({ batchItemFailures: [] }));
    const eleven = Array.from({ length: 11 }, (_, i) => ({
      subscriberId: `s${i}`,
      at: '2026-11-29T17:00:00Z',
    }));
    await expect(queue.enqueue(eleven)).rejects.toThrow(/at most 10/);
  });
});
