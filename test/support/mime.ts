// Raw MIME messages as a mail client writes them, attachments and all, built by nodemailer's stream transport.
import nodemailer from 'nodemailer';

export interface RawMessageInput {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** An RFC 2822 date; pinned by the caller so the message never depends on the day the test runs. */
  date: Date;
  messageId?: string;
  attachments?: { filename: string; content: Uint8Array; contentType?: string }[];
}

export async function rawMessage(input: RawMessageInput): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail({
    from: input.from,
    to: input.to,
    subject: input.subject,
    text: input.text,
    date: input.date,
    ...(input.messageId ? { messageId: input.messageId } : {}),
    attachments: (input.attachments ?? []).map((a) => ({
      filename: a.filename,
      content: Buffer.from(a.content),
      ...(a.contentType ? { contentType: a.contentType } : {}),
    })),
  });
  return info.message as Buffer;
}
