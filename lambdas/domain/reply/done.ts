// Finds what was done last week: runs done and missed, how much, the longest run, cross-training instead.
import { type CrossTrainingKind, MAX_WEEKLY_VOLUME, type Unit, type Weekday } from '#domain/types';
import { clauseAt, type Doc, type Sentence } from './clauses';
import { type Amount, findAmounts } from './done-amounts';
import {
  ALL,
  CROSS_TRAINING,
  captures,
  countOf,
  DID,
  DONE_NEGATION,
  firstMatches,
  MISSED,
  NONE,
  NOT_AMOUNT_BEFORE,
  notDone,
  RAN,
  RUN_NOUN,
  RUN_NOUN_NEXT,
  RUNS_COUNT,
  RUNS_OF,
  SKIPPED_DAY,
  SKIPPED_LONG,
  SKIPPED_SHORT,
  TIMES,
  TIMES_WORD,
  TOTAL,
  timesWordValue,
  UNIT_NAME,
  WEEK,
  WEEKDAY_OF,
} from './done-words';
import { isNegated } from './negation';
import { inRunLimit } from './run-limit';

export { CROSS_TRAINING_KINDS, type CrossTrainingKind } from '#domain/types';

/** A run they say they skipped: the long one, the short ones, or the run of a weekday. */
export type SkippedRun = 'long' | 'short' | Weekday;

/**
 * What the reply says was run last week, each part only when said. Amounts are in `unit`, the unit they
 * wrote (converted to the plan's unit later, by the use case); a figure whose unit or meaning is unclear is
 * never here: it is in `unclear`.
 */
export interface DoneFinding {
  /** Runs done ("did 2 of 3": 2; "didn't run at all": 0). */
  runs?: number;
  /** Runs planned, as they said it ("2 of 3": 3). */
  of?: number;
  /** "All three", "every run", "as planned": every planned run was done (the count is the plan's). */
  all?: boolean;
  /** The week's total. */
  volume?: number;
  /** The unit of `volume` and `longestRun`. */
  unit?: Unit;
  /** The longest single run. */
  longestRun?: number;
  skipped?: SkippedRun[];
  /** "Didn't run at all", "no runs": nothing was run. */
  none?: boolean;
}

/** Cross-training done ("biked 40 min instead"); never counted as running. */
export interface CrossTrainingDone {
  activity: CrossTrainingKind;
  minutes?: number;
}

/** A figure that could not be placed: asked about in the acknowledgment, never guessed. */
export interface UnclearFigure {
  /** The figure as written, normalized ("28", "3 x 30"). */
  text: string;
  /** `unit`: no unit, or none we know; `run-or-week`: one run or the whole week? */
  why: 'unit' | 'run-or-week';
}

export interface DoneReading {
  done: DoneFinding | null;
  crossTraining: CrossTrainingDone[];
  unclear: UnclearFigure[];
}

/** More runs than this in a week is not a count of runs ("did 20 of 30" is something else). */
const MAX_RUNS = 14;

interface Span {
  sentence: number;
  start: number;
  end: number;
}

interface Activity extends Span {
  kind: CrossTrainingKind;
}

/**
 * Reads what was done last week, in any language of ./lexicons. The rules, so nothing is guessed:
 *
 * - Counts: "2 of 3" needs a run noun after it or a verb of running or doing before it in its clause (and
 *   "of 10" needs the run noun: "2 out of 10" is a pain scale); "ran twice" needs a run verb in its clause;
 *   "3 runs" is not a count when a verb of missing comes before it ("missed 2 runs").
 * - A figure with a unit is placed by the words around it (see ./done-amounts): the week's ("total", "this
 *   week", "30 km/week"), one run's ("long run", "longest", a weekday, "yesterday": the longest run), each
 *   run's ("30 min each"), "3 x 30 min" (3 runs, 90 in all, 30 the longest). When no word places it, the
 *   counts do: one run said makes it that run, more than one makes it the week; else it is asked about
 *   (`run-or-week`). Minutes need running in their clause ("iced it for 20 min" is not a run).
 * - A figure without a unit right after a verb of running or doing, ending its clause or followed only by a
 *   word placing it in the week ("ran 28 this week"), or followed only by that verb ("28 gelaufen"), is asked
 *   about (`unit`), never given one.
 * - Volume takes the first week figure; another, different one is asked about. Its unit is the unit; a
 *   longest run in another unit is asked about. A longest run above the volume, or any figure above
 *   MAX_WEEKLY_VOLUME, is asked about, not kept.
 * - Whatever is denied ("didn't skip the long run"), planned ("the plan said 30 km") or still to come
 *   ("next week I'll do 30 km") is not read. Pain scores, dates, clock times, paces and heart rates carry no
 *   unit of ours and are never amounts.
 * - A skipped run contradicts "all": then "all" (and the count it gave) is dropped. "None" gives way to any
 *   run, amount or "all" said beside it, and to a weekday's run skipped ("nicht gelaufen" on one day).
 * - Cross-training is read with its minutes when its clause says them, and its figures never count as running.
 */
