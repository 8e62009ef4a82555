// What receiving email deals in: the message as read, the mail as SES delivered it, the deps, the outcomes.
import type { ReplyFindings } from '#domain/reply/interpret';
import type { FileActivity } from '#domain/week-files';
import type { RawMailStore } from '#lambdas/ports';
import type { CoachDeps } from './deps';

/** What the coach needs from one inbound message, however it was encoded. */
export interface ReadMessage {
  from?: string;
  subject: string;
  /** Out-of-office and other automatic mail: never a report, never answered. */
  autoReply: boolean;
  /** Only what the person wrote: quotes and signatures removed. */
  text: string;
  /** The message's Date header as written, if any: dates in the reply ("next week") count from it. */
  date?: string;
  /** Read with dates counted from the message's date in UTC; the reply use case recounts them in the zone. */
  findings: ReplyFindings;
  /**
   * Reads the watch files attached (FIT, GPX, TCX, gzipped or not), in the order of the message; absent when the
   * message has none. Called only once the reply is known to be theirs, so a stranger's files are never parsed.
   */
  readFiles?: () => Promise<ReadFile[]>;
}

/** Why a watch file was not read (lambdas/activity-files names the same reasons). */
export type FileSkipReason =
  | 'too-many-files'
  | 'too-large'
  | 'message-too-large'
  | 'not-an-activity-file'
  | 'damaged'
  | 'unsafe-xml'
  | 'no-activity';

/** One attached watch file: the activities in it, or why it was skipped. */
export interface ReadFile {
  filename: string;
  kind: 'fit' | 'gpx' | 'tcx' | 'unknown';
  activities: FileActivity[];
  skipped?: FileSkipReason;
}

export type MessageReader = (raw: Uint8Array) => Promise<ReadMessage | { error: string }>;

export interface InboundMail {
  messageId: string;
  /** Envelope recipients at our domain (from SES's receipt). */
  recipients: string[];
  bucket: string;
  key: string;
  verdicts: { spam?: string; virus?: string; spf?: string; dkim?: string };
}

export interface InboundDeps extends CoachDeps {
  rawMail: RawMailStore;
  readMessage: MessageReader;
  inbound: { requireSenderAuth: boolean; maxBytes: number };
}

/**
 * The largest inbound message read: up to 20 MB of watch files (about 27 MB once base64-encoded) and the reply
 * around them. SES accepts up to 40 MB; a larger message is dropped as 'too-large' before it is parsed.
 */
export const MAX_INBOUND_BYTES = 30 * 1024 * 1024;

export type DropReason =
  | 'spam'
  | 'virus'
  | 'unauthenticated'
  | 'too-large'
  | 'missing'
  | 'malformed'
  | 'auto-reply'
  | 'unknown-recipient'
  | 'bad-token'
  | 'unknown-subscriber'
  | 'not-subscribed'
  | 'from-mismatch'
  | 'unknown-week'
  | 'invalid-sender';

export type InboundOutcome =
  | { kind: 'reply-accepted'; subscriberId: string; weekStart: string }
  | { kind: 'subscribe-started' | 'subscribe-ignored' }
  | { kind: 'unsubscribed'; subscriberId: string }
  | { kind: 'dropped'; reason: DropReason };

export const drop = (reason: DropReason): InboundOutcome => ({ kind: 'dropped', reason });
