// GPX (Strava, Garmin Connect and most apps): one activity per <trk>, from its trackpoints.
import { parseInstant, toActivity } from './activity';
import { gpxTypeName, guessSportFromPace, isReadableType, sportOfName } from './sport';
import { TrackTotals } from './track';
import type { Activity, ParseOutcome } from './types';
import { endsWith, walkXml } from './xml';

interface Track {
  type: string;
  totals: TrackTotals;
  point: { lat: number; lon: number; timeMs?: number | undefined } | undefined;
}

/**
 * Start: the time of the track's first timed trackpoint. Distance: haversine over the trackpoints. Moving time:
 * the steps under 30 s at more than 0.5 m/s. Sport: the track's <type> (Strava's numbers included); without
 * one, a guess from the average moving pace (see guessSportFromPace).
 */
export function readGpx(text: string): ParseOutcome {
  const activities: Activity[] = [];
  let track: Track | undefined;
  try {
    walkXml(text, {
      open(path, attributes) {
        if (path.length === 2 && path[1] === 'trk') {
          track = { type: '', totals: new TrackTotals(), point: undefined };
        } else if (track && endsWith(path, 'trk', 'trkseg')) {
          track.totals.startSegment();
        } else if (track && endsWith(path, 'trkseg', 'trkpt')) {
          track.point = { lat: Number(attributes.lat), lon: Number(attributes.lon) };
        }
      },
      close(path, chars) {
        if (!track) return;
        if (endsWith(path, 'trkpt', 'time') && track.point) {
          track.point.timeMs = parseInstant(chars);
        } else if (endsWith(path, 'trkseg', 'trkpt') && track.point) {
          track.totals.add(track.point);
          track.point = undefined;
        } else if (path.length === 3 && endsWith(path, 'trk', 'type')) {
          track.type = chars.trim();
        } else if (path.length === 2 && path[1] === 'trk') {
          const activity = trackActivity(track);
          if (activity) activities.push(activity);
          track = undefined;
        }
      },
    });
  } catch {
    return { skipped: 'damaged' };
  }
  return activities.length > 0 ? { activities } : { skipped: 'no-activity' };
}

function trackActivity({ type, totals }: Track): Activity | undefined {
  if (totals.firstTimeMs === undefined) return undefined;
  const name = gpxTypeName(type);
  const readable = isReadableType(name);
  return toActivity({
    startMs: totals.firstTimeMs,
    sport: readable ? sportOfName(name) : guessSportFromPace(totals.distanceM, totals.movingS),
    sportName: name === '' ? 'unspecified' : name,
    distanceM: totals.distanceM,
    movingS: totals.movingS,
  });
}
