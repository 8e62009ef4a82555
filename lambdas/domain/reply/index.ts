// Understands a subscriber's reply end to end: parse the message, keep what they wrote, read it for the coach.
import { interpretReply, type ReplyFindings, replyDay } from './interpret';
import {
  type MessageAttachment,
  type ParseReplyOptions,
  parseReplyMessage,
  type ReplyParseErrorCode,
} from './parse-mime';
import { visibleText } from './visible-text';

export {
  awayInReply,
  type CrossTrainingDone,
  type DoneFinding,
  defaultSettled,
  type IllnessFinding,
  interpretReply,
  type ReplyCommand,
  type ReplyContext,
  type ReplyFindings,
  replyDay,
  type SkippedRun,
  type UnclearFigure,
} from './interpret';
export {
  DEFAULT_MAX_REPLY_BYTES,
  type MessageAttachment,
  type ParsedReply,
  type ParseReplyOptions,
  parseReplyMessage,
  type ReplyParseError,
} from './parse-mime';
export { htmlToText, visibleText } from './visible-text';

/**
 * What `coach parse-reply` prints: the findings (pain, changes, commands, red flags, done, illness, away are
 * the CLI contract), beside the message's envelope. `settledStated`: whether the reply said if the pain settled.
 */
export interface UnderstoodReply extends ReplyFindings {
  /** What the person wrote: the reply without quoted history, signatures and device lines. */
  text: string;
  from: string | null;
  recipients: string[];
  subject: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  date: string | null;
  /** Sent by a machine (out-of-office, bounce, list): never a report, never answered. */
  automatic: boolean;
  /** The files attached to the message (watch files among them are read by lambdas/activity-files). */
  attachments: MessageAttachment[];
}

export interface UnderstandOptions extends ParseReplyOptions {
  /**
   * The subscriber's zone, for dates in the reply ("next week"): they count from the message's date there.
   * UTC when not given.
   */
  timeZone?: string;
  /** The instant to count from when the message has no (sensible) date; otherwise its Date header is used. */
  now?: Date;
}

export interface ReplyError {
  error: { code: ReplyParseErrorCode; message: string };
}

export async function understandReply(
  raw: string | Buffer,
  options: UnderstandOptions = {},
): Promise<UnderstoodReply | ReplyError> {
  const parsed = await parseReplyMessage(raw, options);
  if (!parsed.ok) return { error: parsed.error };
  const text = visibleText(parsed.text);
  // The first five keys are printed first by `coach parse-reply`: the contract's fields, in its order.
  const { pain, changes, commands, redFlags, ...rest } = interpretReply(text, {
    today: replyDay(parsed.date, options),
    timeZone: options.timeZone,
  });
  return {
    text,
    pain,
    changes,
    commands,
    redFlags,
    ...rest,
    from: parsed.from,
    recipients: parsed.recipients,
    subject: parsed.subject,
    messageId: parsed.messageId,
    inReplyTo: parsed.inReplyTo,
    date: parsed.date,
    automatic: parsed.automatic,
    attachments: parsed.attachments,
  };
}

export function isReplyError(result: UnderstoodReply | ReplyError): result is ReplyError {
  return 'error' in result;
}
