// What the activity-file reader takes in and gives back. Plain data: no I/O, no clock.

/** How the coach counts an activity: a run, a walk, or anything else that is not running. */
export type ActivitySport = 'run' | 'walk' | 'cross-training';

export interface Activity {
  /** The activity's start as an ISO instant in UTC (whole seconds, with Z). */
  startedAt: string;
  sport: ActivitySport;
  /** What the file called it, lower-case snake case: 'running', 'trail_running', 'cycling', '9', 'unspecified'. */
  sportName: string;
  /** Rounded to 0.01 km; 0 when the file has none. */
  distanceKm: number;
  /** Moving time (timer time, pauses excluded), rounded to 0.1 minute. */
  movingMinutes: number;
  /** Stable hash of (startedAt, sport, distance to 10 m): the same activity sent twice, in any format, matches. */
  fingerprint: string;
}

export type SkipReason =
  | 'too-many-files'
  | 'too-large'
  | 'message-too-large'
  | 'not-an-activity-file'
  | 'damaged'
  | 'unsafe-xml'
  | 'no-activity';

export interface FileInput {
  filename: string | undefined;
  contentType: string | undefined;
  content: Uint8Array;
}

export type FileKind = 'fit' | 'gpx' | 'tcx' | 'unknown';

export interface FileResult {
  filename: string;
  kind: FileKind;
  gzipped: boolean;
  activities: Activity[];
  skipped?: SkipReason;
}

/** What a format reader returns for one file: its activities, or why it has none. */
export type ParseOutcome = { activities: Activity[] } | { skipped: SkipReason };
