// Activity files as the watches and apps write them, built in the tests: FIT with Garmin's own Encoder, GPX as
// Strava and Garmin Connect write it, TCX as Garmin Connect writes it. Tracks run due north along a meridian,
// so the distance of a track is known exactly: the Earth's radius times the latitude covered.
import { gzipSync } from 'node:zlib';
import { Encoder, type Mesg, Profile } from '@garmin/fitsdk';
import type { FileInput } from '#lambdas/activity-files/index';

export const EARTH_RADIUS_M = 6_371_008.8;
const SEMICIRCLE_DEG = 180 / 2 ** 31;
const RAD = Math.PI / 180;

export interface Point {
  timeMs: number;
  /** Degrees, on the FIT grid (whole semicircles) so every format carries the same position. */
  lat: number;
  lon: number;
  /** Metres from the start along the track. */
  distanceM: number;
}

/** A stretch of a track: moving at a speed, standing still (points in one place), or paused (no points). */
export type Leg =
  | { move: number; speed: number; every?: number }
  | { stand: number; every?: number }
  | { pause: number };

/** Writes one message, named as in the SDK's Profile.MesgNum, with fields named as its decoder returns them. */
function write(encoder: Encoder, name: string, fields: Record<string, unknown>): void {
  const num = Profile.MesgNum[name];
  if (num === undefined) throw new Error(`no FIT message ${name}`);
  encoder.onMesg(num, fields as Mesg);
}

function onGrid(deg: number): number {
  return Math.round(deg / SEMICIRCLE_DEG) * SEMICIRCLE_DEG;
}

/** Points from `start`, leg after leg; the first point is at the start, in place. */
export function track(startIso: string, legs: Leg[], from = { lat: 51.5, lon: -0.12 }): Point[] {
  let timeMs = Date.parse(startIso);
  let latRad = onGrid(from.lat) * RAD;
  const lon = onGrid(from.lon);
  const points: Point[] = [];
  const push = () => {
    const lat = onGrid(latRad / RAD);
    points.push({ timeMs, lat, lon, distanceM: (lat - onGrid(from.lat)) * RAD * EARTH_RADIUS_M });
  };
  push();
  for (const leg of legs) {
    if ('pause' in leg) {
      timeMs += leg.pause * 1000;
      continue;
    }
    const every = leg.every ?? 1;
    const seconds = 'move' in leg ? leg.move : leg.stand;
    const speed = 'move' in leg ? leg.speed : 0;
    for (let s = 0; s < seconds; s += every) {
      timeMs += every * 1000;
      latRad += (speed * every) / EARTH_RADIUS_M;
      push();
    }
  }
  return points;
}

/** The distance along the track: its last point's. */
export function lengthM(points: Point[]): number {
  return points.at(-1)?.distanceM ?? 0;
}

export interface FitSession {
  sport: string;
  subSport?: string;
  points: Point[];
  /** Timer time in seconds (moving, pauses excluded), as the watch counted it. */
  timerS: number;
  /** What the watch measured; the track's length when not given. */
  distanceM?: number;
}

export interface FitOptions {
  /** Write session messages (a watch always does; some converters do not). */
  sessions?: boolean;
  laps?: boolean;
  /** A sport message (for files without sessions or laps to say their sport). */
  sportMesg?: boolean;
  fileType?: string;
}

