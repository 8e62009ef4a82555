// Telling the formats apart by their first bytes, whatever the file is called.
import type { FileKind } from './types';

/** gzip's magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** A FIT file header: its size (12 or 14) in byte 0 and ".FIT" in bytes 8–11. */
export function isFitHeader(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 12 &&
    (bytes[0] === 12 || bytes[0] === 14) &&
    bytes[8] === 0x2e &&
    bytes[9] === 0x46 &&
    bytes[10] === 0x49 &&
    bytes[11] === 0x54
  );
}

/** XML text from bytes: UTF-8 unless a byte-order mark (or a UTF-16 `<`) says UTF-16. Never throws. */
export function decodeText(bytes: Uint8Array): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  const encoding =
    (b0 === 0xff && b1 === 0xfe) || (b0 === 0x3c && b1 === 0x00)
      ? 'utf-16le'
      : (b0 === 0xfe && b1 === 0xff) || (b0 === 0x00 && b1 === 0x3c)
        ? 'utf-16be'
        : 'utf-8';
  return new TextDecoder(encoding).decode(bytes);
}

/** A DTD (and with it entities, internal or external) anywhere in the text, whatever the case. */
export function declaresDtd(text: string): boolean {
  return /<!(DOCTYPE|ENTITY)/i.test(text);
}

/** Whether the text starts like markup: optional whitespace, then `<`. */
export function looksLikeMarkup(text: string): boolean {
  return /^\s*</.test(text);
}

/**
 * The local name of the root element, skipping the XML declaration, processing instructions, comments and a
 * DOCTYPE; undefined when the text does not start like XML or the root is not within the text.
 */
export function xmlRootName(text: string): string | undefined {
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text.charAt(at))) at++;
    if (text.startsWith('<?', at)) {
      const end = text.indexOf('?>', at + 2);
      if (end < 0) return undefined;
      at = end + 2;
    } else if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) return undefined;
      at = end + 3;
    } else if (text.startsWith('<!', at)) {
      // A DOCTYPE, possibly with an internal subset in brackets.
      const bracket = text.indexOf('[', at);
      const close = text.indexOf('>', at);
      if (close < 0) return undefined;
      if (bracket >= 0 && bracket < close) {
        const end = text.indexOf(']', bracket);
        if (end < 0) return undefined;
        const after = text.indexOf('>', end);
        if (after < 0) return undefined;
        at = after + 1;
      } else {
        at = close + 1;
      }
    } else if (text.charAt(at) === '<') {
      const name = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(at, at + 200))?.[1];
      if (name === undefined) return undefined;
      return name.slice(name.indexOf(':') + 1);
    } else {
      return undefined;
    }
  }
}

/** The activity format an XML root names. */
export function kindOfRoot(root: string | undefined): FileKind {
  if (root === 'gpx') return 'gpx';
  if (root === 'TrainingCenterDatabase') return 'tcx';
  return 'unknown';
}

/** What the first bytes say a file is, without decompressing or parsing it. */
export function sniffKind(bytes: Uint8Array): FileKind | 'gzip' {
  if (isGzip(bytes)) return 'gzip';
  if (isFitHeader(bytes)) return 'fit';
  return kindOfRoot(xmlRootName(decodeText(bytes.subarray(0, 4096))));
}

const NAME = /\.(fit|gpx|tcx)(\.gz)?$/i;
const CONTENT_TYPES = new Set([
  'application/vnd.ant.fit',
  'application/fit',
  'application/gpx+xml',
  'application/gpx',
  'application/vnd.garmin.tcx+xml',
  'application/tcx+xml',
]);

/** The name ends in .fit, .gpx or .tcx, gzipped or not. */
export function hasActivityName(filename: string | undefined): boolean {
  return filename !== undefined && NAME.test(filename.trim());
}

/** The MIME type is one the formats are sent as. */
export function hasActivityContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return CONTENT_TYPES.has(type);
}