export function readDone(doc: Doc): DoneReading {
  const activities = readActivities(doc);
  const counts = readCounts(doc, activities);
  const { amounts, spans } = findAmounts(doc);
  const crossTraining: CrossTrainingDone[] = [];
  const running: Amount[] = [];
  for (const amount of amounts) {
    const activity = activityOf(doc, activities, amount);
    if (activity === undefined) {
      if (amount.unit !== 'min' || amount.running) running.push(amount);
      continue;
    }
    const entry = crossTraining.find((c) => c.activity === activity.kind);
    if (entry === undefined) {
      crossTraining.push({
        activity: activity.kind,
        ...(amount.unit === 'min' ? { minutes: amount.value } : {}),
      });
    } else if (entry.minutes === undefined && amount.unit === 'min') entry.minutes = amount.value;
  }
  for (const activity of activities) {
    if (!crossTraining.some((c) => c.activity === activity.kind))
      crossTraining.push({ activity: activity.kind });
  }
  crossTraining.sort((a, b) => firstAt(activities, a.activity) - firstAt(activities, b.activity));

  const unclear: UnclearFigure[] = [];
  const addUnclear = (text: string, why: UnclearFigure['why']) => {
    if (!unclear.some((u) => u.text === text)) unclear.push({ text, why });
  };
  let runs = counts.runs;
  const figures = placeAmounts(running, runs, addUnclear);
  if (runs === undefined && figures.times !== undefined) runs = figures.times;
  for (const text of bareFigures(doc, [...spans, ...counts.spans], activities)) addUnclear(text, 'unit');

  const done: DoneFinding = {};
  if (runs !== undefined && runs > 0) done.runs = runs;
  if (counts.of !== undefined) done.of = counts.of;
  if (counts.all) done.all = true;
  if (figures.volume !== undefined) done.volume = figures.volume;
  if (figures.longestRun !== undefined) done.longestRun = figures.longestRun;
  if (figures.unit !== undefined && (figures.volume !== undefined || figures.longestRun !== undefined)) {
    done.unit = figures.unit;
  }
  if (counts.skipped.length > 0) done.skipped = counts.skipped;
  const somethingRun =
    done.runs !== undefined ||
    done.all === true ||
    done.volume !== undefined ||
    done.longestRun !== undefined;
  // "Am Mittwoch nicht gelaufen" denies one day's run, not the week's: the weekday skipped says more.
  const dayMissed = counts.skipped.some((run) => run !== 'long' && run !== 'short');
  if (counts.none && !somethingRun && !dayMissed) {
    done.runs = 0;
    done.none = true;
  }
  return { done: Object.keys(done).length === 0 ? null : done, crossTraining, unclear };
}

function firstAt(activities: readonly Activity[], kind: CrossTrainingKind): number {
  const at = activities.findIndex((a) => a.kind === kind);
  return at < 0 ? Number.MAX_SAFE_INTEGER : at;
}

function clauseOf(sentence: Sentence, position: number): { start: number; end: number; text: string } {
  const clause = sentence.clauses[clauseAt(sentence, position)];
  const start = clause?.start ?? 0;
  const end = clause?.end ?? sentence.text.length;
  return { start, end, text: sentence.text.slice(start, end) };
}

/** Not denied, not only planned, not still to come (nor a limit on the week ahead): something they say they did. */
function stated(doc: Doc, index: number, start: number, end: number): boolean {
  const sentence = doc.sentences[index];
  if (sentence === undefined) return false;
  return (
    !notDone(sentence, start) &&
    !inRunLimit(doc, index, start) &&
    !isNegated(doc, index, start, end, DONE_NEGATION)
  );
}

