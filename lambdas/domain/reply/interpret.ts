// Reads a reply for what the coach acts on: knee pain, settling, changes, commands, red flags, what was done,
// illness and time away. Never invents.
import type { ChangeKind, PainReport, RedFlag } from '#domain/types';
import { isTimeZone, localDate } from '#domain/zoned-time';
import { readAway } from './away';
import { changes, daysRun } from './changes';
import { readDocument } from './clauses';
import { commands, type ReplyCommand } from './commands';
import { type CrossTrainingDone, type DoneFinding, readDone, type UnclearFigure } from './done';
import { type IllnessFinding, readIllness } from './illness';
import { painScore } from './pain';
import { redFlags } from './red-flags';
import { readRunLimit } from './run-limit';
import { settledNextMorning } from './settled';

export type { ReplyCommand } from './commands';
export type { CrossTrainingDone, DoneFinding, SkippedRun, UnclearFigure } from './done';
export type { IllnessFinding } from './illness';

export interface ReplyFindings {
  /** The knee's score and whether it settled by the next morning; null when the reply gives no score. */
  pain: PainReport | null;
  /** Whether the reply said if the pain settled by the next morning (else `pain.settledNextMorning` is our default). */
  settledStated: boolean;
  changes: ChangeKind[];
  commands: ReplyCommand[];
  redFlags: RedFlag[];
  /** The reply kept as written when it gives no score, so a person can read it; null when a score was found. */
  note: string | null;
  /** How many days they said they ran ("ran 4 days"), for comparing with the planned days. */
  daysRun: number | null;
  /** What was run last week, as said; null when the reply says nothing about it. */
  done: DoneFinding | null;
  /** Cross-training done instead of or beside the runs. */
  crossTraining: CrossTrainingDone[];
  /** Ill last week; null when not said. */
  illness: IllnessFinding | null;
  /** Days away ahead, as inclusive local dates (needs `context.today`). */
  away: { from: string; to: string }[];
  /**
   * The most days they can run the coming week ("busy week, only 2 days", "can only run twice next week");
   * null when not said. Never read from what was done ("only did 2 runs" is `done`).
   */
  runDays: number | null;
  /** Figures that could not be placed (which unit? one run or the week?): asked about, not guessed. */
  unclear: UnclearFigure[];
}

export interface ReplyContext {
  /** The local date (YYYY-MM-DD, the subscriber's zone) the reply was written: "next week" counts from it. */
  today?: string | undefined;
  /** The subscriber's IANA zone: an English slashed date ("10/8") is month first in a US zone. */
  timeZone?: string | undefined;
}

/** Beyond this a reply is not something a person typed about one week: the rest is ignored. */
const MAX_READ_CHARS = 50_000;
const NOTE_MAX_CHARS = 1000;

/**
 * Reads a reply's visible text, in any of the languages under ./lexicons (mixed freely). Rule-based and
 * linear: every pattern has bounded gaps, so a huge input costs time in proportion to its (capped) length.
 * Pure: the same text always gives the same findings.
 */
export function interpretReply(text: string, context: ReplyContext = {}): ReplyFindings {
  const source = text.slice(0, MAX_READ_CHARS);
  const doc = readDocument(source);
  const score = painScore(doc);
  const settled = settledNextMorning(doc);
  const pain: PainReport | null =
    score === null ? null : { score, settledNextMorning: settled ?? defaultSettled(score) };
  const trimmed = source.trim();
  const done = readDone(doc);
  return {
    pain,
    settledStated: settled !== null,
    changes: changes(doc),
    commands: commands(doc),
    redFlags: redFlags(doc),
    note: score === null && trimmed !== '' ? trimmed.slice(0, NOTE_MAX_CHARS) : null,
    daysRun: daysRun(doc),
    done: done.done,
    crossTraining: done.crossTraining,
    illness: readIllness(doc),
    away: readAway(doc, context.today, context.timeZone),
    runDays: readRunLimit(doc).days,
    unclear: done.unclear,
  };
}

/**
 * The days away a reply names, counted from `today` (the subscriber's local date), slashed dates read for
 * `timeZone`: `away` of the findings.
 */
export function awayInReply(text: string, today: string, timeZone?: string): { from: string; to: string }[] {
  return readAway(readDocument(text.slice(0, MAX_READ_CHARS)), today, timeZone);
}

/** How far a message's Date header may be from `now` and still be trusted as the day it was written. */
const DATE_TRUST_MS = 8 * 86_400_000;

/**
 * The local day the reply was written: its Date header in the subscriber's zone, unless that is missing or
 * more than a week from `now` (a wrong clock); then `now`. Undefined when there is neither.
 */
export function replyDay(
  date: string | null,
  options: { timeZone?: string; now?: Date },
): string | undefined {
  const zone = options.timeZone !== undefined && isTimeZone(options.timeZone) ? options.timeZone : 'UTC';
  const sent = date === null ? Number.NaN : Date.parse(date);
  const now = options.now?.getTime();
  if (Number.isFinite(sent) && (now === undefined || Math.abs(sent - now) <= DATE_TRUST_MS)) {
    return localDate(sent, zone);
  }
  return now === undefined ? undefined : localDate(now, zone);
}

/**
 * When a score is given but not whether it settled by the next morning. The pain-monitoring model
 * (Thomeé 1997; Silbernagel 2007, see COACHING.md) treats 0–3 as safe and allows 4–5 only when the pain
 * settles by the next morning. So: 3 or less is read as settled (assuming otherwise would back off every
 * unqualified "knee 2/10", and mild pain that lingered is usually mentioned); above 3 is read as not settled,
 * because the condition that makes 4–5 acceptable was not reported, and holding back is the safe side.
 * `settledStated: false` lets the acknowledgement ask.
 */
export function defaultSettled(score: number): boolean {
  return score <= 3;
}
