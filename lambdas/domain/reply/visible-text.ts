// Keeps only what the person wrote in a reply: quoted history, forwards, device lines and signatures go.
import EmailReplyParser from 'email-reply-parser';
import { compile } from 'html-to-text';

/** A reply is read from its head: what a person types about their week is far shorter than this. */
const MAX_BODY_CHARS = 200_000;
/** HTML is read from its head too: deeply nested markup parses in superlinear time, so the input is capped. */
const MAX_HTML_CHARS = 200_000;
/** email-reply-parser's regexes are superlinear on some lines, so it only sees text a person could have typed. */
const LIBRARY_MAX_CHARS = 20_000;
/** A multi-line attribution ("On …, Name <\naddress> wrote:") never spans more lines than this. */
const ATTRIBUTION_MAX_LINES = 3;
const ATTRIBUTION_MAX_CHARS = 600;
/** The header block Outlook and friends write above the quoted message: field lines within this many lines. */
const HEADER_BLOCK_LINES = 7;

// Blockquotes become "> " lines (so the plain-text rules drop them) and containers that hold quoted history
// without a blockquote (Yahoo) are treated as one; signatures the clients mark in the markup are skipped.
const htmlConverter = compile({
  wordwrap: false,
  // Bounded work: what the person wrote sits near the top and shallow; deep or long quoted history does not count.
  limits: { maxInputLength: MAX_HTML_CHARS, maxDepth: 40, maxChildNodes: 2000 },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'title', format: 'skip' },
    { selector: 'hr', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'h5', options: { uppercase: false } },
    { selector: 'h6', options: { uppercase: false } },
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'td', format: 'block' },
    { selector: 'blockquote', format: 'blockquote', options: { trimEmptyLines: true } },
    { selector: '.yahoo_quoted', format: 'blockquote', options: { trimEmptyLines: true } },
    { selector: '.gmail_signature', format: 'skip' },
    { selector: '.moz-signature', format: 'skip' },
    { selector: '#Signature', format: 'skip' },
    { selector: '#ms-outlook-mobile-signature', format: 'skip' },
    { selector: '#ms-outlook-android-signature', format: 'skip' },
  ],
});

/** Converts an HTML body to text for reading: quoted parts come out as "> " lines. Never throws. */
export function htmlToText(html: string): string {
  try {
    return htmlConverter(html.slice(0, MAX_HTML_CHARS));
  } catch {
    // Markup the converter cannot walk is no reason to lose the reply: keep its words.
    return html.slice(0, MAX_HTML_CHARS).replace(/<[^>]{0,2000}>/g, ' ');
  }
}

const QUOTED = /^[ \t]*>/;
const BLANK = /^[ \t]*$/;

const FORWARDED =
  /^[ \t]*(?:-{2,}[ \t]*(?:forwarded message|weitergeleitete nachricht|message transf[ée]r[ée]|mensaje reenviado|messaggio inoltrato|doorgestuurd bericht|mensagem encaminhada|vidarebefordrat meddelande|videresendt (?:meddelelse|melding))[ \t]*-{2,}|(?:begin forwarded message|anfang der weitergeleiteten nachricht|d[ée]but du message r[ée]exp[ée]di[ée]|inicio del mensaje reenviado|inizio messaggio inoltrato|begin doorgestuurd bericht|in[íi]cio da mensagem (?:reencaminhada|encaminhada))[ \t]*:)[ \t]*$/i;
const ORIGINAL_MESSAGE =
  /^[ \t]*-{2,}[ \t]*(?:original message|original-nachricht|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht|origineel bericht|mensagem original|ursprungligt meddelande|oprindelig meddelelse|opprinnelig melding|alkuperäinen viesti|wiadomość oryginalna|исходное сообщение)[ \t]*-{2,}[ \t]*$/i;

