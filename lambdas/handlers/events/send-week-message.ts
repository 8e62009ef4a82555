// The send-week Lambda's SQS message body, as the dispatcher wrote it (lambdas/ports.ts SendWeekMessage).
import * as z from 'zod/mini';

export const sendWeekMessageSchema = z.object({
  subscriberId: z.string().check(z.regex(/^[a-z2-7]{1,26}$/)),
  at: z.iso.datetime({ offset: true }),
  // Checked like any stored profile; a message whose snapshot does not parse still sends, after a read.
  snapshot: z.optional(z.unknown()),
  // From the stale-claim sweep: the claimed week to finish.
  weekStart: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
});
