// `coach reply`: answers a weekly email through the local SMTP server the way a mail client would,
// quoting the original below an "On … wrote:" line, then waits for the coach's acknowledgment.
import nodemailer from 'nodemailer';
import { verifyReplyLocalPart } from '#domain/tokens';
import type { CoachDeps } from '#use-cases/deps';
import type { LocalPorts } from './stack';

interface StoredEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
  at: number;
}

async function mailbox(ports: LocalPorts): Promise<StoredEmail[]> {
  const response = await fetch(`http://127.0.0.1:${ports.mailbox}/store`);
  return ((await response.json()) as { emails: StoredEmail[] }).emails;
}

export interface ReplyResult {
  from: string;
  acknowledgment?: { subject: string; text: string };
}

export async function sendLocalReply(
  deps: CoachDeps,
  ports: LocalPorts,
  to: string,
  text: string,
  options: { from?: string; waitMs?: number; attachments?: { filename: string; content: Buffer }[] } = {},
): Promise<ReplyResult> {
  const at = to.lastIndexOf('@');
  const claims = at > 0 ? verifyReplyLocalPart(to.slice(0, at), deps.settings.tokenSecrets) : undefined;
  if (!claims)
    throw new Error(
      `${to} is not a reply address from a weekly email (reply+…@${deps.settings.inboundDomain})`,
    );
  const subscriber = await deps.store.get(claims.subscriberId);
  const from = options.from ?? subscriber?.email;
  if (!from) throw new Error('no subscriber goes with that reply address: pass --from <address>');

  const emails = await mailbox(ports);
  const original = [...emails]
    .reverse()
    .find((e) => e.replyTo.some((r) => r.toLowerCase() === to.toLowerCase()));
  const before = emails.length;
  const quoted = original
    ? `\n\nOn ${new Date(original.at * 1000).toUTCString()}, ${original.from} wrote:\n${(
        original.body.text ?? ''
      )
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n')}\n`
    : '\n';
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: ports.smtp,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail({
    from,
    to,
    subject: original ? `Re: ${original.subject}` : 'Re: your weekly plan',
    text: `${text}${quoted}`,
    ...(options.attachments?.length ? { attachments: options.attachments } : {}),
    ...(original ? { inReplyTo: `<${original.messageId}>`, references: [`<${original.messageId}>`] } : {}),
  });
  transport.close();

  // The acknowledgment comes back within seconds; wait for it so the terminal shows what was understood.
  const deadline = Date.now() + (options.waitMs ?? 10_000);
  while (Date.now() < deadline) {
    const ack = (await mailbox(ports))
      .slice(before)
      .find((e) => e.destination.to.includes(from.toLowerCase()));
    if (ack) return { from, acknowledgment: { subject: ack.subject, text: ack.body.text ?? '' } };
    await new Promise((r) => setTimeout(r, 200));
  }
  return { from };
}
