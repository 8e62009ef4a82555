// The send-week Lambda: consumes SQS batches of due subscribers and sends each one's weekly plan once.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { profileItemSchema } from '../adapters/item-schemas';
import { sendWeekDeps } from '../compose';
import type { CoachDeps } from '../use-cases/deps';
import { sendWeeklyPlan } from '../use-cases/send-week';

export const sendWeekMessageSchema = z.object({
  subscriberId: z.string().check(z.regex(/^[a-z2-7]{1,26}$/)),
  at: z.iso.datetime({ offset: true }),
  // Checked like any stored profile; a message whose snapshot does not parse still sends, after a read.
  snapshot: z.optional(z.unknown()),
});

/**
 * Reports partial batch failures: only the records that failed go back to the queue (and, after
 * the redrive limit, to the dead-letter queue); the rest are done. A malformed body fails too, so
 * poison messages end up parked where someone can look at them.
 */
export function makeSendWeekHandler(getDeps: () => Promise<CoachDeps>) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const deps = await getDeps();
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records ?? []) {
      try {
        const message = sendWeekMessageSchema.parse(JSON.parse(record.body));
        const snapshot = profileItemSchema.safeParse(message.snapshot);
        const outcome = await sendWeeklyPlan(
          deps,
          message.subscriberId,
          new Date(message.at),
          record.messageId,
          snapshot.success ? snapshot.data : undefined,
        );
        if (outcome !== 'sent')
          deps.log.info('nothing to send', { subscriberId: message.subscriberId, outcome });
      } catch (error) {
        deps.log.error('send-week record failed', {
          messageId: record.messageId,
          error: error instanceof Error ? error.name : 'unknown',
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}

export const handler = makeSendWeekHandler(sendWeekDeps);