// Field names of the header block clients write above quoted or forwarded mail, in the languages we see.
const FROM_FIELD = /^[ \t]*\*?[ \t]*(?:from|von|de|da|van|från|fra|od|от)[ \t]*\*?[ \t]*:[ \t]*\*?[ \t]*\S/i;
const OTHER_FIELD =
  /^[ \t]*\*?[ \t]*(?:sent|date|to|cc|bcc|subject|reply-to|gesendet|datum|an|betreff|envoy[ée]|[àa]|objet|enviado|enviada|fecha|para|asunto|inviato|data|oggetto|verzonden|verstuurd|aan|onderwerp|skickat|till|ämne|sendt|til|emne|assunto|wysłano|do|temat|отправлено|кому|тема)[ \t]*\*?[ \t]*:/i;
const SEPARATOR = /^[ \t]*(?:_{8,}|-{8,})[ \t]*$/;

// An attribution line ends with the verb (the name may follow it, as in Dutch and German) and a colon.
const ATTRIBUTION_VERB =
  /(?:^|[\s,])(?:wrote|writes|a [ée]crit|escribi[óo]|escreveu|ha scritto|schrieb|schreef|geschreven|skrev|kirjoitti|napisa[łl](?:\(a\)|a)?|pisze|написал[аи]?)(?:[ \t].{0,120})?[ \t]*[:：][ \t]*$/i;
const ATTRIBUTION_LEAD =
  /^[ \t]*(?:on|le|el|am|op|il|em|den|dnia|w dniu|in data|no dia|på|pe|ma|ti|ke|to|la|su)[ \t,]/i;
const FULL_DATE = /\b(?:19|20)\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/;
const LEADING_DIGIT = /^[ \t]*\d/;
// "2026-11-30 18:02 GMT+01:00 Knee Coach <coach@example.com>:" and the Japanese, Chinese and Korean Gmail forms.
const ADDRESS_COLON = /<[ \t]?[^<>\s@]{1,64}@[^<>\s]{1,255}>[ \t]*[:：][ \t]*$/;
const TIME_OR_YEAR = /\d{1,2}:\d{2}|\b(?:19|20)\d{2}/;
const SENTENCE_END = /[.!?][ \t]*$/;

const SIGNATURE_DELIMITER = /^--[ \t]?$/;
const DEVICE_LINE =
  /^[ \t]*(?:sent from|sent via|sent with|sent using|sent on the go|get outlook for|download outlook for|von meinem .{1,40} gesendet|gesendet von|envoy[ée] (?:de|depuis|à partir de)|t[ée]l[ée]charger outlook pour|enviado (?:desde|do|de)|inviato da|verzonden (?:vanaf|met)|verstuurd vanaf|skickat från|sendt fra|lähetetty|wysłane z|отправлено с)/i;
const DEVICE_LINE_MAX = 120;
const DISCLAIMER =
  /^[ \t]*(?:this (?:e-?mail|message)(?: and any (?:files|attachments)(?: transmitted with it)?)? (?:is|are|may be|contains?|and its) |confidentiality notice|disclaimer:)/i;
const SIGN_OFF =
  /^[ \t]*(?:thanks|thank you|many thanks|thanks again|thx|cheers|regards|kind regards|best regards|warm regards|best|best wishes|all the best|take care|love|ta|sincerely|yours|groetjes|groeten|met vriendelijke groet(?:en)?|mvg|liebe grüße|viele grüße|lg|vg|mfg|mit freundlichen grüßen|gruß|grüße|merci|cordialement|bises|amitiés|saludos|un saludo|gracias|abrazos|grazie|saluti|cordiali saluti|obrigad[oa]|abraços|atenciosamente|tack|hälsningar|mvh|med vänlig hälsning|hilsen)[ \t]*[,!.]*[ \t]*$/i;
const NAME_LINE = /^[ \t]*[A-ZÀ-Þ][\p{L}'.-]{0,30}(?:[ \t]+[A-ZÀ-Þ][\p{L}'.-]{0,30}){0,3}[ \t]*$/u;
const SIGNATURE_MAX_LINES = 8;
const SIGNATURE_LINE_MAX = 100;

