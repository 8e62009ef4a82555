// Reading the watch files a runner attaches to a reply: FIT, GPX and TCX, gzipped or not. Bytes in, activities
// out; no I/O, no clock, no logging, and no throw: every failure is a skip reason on its file. The parsers are
// imported only when a file needs them, so importing this module stays cheap. See docs/activity-files.md.
import { gunzipCapped, gunzipHead } from './gzip';
import { ACTIVITY_FILE_LIMITS, limitReasons } from './limits';
import {
  declaresDtd,
  decodeText,
  hasActivityContentType,
  hasActivityName,
  isFitHeader,
  isGzip,
  kindOfRoot,
  looksLikeMarkup,
  sniffKind,
  xmlRootName,
} from './sniff';
import type { FileInput, FileKind, FileResult, ParseOutcome, SkipReason } from './types';

export { ACTIVITY_FILE_LIMITS } from './limits';
export type { Activity, ActivitySport, FileInput, FileKind, FileResult, SkipReason } from './types';

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

/**
 * Reads each file in turn and says, for each, which activities it holds or why it was skipped. The limits
 * (ACTIVITY_FILE_LIMITS) are applied to the list first, so a file over them is never unzipped or parsed.
 */
export async function readActivityFiles(files: FileInput[]): Promise<FileResult[]> {
  const list: unknown[] = Array.isArray(files) ? files : [];
  const reasons = limitReasons(list.map((file) => bytesOf(file).byteLength));
  const results: FileResult[] = [];
  for (const [index, file] of list.entries()) {
    results.push(await readOne(file, reasons[index]));
  }
  return results;
}

async function readOne(file: unknown, limit: SkipReason | undefined): Promise<FileResult> {
  const name = (file as { filename?: unknown } | null)?.filename;
  const content = bytesOf(file);
  const gzipped = isGzip(content);
  const result = (kind: FileKind, outcome: ParseOutcome): FileResult =>
    'skipped' in outcome
      ? {
          filename: typeof name === 'string' ? name : '',
          kind,
          gzipped,
          activities: [],
          skipped: outcome.skipped,
        }
      : { filename: typeof name === 'string' ? name : '', kind, gzipped, activities: outcome.activities };
  let kind: FileKind = 'unknown';
  try {
    if (limit) return result(headKind(content), { skipped: limit });
    let bytes = content;
    if (gzipped) {
      const unzipped = await gunzipCapped(content, ACTIVITY_FILE_LIMITS.maxUnzippedBytes);
      if ('skipped' in unzipped) return result(headKind(content), unzipped);
      bytes = unzipped.bytes;
    }
    if (isFitHeader(bytes)) {
      kind = 'fit';
      const { readFit } = await import('./fit');
      return result(kind, readFit(bytes));
    }
    if (!looksLikeMarkup(decodeText(bytes.subarray(0, 4096)))) {
      return result(kind, { skipped: 'not-an-activity-file' });
    }
    const text = decodeText(bytes);
    kind = kindOfRoot(xmlRootName(text));
    if (declaresDtd(text)) return result(kind, { skipped: 'unsafe-xml' });
    if (kind === 'gpx') {
      const { readGpx } = await import('./gpx');
      return result(kind, readGpx(text));
    }
    if (kind === 'tcx') {
      const { readTcx } = await import('./tcx');
      return result(kind, readTcx(text));
    }
    return result(kind, { skipped: 'not-an-activity-file' });
  } catch {
    return result(kind, { skipped: 'damaged' });
  }
}

/** The kind the first bytes show, looking inside gzip at its first bytes only. */
function headKind(content: Uint8Array): FileKind {
  const kind = sniffKind(content);
  if (kind !== 'gzip') return kind;
  const inner = sniffKind(gunzipHead(content));
  return inner === 'gzip' ? 'unknown' : inner;
}

function bytesOf(file: unknown): Uint8Array {
  const content = (file as { content?: unknown } | null)?.content;
  return content instanceof Uint8Array ? content : new Uint8Array();
}
