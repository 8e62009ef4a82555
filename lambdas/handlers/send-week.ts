// The send-week Lambda: consumes SQS batches of due subscribers and sends each one's weekly plan once.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { subscriberSchema } from '#domain/types';
import { sendWeekDeps } from '#lambdas/compose/index';
import type { CoachDeps } from '#use-cases/deps';
import { resumeClaimedWeek, sendWeeklyPlan } from '#use-cases/send-week';
import { sendWeekMessageSchema } from './events/send-week-message';

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
        const { subscriberId, at, snapshot, weekStart } = sendWeekMessageSchema.parse(
          JSON.parse(record.body),
        );
        const profile = subscriberSchema.safeParse(snapshot);
        const outcome = weekStart
          ? await resumeClaimedWeek(deps, subscriberId, weekStart, new Date(at), record.messageId)
          : await sendWeeklyPlan(
              deps,
              subscriberId,
              new Date(at),
              record.messageId,
              profile.success ? profile.data : undefined,
            );
        if (outcome !== 'sent') deps.log.info('nothing to send', { subscriberId, outcome });
      } catch (error) {
        deps.log.error('send-week record failed', {
          messageId: record.messageId,
          error: error instanceof Error ? error.name : 'unknown',
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    deps.metrics.flush();
    return { batchItemFailures };
  };
}

export const handler = makeSendWeekHandler(sendWeekDeps);