/** A FIT activity file as a watch writes it: file_id, a timer start event, records, a lap and a session each. */
export function fitActivity(sessions: FitSession[], options: FitOptions = {}): Uint8Array {
  const first = sessions[0]?.points[0];
  if (!first) throw new Error('a FIT activity needs at least one point');
  const encoder = new Encoder();
  const date = (ms: number) => new Date(ms);
  write(encoder, 'FILE_ID', {
    type: options.fileType ?? 'activity',
    manufacturer: 'development',
    product: 1,
    serialNumber: 1234,
    timeCreated: date(first.timeMs),
  });
  if (options.sportMesg) {
    write(encoder, 'SPORT', {
      sport: sessions[0]?.sport,
      subSport: sessions[0]?.subSport ?? 'generic',
    });
  }
  write(encoder, 'EVENT', {
    timestamp: date(first.timeMs),
    event: 'timer',
    eventType: 'start',
  });
  let totalTimer = 0;
  let last = first;
  for (const session of sessions) {
    const start = session.points[0] as Point;
    const end = session.points.at(-1) as Point;
    const distanceM = session.distanceM ?? end.distanceM - start.distanceM;
    for (const p of session.points) {
      write(encoder, 'RECORD', {
        timestamp: date(p.timeMs),
        positionLat: Math.round(p.lat / SEMICIRCLE_DEG),
        positionLong: Math.round(p.lon / SEMICIRCLE_DEG),
        distance: p.distanceM - start.distanceM,
        speed: 3,
        heartRate: 130,
      });
    }
    const summary = {
      timestamp: date(end.timeMs),
      startTime: date(start.timeMs),
      totalElapsedTime: (end.timeMs - start.timeMs) / 1000,
      totalTimerTime: session.timerS,
      totalDistance: distanceM,
      sport: session.sport,
      subSport: session.subSport ?? 'generic',
    };
    if (options.laps !== false) {
      write(encoder, 'LAP', { ...summary, messageIndex: 0, event: 'lap', eventType: 'stop' });
    }
    if (options.sessions !== false) {
      write(encoder, 'SESSION', {
        ...summary,
        messageIndex: 0,
        event: 'session',
        eventType: 'stop',
        firstLapIndex: 0,
        numLaps: 1,
      });
    }
    totalTimer += session.timerS;
    last = end;
  }
  write(encoder, 'EVENT', {
    timestamp: date(last.timeMs),
    event: 'timer',
    eventType: 'stopAll',
  });
  write(encoder, 'ACTIVITY', {
    timestamp: date(last.timeMs),
    totalTimerTime: totalTimer,
    numSessions: sessions.length,
    type: 'manual',
    event: 'activity',
    eventType: 'stop',
  });
  return encoder.close();
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** GPX as Strava exports it: 7-decimal positions, times to the second, <type> a word or a number. */
export function stravaGpx(points: Point[], type: string | null = 'running', name = 'Morning Run'): string {
  const first = points[0] as Point;
  const trkpts = points
    .map(
      (p) => `   <trkpt lat="${p.lat.toFixed(7)}" lon="${p.lon.toFixed(7)}">
    <ele>11.2</ele>
    <time>${isoSeconds(p.timeMs)}</time>
    <extensions>
     <gpxtpx:TrackPointExtension>
      <gpxtpx:hr>131</gpxtpx:hr>
      <gpxtpx:cad>84</gpxtpx:cad>
     </gpxtpx:TrackPointExtension>
    </extensions>
   </trkpt>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="StravaGPX" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd http://www.garmin.com/xmlschemas/GpxExtensions/v3 http://www.garmin.com/xmlschemas/GpxExtensionsv3.xsd http://www.garmin.com/xmlschemas/TrackPointExtension/v1 http://www.garmin.com/xmlschemas/TrackPointExtensionv1.xsd" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" xmlns:gpxx="http://www.garmin.com/xmlschemas/GpxExtensions/v3">
 <metadata>
  <time>${isoSeconds(first.timeMs)}</time>
 </metadata>
 <trk>
  <name>${name}</name>
${type === null ? '' : `  <type>${type}</type>\n`}  <trkseg>
${trkpts}
  </trkseg>
 </trk>
</gpx>
`;
}

/** GPX as Garmin Connect exports it: full-precision positions, milliseconds, ns3: extensions, link metadata. */
export function garminGpx(points: Point[], type: string | null = 'running'): string {
  const first = points[0] as Point;
  const trkpts = points
    .map(
      (p) => `      <trkpt lat="${p.lat}" lon="${p.lon}">
        <ele>11.199999809265137</ele>
        <time>${new Date(p.timeMs).toISOString()}</time>
        <extensions>
          <ns3:TrackPointExtension>
            <ns3:atemp>19.0</ns3:atemp>
            <ns3:hr>128</ns3:hr>
            <ns3:cad>82</ns3:cad>
          </ns3:TrackPointExtension>
        </extensions>
      </trkpt>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Garmin Connect" version="1.1"
  xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/11.xsd"
  xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
  xmlns="http://www.topografix.com/GPX/1/1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns2="http://www.garmin.com/xmlschemas/GpxExtensions/v3">
  <metadata>
    <link href="connect.garmin.com">
      <text>Garmin Connect</text>
    </link>
    <time>${new Date(first.timeMs).toISOString()}</time>
  </metadata>
  <trk>
    <name>London Running</name>
${type === null ? '' : `    <type>${type}</type>\n`}    <trkseg>
${trkpts}
    </trkseg>
  </trk>
</gpx>
`;
}

export interface TcxLap {
  points: Point[];
  timerS: number;
  distanceM?: number;
}

/** TCX as Garmin Connect exports it: one Activity, a Lap per lap with its totals, then its trackpoints. */
export function garminTcx(laps: TcxLap[], sport = 'Running'): string {
  const first = laps[0]?.points[0] as Point;
  const lapXml = laps
    .map((lap) => {
      const start = lap.points[0] as Point;
      const end = lap.points.at(-1) as Point;
      const distanceM = lap.distanceM ?? end.distanceM - start.distanceM;
      const trackpoints = lap.points
        .map(
          (p) => `          <Trackpoint>
            <Time>${new Date(p.timeMs).toISOString()}</Time>
            <Position>
              <LatitudeDegrees>${p.lat}</LatitudeDegrees>
              <LongitudeDegrees>${p.lon}</LongitudeDegrees>
            </Position>
            <AltitudeMeters>11.199999809265137</AltitudeMeters>
            <DistanceMeters>${p.distanceM}</DistanceMeters>
            <HeartRateBpm>
              <Value>129</Value>
            </HeartRateBpm>
            <Extensions>
              <ns3:TPX>
                <ns3:Speed>3.0</ns3:Speed>
                <ns3:RunCadence>83</ns3:RunCadence>
              </ns3:TPX>
            </Extensions>
          </Trackpoint>`,
        )
        .join('\n');
      return `      <Lap StartTime="${new Date(start.timeMs).toISOString()}">
        <TotalTimeSeconds>${lap.timerS.toFixed(1)}</TotalTimeSeconds>
        <DistanceMeters>${distanceM}</DistanceMeters>
        <MaximumSpeed>3.2</MaximumSpeed>
        <Calories>61</Calories>
        <AverageHeartRateBpm>
          <Value>129</Value>
        </AverageHeartRateBpm>
        <Intensity>Active</Intensity>
        <TriggerMethod>Manual</TriggerMethod>
        <Track>
${trackpoints}
        </Track>
        <Extensions>
          <ns3:LX>
            <ns3:AvgSpeed>3.0</ns3:AvgSpeed>
          </ns3:LX>
        </Extensions>
      </Lap>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase
  xsi:schemaLocation="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd"
  xmlns:ns5="http://www.garmin.com/xmlschemas/ActivityGoals/v1"
  xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"
  xmlns:ns2="http://www.garmin.com/xmlschemas/UserProfile/v2"
  xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns4="http://www.garmin.com/xmlschemas/ProfileExtension/v1">
  <Activities>
    <Activity Sport="${sport}">
      <Id>${new Date(first.timeMs).toISOString()}</Id>
${lapXml}
      <Creator xsi:type="Device_t">
        <Name>Forerunner 255</Name>
        <UnitId>3400000000</UnitId>
        <ProductID>3992</ProductID>
      </Creator>
    </Activity>
  </Activities>
  <Author xsi:type="Application_t">
    <Name>Connect Api</Name>
    <Build>
      <Version>
        <VersionMajor>0</VersionMajor>
        <VersionMinor>0</VersionMinor>
      </Version>
    </Build>
    <LangID>en</LangID>
    <PartNumber>006-D2449-00</PartNumber>
  </Author>
</TrainingCenterDatabase>
`;
}

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function gz(content: Uint8Array | string): Uint8Array {
  return gzipSync(typeof content === 'string' ? bytes(content) : content);
}

export function file(
  filename: string | undefined,
  content: Uint8Array | string,
  contentType?: string,
): FileInput {
  return { filename, contentType, content: typeof content === 'string' ? bytes(content) : content };
}