/** Where a pattern matches in [from, to) of a text, outside the given spans (first matches only). */
function runVerbIn(text: string, from: number, to: number, outside: readonly Span[]): number[] {
  const out: number[] = [];
  for (const pattern of [RAN, RUN_NOUN]) {
    for (const m of firstMatches(text.slice(from, to), pattern)) {
      const at = from + (m.index ?? 0);
      if (!outside.some((s) => s.start <= at && at < s.end)) out.push(at);
    }
  }
  return out;
}

function readActivities(doc: Doc): Activity[] {
  const found: Activity[] = [];
  doc.sentences.forEach((sentence, index) => {
    const inSentence: Activity[] = [];
    for (const { kind, pattern } of CROSS_TRAINING) {
      for (const m of firstMatches(sentence.text, pattern)) {
        const start = m.index ?? 0;
        const end = start + m[0].length;
        if (stated(doc, index, start, end)) inSentence.push({ kind, sentence: index, start, end });
      }
    }
    // "Pool running" is not a swim: of two overlapping matches the longer stands.
    inSentence.sort((a, b) => b.end - b.start - (a.end - a.start));
    const kept: Activity[] = [];
    for (const a of inSentence) if (!kept.some((k) => a.start < k.end && k.start < a.end)) kept.push(a);
    found.push(...kept.sort((a, b) => a.start - b.start));
  });
  return found;
}

/** The cross-training an amount belongs to: one in its clause nearer to it than any word of running. */
function activityOf(doc: Doc, activities: readonly Activity[], amount: Amount): Activity | undefined {
  const sentence = doc.sentences[amount.sentence];
  if (sentence === undefined) return undefined;
  const clause = clauseOf(sentence, amount.start);
  const inSentence = activities.filter((a) => a.sentence === amount.sentence);
  const near = inSentence.filter((a) => a.start >= clause.start && a.start < clause.end);
  if (near.length === 0) return undefined;
  const distance = (at: number) => (at >= amount.end ? at - amount.end : amount.start - at);
  const nearest = near.sort((a, b) => distance(a.start) - distance(b.start))[0];
  if (nearest === undefined) return undefined;
  const running = runVerbIn(sentence.text, clause.start, clause.end, inSentence).filter(
    (at) => at < amount.start || at >= amount.end,
  );
  return running.some((at) => distance(at) < distance(nearest.start)) ? undefined : nearest;
}

interface Counts {
  runs?: number;
  of?: number;
  all: boolean;
  none: boolean;
  skipped: SkippedRun[];
  /** Where the counts stand: their figures are no bare figures. */
  spans: Span[];
}

const UNIT_NEXT = new RegExp(`^ ?(?:${UNIT_NAME})(?![a-z])`);

