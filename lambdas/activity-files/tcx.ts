// TCX (Garmin Training Center, Garmin Connect and Strava exports): one activity per <Activity>, from its laps.
import { parseInstant, toActivity } from './activity';
import { guessSportFromPace, snakeName, sportOfName } from './sport';
import type { Activity, ParseOutcome } from './types';
import { endsWith, walkXml } from './xml';

interface TcxActivity {
  sport: string;
  idMs: number | undefined;
  startMs: number | undefined;
  seconds: number;
  metres: number;
}

/**
 * Sport: the Sport attribute (Running, Biking, Other). Start: the first lap's StartTime (the Id when no lap has
 * one). Distance and moving time: the laps' DistanceMeters and TotalTimeSeconds (timer time) added up.
 * Activities under Workouts or Courses are plans, not activities, and are not read.
 */
export function readTcx(text: string): ParseOutcome {
  const activities: Activity[] = [];
  let current: TcxActivity | undefined;
  const isActivity = (path: readonly string[]) =>
    path[path.length - 1] === 'Activity' &&
    (path.includes('Activities') || path.includes('MultiSportSession'));
  try {
    walkXml(text, {
      open(path, attributes) {
        if (isActivity(path)) {
          current = {
            sport: attributes.Sport ?? '',
            idMs: undefined,
            startMs: undefined,
            seconds: 0,
            metres: 0,
          };
        } else if (current && endsWith(path, 'Activity', 'Lap')) {
          const lapStart = parseInstant(attributes.StartTime ?? '');
          if (lapStart !== undefined && (current.startMs === undefined || lapStart < current.startMs)) {
            current.startMs = lapStart;
          }
        }
      },
      close(path, chars) {
        if (!current) return;
        if (endsWith(path, 'Activity', 'Id')) {
          current.idMs = parseInstant(chars);
        } else if (endsWith(path, 'Activity', 'Lap', 'TotalTimeSeconds')) {
          current.seconds += positive(chars);
        } else if (endsWith(path, 'Activity', 'Lap', 'DistanceMeters')) {
          current.metres += positive(chars);
        } else if (isActivity(path)) {
          const activity = tcxActivity(current);
          if (activity) activities.push(activity);
          current = undefined;
        }
      },
    });
  } catch {
    return { skipped: 'damaged' };
  }
  return activities.length > 0 ? { activities } : { skipped: 'no-activity' };
}

function positive(text: string): number {
  const n = Number(text.trim());
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function tcxActivity(a: TcxActivity): Activity | undefined {
  const startMs = a.startMs ?? a.idMs;
  if (startMs === undefined) return undefined;
  const name = snakeName(a.sport);
  return toActivity({
    startMs,
    sport: name === '' ? guessSportFromPace(a.metres, a.seconds) : sportOfName(name),
    sportName: name === '' ? 'unspecified' : name,
    distanceM: a.metres,
    movingS: a.seconds,
  });
}
