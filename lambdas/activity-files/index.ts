// Reading the watch files a runner attaches to a reply: FIT, GPX and TCX, gzipped or not. Bytes in, activities
// out; no I/O, no clock, no logging, and no throw: every failure is a skip reason on its file. The parsers are
// imported only when a file needs them, so importing this module stays cheap. See docs/activity-files.md.
import { bytesOf, headKind } from './detect';
import { gunzipCapped } from './gzip';
import { ACTIVITY_FILE_LIMITS, limitReasons } from './limits';
import {
  declaresDtd,
  decodeText,
  isFitHeader,
  isGzip,
  kindOfRoot,
  looksLikeMarkup,
  xmlRootName,
} from './sniff';
import type { FileInput, FileKind, FileResult, ParseOutcome, SkipReason } from './types';

export { looksLikeActivityFile } from './detect';
export { ACTIVITY_FILE_LIMITS } from './limits';
export type { Activity, ActivitySport, FileInput, FileKind, FileResult, SkipReason } from './types';

/**
 * Reads each file in turn and says, for each, which activities it holds or why it was skipped. The limits
 * (ACTIVITY_FILE_LIMITS) are applied to the list first, so a file over them is never unzipped or parsed.
 */
export async function readActivityFiles(files: FileInput[]): Promise<FileResult[]> {
  const list: unknown[] = Array.isArray(files) ? files : [];
  const reasons = limitReasons(list.map((file) => bytesOf(file).byteLength));
  const results: FileResult[] = [];
  // What the files read so far came to, unzipped: past the budget, the rest are not opened.
  let unzippedTotal = 0;
  for (const [index, file] of list.entries()) {
    const budget = ACTIVITY_FILE_LIMITS.maxMessageUnzippedBytes - unzippedTotal;
    const read = await readOne(
      file,
      reasons[index] ?? (budget <= 0 ? 'message-too-large' : undefined),
      budget,
    );
    unzippedTotal += read.size;
    results.push(read.result);
  }
  return results;
}

async function readOne(
  file: unknown,
  limit: SkipReason | undefined,
  budget: number,
): Promise<{ result: FileResult; size: number }> {
  let size = 0;
  const result = await readBytes(file, limit, budget, (bytes) => {
    size = bytes;
  });
  return { result, size };
}

/** One file's outcome; `opened` is told how many bytes it came to once unzipped (what counts towards the budget). */
async function readBytes(
  file: unknown,
  limit: SkipReason | undefined,
  budget: number,
  opened: (bytes: number) => void,
): Promise<FileResult> {
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
      : {
          filename: typeof name === 'string' ? name : '',
          kind,
          gzipped,
          activities: outcome.activities.slice(0, ACTIVITY_FILE_LIMITS.maxActivitiesPerFile),
        };
  let kind: FileKind = 'unknown';
  try {
    if (limit) return result(headKind(content), { skipped: limit });
    if (content.byteLength > budget) return result(headKind(content), { skipped: 'message-too-large' });
    let bytes = content;
    if (gzipped) {
      const cap = Math.min(ACTIVITY_FILE_LIMITS.maxUnzippedBytes, budget);
      const unzipped = await gunzipCapped(content, cap);
      if ('skipped' in unzipped) {
        const over = unzipped.skipped === 'too-large' && cap < ACTIVITY_FILE_LIMITS.maxUnzippedBytes;
        return result(headKind(content), over ? { skipped: 'message-too-large' } : unzipped);
      }
      bytes = unzipped.bytes;
    }
    opened(bytes.byteLength);
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