function readCounts(doc: Doc, activities: readonly Activity[]): Counts {
  let runsOf: { runs: number; of: number } | undefined;
  let allCount: number | undefined;
  let count: number | undefined;
  let all = false;
  let none = false;
  const said: { run: SkippedRun; at: number }[] = [];
  const spans: Span[] = [];
  // In the order they were written, each once.
  const skip = (run: SkippedRun, index: number, m: RegExpExecArray) => {
    said.push({ run, at: (doc.offsets[index] ?? 0) + m.index });
  };

  doc.sentences.forEach((sentence, index) => {
    const text = sentence.text;
    const crossHere = activities.filter((a) => a.sentence === index);
    const accept = (m: RegExpMatchArray) => {
      const start = m.index ?? 0;
      return { start, end: start + m[0].length, ok: stated(doc, index, start, start + m[0].length) };
    };
    const verbBefore = (start: number) => {
      const clause = clauseOf(sentence, start);
      const before = text.slice(clause.start, start);
      return RAN_TEST.test(before) || DID_TEST.test(before);
    };
    const ranInClause = (start: number, end: number) => {
      const clause = clauseOf(sentence, start);
      return runVerbIn(text, clause.start, clause.end, crossHere).some((at) => at < start || at >= end);
    };

    for (const m of firstMatches(text, RUNS_OF)) {
      const { start, end, ok } = accept(m);
      const [n, of] = captures(m).map(countOf);
      if (!ok || n === undefined || of === undefined || of < 1 || of > MAX_RUNS || n > of) continue;
      const after = text.slice(end, end + 40);
      const noun = RUN_NOUN_TEST.test(m[0]) || RUN_NOUN_NEXT.test(after);
      if (UNIT_NEXT.test(after) || (!noun && (of === 10 || !verbBefore(start)))) continue;
      spans.push({ sentence: index, start, end });
      runsOf ??= { runs: n, of };
    }
    const inRunsOf = (start: number, end: number) =>
      spans.some((s) => s.sentence === index && start < s.end && s.start < end);
    for (const m of firstMatches(text, ALL)) {
      const { start, end, ok } = accept(m);
      // "2 de las 3 salidas": "las 3 salidas" is the plan the count is of, not all of it done.
      if (!ok || inRunsOf(start, end)) continue;
      const said = captures(m)[0];
      if (said !== undefined) {
        const n = countOf(said);
        if (UNIT_NEXT.test(text.slice(end, end + 12)) || n < 1 || n > MAX_RUNS) continue;
        allCount ??= n;
      }
      spans.push({ sentence: index, start, end });
      all = true;
    }
    for (const m of firstMatches(text, NONE)) {
      if (accept(m).ok) none = true;
    }
    for (const m of [...firstMatches(text, TIMES), ...firstMatches(text, TIMES_WORD)]) {
      const { start, end, ok } = accept(m);
      const said = captures(m)[0];
      const n = said === undefined ? timesWordValue(m[0]) : countOf(said);
      if (!ok || n === undefined || n > MAX_RUNS || !ranInClause(start, end)) continue;
      if (/^ ?\d/.test(text.slice(end, end + 3))) continue; // "3 x 30 min" is read as an amount
      spans.push({ sentence: index, start, end });
      count ??= n;
    }
    for (const m of firstMatches(text, RUNS_COUNT)) {
      const { start, end, ok } = accept(m);
      const n = countOf(captures(m)[0] ?? '');
      const clause = clauseOf(sentence, start);
      if (!ok || n > MAX_RUNS || MISSED_TEST.test(text.slice(clause.start, start))) continue;
      if (NOT_AMOUNT_BEFORE.test(text.slice(clause.start, start))) continue;
      if (crossHere.some((a) => a.start >= clause.start && a.start < clause.end)) continue;
      spans.push({ sentence: index, start, end });
      if (n === 0) none = true;
      else count ??= n;
    }
    for (const [pattern, run] of [
      [SKIPPED_LONG, 'long'],
      [SKIPPED_SHORT, 'short'],
    ] as const) {
      for (const m of firstMatches(text, pattern)) if (accept(m).ok) skip(run, index, m);
    }
    for (const m of firstMatches(text, SKIPPED_DAY)) {
      const day = WEEKDAY_OF.get(captures(m)[0] ?? '');
      if (day !== undefined && accept(m).ok) skip(day, index, m);
    }
  });

  const skipped = [...new Set(said.sort((a, b) => a.at - b.at).map((s) => s.run))];
  // A skipped run contradicts "all": "did all runs except the long one" is not all.
  if (skipped.length > 0) {
    all = false;
    allCount = undefined;
  }
  const runs = runsOf?.runs ?? allCount ?? count;
  return {
    ...(runs === undefined ? {} : { runs }),
    ...(runsOf === undefined ? {} : { of: runsOf.of }),
    all,
    none,
    skipped,
    spans,
  };
}

const RAN_TEST = new RegExp(RAN.source);
const DID_TEST = new RegExp(DID.source);
const RUN_NOUN_TEST = new RegExp(RUN_NOUN.source);
const MISSED_TEST = new RegExp(MISSED.source);

interface Figure {
  value: number;
  unit: Unit;
  text: string;
}

interface Placed {
  volume?: number;
  longestRun?: number;
  unit?: Unit;
  /** "3 x 30 min": the count it gives, when nothing else counts the runs. */
  times?: number;
}

