// The watch files of a reply: each activity goes to the week it was done in (the week the reply answers, an
// earlier planned week, or nowhere), once, and the files' amounts replace what the words said of them.

import { addWeeks } from '#domain/schedule';
import type { CrossTrainingKind, WeekActivity, WeekRecord, WeekReport } from '#domain/types';
import {
  activitiesByWeek,
  amountsFromActivities,
  FUTURE_SLACK_MS,
  type MergedActivities,
  mergeActivities,
  tooShort,
  toWeekActivity,
} from '#domain/week-files';
import type { FilesOutcome } from './files-wording';
import type { InboundDeps, ReadFile } from './inbound-mail';
import { CONFLICT, retryOnConflict } from './retry-on-conflict';

/** How many weeks back from the answered one files still count (a planned week further back is too old). */
export const MAX_OTHER_WEEKS = 8;

/** The most activities one message may bring; further ones are not counted. */
export const MAX_MESSAGE_ACTIVITIES = 60;

/** The files' activities, sorted out: those to place on weeks (the answered week's apart) and those not counted. */
export interface PlacedFiles {
  answered: WeekActivity[];
  others: Map<string, WeekActivity[]>;
  /** The same activity twice in this message (two formats, or one file attached twice): counted once. */
  twice: WeekActivity[];
  /** Starting after the reply was received (plus FUTURE_SLACK_MS): not counted. */
  future: WeekActivity[];
  tooShort: WeekActivity[];
  overLimit: WeekActivity[];
}

/** The files' activities on their weeks, in the subscriber's zone, each once; what cannot count is set apart. */
export function placeFiles(
  files: ReadFile[],
  timeZone: string,
  answeredWeek: string,
  now: Date,
): PlacedFiles {
  const placed: Omit<PlacedFiles, 'answered' | 'others'> = {
    twice: [],
    future: [],
    tooShort: [],
    overLimit: [],
  };
  const all = files.flatMap((f) => f.activities.map(toWeekActivity));
  const latest = now.getTime() + FUTURE_SLACK_MS;
  const kept = mergeActivities(
    [],
    all.filter((a) => {
      if (Date.parse(a.startedAt) > latest) placed.future.push(a);
      else if (tooShort(a)) placed.tooShort.push(a);
      else return true;
      return false;
    }),
  );
  placed.twice = kept.repeated;
  const counted = kept.activities.slice(0, MAX_MESSAGE_ACTIVITIES);
  placed.overLimit = kept.activities.slice(MAX_MESSAGE_ACTIVITIES).concat(kept.overLimit);
  const weeks = activitiesByWeek(counted, timeZone);
  const answered = weeks.get(answeredWeek) ?? [];
  weeks.delete(answeredWeek);
  return { ...placed, answered, others: weeks };
}

/** One line per file not read: its reason and kind, never its name, the address or any of its content. */
export function logSkippedFiles(
  deps: Pick<InboundDeps, 'log'>,
  subscriberId: string,
  files: ReadFile[],
): void {
  for (const [position, file] of files.entries()) {
    if (file.skipped) {
      deps.log.warn('activity file skipped', {
        subscriberId,
        position,
        kind: file.kind,
        reason: file.skipped,
      });
    }
  }
}

/**
 * Sets the report's amounts from its activities when it has any: the runs done, the volume, the longest run
 * (when the files hold a run) and the cross-training (the files' sports, and what the words named that the
 * files do not have). Pain, changes, illness, days away and requests stay as the words said.
 */
export function applyFileAmounts(report: WeekReport, unit: WeekRecord['plan']['unit']): void {
  const activities = report.activities ?? [];
  if (activities.length === 0) return;
  const amounts = amountsFromActivities(activities, unit);
  if (amounts.done) {
    report.done = amounts.done;
    if (amounts.actualVolume !== undefined) report.actualVolume = amounts.actualVolume;
  }
  if (amounts.crossTraining) {
    const fromFiles = new Set<CrossTrainingKind>(amounts.crossTraining.map((c) => c.activity));
    const fromWords = (report.crossTraining ?? []).filter((c) => !fromFiles.has(c.activity));
    report.crossTraining = [...amounts.crossTraining, ...fromWords];
  }
}

/** What became of the activities of other weeks. */
export type OtherWeeksOutcome = Pick<
  FilesOutcome,
  'otherWeeks' | 'repeated' | 'ignored' | 'tooOld' | 'overLimit'
>;

