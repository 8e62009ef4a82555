// Files that are broken, disguised, or built to hurt: each gets its skip reason, nothing throws, and the good
// files sent with them are still read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_FILE_LIMITS,
  type FileInput,
  type FileResult,
  readActivityFiles,
} from '#lambdas/activity-files/index';
import { file, fitActivity, gz, stravaGpx, track } from '#test/support/activity-files';

const FIXTURES = join(import.meta.dirname, '../fixtures/activity-files');
const MB = 1024 * 1024;
const RUN = track('2024-05-01T06:30:00Z', [{ move: 600, speed: 3, every: 2 }]);
const FIT = fitActivity([{ sport: 'running', points: RUN, timerS: 600 }]);
const GOOD = file('good.fit', FIT);

/** Reads the file between two good ones, and checks the good ones are still read. */
async function readAmongGood(hostile: FileInput): Promise<FileResult> {
  const results = await readActivityFiles([GOOD, hostile, GOOD]);
  expect(results).toHaveLength(3);
  for (const good of [results[0], results[2]]) {
    expect(good).toMatchObject({ kind: 'fit', activities: [expect.objectContaining({ sport: 'run' })] });
  }
  const result = results[1] as FileResult;
  expect(result.activities).toEqual([]);
  return result;
}

/** Deterministic noise (a linear congruential generator), so the test reads the same bytes every run. */
function noise(length: number, seed = 42): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('damaged FIT files', () => {
  it('a truncated FIT file is damaged', async () => {
    expect(await readAmongGood(file('run.fit', FIT.slice(0, FIT.length - 40)))).toMatchObject({
      kind: 'fit',
      skipped: 'damaged',
    });
  });

  it('a FIT file cut inside its header is damaged', async () => {
    expect(await readAmongGood(file('run.fit', FIT.slice(0, 13)))).toMatchObject({
      kind: 'fit',
      skipped: 'damaged',
    });
  });

  it('a flipped CRC byte makes it damaged', async () => {
    // Prepare
    const flipped = FIT.slice();
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 0xff;

    // Assess
    expect(await readAmongGood(file('run.fit', flipped))).toMatchObject({ kind: 'fit', skipped: 'damaged' });
  });

  it('a flipped byte in the data makes it damaged (the CRC no longer matches)', async () => {
    // Prepare
    const flipped = FIT.slice();
    flipped[200] = (flipped[200] as number) ^ 0x01;

    // Assess
    expect(await readAmongGood(file('run.fit', flipped))).toMatchObject({ skipped: 'damaged' });
  });
});

describe('files that are not what their name says', () => {
  it('a .fit that is a PNG is not an activity file', async () => {
    // Prepare
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...noise(2000)]);

    // Assess
    expect(await readAmongGood(file('run.fit', png))).toMatchObject({
      kind: 'unknown',
      gzipped: false,
      skipped: 'not-an-activity-file',
    });
  });

  it('a .fit that is a JPEG is not an activity file', async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, ...noise(2000)]);
    expect(await readAmongGood(file('run.fit', jpeg))).toMatchObject({ skipped: 'not-an-activity-file' });
  });

  it('a photo or a PDF passed anyway is not an activity file', async () => {
    expect(
      await readAmongGood(file('IMG_1.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xdb, ...noise(100)]))),
    ).toMatchObject({
      skipped: 'not-an-activity-file',
    });
    expect(
      await readAmongGood(file('plan.pdf', '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')),
    ).toMatchObject({
      skipped: 'not-an-activity-file',
    });
  });

  it('an empty file is not an activity file', async () => {
    expect(await readAmongGood(file('run.fit', new Uint8Array()))).toMatchObject({
      skipped: 'not-an-activity-file',
    });
  });

  it('random bytes are not an activity file', async () => {
    expect(await readAmongGood(file('run.gpx', noise(100_000)))).toMatchObject({
      skipped: 'not-an-activity-file',
    });
  });

  it('XML of another kind (a KML) named .gpx is not an activity file', async () => {
    const kml = '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>';
    expect(await readAmongGood(file('run.gpx', kml))).toMatchObject({ skipped: 'not-an-activity-file' });
  });

  it('a GPX file cut off mid-way is damaged', async () => {
    const gpx = stravaGpx(RUN);
    expect(await readAmongGood(file('run.gpx', gpx.slice(0, gpx.length / 2)))).toMatchObject({
      kind: 'gpx',
      skipped: 'damaged',
    });
  });

  it('a GPX file with an undeclared entity is damaged, not expanded', async () => {
    const gpx = stravaGpx(RUN).replace('<name>Morning Run</name>', '<name>&lol9;</name>');
    expect(await readAmongGood(file('run.gpx', gpx))).toMatchObject({ kind: 'gpx', skipped: 'damaged' });
  });
});