/**
 * Returns what the person wrote in a reply body: quoted (">") lines, attribution lines in the languages
 * clients use ("On … wrote:", "Am … schrieb …:", "Le … a écrit :", …), Outlook header blocks, original and
 * forwarded messages, device lines ("Sent from my iPhone"), "-- " signatures and signature blocks go.
 * Inline replies keep the person's lines between the quotes. Pure and linear in the input.
 */
export function visibleText(body: string): string {
  const lines = normalizeBody(body).split('\n');
  const kept = dropHistory(lines);
  const unsigned = dropSignatures(kept);
  const own = unsigned.filter((line) => line !== null && !QUOTED.test(line)) as string[];
  const text = dropLibraryQuotes(own.join('\n').trimEnd());
  return tidy(text);
}

function normalizeBody(body: string): string {
  return body
    .slice(0, MAX_BODY_CHARS)
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u00a0\u202f]/g, ' ');
}

/**
 * Cuts the text at the first block of history (original or forwarded message, header block, attribution
 * followed by unquoted text) and blanks attribution lines that introduce ">" quotes, which inline replies
 * interleave with the person's own lines. Returns the lines kept, null where a line was dropped.
 */
function dropHistory(lines: string[]): (string | null)[] {
  const kept: (string | null)[] = [...lines];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (QUOTED.test(line) || BLANK.test(line)) continue;
    if (FORWARDED.test(line) || ORIGINAL_MESSAGE.test(line)) return kept.slice(0, i);
    if (startsHeaderBlock(lines, i)) {
      const previous = lines[i - 1];
      return kept.slice(0, previous !== undefined && SEPARATOR.test(previous) ? i - 1 : i);
    }
    const start = attributionStart(lines, i);
    if (start === null) continue;
    if (!nextContentIsQuoted(lines, i)) return kept.slice(0, start);
    for (let j = start; j <= i; j++) kept[j] = null;
  }
  return kept;
}

function startsHeaderBlock(lines: string[], i: number): boolean {
  const first = lines[i] ?? '';
  if (!FROM_FIELD.test(first) && !OTHER_FIELD.test(first)) return false;
  let fields = 0;
  let from = false;
  for (let j = i; j < Math.min(lines.length, i + HEADER_BLOCK_LINES); j++) {
    const line = lines[j] ?? '';
    if (BLANK.test(line)) break;
    if (FROM_FIELD.test(line)) {
      from = true;
      fields++;
    } else if (OTHER_FIELD.test(line)) {
      fields++;
    }
  }
  return from && fields >= 3;
}

/** The first line of an attribution that ends on line `end`, or null when line `end` ends none. */
function attributionStart(lines: string[], end: number): number | null {
  const last = (lines[end] ?? '').trimEnd();
  if (!last.endsWith(':') && !last.endsWith('：')) return null;
  // Prefer the longest window whose first line opens an attribution: Gmail wraps long ones over lines.
  for (let span = ATTRIBUTION_MAX_LINES - 1; span >= 0; span--) {
    const start = end - span;
    if (start < 0) continue;
    const window = lines.slice(start, end + 1);
    if (window.some((line) => BLANK.test(line) || QUOTED.test(line))) continue;
    if (window.slice(0, -1).some((line) => SENTENCE_END.test(line))) continue;
    const text = window.map((line) => line.trim()).join(' ');
    if (text.length > ATTRIBUTION_MAX_CHARS) continue;
    const first = window[0] ?? '';
    const opens = ATTRIBUTION_LEAD.test(first) || LEADING_DIGIT.test(first);
    if (span > 0 && !opens) continue;
    const tail = text.slice(-200);
    if (ADDRESS_COLON.test(tail) && TIME_OR_YEAR.test(text)) return start;
    if (!ATTRIBUTION_VERB.test(tail)) continue;
    if (text.includes('@') || (opens && FULL_DATE.test(text))) return start;
  }
  return null;
}

