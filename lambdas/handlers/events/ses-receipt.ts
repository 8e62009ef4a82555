// The inbound Lambda's event: SES receiving's receipt for a message it stored in S3, read into the use case's terms.
import * as z from 'zod/mini';
import type { InboundMail } from '#use-cases/receive-mail';

const verdict = z.optional(z.looseObject({ status: z.string() }));

/** The SES receipt event (Lambda action). Only what we use is checked; the rest passes through. */
export const sesEventSchema = z.object({
  Records: z
    .array(
      z.looseObject({
        eventSource: z.literal('aws:ses'),
        ses: z.object({
          mail: z.looseObject({
            // It names the S3 object, so only the characters SES uses in its message ids.
            messageId: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,200}$/)),
          }),
          receipt: z.looseObject({
            recipients: z.array(z.string().check(z.maxLength(320))).check(z.maxLength(100)),
            spamVerdict: verdict,
            virusVerdict: verdict,
            spfVerdict: verdict,
            dkimVerdict: verdict,
          }),
        }),
      }),
    )
    .check(z.minLength(1), z.maxLength(20)),
});

type SesRecord = z.infer<typeof sesEventSchema>['Records'][number];

/** One receipt as the use case reads it: the stored object's place and the verdicts SES gave. */
export function toInboundMail({ ses }: SesRecord, bucket: string, prefix: string): InboundMail {
  const { mail, receipt } = ses;
  return {
    messageId: mail.messageId,
    recipients: receipt.recipients,
    bucket,
    key: `${prefix}${mail.messageId}`,
    verdicts: {
      ...(receipt.spamVerdict ? { spam: receipt.spamVerdict.status } : {}),
      ...(receipt.virusVerdict ? { virus: receipt.virusVerdict.status } : {}),
      ...(receipt.spfVerdict ? { spf: receipt.spfVerdict.status } : {}),
      ...(receipt.dkimVerdict ? { dkim: receipt.dkimVerdict.status } : {}),
    },
  };
}
