// The feedback Lambda: SES publishes bounce, complaint, delivery and reject events to SNS, which invokes this.
import { feedbackDeps } from '#lambdas/compose/index';
import { type FeedbackDeps, handleFeedback } from '#use-cases/feedback';
import { snsEventSchema, toFeedbackEvent } from './events/ses-feedback';

export function makeFeedbackHandler(getDeps: () => Promise<FeedbackDeps> | FeedbackDeps) {
  return async (event: unknown): Promise<void> => {
    const deps = await getDeps();
    const parsed = snsEventSchema.safeParse(event);
    if (!parsed.success) {
      deps.log.error('feedback event rejected', { issues: parsed.error.issues.length });
      return;
    }
    try {
      for (const record of parsed.data.Records) await handleMessage(deps, record.Sns.Message);
    } finally {
      deps.metrics.flush();
    }
  };
}

async function handleMessage(deps: FeedbackDeps, body: string): Promise<void> {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    deps.log.error('feedback message is not JSON', {});
    return;
  }
  const feedback = toFeedbackEvent(message);
  if (!feedback) {
    deps.log.error('feedback message not understood', {});
    return;
  }
  // Store errors throw: Lambda retries the event twice, then parks it in the feedback dead-letter queue.
  await handleFeedback(deps, feedback);
}

export const handler = makeFeedbackHandler(feedbackDeps);
