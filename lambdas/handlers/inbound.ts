// The inbound Lambda: SES receiving stored a message in S3 and invokes this with the receipt; we read and act.
import type { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod/mini';
import { readMessage } from '../adapters/message-reader';
import { S3RawMailStore } from '../adapters/s3-raw-mail-store';
import { buildCoachDeps, lambdaLog, s3Client } from '../compose';
import { type InboundConfig, loadInboundConfig } from '../config';
import type { Log } from '../use-cases/deps';
import { type InboundDeps, MAX_INBOUND_BYTES, receiveMail } from '../use-cases/receive-mail';

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

export interface InboundHandlerDeps {
  deps: InboundDeps;
  bucket: string;
  prefix: string;
}

export function makeInboundHandler(getDeps: () => Promise<InboundHandlerDeps>) {
  return async (event: unknown): Promise<void> => {
    const { deps, bucket, prefix } = await getDeps();
    const parsed = sesEventSchema.safeParse(event);
    if (!parsed.success) {
      // Retrying would not help: log (no content) and stop.
      deps.log.error('inbound event rejected', { issues: parsed.error.issues.length });
      return;
    }
    for (const record of parsed.data.Records) {
      const { mail, receipt } = record.ses;
      await receiveMail(deps, {
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
      });
    }
  };
}

export async function buildInboundDeps(
  config: InboundConfig,
  options: { log: Log; s3?: S3Client } & Parameters<typeof buildCoachDeps>[1],
): Promise<InboundHandlerDeps> {
  const coach = await buildCoachDeps(config, options);
  return {
    deps: {
      ...coach,
      rawMail: new S3RawMailStore(options.s3 ?? s3Client(config)),
      readMessage,
      inbound: { requireSenderAuth: config.requireSenderAuth, maxBytes: MAX_INBOUND_BYTES },
    },
    bucket: config.inboundBucket,
    prefix: config.inboundPrefix,
  };
}

let composed: Promise<InboundHandlerDeps> | undefined;
export const handler = makeInboundHandler(() => {
  composed ??= buildInboundDeps(loadInboundConfig(), { log: lambdaLog('inbound') }).catch((error) => {
    composed = undefined;
    throw error;
  });
  return composed;
});
