// Telling a watch file from any other attachment, cheaply: the name, the MIME type, or the first bytes. It loads
// no parser, so the inbound path can ask it of every attachment and load the readers only for a watch file.
import { gunzipHead } from './gzip';
import { hasActivityContentType, hasActivityName, sniffKind } from './sniff';
import type { FileInput, FileKind } from './types';

/**
 * Whether a file is worth reading: its name ends in .fit, .gpx or .tcx (or those with .gz), its MIME type is
 * one of theirs, or its first bytes are a FIT header or an XML <gpx>/<TrainingCenterDatabase> root, gzipped or
 * not. Cheap: it looks at the first few kilobytes at most and loads no parser.
 */
export function looksLikeActivityFile(file: FileInput): boolean {
  try {
    if (hasActivityName(file.filename) || hasActivityContentType(file.contentType)) return true;
    const kind = headKind(bytesOf(file));
    return kind !== 'unknown';
  } catch {
    return false;
  }
}

/** The kind the first bytes show, looking inside gzip at its first bytes only. */
export function headKind(content: Uint8Array): FileKind {
  const kind = sniffKind(content);
  if (kind !== 'gzip') return kind;
  const inner = sniffKind(gunzipHead(content));
  return inner === 'gzip' ? 'unknown' : inner;
}

export function bytesOf(file: unknown): Uint8Array {
  const content = (file as { content?: unknown } | null)?.content;
  return content instanceof Uint8Array ? content : new Uint8Array();
}
