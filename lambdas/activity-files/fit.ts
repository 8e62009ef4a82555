// FIT (Garmin, Coros, Suunto, Wahoo, Polar, Strava's originals), read with Garmin's FIT SDK.
import { Decoder, Stream } from '@garmin/fitsdk';
import { toActivity } from './activity';
import { guessSportFromPace, snakeName, sportOfName } from './sport';
import { TrackTotals } from './track';
import type { Activity, ActivitySport, ParseOutcome } from './types';

const SEMICIRCLES_TO_DEGREES = 180 / 2 ** 31;
// Sports under which the sub-sport says what was done (fitness equipment + treadmill is a treadmill run).
const CONTAINER_SPORTS = new Set(['generic', 'fitness_equipment', 'training']);

/**
 * One activity per session (a multisport file has several; its transitions are left out), from start_time,
 * sport and sub-sport, total_distance and total_timer_time. Without sessions: the laps added up, and without
 * laps the records. A file whose CRC does not match, that is cut short, or that does not decode is damaged.
 */
export function readFit(bytes: Uint8Array): ParseOutcome {
  const stream = Stream.fromByteArray(bytes);
  const decoder = new Decoder(stream);
  if (!decoder.isFIT() || !decoder.checkIntegrity()) return { skipped: 'damaged' };
  const { messages, errors } = decoder.read({ mergeHeartRates: false });
  if (errors.length > 0) return { skipped: 'damaged' };
  const fileType = messages.fileIdMesgs?.[0]?.type;
  if (fileType !== undefined && fileType !== 'activity') return { skipped: 'no-activity' };

  const sessions = (messages.sessionMesgs ?? []).filter((s) => s.sport !== 'transition');
  const fromSessions = sessions.flatMap((s) => {
    const activity = toActivity({
      startMs: instantMs(s.startTime) ?? firstRecordMs(messages.recordMesgs),
      ...sportOf(s.sport, s.subSport),
      distanceM: finite(s.totalDistance),
      movingS: finite(s.totalTimerTime ?? s.totalElapsedTime),
    });
    return activity ? [activity] : [];
  });
  if ((messages.sessionMesgs ?? []).length > 0) {
    return fromSessions.length > 0 ? { activities: fromSessions } : { skipped: 'no-activity' };
  }
  const activity = fromLaps(messages) ?? fromRecords(messages);
  return activity ? { activities: [activity] } : { skipped: 'no-activity' };
}

type Messages = ReturnType<Decoder['read']>['messages'];

function fromLaps(messages: Messages): Activity | undefined {
  const laps = messages.lapMesgs ?? [];
  if (laps.length === 0) return undefined;
  const starts = laps.map((l) => instantMs(l.startTime)).filter((t): t is number => t !== undefined);
  const first = laps[0];
  const declared = first?.sport ?? messages.sportMesgs?.[0]?.sport;
  const distanceM = laps.reduce((sum, l) => sum + finite(l.totalDistance), 0);
  const movingS =
    laps.reduce((sum, l) => sum + finite(l.totalTimerTime), 0) ||
    finite(messages.activityMesgs?.[0]?.totalTimerTime);
  return toActivity({
    startMs: starts.length > 0 ? Math.min(...starts) : firstRecordMs(messages.recordMesgs),
    ...(declared === undefined
      ? guessed(distanceM, movingS)
      : sportOf(declared, first?.subSport ?? messages.sportMesgs?.[0]?.subSport)),
    distanceM,
    movingS,
  });
}

function fromRecords(messages: Messages): Activity | undefined {
  const records = messages.recordMesgs ?? [];
  const totals = new TrackTotals();
  let lastDistance = 0;
  for (const r of records) {
    if (typeof r.distance === 'number' && Number.isFinite(r.distance)) lastDistance = r.distance;
    if (typeof r.positionLat === 'number' && typeof r.positionLong === 'number') {
      totals.add({
        lat: r.positionLat * SEMICIRCLES_TO_DEGREES,
        lon: r.positionLong * SEMICIRCLES_TO_DEGREES,
        timeMs: instantMs(r.timestamp),
      });
    }
  }
  const startMs = firstRecordMs(records);
  if (startMs === undefined) return undefined;
  const distanceM = lastDistance || totals.distanceM;
  const movingS = finite(messages.activityMesgs?.[0]?.totalTimerTime) || totals.movingS;
  const declared = messages.sportMesgs?.[0];
  return toActivity({
    startMs,
    ...(declared?.sport === undefined
      ? guessed(distanceM, movingS)
      : sportOf(declared.sport, declared.subSport)),
    distanceM,
    movingS,
  });
}

/** The sport and its name from FIT's sport and sub-sport: running + trail → 'trail_running', a run. */
export function sportOf(sport: unknown, subSport: unknown): { sport: ActivitySport; sportName: string } {
  const main = snakeName(String(sport ?? 'generic'));
  const sub = typeof subSport === 'string' ? snakeName(subSport) : '';
  if (sub === '' || sub === 'generic' || sub === 'all') return { sport: sportOfName(main), sportName: main };
  if (CONTAINER_SPORTS.has(main)) return { sport: sportOfName(sub), sportName: sub };
  const name = sub.includes(main) ? sub : `${sub}_${main}`;
  return { sport: sportOfName(main), sportName: name };
}

function guessed(distanceM: number, movingS: number): { sport: ActivitySport; sportName: string } {
  return { sport: guessSportFromPace(distanceM, movingS), sportName: 'unspecified' };
}

function instantMs(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : undefined;
  return undefined;
}

function firstRecordMs(records: readonly { timestamp?: unknown }[] | undefined): number {
  for (const r of records ?? []) {
    const ms = instantMs(r.timestamp);
    if (ms !== undefined) return ms;
  }
  return Number.NaN;
}

function finite(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
