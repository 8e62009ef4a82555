// The feedback Lambda's event: SNS records, each carrying one SES event as JSON, read into the use case's terms.
import * as z from 'zod/mini';
import type { FeedbackEvent } from '#use-cases/feedback';

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

export const snsEventSchema = z.object({
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
