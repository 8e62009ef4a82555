// Parses an inbound reply (a raw MIME message, or plain text without headers) into the parts the coach reads.
import {
  type AddressObject,
  type EmailAddress,
  type ParsedMail,
  parseAddressHeader,
  simpleParser,
} from 'mailparser';
import { htmlToText } from './visible-text';

/**
 * The largest message read: a reply with up to 20 MB of watch files, which base64 makes about 27 MB, and the
 * text around them. Anything larger is refused before any parsing work (SES itself takes up to 40 MB).
 */
export const DEFAULT_MAX_REPLY_BYTES = 30 * 1024 * 1024;

/** A file attached to the message, as sent: its name and type as the sender's mail client wrote them. */
export interface MessageAttachment {
  filename: string | undefined;
  contentType: string | undefined;
  content: Uint8Array;
}

export interface ParseReplyOptions {
  /** Refuse input larger than this many bytes (default 30 MB). */
  maxBytes?: number;
}

export interface ParsedReply {
  ok: true;
  /** Whether the input had a message header; plain text without one is read as the body. */
  isRawMessage: boolean;
  /** The sender's address, as written. */
  from: string | null;
  /** Every address the message was for: To, Cc, Delivered-To, X-Original-To and friends, without repeats. */
  recipients: string[];
  subject: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** The Date header as an ISO instant; null when missing or unreadable (never "now"). */
  date: string | null;
  /** The body as text: the text part, or the HTML converted when there is none (quotes as "> " lines). */
  text: string;
  bodyFrom: 'text' | 'html' | 'none';
  /** Sent by a machine (vacation responder, bounce, list): never a report, never answered (RFC 3834). */
  automatic: boolean;
  /** The attached files (inline ones too), in the order of the message; none for plain text. */
  attachments: MessageAttachment[];
}

export type ReplyParseErrorCode = 'too-large' | 'malformed';

export interface ReplyParseError {
  ok: false;
  error: { code: ReplyParseErrorCode; message: string };
}

const HEAD_SCAN_CHARS = 64 * 1024;
const FIELD = /^[!-9;-~]{1,76}[ \t]*:/;
const KNOWN_FIELD =
  /^(?:from|to|cc|subject|date|message-id|received|mime-version|content-type|content-transfer-encoding|return-path|delivered-to|x-original-to|envelope-to|reply-to|in-reply-to|references|dkim-signature|arc-seal|authentication-results|sender|x-mailer|user-agent|thread-topic|thread-index)[ \t]*:/i;
const MBOX_FROM = /^From \S+/;
const EXTRA_RECIPIENT_FIELDS = ['x-original-to', 'envelope-to', 'x-forwarded-to', 'x-envelope-to'];

/**
 * Parses a reply. Never throws: input over `maxBytes` and input mailparser cannot read come back as
 * `{ ok: false, error }`. No clock, no I/O: a missing Date stays null.
 */
export async function parseReplyMessage(
  raw: string | Buffer,
  options: ParseReplyOptions = {},
): Promise<ParsedReply | ReplyParseError> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_REPLY_BYTES;
  const size = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.length;
  if (size > maxBytes) {
    return failure('too-large', `The message is ${size} bytes; the limit is ${maxBytes} bytes.`);
  }
  const head =
    typeof raw === 'string'
      ? raw.slice(0, HEAD_SCAN_CHARS)
      : raw.subarray(0, HEAD_SCAN_CHARS).toString('latin1');
  if (!looksLikeMessage(head)) return plainReply(typeof raw === 'string' ? raw : decodePlain(raw));
  try {
    const mail = await simpleParser(raw, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
    });
    return fromMail(mail);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failure('malformed', `The message could not be parsed: ${reason}`);
  }
}

/** A header block first: field lines (and folded continuations) up to a blank line, one of them a known field. */
export function looksLikeMessage(head: string): boolean {
  const lines = head.replace(/^\ufeff/, '').split(/\r?\n/);
  let index = MBOX_FROM.test(lines[0] ?? '') ? 1 : 0;
  let fields = 0;
  let known = 0;
  for (; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line === '') break;
    if (FIELD.test(line)) {
      fields++;
      if (KNOWN_FIELD.test(line)) known++;
    } else if (!(/^[ \t]/.test(line) && fields > 0)) {
      return false;
    }
  }
  return known >= 1 && fields >= 2;
}

