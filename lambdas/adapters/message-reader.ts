// Reading one inbound message for the inbound use case: parsed, reduced to what the person wrote, understood.
import { isReplyError, understandReply } from '#domain/reply/index';
import type { MessageReader } from '#use-cases/receive-mail';

export const readMessage: MessageReader = async (raw) => {
  const understood = await understandReply(Buffer.from(raw));
  if (isReplyError(understood)) return { error: understood.error.code };
  return {
    ...(understood.from ? { from: understood.from } : {}),
    subject: understood.subject ?? '',
    autoReply: understood.automatic,
    text: understood.text,
    ...(understood.date ? { date: understood.date } : {}),
    findings: understood,
  };
};
