// Reading watch files as the watches and apps write them: FIT from Garmin's own Encoder, GPX from Strava and
// Garmin Connect, TCX from Garmin Connect, each also gzipped as the bulk exports send them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FileResult, looksLikeActivityFile, readActivityFiles } from '#lambdas/activity-files/index';
import {
  type FitSession,
  file,
  fitActivity,
  garminGpx,
  garminTcx,
  gz,
  type Point,
  stravaGpx,
  track,
} from '#test/support/activity-files';

const FIXTURES = join(import.meta.dirname, '../fixtures/activity-files');
const START = '2024-05-01T06:30:00Z';
const STARTED_AT = '2024-05-01T06:30:00.000Z';

async function readOne(filename: string, content: Uint8Array | string): Promise<FileResult> {
  const [result] = await readActivityFiles([file(filename, content)]);
  if (!result) throw new Error('no result');
  return result;
}

function session(sport: string, subSport: string | undefined, points: Point[], timerS: number): FitSession {
  return { sport, ...(subSport ? { subSport } : {}), points, timerS };
}

// 10 minutes at 3 m/s, a point every 2 s: 1800 m.
const RUN = track(START, [{ move: 600, speed: 3, every: 2 }]);

describe('FIT files (written with the SDK Encoder)', () => {
  it('reads a run from its session: start, sport, distance, timer time', async () => {
    // Act
    const result = await readOne('Morning_Run.fit', fitActivity([session('running', undefined, RUN, 600)]));

    // Assess
    expect(result).toMatchObject({ filename: 'Morning_Run.fit', kind: 'fit', gzipped: false });
    expect(result.skipped).toBeUndefined();
    expect(result.activities).toEqual([
      {
        startedAt: STARTED_AT,
        sport: 'run',
        sportName: 'running',
        distanceKm: 1.8,
        movingMinutes: 10,
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
    ]);
  });

  it('takes moving time from the timer, not from the clock: a pause does not count', async () => {
    // Prepare: 12 minutes on the clock, 10 on the timer.
    const points = track(START, [{ move: 300, speed: 3 }, { pause: 120 }, { move: 300, speed: 3 }]);

    // Act
    const result = await readOne('run.fit', fitActivity([session('running', 'street', points, 599)]));

    // Assess
    expect(result.activities[0]).toMatchObject({
      movingMinutes: 10,
      sportName: 'street_running',
      sport: 'run',
    });
  });

  it.each([
    ['running', 'trail', 'trail_running', 'run'],
    ['running', 'treadmill', 'treadmill_running', 'run'],
    ['running', 'track', 'track_running', 'run'],
    ['running', 'indoorRunning', 'indoor_running', 'run'],
    ['fitnessEquipment', 'treadmill', 'treadmill', 'run'],
    ['walking', undefined, 'walking', 'walk'],
    ['walking', 'casualWalking', 'casual_walking', 'walk'],
    ['hiking', undefined, 'hiking', 'walk'],
    ['cycling', 'road', 'road_cycling', 'cross-training'],
    ['cycling', 'indoorCycling', 'indoor_cycling', 'cross-training'],
    ['swimming', 'lapSwimming', 'lap_swimming', 'cross-training'],
    ['fitnessEquipment', 'elliptical', 'elliptical', 'cross-training'],
    ['rowing', 'indoorRowing', 'indoor_rowing', 'cross-training'],
    ['training', 'strengthTraining', 'strength_training', 'cross-training'],
    ['generic', undefined, 'generic', 'cross-training'],
  ])('maps sport %s / sub-sport %s to %s, a %s', async (sport, subSport, sportName, expected) => {
    // Act
    const result = await readOne('a.fit', fitActivity([session(sport, subSport, RUN, 600)]));

    // Assess
    expect(result.activities[0]).toMatchObject({ sport: expected, sportName });
  });

  it('reads a walk', async () => {
    // Prepare: 20 minutes at 1.4 m/s.
    const walk = track(START, [{ move: 1200, speed: 1.4, every: 4 }]);

    // Act
    const result = await readOne('walk.fit', fitActivity([session('walking', undefined, walk, 1200)]));

    // Assess
    expect(result.activities).toEqual([
      expect.objectContaining({ sport: 'walk', distanceKm: 1.68, movingMinutes: 20 }),
    ]);
  });

  it('reads a ride as cross-training', async () => {
    // Prepare: 30 minutes at 7 m/s.
    const ride = track(START, [{ move: 1800, speed: 7, every: 5 }]);

    // Act
    const result = await readOne('ride.fit', fitActivity([session('cycling', 'road', ride, 1800)]));

    // Assess
    expect(result.activities).toEqual([
      expect.objectContaining({
        sport: 'cross-training',
        sportName: 'road_cycling',
        distanceKm: 12.6,
        movingMinutes: 30,
      }),
    ]);
  });

  it('gives one activity per session of a multisport file, leaving out the transitions', async () => {
    // Prepare: swim, T1, bike, T2, run, one after the other.
    const swim = track('2024-06-09T07:00:00Z', [{ move: 1200, speed: 1, every: 10 }]);
    const t1 = track('2024-06-09T07:20:10Z', [{ move: 120, speed: 1.5, every: 10 }]);
    const bike = track('2024-06-09T07:22:20Z', [{ move: 3600, speed: 8, every: 10 }]);
    const t2 = track('2024-06-09T08:22:30Z', [{ move: 60, speed: 1.5, every: 10 }]);
    const run = track('2024-06-09T08:23:40Z', [{ move: 1800, speed: 3.2, every: 5 }]);
    const content = fitActivity([
      session('swimming', 'openWater', swim, 1200),
      session('transition', undefined, t1, 120),
      session('cycling', 'road', bike, 3600),
      session('transition', undefined, t2, 60),
      session('running', undefined, run, 1800),
    ]);

    // Act
    const result = await readOne('triathlon.fit', content);

    // Assess
    expect(
      result.activities.map(({ startedAt, sport, sportName, distanceKm, movingMinutes }) => ({
        startedAt,
        sport,
        sportName,
        distanceKm,
        movingMinutes,
      })),
    ).toEqual([
      {
        startedAt: '2024-06-09T07:00:00.000Z',
        sport: 'cross-training',
        sportName: 'open_water_swimming',
        distanceKm: 1.2,
        movingMinutes: 20,
      },
      {
        startedAt: '2024-06-09T07:22:20.000Z',
        sport: 'cross-training',
        sportName: 'road_cycling',
        distanceKm: 28.8,
        movingMinutes: 60,
      },
      {
        startedAt: '2024-06-09T08:23:40.000Z',
        sport: 'run',
        sportName: 'running',
        distanceKm: 5.76,
        movingMinutes: 30,
      },
    ]);
    expect(new Set(result.activities.map((a) => a.fingerprint)).size).toBe(3);
  });

  it('without sessions, adds up the laps', async () => {
    // Act
    const result = await readOne(
      'laps.fit',
      fitActivity([session('running', 'trail', RUN, 600)], { sessions: false }),
    );

    // Assess
    expect(result.activities).toEqual([
      expect.objectContaining({
        startedAt: STARTED_AT,
        sport: 'run',
        sportName: 'trail_running',
        distanceKm: 1.8,
        movingMinutes: 10,
      }),
    ]);
  });

  it('without sessions or laps, reads the records, with the sport message for the sport', async () => {
    // Act
    const result = await readOne(
      'records.fit',
      fitActivity([session('walking', undefined, RUN, 600)], {
        sessions: false,
        laps: false,
        sportMesg: true,
      }),
    );

    // Assess: distance from the records, moving time from the activity message.
    expect(result.activities).toEqual([
      expect.objectContaining({
        startedAt: STARTED_AT,
        sport: 'walk',
        sportName: 'walking',
        distanceKm: 1.8,
        movingMinutes: 10,
      }),
    ]);
  });

  it('without any sport, guesses from the pace like a GPX file (5:33 min/km: a run)', async () => {
    // Act
    const result = await readOne(
      'records.fit',
      fitActivity([session('running', undefined, RUN, 600)], { sessions: false, laps: false }),
    );

    // Assess
    expect(result.activities[0]).toMatchObject({ sport: 'run', sportName: 'unspecified', distanceKm: 1.8 });
  });

  it('reads no activity from a FIT file that is not an activity (a course)', async () => {
    // Act
    const result = await readOne(
      'course.fit',
      fitActivity([session('running', undefined, RUN, 600)], { fileType: 'course' }),
    );

    // Assess
    expect(result).toMatchObject({ kind: 'fit', activities: [], skipped: 'no-activity' });
  });

  it('reads a FIT file by its content whatever it is called', async () => {
    // Act
    const [asGpx, unnamed] = await readActivityFiles([
      file('run.gpx', fitActivity([session('running', undefined, RUN, 600)])),
      file(undefined, fitActivity([session('running', undefined, RUN, 600)])),
    ]);

    // Assess
    expect(asGpx).toMatchObject({
      filename: 'run.gpx',
      kind: 'fit',
      activities: [expect.objectContaining({ sport: 'run' })],
    });
    expect(unnamed).toMatchObject({
      filename: '',
      kind: 'fit',
      activities: [expect.objectContaining({ sport: 'run' })],
    });
  });
});

describe('GPX files', () => {
  it('reads Strava’s export: <type>running</type>, extensions, and a pause with no points', async () => {
    // Prepare: 5 minutes, 2 minutes paused, 5 minutes; a point every second.
    const points = track(START, [{ move: 300, speed: 3 }, { pause: 120 }, { move: 300, speed: 3 }]);

    // Act
    const result = await readOne('Morning_Run.gpx', stravaGpx(points));

    // Assess: the step across the pause counts for distance, not for time (12 minutes on the clock).
    expect(result).toMatchObject({ kind: 'gpx', gzipped: false });
    expect(result.activities).toEqual([
      {
        startedAt: STARTED_AT,
        sport: 'run',
        sportName: 'running',
        distanceKm: 1.8,
        movingMinutes: 10,
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
    ]);
  });

  it('reads Strava’s older numeric <type>: 9 is a run', async () => {
    // Act: 21 points 5 s apart, 15 m apart.
    const result = await readOne('1234567.gpx', readFileSync(join(FIXTURES, 'strava-type-9.gpx')));

    // Assess
    expect(result.activities).toEqual([
      expect.objectContaining({
        startedAt: STARTED_AT,
        sport: 'run',
        sportName: 'running',
        distanceKm: 0.3,
        movingMinutes: 1.7,
      }),
    ]);
  });

  it('reads Garmin Connect’s export: ns3 extensions, milliseconds, standing at a crossing left out', async () => {
    // Prepare: 400 s at 2.5 m/s, a minute standing still (points in place), 200 s more.
    const points = track(START, [{ move: 400, speed: 2.5 }, { stand: 60 }, { move: 200, speed: 2.5 }]);

    // Act
    const result = await readOne('activity_15123456789.gpx', garminGpx(points));

    // Assess
    expect(result.activities).toEqual([
      expect.objectContaining({
        startedAt: STARTED_AT,
        sport: 'run',
        sportName: 'running',
        distanceKm: 1.5,
        movingMinutes: 10,
      }),
    ]);
  });

  it.each([
    ['trail_running', 'run'],
    ['treadmill_running', 'run'],
    ['walking', 'walk'],
    ['hiking', 'walk'],
    ['cycling', 'cross-training'],
    ['road_biking', 'cross-training'],
    ['1', 'cross-training'],
    ['10', 'walk'],
    ['Swim', 'cross-training'],
  ])('maps <type>%s</type> to a %s', async (type, sport) => {
    // Act
    const result = await readOne('a.gpx', garminGpx(RUN, type));

    // Assess
    expect(result.activities[0]?.sport).toBe(sport);
  });

  it.each([
    ['3 m/s (5:33 min/km): a run', 3, 'run'],
    ['6 m/s (2:47 min/km): still a run', 6, 'run'],
    ['7 m/s (2:23 min/km): a ride', 7, 'cross-training'],
    ['1.3 m/s (12:49 min/km): a walk', 1.3, 'walk'],
  ])('without a <type>, guesses from the average moving pace: %s', async (_, speed, sport) => {
    // Prepare
    const points = track(START, [{ move: 600, speed, every: 2 }]);

    // Act
    const result = await readOne('a.gpx', stravaGpx(points, null));

    // Assess
    expect(result.activities[0]).toMatchObject({ sport, sportName: 'unspecified' });
  });

  it('a numeric <type> it does not know counts as none: the pace decides, the number is kept', async () => {
    // Act
    const result = await readOne('a.gpx', stravaGpx(RUN, '23'));

    // Assess
    expect(result.activities[0]).toMatchObject({ sport: 'run', sportName: '23' });
  });

  it('with no distance to guess from, does not call it a run', async () => {
    // Prepare: ten minutes in one place.
    const points = track(START, [{ stand: 600, every: 10 }]);

    // Act
    const result = await readOne('a.gpx', stravaGpx(points, null));

    // Assess
    expect(result.activities[0]).toMatchObject({ sport: 'cross-training', distanceKm: 0, movingMinutes: 0 });
  });

  it('gives one activity per track', async () => {
    // Prepare
    const morning = stravaGpx(RUN);
    const evening = stravaGpx(
      track('2024-05-01T18:00:00Z', [{ move: 1200, speed: 1.4, every: 4 }]),
      'walking',
    );
    const trk = (gpx: string) => gpx.slice(gpx.indexOf(' <trk>'), gpx.indexOf('</trk>') + 6);
    const both = morning.replace(trk(morning), `${trk(morning)}\n${trk(evening)}`);

    // Act
    const result = await readOne('day.gpx', both);

    // Assess
    expect(result.activities.map((a) => [a.startedAt, a.sport])).toEqual([
      [STARTED_AT, 'run'],
      ['2024-05-01T18:00:00.000Z', 'walk'],
    ]);
  });

  it('finds no activity in a GPX file of waypoints and routes, or of trackpoints without times', async () => {
    // Prepare
    const route = `<?xml version="1.0"?><gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1">
      <wpt lat="51.5" lon="-0.12"><name>Start</name></wpt>
      <rte><rtept lat="51.5" lon="-0.12"/><rtept lat="51.51" lon="-0.12"/></rte></gpx>`;
    const untimed = stravaGpx(RUN).replace(/<time>[^<]*<\/time>/g, '');

    // Act
    const results = await readActivityFiles([file('route.gpx', route), file('untimed.gpx', untimed)]);

    // Assess
    expect(results.map((r) => [r.kind, r.skipped, r.activities.length])).toEqual([
      ['gpx', 'no-activity', 0],
      ['gpx', 'no-activity', 0],
    ]);
  });

  it('reads a GPX file saved as UTF-16 with a byte-order mark', async () => {
    // Prepare
    const text = stravaGpx(RUN).replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + 2 * i] = text.charCodeAt(i);

    // Act
    const result = await readOne('a.gpx', utf16);

    // Assess
    expect(result.activities[0]).toMatchObject({ startedAt: STARTED_AT, distanceKm: 1.8 });
  });
});

describe('TCX files', () => {
  it('reads Garmin Connect’s export with two laps: the laps’ times and distances added up', async () => {
    // Prepare: two 1 km laps, a 90 s pause between them that the laps' timer times leave out.
    const lap1 = track(START, [{ move: 300, speed: 1000 / 300, every: 5 }]);
    const lap2 = track('2024-05-01T06:36:30Z', [{ move: 310, speed: 1000 / 310, every: 5 }]);

    // Act
    const result = await readOne(
      'activity_15123456789.tcx',
      garminTcx([
        { points: lap1, timerS: 300, distanceM: 1000 },
        { points: lap2, timerS: 310, distanceM: 1000 },
      ]),
    );

    // Assess
    expect(result).toMatchObject({ kind: 'tcx', gzipped: false });
    expect(result.activities).toEqual([
      {
        startedAt: STARTED_AT,
        sport: 'run',
        sportName: 'running',
        distanceKm: 2,
        movingMinutes: 10.2,
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
    ]);
  });

  it.each([
    ['Running', 'running', 'run'],
    ['Biking', 'biking', 'cross-training'],
    ['Other', 'other', 'cross-training'],
  ])('maps Sport="%s" to %s, a %s', async (tcxSport, sportName, sport) => {
    // Act
    const result = await readOne('a.tcx', garminTcx([{ points: RUN, timerS: 600 }], tcxSport));

    // Assess
    expect(result.activities[0]).toMatchObject({ sport, sportName, distanceKm: 1.8, movingMinutes: 10 });
  });

  it('reads no activity from a TCX file of workouts or courses', async () => {
    // Prepare
    const courses = `<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
      <Courses><Course><Name>Loop</Name><Lap><TotalTimeSeconds>600</TotalTimeSeconds><DistanceMeters>2000</DistanceMeters></Lap></Course></Courses>
      </TrainingCenterDatabase>`;

    // Act
    const result = await readOne('loop.tcx', courses);

    // Assess
    expect(result).toMatchObject({ kind: 'tcx', skipped: 'no-activity', activities: [] });
  });
});

describe('gzipped files (Strava and Garmin bulk exports)', () => {
  const tcx = garminTcx([{ points: RUN, timerS: 600 }]);
  const fit = fitActivity([session('running', undefined, RUN, 600)]);
  const gpx = stravaGpx(RUN);

  it.each([
    ['1234.fit.gz', fit, 'fit'],
    ['1234.gpx.gz', gpx, 'gpx'],
    ['1234.tcx.gz', tcx, 'tcx'],
  ] as const)('reads %s like the file inside it', async (filename, content, kind) => {
    // Act
    const [plain, zipped] = await readActivityFiles([file('plain', content), file(filename, gz(content))]);

    // Assess
    expect(zipped).toMatchObject({ filename, kind, gzipped: true });
    expect(zipped?.activities).toEqual(plain?.activities);
    expect(zipped?.activities[0]).toMatchObject({
      startedAt: STARTED_AT,
      distanceKm: 1.8,
      movingMinutes: 10,
    });
  });
});

describe('the fingerprint', () => {
  it('is the same for one activity sent as FIT, as Strava’s and Garmin’s GPX, and gzipped', async () => {
    // Act
    const fit = fitActivity([session('running', undefined, RUN, 600)]);
    const results = await readActivityFiles([
      file('a.fit', fit),
      file('a.gpx', stravaGpx(RUN)),
      file('b.gpx', garminGpx(RUN)),
      file('a.fit.gz', gz(fit)),
      file('a.gpx.gz', gz(stravaGpx(RUN))),
      file('a.tcx', garminTcx([{ points: RUN, timerS: 600 }])),
    ]);

    // Assess
    const fingerprints = results.map((r) => r.activities[0]?.fingerprint);
    expect(fingerprints[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(fingerprints)).toEqual(new Set([fingerprints[0]]));
  });

  it('differs when the start, the sport or the distance (by 10 m) differs', async () => {
    // Prepare
    const later = track('2024-05-01T06:30:01Z', [{ move: 600, speed: 3, every: 2 }]);
    const longer = track(START, [{ move: 604, speed: 3, every: 2 }]);

    // Act
    const results = await readActivityFiles([
      file('a.gpx', stravaGpx(RUN)),
      file('b.gpx', stravaGpx(later)),
      file('c.gpx', stravaGpx(RUN, 'walking')),
      file('d.gpx', stravaGpx(longer)),
    ]);

    // Assess
    expect(new Set(results.map((r) => r.activities[0]?.fingerprint)).size).toBe(4);
  });
});

describe('looksLikeActivityFile', () => {
  const fit = fitActivity([session('running', undefined, RUN, 600)]);

  it.each([
    'run.fit',
    'RUN.FIT',
    'Morning_Run.gpx',
    'activity_1.tcx',
    '1234.fit.gz',
    '1234.GPX.GZ',
    '1234.tcx.gz',
  ])('says yes to %s by its name', (filename) => {
    expect(looksLikeActivityFile(file(filename, new Uint8Array()))).toBe(true);
  });

  it('says yes by MIME type', () => {
    expect(looksLikeActivityFile(file('attachment', new Uint8Array(), 'application/gpx+xml'))).toBe(true);
    expect(looksLikeActivityFile(file(undefined, new Uint8Array(), 'application/vnd.ant.fit; name=x'))).toBe(
      true,
    );
  });

  it('says yes by the first bytes: FIT, GPX, TCX, and each gzipped', () => {
    for (const content of [fit, stravaGpx(RUN), garminTcx([{ points: RUN, timerS: 600 }])]) {
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      expect(looksLikeActivityFile(file('attachment', bytes, 'application/octet-stream'))).toBe(true);
      expect(looksLikeActivityFile(file('export', gz(bytes), 'application/gzip'))).toBe(true);
    }
  });

  it('says no to a photo, a PDF, a calendar invite, plain or gzipped text', () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0]);
    expect(looksLikeActivityFile(file('IMG_1234.jpg', jpeg, 'image/jpeg'))).toBe(false);
    expect(looksLikeActivityFile(file('plan.pdf', '%PDF-1.7\n%âãÏÓ\n', 'application/pdf'))).toBe(false);
    expect(looksLikeActivityFile(file('invite.ics', 'BEGIN:VCALENDAR\r\n', 'text/calendar'))).toBe(false);
    expect(looksLikeActivityFile(file('notes.txt.gz', gz('just some notes'), 'application/gzip'))).toBe(
      false,
    );
    expect(looksLikeActivityFile(file(undefined, new Uint8Array(), undefined))).toBe(false);
  });
});