function plainReply(text: string): ParsedReply {
  const body = text.replace(/^\ufeff/, '');
  return {
    ok: true,
    isRawMessage: false,
    from: null,
    recipients: [],
    subject: null,
    messageId: null,
    inReplyTo: null,
    references: [],
    date: null,
    text: body,
    bodyFrom: body.trim() === '' ? 'none' : 'text',
    automatic: false,
    attachments: [],
  };
}

/** Plain text bytes: UTF-8 when they are valid UTF-8, else Windows-1252 (what "Latin-1" mail usually is). */
function decodePlain(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Node's TextDecoder reads "windows-1252" as ISO-8859-1 in some versions, so the 0x80–0x9F row is mapped here.
    return bytes
      .toString('latin1')
      .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
  }
}

const WINDOWS_1252_HIGH = [
  ...'\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f',
  ...'\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178',
];

function fromMail(mail: ParsedMail): ParsedReply {
  const textPart = typeof mail.text === 'string' ? mail.text : '';
  const html = typeof mail.html === 'string' ? mail.html : '';
  const useHtml = textPart.trim() === '' && html.trim() !== '';
  const text = useHtml ? htmlToText(html) : textPart;
  return {
    ok: true,
    isRawMessage: true,
    from: addresses(mail.from)[0] ?? null,
    recipients: recipients(mail),
    subject: mail.subject ?? null,
    messageId: mail.messageId ?? null,
    inReplyTo: mail.inReplyTo ?? null,
    references: typeof mail.references === 'string' ? [mail.references] : (mail.references ?? []),
    date: headerDate(mail),
    text,
    bodyFrom: useHtml ? 'html' : text.trim() === '' ? 'none' : 'text',
    automatic: isAutomatic(mail),
    attachments: (mail.attachments ?? []).map((a) => ({
      filename: typeof a.filename === 'string' ? a.filename : undefined,
      contentType: typeof a.contentType === 'string' ? a.contentType : undefined,
      content: a.content instanceof Uint8Array ? a.content : new Uint8Array(),
    })),
  };
}

/** Auto-Submitted (RFC 3834), vacation responders, list and bulk mail, and mail from daemons. */
function isAutomatic(mail: ParsedMail): boolean {
  const header = (name: string) => String(mail.headers.get(name) ?? '').toLowerCase();
  const auto = header('auto-submitted');
  return (
    (auto !== '' && auto !== 'no') ||
    mail.headers.has('x-autoreply') ||
    mail.headers.has('x-autorespond') ||
    ['bulk', 'junk', 'list', 'auto_reply'].includes(header('precedence')) ||
    /^(mailer-daemon|postmaster)@/i.test(addresses(mail.from)[0] ?? '')
  );
}

function recipients(mail: ParsedMail): string[] {
  const all = [
    ...addresses(mail.to),
    ...addresses(mail.cc),
    ...addresses(mail.headers.get('delivered-to') as AddressObject | AddressObject[] | undefined),
  ];
  for (const field of EXTRA_RECIPIENT_FIELDS) {
    const value = mail.headers.get(field);
    if (typeof value === 'string' || Array.isArray(value)) {
      const lines = (Array.isArray(value) ? value : [value]).filter(
        (v): v is string => typeof v === 'string',
      );
      all.push(...addresses(parseAddressHeader(lines)));
    }
  }
  const seen = new Set<string>();
  return all.filter((address) => {
    const key = address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  if (value === undefined) return [];
  const objects = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  const walk = (entries: EmailAddress[]) => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group);
      else if (entry.address) out.push(entry.address);
    }
  };
  for (const object of objects) {
    if (object && Array.isArray(object.value)) walk(object.value);
  }
  return out;
}

/** mailparser turns an unreadable Date into the current time; read the header ourselves to stay clock-free. */
function headerDate(mail: ParsedMail): string | null {
  const line = mail.headerLines.find((header) => header.key === 'date')?.line;
  if (line === undefined) return null;
  const value = line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function failure(code: ReplyParseErrorCode, message: string): ReplyParseError {
  return { ok: false, error: { code, message } };
}
