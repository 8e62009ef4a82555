// The limits on what one email may bring, checked before anything is parsed.
import type { SkipReason } from './types';

const MB = 1024 * 1024;

export const ACTIVITY_FILE_LIMITS = {
  /** Files read per message; the ones after the tenth are skipped as 'too-many-files'. */
  maxFiles: 10,
  /** Bytes per file as attached (compressed when gzipped); larger ones are 'too-large'. */
  maxFileBytes: 5 * MB,
  /** Bytes of the files read per message, added up in order; a file that would pass it is 'message-too-large'. */
  maxMessageBytes: 20 * MB,
  /** Bytes a gzipped file may unzip to; zlib stops at this many, and the file is 'too-large'. */
  maxUnzippedBytes: 25 * MB,
  /**
   * Bytes the files of one message may come to once unzipped, added up in order: ten small gzip files can hold
   * 250 MB of XML, so a file that would pass this is 'message-too-large' (unzipped files count their unzipped size).
   */
  maxMessageUnzippedBytes: 40 * MB,
  /** Activities kept from one file (a watch file holds one; a GPX with thousands of tracks is not a week). */
  maxActivitiesPerFile: 20,
} as const;

/**
 * Which files the limits turn away, in the order given: the 11th file on, any file over 5 MB, and any file
 * that would bring the files read so far past 20 MB. Files turned away do not count towards the total.
 */
export function limitReasons(sizes: readonly number[]): (SkipReason | undefined)[] {
  let total = 0;
  return sizes.map((size, index) => {
    if (index >= ACTIVITY_FILE_LIMITS.maxFiles) return 'too-many-files';
    if (size > ACTIVITY_FILE_LIMITS.maxFileBytes) return 'too-large';
    if (total + size > ACTIVITY_FILE_LIMITS.maxMessageBytes) return 'message-too-large';
    total += size;
    return undefined;
  });
}
