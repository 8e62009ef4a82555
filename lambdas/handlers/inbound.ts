// The inbound Lambda: SES receiving stored a message in S3 and invokes this with the receipt; we read and act.
import { type InboundHandlerDeps, inboundDeps } from '#lambdas/compose/inbound';
import { receiveMail } from '#use-cases/receive-mail';
import { sesEventSchema, toInboundMail } from './events/ses-receipt';

export function makeInboundHandler(getDeps: () => Promise<InboundHandlerDeps>) {
  return async (event: unknown): Promise<void> => {
    const { deps, bucket, prefix } = await getDeps();
    const parsed = sesEventSchema.safeParse(event);
    if (!parsed.success) {
      // Retrying would not help: log (no content) and stop.
      deps.log.error('inbound event rejected', { issues: parsed.error.issues.length });
      return;
    }
    try {
      for (const record of parsed.data.Records)
        await receiveMail(deps, toInboundMail(record, bucket, prefix));
    } finally {
      deps.metrics.flush();
    }
  };
}

export const handler = makeInboundHandler(inboundDeps);
