// Understands a subscriber's reply end to end: parse the message, keep what they wrote, read it for the coach.
import { isTimeZone, localDate } from '#domain/zoned-time';
import { interpretReply, type ReplyFindings } from './interpret';
import { type ParseReplyOptions, parseReplyMessage, type ReplyParseErrorCode } from './parse-mime';
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
  type SkippedRun,
  type UnclearFigure,
} from './interpret';
export {
  DEFAULT_MAX_REPLY_BYTES,
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
  const { pain, changes, commands, redFlags, ...findings } = interpretReply(text, {
    today: replyDay(parsed.date, options),
  });
  // The CLI fields first, in this order; the other findings after them.
  return {
    text,
    pain,
    changes,
    commands,
    redFlags,
    ...findings,
    from: parsed.from,
    recipients: parsed.recipients,
    subject: parsed.subject,
    messageId: parsed.messageId,
    inReplyTo: parsed.inReplyTo,
    date: parsed.date,
    automatic: parsed.automatic,
  };
}

/** How far a message's Date header may be from `now` and still be trusted as the day it was written. */
const DATE_TRUST_MS = 8 * 86_400_000;

/**
 * The local day the reply was written: its Date header in the subscriber's zone, unless that is missing or
 * more than a week from `now` (a wrong clock); then `now`. Undefined when there is neither.
 */
export function replyDay(
  date: string | null,
  options: { timeZone?: string; now?: Date },
): string | undefined {
  const zone = options.timeZone !== undefined && isTimeZone(options.timeZone) ? options.timeZone : 'UTC';
  const sent = date === null ? Number.NaN : Date.parse(date);
  const now = options.now?.getTime();
  if (Number.isFinite(sent) && (now === undefined || Math.abs(sent - now) <= DATE_TRUST_MS)) {
    return localDate(sent, zone);
  }
  return now === undefined ? undefined : localDate(now, zone);
}

export function isReplyError(result: UnderstoodReply | ReplyError): result is ReplyError {
  return 'error' in result;
}
