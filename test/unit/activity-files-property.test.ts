// Properties of the activity-file reader: it never throws, skipped files carry nothing, the limits hold for any
// sizes, and one activity has one fingerprint whatever format and wrapping it comes in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_FILE_LIMITS, type FileInput, readActivityFiles } from '#lambdas/activity-files/index';
import { limitReasons } from '#lambdas/activity-files/limits';
import {
  file,
  fitActivity,
  garminGpx,
  garminTcx,
  gz,
  lengthM,
  stravaGpx,
  track,
} from '#test/support/activity-files';

const RUN = track('2024-05-01T06:30:00Z', [{ move: 120, speed: 3, every: 2 }]);
const SEEDS: Uint8Array[] = [
  fitActivity([{ sport: 'running', points: RUN, timerS: 120 }]),
  new TextEncoder().encode(stravaGpx(RUN)),
  new TextEncoder().encode(garminTcx([{ points: RUN, timerS: 120 }])),
];
SEEDS.push(...SEEDS.map((seed) => gz(seed)));

const names = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('run.fit', 'run.gpx', 'run.tcx', 'run.fit.gz', 'a.gpx.gz', 'IMG_1.jpg', '', '.fit'),
);

/** Arbitrary bytes, and valid files with bytes flipped, cut off or spliced in. */
const contents = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }),
  fc
    .record({
      seed: fc.constantFrom(...SEEDS),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 8 }),
      cut: fc.option(fc.nat()),
    })
    .map(({ seed, flips, cut }) => {
      const bytes = seed.slice();
      for (const [at, mask] of flips) {
        const i = at % bytes.length;
        bytes[i] = (bytes[i] as number) ^ mask;
      }
      return cut === null ? bytes : bytes.slice(0, cut % (bytes.length + 1));
    }),
  fc
    .record({
      prefix: fc.constantFrom('<?xml version="1.0"?><gpx>', '<TrainingCenterDatabase>', '<gpx'),
      rest: fc.string(),
    })
    .map(({ prefix, rest }) => new TextEncoder().encode(prefix + rest)),
);

const inputs = fc.array(
  fc.record({ filename: names, contentType: fc.option(fc.string(), { nil: undefined }), content: contents }),
  { maxLength: 12 },
);

describe('readActivityFiles on anything', () => {
  it('never throws, gives one result per file in order, and a skipped file carries no activities', async () => {
    await fc.assert(
      fc.asyncProperty(inputs, async (files: FileInput[]) => {
        const results = await readActivityFiles(files);
        expect(results).toHaveLength(files.length);
        results.forEach((result, i) => {
          expect(result.filename).toBe(files[i]?.filename ?? '');
          if (result.skipped !== undefined) expect(result.activities).toEqual([]);
          else expect(result.activities.length).toBeGreaterThan(0);
          for (const a of result.activities) {
            expect(a.startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
            expect(Number.isFinite(a.distanceKm) && a.distanceKm >= 0).toBe(true);
            expect(Number.isFinite(a.movingMinutes) && a.movingMinutes >= 0).toBe(true);
            expect(a.fingerprint).toMatch(/^[0-9a-f]{32}$/);
          }
        });
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});

describe('the limits', () => {
  const sizes = fc.array(
    fc.oneof(
      fc.nat({ max: 6 * 1024 * 1024 }),
      fc.constantFrom(0, ACTIVITY_FILE_LIMITS.maxFileBytes, ACTIVITY_FILE_LIMITS.maxFileBytes + 1),
    ),
    { maxLength: 20 },
  );

  it('hold for any list of sizes: at most 10 files, each at most 5 MB, at most 20 MB together', () => {
    fc.assert(
      fc.property(sizes, (list) => {
        const reasons = limitReasons(list);
        const read = list.filter((_, i) => reasons[i] === undefined);
        expect(read.length).toBeLessThanOrEqual(ACTIVITY_FILE_LIMITS.maxFiles);
        expect(read.every((size) => size <= ACTIVITY_FILE_LIMITS.maxFileBytes)).toBe(true);
        expect(read.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(ACTIVITY_FILE_LIMITS.maxMessageBytes);
        list.forEach((size, i) => {
          if (i >= ACTIVITY_FILE_LIMITS.maxFiles) expect(reasons[i]).toBe('too-many-files');
          else if (size > ACTIVITY_FILE_LIMITS.maxFileBytes) expect(reasons[i]).toBe('too-large');
          else if (reasons[i] !== undefined) expect(reasons[i]).toBe('message-too-large');
        });
        // Nothing is turned away that would have fitted: a file skipped for the total did not fit.
        let total = 0;
        list.forEach((size, i) => {
          if (reasons[i] === undefined) total += size;
          if (reasons[i] === 'message-too-large') {
            expect(total + size).toBeGreaterThan(ACTIVITY_FILE_LIMITS.maxMessageBytes);
          }
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('are the ones readActivityFiles applies, before reading anything', async () => {
    // Views of one zeroed buffer: large sizes cost no memory.
    const zeros = new Uint8Array(6 * 1024 * 1024);
    await fc.assert(
      fc.asyncProperty(sizes, async (list) => {
        const results = await readActivityFiles(
          list.map((size, i) => file(`f${i}.fit`, zeros.subarray(0, size))),
        );
        const reasons = limitReasons(list);
        results.forEach((result, i) => {
          expect(result.skipped).toBe(reasons[i] ?? 'not-an-activity-file');
          expect(result.activities).toEqual([]);
        });
      }),
      { numRuns: 100 },
    );
  }, 30_000);
});

describe('the fingerprint', () => {
  const activities = fc
    .record({
      // Any second between 2000 and 2090.
      startS: fc.integer({ min: 946_684_800, max: 3_786_912_000 }),
      speed: fc.double({ min: 1, max: 6, noNaN: true }),
      seconds: fc.integer({ min: 60, max: 900 }),
      pause: fc.integer({ min: 0, max: 300 }),
      sport: fc.constantFrom('running', 'walking', 'cycling'),
    })
    .map((a) => ({
      ...a,
      points: track(new Date(a.startS * 1000).toISOString(), [
        { move: a.seconds, speed: a.speed, every: 3 },
        { pause: a.pause },
        { move: a.seconds, speed: a.speed, every: 3 },
      ]),
    }))
    // The same activity, to within the 10 m the fingerprint rounds to: formats that carry positions to 7
    // decimals can differ by a centimetre or two, which matters only right at a 10 m boundary.
    .filter(({ points }) => Math.abs((lengthM(points) % 10) - 5) > 0.1);

  it('is the same for one activity as FIT, as Strava’s and Garmin’s GPX, and gzipped', async () => {
    await fc.assert(
      fc.asyncProperty(activities, async ({ points, sport, seconds }) => {
        const fit = fitActivity([{ sport, points, timerS: 2 * seconds }]);
        const strava = stravaGpx(points, sport);
        const garmin = garminGpx(points, sport);
        const results = await readActivityFiles([
          file('a.fit', fit),
          file('a.fit.gz', gz(fit)),
          file('a.gpx', strava),
          file('a.gpx.gz', gz(strava)),
          file('b.gpx', garmin),
          file('b.gpx.gz', gz(garmin)),
        ]);
        const fingerprints = results.map((r) => r.activities[0]?.fingerprint);
        expect(fingerprints[0]).toMatch(/^[0-9a-f]{32}$/);
        expect(new Set(fingerprints).size).toBe(1);
      }),
      { numRuns: 40 },
    );
  }, 30_000);
});
