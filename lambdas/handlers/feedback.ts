// The feedback Lambda: SES publishes bounce, complaint, delivery and reject events to SNS, which invokes this.
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { DynamoSubscriberStore } from '../adapters/dynamo-subscriber-store';
import { dynamoClient, lambdaLog, systemClock } from '../compose';
import { loadBaseConfig } from '../config';
import { type FeedbackDeps, type FeedbackEvent, handleFeedback } from '../use-cases/feedback';

const address = z.string().max(320);

/** An SES event (event publishing uses `eventType`, the older notifications `notificationType`). */
export const sesFeedbackSchema = z.looseObject({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail: z
    .looseObject({
      messageId: z.string().max(256).optional().catch(undefined),
      destination: z.array(address).max(100).optional(),
    })
    .optional(),
  bounce: z
    .looseObject({
      bounceType: z.string(),
      bouncedRecipients: z.array(z.looseObject({ emailAddress: address })).max(100),
    })
    .optional(),
  complaint: z
    .looseObject({ complainedRecipients: z.array(z.looseObject({ emailAddress: address })).max(100) })
    .optional(),
  delivery: z.looseObject({ recipients: z.array(address).max(100) }).optional(),
});

const snsEventSchema = z.object({
  Records: z.array(z.looseObject({ Sns: z.looseObject({ Message: z.string().max(256 * 1024) }) })).max(100),
});

/** The SES event as the use case sees it; undefined for anything it cannot use. */
export function toFeedbackEvent(message: unknown): FeedbackEvent | undefined {
  const parsed = sesFeedbackSchema.safeParse(message);
  if (!parsed.success) return undefined;
  const e = parsed.data;
  const type = (e.eventType ?? e.notificationType ?? '').toLowerCase();
  if (type === 'bounce' && e.bounce) {
    return {
      kind: 'bounce',
      permanent: e.bounce.bounceType === 'Permanent',
      recipients: e.bounce.bouncedRecipients.map((r) => r.emailAddress),
      ...(e.mail?.messageId ? { mailId: e.mail.messageId } : {}),
    };
  }
  if (type === 'complaint' && e.complaint) {
    return { kind: 'complaint', recipients: e.complaint.complainedRecipients.map((r) => r.emailAddress) };
  }
  if (type === 'delivery' && e.delivery) return { kind: 'delivery', recipients: e.delivery.recipients };
  if (type === 'reject') return { kind: 'reject', recipients: e.mail?.destination ?? [] };
  return { kind: 'other', recipients: [] };
}

export function makeFeedbackHandler(getDeps: () => FeedbackDeps) {
  return async (event: unknown): Promise<void> => {
    const deps = getDeps();
    const parsed = snsEventSchema.safeParse(event);
    if (!parsed.success) {
      deps.log.error('feedback event rejected', { issues: parsed.error.issues.length });
      return;
    }
    for (const record of parsed.data.Records) {
      let message: unknown;
      try {
        message = JSON.parse(record.Sns.Message);
      } catch {
        deps.log.error('feedback message is not JSON', {});
        continue;
      }
      const feedback = toFeedbackEvent(message);
      if (!feedback) {
        deps.log.error('feedback message not understood', {});
        continue;
      }
      // Store errors throw: Lambda retries the event twice, then parks it in the feedback dead-letter queue.
      await handleFeedback(deps, feedback);
    }
  };
}

let composed: FeedbackDeps | undefined;
export const handler = makeFeedbackHandler(() => {
  if (composed) return composed;
  const config = loadBaseConfig();
  composed = {
    store: new DynamoSubscriberStore(dynamoClient(config), config.tableName, config.dueShards),
    clock: systemClock,
    log: lambdaLog('feedback'),
  };
  return composed;
});

/** An SNS-shaped event carrying one SES event, as AWS delivers it (used by `coach simulate`). */
export function snsFeedbackEvent(sesEvent: unknown): unknown {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        Sns: { Type: 'Notification', MessageId: `local-${Date.now()}`, Message: JSON.stringify(sesEvent) },
      },
    ],
  };
}

/** The SES events `coach simulate` feeds in, shaped like SES's event publishing. */
export function simulatedSesEvent(
  kind: 'bounce' | 'soft-bounce' | 'complaint' | 'delivery',
  email: string,
): unknown {
  const mail = {
    timestamp: new Date().toISOString(),
    messageId: `simulated-${randomUUID()}`,
    source: 'coach@coach.localhost',
    destination: [email],
  };
  if (kind === 'complaint') {
    return { eventType: 'Complaint', mail, complaint: { complainedRecipients: [{ emailAddress: email }] } };
  }
  if (kind === 'delivery') return { eventType: 'Delivery', mail, delivery: { recipients: [email] } };
  return {
    eventType: 'Bounce',
    mail,
    bounce: {
      bounceType: kind === 'bounce' ? 'Permanent' : 'Transient',
      bounceSubType: kind === 'bounce' ? 'General' : 'MailboxFull',
      bouncedRecipients: [{ emailAddress: email }],
    },
  };
}
