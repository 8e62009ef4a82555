// The inbound Lambda's dependencies: apart from the others' because the mail parser it needs is a large bundle.
import type { S3Client } from '@aws-sdk/client-s3';
import { S3RawMailStore } from '#adapters/s3-raw-mail-store';
import { type InboundConfig, loadInboundConfig } from '#lambdas/config';
import type { Log } from '#use-cases/deps';
import type { MessageReader } from '#use-cases/receive-mail';
import { type InboundDeps, MAX_INBOUND_BYTES } from '#use-cases/receive-mail';
import { buildCoachDeps, lambdaLog, lambdaMetrics, once, s3Client } from './index';

/**
 * The mail parser, the quoted-text stripper and the reply reader are most of the inbound bundle: they load on the
 * first message, not at start-up, so a cold start that is only waking up (or turning away a bad event) is quick.
 */
const readMessage: MessageReader = async (raw) => {
  const reader = await loadReader();
  return reader.readMessage(raw);
};

/** Set only in the Lambda bundle, to the reader's own file beside it (lib/constructs/bundling.ts). */
declare const COACH_READER_CHUNK: string | undefined;

type Reader = typeof import('#adapters/message-reader');
let reader: Promise<Reader> | undefined;

function loadReader(): Promise<Reader> {
  reader ??= (
    typeof COACH_READER_CHUNK === 'string'
      ? (import(COACH_READER_CHUNK) as Promise<Reader>)
      : import('#adapters/message-reader')
  ).catch((error: unknown) => {
    reader = undefined; // the next message tries again
    throw error;
  });
  return reader;
}

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
