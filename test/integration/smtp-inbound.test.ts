// The local SMTP stand-in for SES receiving: real SMTP in, the message stored in s3rver, the handler invoked.
import { randomBytes } from 'node:crypto';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import nodemailer from 'nodemailer';
import type { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { S3RawMailStore } from '#adapters/s3-raw-mail-store';
import { freePort } from '#lib/local/services';
import { startSmtpInbound } from '#lib/local/smtp-inbound';
import { localS3 } from '#test/support/local';

const BUCKET = 'coach-inbound-mail';
const s3 = localS3();
const events: unknown[] = [];
let server: SMTPServer;
let port: number;
const prefix = `smtp-test-${randomBytes(4).toString('hex')}/`;

beforeAll(async () => {
  port = await freePort();
  server = await startSmtpInbound({
    port,
    inboundDomain: 'reply.coach.test',
    bucket: BUCKET,
    prefix,
    rawMail: new S3RawMailStore(s3),
    deliver: async (event) => {
      events.push(event);
    },
    maxBytes: 10 * 1024 * 1024,
  });
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

function transport() {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
}

async function stored(): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key as string);
}

it('stores an accepted message and hands over an SES-shaped event naming it', async () => {
  await transport().sendMail({
    from: 'ana@example.com',
    to: 'reply+abc.20261130.xyz@reply.coach.test',
    text: 'knee 2/10',
  });
  await expect.poll(() => events.length).toBe(1);
  const event = events[0] as {
    Records: { ses: { mail: { messageId: string }; receipt: { recipients: string[] } } }[];
  };
  const record = event.Records[0];
  expect(record?.ses.receipt.recipients).toEqual(['reply+abc.20261130.xyz@reply.coach.test']);
  expect(await stored()).toEqual([`${prefix}${record?.ses.mail.messageId}`]);
});

it('refuses mail for other domains and messages over 10 MB, storing nothing', async () => {
  const before = (await stored()).length;
  await expect(
    transport().sendMail({ from: 'a@example.com', to: 'someone@elsewhere.test', text: 'hi' }),
  ).rejects.toThrow(/550/);
  await expect(
    transport().sendMail({
      from: 'a@example.com',
      to: 'start@reply.coach.test',
      text: 'x'.repeat(10 * 1024 * 1024 + 100),
    }),
  ).rejects.toThrow(/552/);
  expect((await stored()).length).toBe(before);
});
