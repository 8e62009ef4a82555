// The lines of an acknowledgment about the watch files a reply brought: what was read and counted where,
// what was counted before, what was left out and why. Our own words; amounts in the subscriber's unit.
import type { CrossTrainingKind, Unit, WeekActivity } from '#domain/types';
import { activityAmount } from '#domain/week-files';
import { localDate } from '#domain/zoned-time';
import { count, formatAmount, formatDate, formatMinutes } from '#email/format';
import type { FileSkipReason } from './inbound-mail';

/** What the files of one message came to, for the acknowledgment. */
export interface FilesOutcome {
  /** The files that brought the answered week's new activities. */
  read: number;
  /** The week the reply answers: its number, the activities new from this message, and all it now has. */
  answered: { weekNumber: number; added: WeekActivity[]; all: WeekActivity[] };
  /** Other planned weeks that got activities. */
  otherWeeks: { weekNumber: number; added: WeekActivity[] }[];
  /** Sent before, in an earlier email: not counted again. */
  repeated: WeekActivity[];
  /** Twice in this email (two formats, or one file attached twice): counted once. */
  twice: WeekActivity[];
  /** In a week we had no plan for. */
  ignored: WeekActivity[];
  /** In a planned week more than 8 weeks before the one the reply answers. */
  tooOld: WeekActivity[];
  /** Dated after the reply came. */
  future: WeekActivity[];
  /** Too short to be anything (a watch started by mistake). */
  tooShort: WeekActivity[];
  /** Past the most a week keeps, or one email brings. */
  overLimit: WeekActivity[];
  /** Files not read, with why. */
  skipped: { filename: string; reason: FileSkipReason }[];
}

/** The most activities one line names; the rest are counted ("and 4 more"). */
const MAX_LISTED = 10;

const SKIP_WORDS: Record<FileSkipReason, string> = {
  'too-many-files': 'we read at most 10 files from one email',
  'too-large': 'it is larger than 5 MB',
  'message-too-large': 'the files in one email may add up to 20 MB at most',
  'not-an-activity-file': 'it is not a FIT, GPX or TCX file',
  damaged: 'it looks damaged or cut short',
  'unsafe-xml': 'it holds XML we do not open, to stay safe',
  'no-activity': 'we found no activity with a start time in it',
};

const KIND_NAMES: Record<CrossTrainingKind, string> = {
  bike: 'ride',
  swim: 'swim',
  elliptical: 'cross-trainer',
  walk: 'walk',
  row: 'row',
  hike: 'hike',
  other: 'other sport',
};

/** The acknowledgment's lines about the files, in order: counted, counted elsewhere, not counted, not read. */
export function filesLines(outcome: FilesOutcome, unit: Unit, timeZone: string): string[] {
  const lines: string[] = [];
  const describe = (list: WeekActivity[]) => {
    const shown = list.slice(0, MAX_LISTED).map((a) => describeActivity(a, unit, timeZone));
    const more = list.length - shown.length;
    return more > 0 ? `${shown.join(', ')} and ${count(more, 'more')}` : shown.join(', ');
  };
  const { answered } = outcome;
  if (answered.added.length > 0) {
    const source = outcome.read === 1 ? 'From your file' : `From your ${count(outcome.read, 'file')}`;
    const runs = answered.all.filter((a) => a.sport === 'run');
    const total =
      runs.length > 0
        ? `: ${formatAmount(
            runs.reduce((sum, r) => sum + activityAmount(r, unit), 0),
            unit,
          )} of running in week ${answered.weekNumber}`
        : '';
    const others = answered.added.some((a) => a.sport !== 'run')
      ? ' Walks and other sports count as cross-training, not as running.'
      : '';
    lines.push(`${source}: ${describe(answered.added)}${total}.${others}`);
  }
  for (const week of outcome.otherWeeks) {
    if (week.added.length > 0) lines.push(`Counted in week ${week.weekNumber}: ${describe(week.added)}.`);
  }
  if (outcome.twice.length > 0) {
    lines.push(`In this email twice, so counted once: ${describe(outcome.twice)}.`);
  }
  if (outcome.repeated.length > 0) {
    lines.push(`Already counted from an earlier email, so not again: ${describe(outcome.repeated)}.`);
  }
  if (outcome.ignored.length > 0) {
    lines.push(`Not counted: ${describe(outcome.ignored)}. We had no plan for you in that week.`);
  }
  if (outcome.tooOld.length > 0) {
    lines.push(`Not counted: ${describe(outcome.tooOld)}. That is more than 8 weeks before this plan.`);
  }
  if (outcome.future.length > 0) {
    lines.push(
      `Not counted: ${describe(outcome.future)}. That is dated after your email: is the watch's clock right?`,
    );
  }
  if (outcome.tooShort.length > 0) {
    lines.push(`Not counted: ${describe(outcome.tooShort)}. Too short to be a run, walk or ride.`);
  }
  if (outcome.overLimit.length > 0) {
    lines.push(
      `Not counted: ${count(outcome.overLimit.length, 'more activity', 'more activities')}, as we take at most 30 a week and 60 from one email.`,
    );
  }
  const tooMany = outcome.skipped.filter((s) => s.reason === 'too-many-files');
  for (const skip of outcome.skipped) {
    if (skip.reason !== 'too-many-files')
      lines.push(`We could not use ${fileName(skip.filename)}: ${SKIP_WORDS[skip.reason]}.`);
  }
  if (tooMany.length > 0) {
    lines.push(`We did not read ${count(tooMany.length, 'more file')}: ${SKIP_WORDS['too-many-files']}.`);
  }
  return lines;
}

/** "Tue 24 Nov 5.2 km in 31 min", "Tue 24 Nov 31 min run (5.2 km)", "Sun 29 Nov ride 60 min". */
export function describeActivity(activity: WeekActivity, unit: Unit, timeZone: string): string {
  const day = formatDate(localDate(new Date(activity.startedAt), timeZone));
  const minutes = formatMinutes(activity.movingMinutes);
  const distance =
    activity.distanceKm > 0
      ? formatAmount(activityAmount(activity, unit === 'mi' ? 'mi' : 'km'), unit === 'mi' ? 'mi' : 'km')
      : '';
  if (activity.sport === 'run') {
    if (unit === 'min') return `${day} ${minutes} run${distance ? ` (${distance})` : ''}`;
    return distance ? `${day} ${distance} in ${minutes}` : `${day} ${minutes} run`;
  }
  const kind = KIND_NAMES[activity.activity ?? (activity.sport === 'walk' ? 'walk' : 'other')];
  return `${day} ${kind} ${minutes}${distance && unit !== 'min' ? ` (${distance})` : ''}`;
}

/** The file's name as the sender gave it, shortened and without control characters; "a file" when it has none. */
function fileName(name: string): string {
  // Control and format characters (bidi overrides, zero-width spaces) could make a name read as another.
  const clean = [...name.replace(/[\p{Cc}\p{Cf}]/gu, '').trim()];
  if (clean.length === 0) return 'a file without a name';
  return `"${clean.length > 60 ? `${clean.slice(0, 57).join('')}…` : clean.join('')}"`;
}