function nextContentIsQuoted(lines: string[], after: number): boolean {
  for (let j = after + 1; j < lines.length; j++) {
    const line = lines[j] ?? '';
    if (BLANK.test(line)) continue;
    return QUOTED.test(line);
  }
  return true;
}

/**
 * Drops device lines anywhere, and signatures: from a "-- " line, or after a sign-off and a name, to the
 * end of that block (the next quoted line or the end), so inline answers below a quote survive.
 */
function dropSignatures(lines: (string | null)[]): (string | null)[] {
  const out = [...lines];
  let seenContent = false;
  for (let i = 0; i < out.length; i++) {
    const line = out[i];
    if (line === null || line === undefined || QUOTED.test(line)) continue;
    if (DEVICE_LINE.test(line) && line.length <= DEVICE_LINE_MAX) {
      out[i] = null;
      continue;
    }
    if (SIGNATURE_DELIMITER.test(line) || DISCLAIMER.test(line)) {
      blankBlock(out, i);
      continue;
    }
    if (seenContent && SIGN_OFF.test(line) && looksLikeSignature(out, i + 1)) {
      blankBlock(out, i + 2);
      continue;
    }
    if (!BLANK.test(line)) seenContent = true;
  }
  return out;
}

/**
 * After a sign-off: a name line, then at most a few lines that read like a signature (title, company, phone,
 * address, link) before the block ends. A "P.S." or anything with a number that is not a phone is the person's.
 */
function looksLikeSignature(lines: (string | null)[], from: number): boolean {
  const name = lines[from];
  if (name === null || name === undefined || !NAME_LINE.test(name)) return false;
  let count = 0;
  for (let j = from + 1; j < lines.length; j++) {
    const line = lines[j];
    if (line === null || line === undefined || BLANK.test(line)) continue;
    if (QUOTED.test(line)) break;
    if (++count > SIGNATURE_MAX_LINES || !signatureLine(line)) return false;
  }
  return true;
}

const CONTACT = /@|https?:\/\/|www\.|\||\+?\d[\d ()./-]{6,}\d|^[ \t]*(?:tel|phone|mobile|mob|fax|cell)\b/i;
const POSTSCRIPT = /^[ \t]*p\.? ?s\b/i;

function signatureLine(line: string): boolean {
  if (line.length > SIGNATURE_LINE_MAX || POSTSCRIPT.test(line)) return false;
  if (CONTACT.test(line)) return true;
  const words = line.trim().split(/\s+/);
  return words.length <= 6 && !/\d/.test(line) && !/[.!?]$/.test(line.trim());
}

function blankBlock(lines: (string | null)[], from: number): void {
  for (let j = from; j < lines.length; j++) {
    const line = lines[j];
    if (line !== null && line !== undefined && QUOTED.test(line)) return;
    lines[j] = null;
  }
}

/**
 * email-reply-parser as a second pass: it knows attribution forms we have no rule for (Polish, Finnish,
 * Russian, Chinese, Korean, Japanese). Only its quoted fragments are dropped: its signature rule hides
 * whatever follows a "Cheers!" line, which can be the pain score itself.
 */
function dropLibraryQuotes(text: string): string {
  if (text.length > LIBRARY_MAX_CHARS || text.trim() === '') return text;
  const fragments = new EmailReplyParser().read(text).getFragments();
  if (!fragments.some((fragment) => fragment.isQuoted())) return text;
  return fragments
    .filter((fragment) => !fragment.isQuoted())
    .map((fragment) => fragment.getContent())
    .join('\n');
}

function tidy(text: string): string {
  const lines = text.split('\n').map((line) => line.trimEnd());
  while (lines.length > 0 && /^[ \t]*(?:[-_=*~]{3,})?$/.test(lines[lines.length - 1] ?? '')) lines.pop();
  while (lines.length > 0 && (lines[0] ?? '') === '') lines.shift();
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}