/**
 * Adds activities to the other weeks they belong to when the coach planned them (a week record that was
 * sent), and says what became of each. A week more than MAX_OTHER_WEEKS before the answered one is too far
 * back; a week without a plan gets nothing: its activities are `ignored`.
 */
export async function saveOtherWeeks(
  deps: Pick<InboundDeps, 'store'>,
  subscriberId: string,
  answeredWeek: string,
  others: Map<string, WeekActivity[]>,
  now: Date,
): Promise<OtherWeeksOutcome> {
  const outcome: OtherWeeksOutcome = { otherWeeks: [], repeated: [], ignored: [], tooOld: [], overLimit: [] };
  const oldest = addWeeks(answeredWeek, -MAX_OTHER_WEEKS);
  for (const [weekStart, activities] of [...others.entries()].sort(([a], [b]) => (a < b ? 1 : -1))) {
    if (weekStart < oldest) {
      outcome.tooOld = outcome.tooOld.concat(activities);
      continue;
    }
    // Saved only over the report it was merged into; a reply about that week landing meanwhile is re-read.
    const saved = await retryOnConflict(
      'other week report',
      async (): Promise<{ record: WeekRecord; merged: MergedActivities } | undefined | typeof CONFLICT> => {
        const record = await deps.store.getWeek(subscriberId, weekStart);
        if (record?.status !== 'sent') return undefined;
        const merged = mergeActivities(record.report?.activities ?? [], activities);
        if (merged.added.length === 0) return { record, merged };
        const report: WeekReport = {
          ...(record.report ?? {}),
          activities: merged.activities,
          receivedAt: now.toISOString(),
        };
        applyFileAmounts(report, record.plan.unit);
        const result = await deps.store.saveReport(
          subscriberId,
          weekStart,
          report,
          record.report?.receivedAt ?? null,
        );
        return result === 'changed' ? CONFLICT : { record, merged };
      },
      3,
    );
    if (!saved) {
      outcome.ignored = outcome.ignored.concat(activities);
      continue;
    }
    const { record, merged } = saved;
    outcome.repeated = outcome.repeated.concat(merged.repeated);
    outcome.overLimit = outcome.overLimit.concat(merged.overLimit);
    if (merged.added.length > 0) {
      outcome.otherWeeks.push({ weekNumber: record.plan.weekNumber, added: merged.added });
    }
  }
  return outcome;
}

/** What the files of one reply did: the answered week's activities (merged by the caller), and the outcome. */
export interface FilesTaken {
  /** The activities of the week the reply answers, to merge into its report. */
  answered: WeekActivity[];
  /** The outcome for the acknowledgment, once the answered week's merge is known. */
  outcomeFor(answered: MergedActivities): FilesOutcome;
}

/**
 * Takes a reply's files: logs the skipped ones, places the activities, and saves the other planned weeks'
 * reports. The answered week's activities are left to the caller, who saves them with the words.
 */
export async function takeFiles(
  deps: Pick<InboundDeps, 'store' | 'log'>,
  subscriberId: string,
  week: WeekRecord,
  files: ReadFile[],
  timeZone: string,
  now: Date,
): Promise<FilesTaken> {
  logSkippedFiles(deps, subscriberId, files);
  const placed = placeFiles(files, timeZone, week.weekStart, now);
  const elsewhere = await saveOtherWeeks(deps, subscriberId, week.weekStart, placed.others, now);
  return {
    answered: placed.answered,
    outcomeFor: (answered) => ({
      read: filesWith(files, answered.added),
      answered: { weekNumber: week.plan.weekNumber, added: answered.added, all: answered.activities },
      otherWeeks: elsewhere.otherWeeks,
      repeated: answered.repeated.concat(elsewhere.repeated),
      twice: placed.twice,
      ignored: elsewhere.ignored,
      tooOld: elsewhere.tooOld,
      future: placed.future,
      tooShort: placed.tooShort,
      overLimit: placed.overLimit.concat(answered.overLimit, elsewhere.overLimit),
      skipped: files.flatMap((f) => (f.skipped ? [{ filename: f.filename, reason: f.skipped }] : [])),
    }),
  };
}

/** How many files brought these activities, each credited to the first file that carried it. */
function filesWith(files: ReadFile[], activities: WeekActivity[]): number {
  const fingerprints = new Set(activities.map((a) => a.fingerprint));
  const credited = new Set<number>();
  for (const fingerprint of fingerprints) {
    const first = files.findIndex((f) => f.activities.some((a) => a.fingerprint === fingerprint));
    if (first >= 0) credited.add(first);
  }
  return credited.size;
}
