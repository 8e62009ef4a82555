// What watch files add to a week, as plain data: placing activities on their weeks in the runner's zone,
// counting each once, and the week's amounts from them. Examples for the rules, properties for the invariants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_WEEK_ACTIVITIES, type WeekActivity } from '#domain/types';
import {
  activitiesByWeek,
  activityAmount,
  amountsFromActivities,
  crossTrainingKindOf,
  mergeActivities,
  sameActivity,
  weekOfActivity,
} from '#domain/week-files';
import { addDays, dayNumber, localDate, weekdayOfDay } from '#domain/zoned-time';

const ZONES = ['Europe/Berlin', 'America/Los_Angeles', 'Pacific/Auckland', 'UTC', 'Asia/Kolkata'];

const activityArb: fc.Arbitrary<WeekActivity> = fc
  .record({
    ms: fc.integer({ min: Date.parse('2026-01-01'), max: Date.parse('2029-12-31') }),
    sport: fc.constantFrom('run', 'walk', 'cross-training') as fc.Arbitrary<WeekActivity['sport']>,
    km: fc.integer({ min: 0, max: 4000 }).map((n) => n / 100),
    minutes: fc.integer({ min: 0, max: 3000 }).map((n) => n / 10),
    id: fc.stringMatching(/^[0-9a-f]{8}$/),
  })
  .map(({ ms, sport, km, minutes, id }) => ({
    startedAt: new Date(Math.floor(ms / 1000) * 1000).toISOString(),
    sport,
    ...(sport === 'run' ? {} : { activity: sport === 'walk' ? ('walk' as const) : ('bike' as const) }),
    distanceKm: km,
    movingMinutes: minutes,
    fingerprint: id,
  }));

const run = (
  startedAt: string,
  distanceKm: number,
  movingMinutes: number,
  fingerprint = startedAt,
): WeekActivity => ({
  startedAt,
  sport: 'run',
  distanceKm,
  movingMinutes,
  fingerprint,
});

describe('placing an activity on its week', () => {
  it('uses the local date in the runner zone: a Sunday-night run in Los Angeles is Monday in UTC', () => {
    // Arrange: Sunday 7 March 2027, 20:00 in Los Angeles, is Monday 04:00 UTC.
    const activity = run('2027-03-08T04:00:00Z', 5, 30);

    // Act / Assess
    expect(weekOfActivity(activity, 'America/Los_Angeles')).toBe('2027-03-01');
    expect(weekOfActivity(activity, 'UTC')).toBe('2027-03-08');
  });

  it('puts every activity on the Monday of its local week, and loses none', () => {
    fc.assert(
      fc.property(fc.array(activityArb, { maxLength: 20 }), fc.constantFrom(...ZONES), (activities, zone) => {
        const weeks = activitiesByWeek(activities, zone);
        const placed = [...weeks.values()].flat();
        expect(placed).toHaveLength(activities.length);
        for (const [monday, list] of weeks) {
          expect(weekdayOfDay(dayNumber(monday))).toBe(1);
          for (const a of list) {
            const day = localDate(new Date(a.startedAt), zone);
            expect(day >= monday && day <= addDays(monday, 6)).toBe(true);
          }
          expect(list.map((a) => a.startedAt)).toEqual(list.map((a) => a.startedAt).sort());
        }
      }),
    );
  });
});