describe('XML built to hurt', () => {
  it('billion laughs in a .gpx is refused as unsafe XML, quickly', async () => {
    // Act
    const started = performance.now();
    const result = await readAmongGood(file('run.gpx', readFileSync(join(FIXTURES, 'billion-laughs.gpx'))));

    // Assess
    expect(result).toMatchObject({ kind: 'gpx', skipped: 'unsafe-xml' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('an external entity (XXE) in a .tcx is refused as unsafe XML', async () => {
    expect(await readAmongGood(file('run.tcx', readFileSync(join(FIXTURES, 'xxe.tcx'))))).toMatchObject({
      kind: 'tcx',
      skipped: 'unsafe-xml',
    });
  });

  it('an external parameter entity in a .gpx is refused as unsafe XML', async () => {
    expect(
      await readAmongGood(file('run.gpx', readFileSync(join(FIXTURES, 'xxe-parameter.gpx')))),
    ).toMatchObject({
      skipped: 'unsafe-xml',
    });
  });

  it('a DOCTYPE of any case, or an ENTITY anywhere, is refused too', async () => {
    const gpx = stravaGpx(RUN);
    const lower = gpx.replace('<gpx ', '<!doctype gpx>\n<gpx ');
    const late = gpx.replace('</gpx>', '<!ENTITY x "y"></gpx>');
    expect(await readAmongGood(file('a.gpx', lower))).toMatchObject({ skipped: 'unsafe-xml' });
    expect(await readAmongGood(file('a.gpx', late))).toMatchObject({ skipped: 'unsafe-xml' });
  });

  it('unsafe XML inside gzip is refused the same way', async () => {
    const bomb = readFileSync(join(FIXTURES, 'billion-laughs.gpx'));
    expect(await readAmongGood(file('run.gpx.gz', gz(bomb)))).toMatchObject({
      kind: 'gpx',
      gzipped: true,
      skipped: 'unsafe-xml',
    });
  });
});

describe('gzip built to hurt', () => {
  it('a gzip bomb (1 GB of zeros in 1 MB) is too large, and unzipping stops at the cap', async () => {
    // Prepare: sixteen gzip members of 64 MB of zeros each; gunzip reads them as one stream.
    const member = gzipSync(new Uint8Array(64 * MB), { level: 9 });
    const bomb = new Uint8Array(member.length * 16);
    for (let i = 0; i < 16; i++) bomb.set(member, i * member.length);
    expect(bomb.length).toBeLessThan(ACTIVITY_FILE_LIMITS.maxFileBytes);

    // Act
    const started = performance.now();
    const result = await readAmongGood(file('run.fit.gz', bomb));

    // Assess
    expect(result).toMatchObject({ gzipped: true, skipped: 'too-large' });
    expect(performance.now() - started).toBeLessThan(5000);
  }, 30_000);

  it('a file that unzips to just over the cap is too large; one just under it is read', async () => {
    // Prepare: a valid GPX padded with a trailing comment to either side of 25 MB.
    const gpx = stravaGpx(RUN);
    const padded = (size: number) => `${gpx}<!--${'x'.repeat(size - gpx.length - 7)}-->`;
    const over = padded(ACTIVITY_FILE_LIMITS.maxUnzippedBytes + 1);
    const under = padded(ACTIVITY_FILE_LIMITS.maxUnzippedBytes);

    // Act
    const [tooBig, justFits] = await readActivityFiles([
      file('a.gpx.gz', gz(over)),
      file('b.gpx.gz', gz(under)),
    ]);

    // Assess
    expect(tooBig).toMatchObject({ skipped: 'too-large', activities: [] });
    expect(justFits).toMatchObject({
      kind: 'gpx',
      activities: [expect.objectContaining({ distanceKm: 1.8 })],
    });
  }, 30_000);

  it('a truncated gzip stream is damaged', async () => {
    const zipped = gz(FIT);
    expect(await readAmongGood(file('run.fit.gz', zipped.slice(0, zipped.length - 20)))).toMatchObject({
      gzipped: true,
      skipped: 'damaged',
    });
  });

  it('gzip inside gzip is not read', async () => {
    expect(await readAmongGood(file('run.fit.gz.gz', gz(gz(FIT))))).toMatchObject({
      gzipped: true,
      skipped: 'not-an-activity-file',
    });
  });

  it('gzipped random bytes are not an activity file', async () => {
    expect(await readAmongGood(file('run.fit.gz', gz(noise(10_000))))).toMatchObject({
      gzipped: true,
      skipped: 'not-an-activity-file',
    });
  });
});

describe('limits, applied before anything is read', () => {
  it('reads ten files and skips the eleventh on as too many', async () => {
    // Act
    const results = await readActivityFiles(Array.from({ length: 12 }, (_, i) => file(`run-${i}.fit`, FIT)));

    // Assess
    expect(results.map((r) => r.skipped ?? 'read')).toEqual([
      ...Array(10).fill('read'),
      'too-many-files',
      'too-many-files',
    ]);
    expect(results.slice(10).every((r) => r.activities.length === 0 && r.kind === 'fit')).toBe(true);
  });

  it('skips a 6 MB file as too large, unread, and still reads the others', async () => {
    // Prepare: a real FIT header in front of 6 MB, to show the file is not even looked into.
    const big = new Uint8Array(6 * MB);
    big.set(FIT.subarray(0, 14));

    // Act
    const results = await readActivityFiles([GOOD, file('big.fit', big), GOOD]);

    // Assess
    expect(results.map((r) => r.skipped ?? 'read')).toEqual(['read', 'too-large', 'read']);
    expect(results[1]).toMatchObject({ kind: 'fit', activities: [] });
  });

  it('skips what would pass 20 MB in all: 25 MB sent, the file past the total is skipped, later small ones read', async () => {
    // Prepare: five GPX files of 4.9 MB (24.5 MB; a long comment pads each), then a small one.
    const gpx = stravaGpx(RUN);
    const padded = `${gpx}<!--${' '.repeat(Math.floor(4.9 * MB) - gpx.length - 7)}-->`;
    const chunk = (n: number) => file(`export-${n}.gpx`, padded);

    // Act
    const results = await readActivityFiles([chunk(1), chunk(2), chunk(3), chunk(4), chunk(5), GOOD]);

    // Assess: 4 × 4.9 = 19.6 MB read; the fifth would make 24.5; the small FIT still fits under 20 MB.
    expect(results.map((r) => r.skipped ?? 'read')).toEqual([
      'read',
      'read',
      'read',
      'read',
      'message-too-large',
      'read',
    ]);
  });

  it('stops at 40 MB unzipped in all: small gzip files that unzip large are not all read', async () => {
    // Prepare: two GPX files of 24 MB each, gzipped to a few kilobytes, then a small FIT.
    const gpx = stravaGpx(RUN);
    const padded = gz(`${gpx}<!--${' '.repeat(24 * MB - gpx.length - 7)}-->`);

    // Act
    const results = await readActivityFiles([file('a.gpx.gz', padded), file('b.gpx.gz', padded), GOOD]);

    // Assess: 24 MB read; the second would make 48; the small FIT still fits.
    expect(results.map((r) => r.skipped ?? 'read')).toEqual(['read', 'message-too-large', 'read']);
  }, 30_000);

  it('keeps at most 20 activities from one file', async () => {
    // Prepare: a GPX with 40 one-point tracks (a bulk export, or a hostile file).
    const tracks = Array.from(
      { length: 40 },
      (_, i) =>
        `<trk><type>running</type><trkseg><trkpt lat="51.5" lon="0"><time>2026-12-01T0${Math.floor(i / 10)}:${String((i % 10) * 5).padStart(2, '0')}:00Z</time></trkpt><trkpt lat="51.51" lon="0"><time>2026-12-01T0${Math.floor(i / 10)}:${String((i % 10) * 5 + 4).padStart(2, '0')}:00Z</time></trkpt></trkseg></trk>`,
    ).join('');
    const gpx = `<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">${tracks}</gpx>`;

    // Act
    const [result] = await readActivityFiles([file('many.gpx', gpx)]);

    // Assess
    expect(result?.activities).toHaveLength(ACTIVITY_FILE_LIMITS.maxActivitiesPerFile);
  });

  it('counts a gzipped file by its size as sent, and caps what it unzips to separately', async () => {
    // Prepare: 10 MB of GPX zips to far under 5 MB.
    const gpx = stravaGpx(RUN);
    const big = `${gpx}<!--${' '.repeat(10 * MB)}-->`;

    // Act
    const [result] = await readActivityFiles([file('big.gpx.gz', gz(big))]);

    // Assess
    expect(result).toMatchObject({
      kind: 'gpx',
      gzipped: true,
      activities: [expect.objectContaining({ distanceKm: 1.8 })],
    });
  });
});

describe('never throws', () => {
  it('on inputs the types do not allow', async () => {
    // Prepare
    const odd = [
      { filename: 7, contentType: null, content: 'not bytes' },
      null,
      { filename: 'a.fit' },
      { filename: 'b.gpx', content: [1, 2, 3] },
    ] as unknown as FileInput[];

    // Act
    const results = await readActivityFiles([...odd, GOOD]);

    // Assess
    expect(results.slice(0, 4).map((r) => [r.filename, r.skipped])).toEqual([
      ['', 'not-an-activity-file'],
      ['', 'not-an-activity-file'],
      ['a.fit', 'not-an-activity-file'],
      ['b.gpx', 'not-an-activity-file'],
    ]);
    expect(results[4]?.activities).toHaveLength(1);
    await expect(readActivityFiles(undefined as unknown as FileInput[])).resolves.toEqual([]);
  });
});
