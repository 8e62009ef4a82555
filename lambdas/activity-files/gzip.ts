// Unzipping .gz files (Strava and Garmin bulk exports) with a hard cap on what comes out.
import { constants, gunzip, gunzipSync } from 'node:zlib';

export type GunzipOutcome = { bytes: Uint8Array } | { skipped: 'too-large' | 'damaged' };

/**
 * The unzipped bytes, never more than `maxBytes`: zlib stops there (maxOutputLength) and the file is too large,
 * so a gzip bomb costs at most that much memory. A stream that is cut short or corrupt is damaged.
 */
export function gunzipCapped(bytes: Uint8Array, maxBytes: number): Promise<GunzipOutcome> {
  return new Promise((resolve) => {
    gunzip(bytes, { maxOutputLength: maxBytes }, (error, result) => {
      if (!error) resolve({ bytes: new Uint8Array(result.buffer, result.byteOffset, result.byteLength) });
      else
        resolve({
          skipped: (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'damaged',
        });
    });
  });
}

/** The first bytes of a gzipped file, from its first 512 bytes only; empty if they do not unzip. */
export function gunzipHead(bytes: Uint8Array): Uint8Array {
  try {
    return gunzipSync(bytes.subarray(0, 512), {
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength: 1024 * 1024,
    });
  } catch {
    return new Uint8Array();
  }
}
