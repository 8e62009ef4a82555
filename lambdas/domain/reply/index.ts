// Understands a subscriber's reply end to end: parse the message, keep what they wrote, read it for the coach.
import type { ChangeKind, PainReport, RedFlag } from '#domain/types';
import { interpretReply, type ReplyCommand } from './interpret';
import { type ParseReplyOptions, parseReplyMessage, type ReplyParseErrorCode } from './parse-mime';
import { visibleText } from './visible-text';

export { defaultSettled, interpretReply, type ReplyCommand, type ReplyFindings } from './interpret';
export {
  DEFAULT_MAX_REPLY_BYTES,
  type ParsedReply,
  type ParseReplyOptions,
  parseReplyMessage,
  type ReplyParseError,
} from './parse-mime';
export { htmlToText, visibleText } from './visible-text';

/**
 * What `coach parse-reply` prints. The first five fields are the CLI contract; the rest help the
 * acknowledgement and the logs (`settledStated`: whether the reply said if the pain settled).
 */
export interface UnderstoodReply {
  /** What the person wrote: the reply without quoted history, signatures and device lines. */
  text: string;
  pain: PainReport | null;
  changes: ChangeKind[];
  commands: ReplyCommand[];
  redFlags: RedFlag[];
  settledStated: boolean;
  /** The text kept as written when no score was found (at most 1000 characters); null otherwise. */
  note: string | null;
  daysRun: number | null;
  from: string | null;
  recipients: string[];
  subject: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  date: string | null;
  /** Sent by a machine (out-of-office, bounce, list): never a report, never answered. */
  automatic: boolean;
}

export interface ReplyError {
  error: { code: ReplyParseErrorCode; message: string };
}

export async function understandReply(
  raw: string | Buffer,
  options: ParseReplyOptions = {},
): Promise<UnderstoodReply | ReplyError> {
  const parsed = await parseReplyMessage(raw, options);
  if (!parsed.ok) return { error: parsed.error };
  const text = visibleText(parsed.text);
  const findings = interpretReply(text);
  return {
    text,
    pain: findings.pain,
    changes: findings.changes,
    commands: findings.commands,
    redFlags: findings.redFlags,
    settledStated: findings.settledStated,
    note: findings.note,
    daysRun: findings.daysRun,
    from: parsed.from,
    recipients: parsed.recipients,
    subject: parsed.subject,
    messageId: parsed.messageId,
    inReplyTo: parsed.inReplyTo,
    date: parsed.date,
    automatic: parsed.automatic,
  };
}

export function isReplyError(result: UnderstoodReply | ReplyError): result is ReplyError {
  return 'error' in result;
}
