// The watch files of a reply: each activity goes to the week it was done in (the week the reply answers, an
// earlier planned week, or nowhere), once, and the files' amounts replace what the words said of them.
import type { CrossTrainingKind, WeekActivity, WeekRecord, WeekReport } from '#domain/types';
import { activitiesByWeek, amountsFromActivities, mergeActivities, toWeekActivity } from '#domain/week-files';
import type { FilesOutcome } from './files-wording';
import type { InboundDeps, ReadFile } from './inbound-mail';

/** The most other weeks one message's files are looked up for; activities of any further week are not counted. */
export const MAX_OTHER_WEEKS = 8;

/** The files' activities on their weeks, in the subscriber's zone: the answered week's apart. */
export function placeFiles(
  files: ReadFile[],
  timeZone: string,
  answeredWeek: string,
): { answered: WeekActivity[]; others: Map<string, WeekActivity[]> } {
  const weeks = activitiesByWeek(
    files.flatMap((f) => f.activities.map(toWeekActivity)),
    timeZone,
  );
  const answered = weeks.get(answeredWeek) ?? [];
  weeks.delete(answeredWeek);
  return { answered, others: weeks };
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

/**
 * Adds activities to the other weeks they belong to when the coach planned them (a week record that was
 * sent), and says what became of each. Weeks without a plan, and any past the newest MAX_OTHER_WEEKS, get
 * nothing: their activities are `ignored`.
 */
export async function saveOtherWeeks(
  deps: Pick<InboundDeps, 'store'>,
  subscriberId: string,
  others: Map<string, WeekActivity[]>,
  now: Date,
): Promise<Omit<FilesOutcome, 'read' | 'answered' | 'skipped'>> {
  const outcome: Omit<FilesOutcome, 'read' | 'answered' | 'skipped'> = {
    otherWeeks: [],
    repeated: [],
    ignored: [],
    overLimit: [],
  };
  for (const [index, [weekStart, activities]] of [...others.entries()]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .entries()) {
    const record = index < MAX_OTHER_WEEKS ? await deps.store.getWeek(subscriberId, weekStart) : undefined;
    if (record?.status !== 'sent') {
      outcome.ignored.push(...activities);
      continue;
    }
    const merged = mergeActivities(record.report?.activities ?? [], activities);
    outcome.repeated.push(...merged.repeated);
    outcome.overLimit.push(...merged.overLimit);
    if (merged.added.length === 0) continue;
    const report: WeekReport = {
      ...(record.report ?? {}),
      activities: merged.activities,
      receivedAt: now.toISOString(),
    };
    applyFileAmounts(report, record.plan.unit);
    await deps.store.saveReport(subscriberId, weekStart, report);
    outcome.otherWeeks.push({ weekNumber: record.plan.weekNumber, added: merged.added });
  }
  return outcome;
}
