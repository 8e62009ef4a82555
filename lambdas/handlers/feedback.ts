// The feedback Lambda: SES publishes bounce, complaint, delivery and reject events to SNS, which invokes this.
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { DynamoSubscriberStore } from '../adapters/dynamo-subscriber-store';
import { dynamoClient, lambdaLog, systemClock } from '../compose';
import { loadBaseConfig } from '../config';
import { type FeedbackDeps, type FeedbackEvent, handleFeedback } from '../use-cases/feedback';

const address = z.string().check(z.maxLength(320));
const upTo100 = <T extends z.ZodMiniType>(item: T) => z.array(item).check(z.maxLength(100));

/** An SES event (event publishing uses `eventType`, the older notifications `notificationType`). */
export const sesFeedbackSchema = z.looseObject({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  mail: z.optional(
    z.looseObject({
      messageId: z.catch(z.optional(z.string().check(z.maxLength(256))), undefined),
      destination: z.optional(upTo100(address)),
    }),
  ),
  bounce: z.optional(
    z.looseObject({
      bounceType: z.string(),
      bouncedRecipients: upTo100(z.looseObject({ emailAddress: address })),
    }),
  ),
  complaint: z.optional(
    z.looseObject({ complainedRecipients: upTo100(z.looseObject({ emailAddress: address })) }),
  ),
  delivery: z.optional(z.looseObject({ recipients: upTo100(address) })),
});

const snsEventSchema = z.object({
  Records: upTo100(
    z.looseObject({ Sns: z.looseObject({ Message: z.string().check(z.maxLength(256 * 1024)) }) }),
  ),
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
