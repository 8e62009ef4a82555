// The local stand-in for SES receiving: an SMTP server on loopback that stores each message in the S3
// stand-in and hands the inbound handler the same SES-shaped event AWS would.
import { randomBytes } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import type { RawMailStore } from '#lambdas/ports';

export interface SmtpInboundOptions {
  port: number;
  inboundDomain: string;
  bucket: string;
  prefix: string;
  rawMail: RawMailStore;
  /** The inbound Lambda's handler. */
  deliver: (event: unknown) => Promise<void>;
  /** SES receiving accepts up to 40 MB; we refuse earlier, like the handler does. */
  maxBytes: number;
  onError?: (error: unknown) => void;
}

/** The receipt event SES would send. SPF and DKIM are not checked locally, so their verdict is GRAY. */
export function sesReceiptEvent(messageId: string, recipients: string[], source: string): unknown {
  const now = new Date().toISOString();
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: { timestamp: now, source, messageId, destination: recipients, headersTruncated: false },
          receipt: {
            timestamp: now,
            processingTimeMillis: 1,
            recipients,
            spamVerdict: { status: 'PASS' },
            virusVerdict: { status: 'PASS' },
            spfVerdict: { status: 'GRAY' },
            dkimVerdict: { status: 'GRAY' },
            dmarcVerdict: { status: 'GRAY' },
            action: {
              type: 'Lambda',
              functionArn: 'arn:aws:lambda:local:000000000000:function:inbound',
              invocationType: 'Event',
            },
          },
        },
      },
    ],
  };
}

export async function startSmtpInbound(options: SmtpInboundOptions): Promise<SMTPServer> {
  const domain = options.inboundDomain.toLowerCase();
  const server = new SMTPServer({
    name: domain,
    banner: 'Knee Coach local inbound',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    logger: false,
    onRcptTo(address, _session, callback) {
      // Like the receipt rule: only our own domain.
      if (!address.address.toLowerCase().endsWith(`@${domain}`)) {
        callback(
          Object.assign(new Error(`550 no such recipient here: only @${domain}`), { responseCode: 550 }),
        );
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', async () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error('552 message too large'), { responseCode: 552 }));
          return;
        }
        const messageId = randomBytes(16).toString('hex');
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        const source = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        try {
          await options.rawMail.put(options.bucket, `${options.prefix}${messageId}`, Buffer.concat(chunks));
        } catch (error) {
          options.onError?.(error);
          callback(Object.assign(new Error('451 try again later'), { responseCode: 451 }));
          return;
        }
        // SES accepts the message, then invokes the Lambda asynchronously: the sender never waits on it.
        callback();
        try {
          await options.deliver(sesReceiptEvent(messageId, recipients, source));
        } catch (error) {
          options.onError?.(error);
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  server.on('error', (error) => options.onError?.(error));
  return server;
}
