// The inbound Lambda's dependencies: apart from the others' because the mail parser it needs is a large bundle.
import type { S3Client } from '@aws-sdk/client-s3';
import { readMessage } from '#adapters/message-reader';
import { S3RawMailStore } from '#adapters/s3-raw-mail-store';
import { type InboundConfig, loadInboundConfig } from '#lambdas/config';
import type { Log } from '#use-cases/deps';
import { type InboundDeps, MAX_INBOUND_BYTES } from '#use-cases/receive-mail';
import { buildCoachDeps, lambdaLog, lambdaMetrics, once, s3Client } from './index';

export interface InboundHandlerDeps {
  deps: InboundDeps;
  bucket: string;
  prefix: string;
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

export const inboundDeps = /* @__PURE__ */ once(() =>
  buildInboundDeps(loadInboundConfig(), { log: lambdaLog('inbound'), metrics: lambdaMetrics() }),
);