describe('counting each activity once', () => {
  it('matches a FIT and the GPX of the same run despite a few seconds and metres apart', () => {
    // Arrange: the watch's start and distance against the track's.
    const fit = run('2027-03-02T06:00:00Z', 5.2, 31.2, 'fit-hash');
    const gpx = run('2027-03-02T06:00:07Z', 5.16, 31.1, 'gpx-hash');

    // Assess
    expect(sameActivity(fit, gpx)).toBe(true);
    expect(sameActivity(fit, run('2027-03-02T06:05:00Z', 5.2, 31.2, 'other'))).toBe(false);
    expect(sameActivity(fit, run('2027-03-02T06:00:07Z', 6, 31.2, 'other'))).toBe(false);
    expect(sameActivity(fit, { ...gpx, sport: 'walk' })).toBe(false);
  });

  it('is the same both ways round', () => {
    fc.assert(
      fc.property(activityArb, activityArb, (a, b) => {
        expect(sameActivity(a, b)).toBe(sameActivity(b, a));
      }),
    );
  });

  it('takes each incoming activity as added, repeated or over the limit, and keeps at most the limit', () => {
    fc.assert(
      fc.property(
        fc.array(activityArb, { maxLength: 40 }),
        fc.array(activityArb, { maxLength: 40 }),
        (existing, incoming) => {
          const start = mergeActivities([], existing).activities;
          const merged = mergeActivities(start, incoming);
          expect(merged.added.length + merged.repeated.length + merged.overLimit.length).toBe(
            incoming.length,
          );
          expect(merged.activities.length).toBe(start.length + merged.added.length);
          expect(merged.activities.length).toBeLessThanOrEqual(MAX_WEEK_ACTIVITIES);
          for (const a of start) expect(merged.activities).toContain(a);
        },
      ),
    );
  });

  it('adds nothing when the same files are sent again', () => {
    fc.assert(
      fc.property(fc.array(activityArb, { maxLength: 40 }), (incoming) => {
        const once = mergeActivities([], incoming);
        const twice = mergeActivities(once.activities, incoming);
        expect(twice.added).toEqual([]);
        expect(twice.activities).toEqual(once.activities);
      }),
    );
  });
});

describe("the week's amounts from its activities", () => {
  it('counts runs for the running, and walks and rides as cross-training in whole minutes', () => {
    // Arrange
    const activities: WeekActivity[] = [
      run('2027-03-02T06:00:00Z', 5.2, 31.2),
      run('2027-03-06T06:00:00Z', 8, 48),
      { ...run('2027-03-03T06:00:00Z', 3.1, 39.6), sport: 'walk', activity: 'walk' },
      { ...run('2027-03-04T06:00:00Z', 20, 60.4), sport: 'cross-training', activity: 'bike' },
    ];

    // Act / Assess
    expect(amountsFromActivities(activities, 'km')).toEqual({
      done: { runs: 2, volume: 13.2, longestRun: 8 },
      actualVolume: 13.2,
      crossTraining: [
        { activity: 'walk', minutes: 40 },
        { activity: 'bike', minutes: 60 },
      ],
    });
    expect(amountsFromActivities(activities, 'min').done).toEqual({ runs: 2, volume: 79.2, longestRun: 48 });
  });

  it('says nothing of the runs when the files hold none', () => {
    const ride: WeekActivity = {
      ...run('2027-03-04T06:00:00Z', 20, 60),
      sport: 'cross-training',
      activity: 'bike',
    };
    expect(amountsFromActivities([ride], 'km').done).toBeUndefined();
  });

  it('gives a volume that is the sum of the runs, a longest run within it, in any unit', () => {
    fc.assert(
      fc.property(
        fc.array(activityArb, { maxLength: 30 }),
        fc.constantFrom('min', 'km', 'mi' as const),
        (list, unit) => {
          const amounts = amountsFromActivities(list, unit);
          const runs = list.filter((a) => a.sport === 'run');
          if (runs.length === 0) {
            expect(amounts.done).toBeUndefined();
            return;
          }
          const sum = runs.reduce((s, a) => s + activityAmount(a, unit), 0);
          expect(amounts.done?.runs).toBe(Math.min(14, runs.length));
          expect(amounts.done?.volume).toBeCloseTo(sum, 1);
          expect(amounts.actualVolume).toBe(amounts.done?.volume);
          expect(amounts.done?.longestRun ?? 0).toBeLessThanOrEqual((amounts.done?.volume ?? 0) + 0.01);
        },
      ),
    );
  });

  it('names the cross-training from what the file calls the sport', () => {
    expect(crossTrainingKindOf('cross-training', 'cycling')).toBe('bike');
    expect(crossTrainingKindOf('cross-training', 'virtual_ride')).toBe('bike');
    expect(crossTrainingKindOf('cross-training', 'lap_swimming')).toBe('swim');
    expect(crossTrainingKindOf('cross-training', 'rowing')).toBe('row');
    expect(crossTrainingKindOf('cross-training', 'elliptical')).toBe('elliptical');
    expect(crossTrainingKindOf('cross-training', 'strength_training')).toBe('other');
    expect(crossTrainingKindOf('walk', 'walking')).toBe('walk');
    expect(crossTrainingKindOf('walk', 'hiking')).toBe('hike');
  });
});