/** Volume, longest run and their unit from the amounts, as the rules in readDone's comment say. */
function placeAmounts(
  amounts: readonly Amount[],
  runs: number | undefined,
  addUnclear: (text: string, why: UnclearFigure['why']) => void,
): Placed {
  const weeks: Figure[] = [];
  const longest: Figure[] = [];
  let times: number | undefined;
  for (const a of amounts) {
    const figure = { value: a.value, unit: a.unit, text: a.text };
    if (a.times !== undefined) {
      if (a.times < 1 || a.times > MAX_RUNS) continue;
      times ??= a.times;
      weeks.push({ ...figure, value: a.times * a.value });
      longest.push(figure);
      continue;
    }
    const known = runs ?? times;
    const placement =
      a.placement ?? (known === 1 ? 'one-run' : known !== undefined && known > 1 ? 'total' : undefined);
    if (placement === 'total' || placement === 'week') weeks.push(figure);
    else if (placement === 'one-run' || placement === 'when') longest.push(figure);
    else if (placement === 'each') {
      if (known !== undefined && known >= 1) weeks.push({ ...figure, value: known * a.value });
      longest.push(figure);
    } else addUnclear(a.text, 'run-or-week');
  }

  const plausible = (f: Figure) => {
    if (f.value <= MAX_WEEKLY_VOLUME[f.unit]) return true;
    addUnclear(f.text, 'unit');
    return false;
  };
  let volume: Figure | undefined;
  for (const f of weeks.filter(plausible)) {
    if (volume === undefined) volume = f;
    else if (f.value !== volume.value || f.unit !== volume.unit) addUnclear(f.text, 'run-or-week');
  }
  const runsKept = longest.filter(plausible);
  const unit = volume?.unit ?? runsKept[0]?.unit;
  let top: Figure | undefined;
  for (const f of runsKept) {
    if (f.unit !== unit) addUnclear(f.text, 'unit');
    else if (top === undefined || f.value > top.value) top = f;
  }
  if (top !== undefined && volume !== undefined && top.value > volume.value) {
    addUnclear(top.text, 'run-or-week');
    top = undefined;
  }
  return {
    ...(volume === undefined ? {} : { volume: round(volume.value) }),
    ...(top === undefined ? {} : { longestRun: round(top.value) }),
    ...(unit === undefined ? {} : { unit }),
    ...(times === undefined ? {} : { times }),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

const BARE = /(?<![\d.,:/x×#])\b(\d{1,4}(?:[.,]\d{1,2})?)\b(?![.,:/]\d|\s?[/x×%'])/g;
const PLACED_AFTER = new RegExp(`^(?:$|(?:ish|or so)\\b|${TOTAL.source}|${WEEK.source})`);
const VERB_LAST = new RegExp(`^(?:${RAN.source}|${DID.source})[\\s!?.…]*$`);

/**
 * Figures without a unit that say how much was run ("ran 28 this week", "did 28."): right after a verb of
 * running or doing in their clause, and nothing after them in it but a word placing them in the week.
 */
function bareFigures(doc: Doc, taken: readonly Span[], activities: readonly Activity[]): string[] {
  const out: string[] = [];
  doc.sentences.forEach((sentence, index) => {
    const text = sentence.text;
    if (!/\d/.test(text)) return;
    for (const m of firstMatches(text, BARE)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (taken.some((s) => s.sentence === index && start < s.end && s.start < end)) continue;
      const clause = clauseOf(sentence, start);
      const before = text.slice(clause.start, start);
      const rest = text.slice(end, clause.end).replace(/^[\s!?.…]+/, '');
      // "did 2 out of 10", "did 20 of 30": only the first figure after the verb can be the amount.
      if (NOT_AMOUNT_BEFORE.test(before) || /\d/.test(before)) continue;
      // "ran 28 this week"; and with the verb last, as German and Dutch put it: "diese Woche 28 gelaufen".
      const verbFirst = PLACED_AFTER.test(rest) && (RAN_TEST.test(before) || DID_TEST.test(before));
      if (!verbFirst && !VERB_LAST.test(rest)) continue;
      if (activities.some((a) => a.sentence === index && a.start >= clause.start && a.start < clause.end))
        continue;
      const value = Number.parseFloat((m[1] ?? '').replace(',', '.'));
      if (!(value > 0 && value <= MAX_WEEKLY_VOLUME.min) || !stated(doc, index, start, end)) continue;
      out.push(m[1] ?? '');
    }
  });
  return out;
}
