// Finds the amounts a reply names (a figure with a unit: "28 km", "1h20", "3 x 30 min") and what each one is of.
import type { Unit } from '#domain/types';
import type { Doc, Sentence } from './clauses';
import {
  DONE_NEGATION,
  EACH,
  FIGURE,
  firstMatches,
  HALF_HOUR,
  HOUR_NAME,
  MINUTE_NAME,
  NOT_AMOUNT_BEFORE,
  notDone,
  ONE_HOUR,
  ONE_RUN,
  RAN,
  RUN_NOUN,
  SCALED_UNITS,
  TOTAL,
  UNIT_NAME,
  UNIT_OF,
  WEEK,
  WEEK_NOUN,
  WHEN,
} from './done-words';
import { isNegated } from './negation';
import { NUMBER_WORDS } from './numbers';
import { inRunLimit } from './run-limit';

/**
 * What a figure is of, by the words around it. `total` and `week` place it in the week ("32 km total",
 * "28 km this week"); `one-run` and `when` on one run ("long run 12 km", "5 miles on Saturday"); `each` on
 * every run ("30 min each"). The plain words (`total`, `one-run`, `each`) outweigh the ones that only hint
 * (`week`, `when`: "my long run this week was 12 km" is one run).
 */
export type Placement = 'total' | 'week' | 'one-run' | 'when' | 'each';

export interface Amount {
  sentence: number;
  start: number;
  end: number;
  value: number;
  unit: Unit;
  /** The figure as written, normalized ("28 km", "3 x 30 min"). */
  text: string;
  /** "3 x 30 min": the count of runs (3), `value` being each one's (30). */
  times?: number;
  /** What the words around it say it is of; undefined when they say nothing. */
  placement?: Placement;
  /** Whether its clause speaks of running or places it (a minutes figure needs it: "iced it for 20 min"). */
  running: boolean;
}

const DIGITS = '(\\d{1,4}(?:[.,]\\d{1,2})?)';
const NOT_AFTER_DIGIT = '(?<![\\d.,:/])';
const TIMES_AMOUNT = new RegExp(
  `${NOT_AFTER_DIGIT}(\\d{1,2}) ?[x×*] ?${DIGITS} ?(?:(${HOUR_NAME})|(${UNIT_NAME}))(?![a-z])`,
  'g',
);
// "1h20", "1 h 20 min", "2 hours and 15 minutes", "1,5 Stunden": a short word may join the minutes ("and", "und").
const HOURS = new RegExp(
  `${NOT_AFTER_DIGIT}${FIGURE} ?(?:${HOUR_NAME})(?![a-z])(?:(\\d{2})(?![\\d.,:])|\\s?(?:[a-z]{1,3}\\s)?(\\d{1,2}) ?(?:${MINUTE_NAME})(?![a-z]))?`,
  'g',
);
const CLOCK = /^\d{1,2} ?[a-z](?![a-z])/;
const HOURS_COLON = new RegExp(`${NOT_AFTER_DIGIT}(\\d{1,2}):(\\d{2}) ?(?:${HOUR_NAME})(?![a-z])`, 'g');
const PLAIN = new RegExp(`${NOT_AFTER_DIGIT}${FIGURE} ?(${UNIT_NAME})(?![a-z])`, 'g');
/** A range ("8-10 km") reads as its lower end: at least that much was said, never more. */
const RANGE_BEFORE = /(\d{1,4}(?:[.,]\d{1,2})?) ?- ?$/;
const PER_AFTER = /^\s?(?:\/|p(?:er|ro|ar|or)\b)\s?/;
const RAN_IN = new RegExp(RAN.source);
const RUN_NOUN_IN = new RegExp(RUN_NOUN.source);
/** How far after a figure a word placing it still belongs to it ("12 km total", "5 miles on Saturday"). */
const AFTER_REACH = 15;

function figureValue(text: string): number {
  const trimmed = text.trim();
  return NUMBER_WORDS.get(trimmed) ?? Number.parseFloat(trimmed.replace(',', '.'));
}

function unitOf(name: string): Unit | undefined {
  return UNIT_OF.find((u) => u.test.test(name))?.unit;
}

interface Found {
  start: number;
  end: number;
  value: number;
  unit: Unit;
  times?: number;
}

function overlaps(found: readonly Found[], start: number, end: number): boolean {
  return found.some((f) => start < f.end && f.start < end);
}

/** The figures with a unit in one sentence, in reading order, before any is weighed. */
function figuresIn(text: string): Found[] {
  const found: Found[] = [];
  const add = (start: number, end: number, value: number, unit: Unit | undefined, times?: number) => {
    if (unit === undefined || !Number.isFinite(value) || value <= 0 || overlaps(found, start, end)) return;
    found.push({ start, end, value, unit, ...(times === undefined ? {} : { times }) });
  };
  for (const m of firstMatches(text, TIMES_AMOUNT)) {
    const each = figureValue(m[2] ?? '');
    const hours = m[3] !== undefined;
    add(
      m.index ?? 0,
      (m.index ?? 0) + m[0].length,
      hours ? each * 60 : each,
      hours ? 'min' : unitOf(m[4] ?? ''),
      figureValue(m[1] ?? ''),
    );
  }
  for (const m of firstMatches(text, HOURS_COLON)) {
    add(
      m.index ?? 0,
      (m.index ?? 0) + m[0].length,
      figureValue(m[1] ?? '') * 60 + figureValue(m[2] ?? ''),
      'min',
    );
  }
  for (const m of firstMatches(text, HOURS)) {
    const minutes = m[2] ?? m[3];
    // "à 18h", "om 7u30": a letter after a figure of five or more is a clock time, not how long.
    if (CLOCK.test(m[0]) && figureValue(m[1] ?? '') >= 5) continue;
    const value = figureValue(m[1] ?? '') * 60 + (minutes === undefined ? 0 : figureValue(minutes));
    add(m.index ?? 0, (m.index ?? 0) + m[0].length, value, 'min');
  }
  // "3 mil" (30 km), in a Swedish sentence only: elsewhere "mil" is no unit ("5 mil metros").
  for (const scaled of SCALED_UNITS) {
    if (!scaled.own.test(text)) continue;
    for (const m of firstMatches(text, scaled.figure)) {
      add(m.index ?? 0, (m.index ?? 0) + m[0].length, figureValue(m[1] ?? '') * scaled.factor, scaled.unit);
    }
    for (const { pattern, value } of scaled.inWords) {
      for (const m of firstMatches(text, pattern)) {
        add(m.index ?? 0, (m.index ?? 0) + m[0].length, value * scaled.factor, scaled.unit);
      }
    }
  }
  for (const m of firstMatches(text, HALF_HOUR)) add(m.index ?? 0, (m.index ?? 0) + m[0].length, 30, 'min');
  for (const m of firstMatches(text, ONE_HOUR)) add(m.index ?? 0, (m.index ?? 0) + m[0].length, 60, 'min');
  for (const m of firstMatches(text, PLAIN)) {
    const start = m.index ?? 0;
    const range = RANGE_BEFORE.exec(text.slice(Math.max(0, start - 12), start));
    const value = range ? figureValue(range[1] ?? '') : figureValue(m[1] ?? '');
    const from = range ? start - range[0].length : start;
    add(from, start + m[0].length, value, unitOf(m[2] ?? ''));
  }
  return found.sort((a, b) => a.start - b.start);
}

interface Marker {
  start: number;
  end: number;
  placement: Placement;
}

const MARKERS: readonly [RegExp, Placement][] = [
  [TOTAL, 'total'],
  [WEEK, 'week'],
  [ONE_RUN, 'one-run'],
  [WHEN, 'when'],
  [EACH, 'each'],
];
const STRONG = new Set<Placement>(['total', 'one-run', 'each']);

function markersIn(text: string): Marker[] {
  const out: Marker[] = [];
  for (const [pattern, placement] of MARKERS) {
    for (const m of firstMatches(text, pattern)) {
      out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, placement });
    }
  }
  return out;
}

/** The strongest marker, and of those the nearest to [start, end). */
function best(markers: readonly Marker[], start: number, end: number): Marker | undefined {
  const distance = (m: Marker) => (m.start >= end ? m.start - end : start - m.end);
  return [...markers].sort(
    (a, b) => Number(STRONG.has(b.placement)) - Number(STRONG.has(a.placement)) || distance(a) - distance(b),
  )[0];
}

/**
 * Where a figure belongs: a placing word right after it ("12 km total", "28 km this week") is its own;
 * else the strongest before it in its clause ("long run this week was 12 km": one run); else the strongest
 * anywhere in the sentence ("Long run on Sunday, 12 km"); else nothing, and the reader weighs the counts.
 */
function placementOf(sentence: Sentence, markers: readonly Marker[], found: Found): Placement | undefined {
  const outside = markers.filter((m) => m.end <= found.start || m.start >= found.end);
  const clause = sentence.clauses.find((c) => c.start <= found.start && found.start < c.end);
  const clauseStart = clause?.start ?? 0;
  const clauseEnd = clause?.end ?? sentence.text.length;
  const after = outside
    .filter((m) => m.start >= found.end && m.start - found.end <= AFTER_REACH && m.start < clauseEnd)
    .sort((a, b) => a.start - b.start)[0];
  if (after) return after.placement;
  const before = best(
    outside.filter((m) => m.end <= found.start && m.start >= clauseStart),
    found.start,
    found.end,
  );
  if (before) return before.placement;
  return best(outside, found.start, found.end)?.placement;
}

export interface Amounts {
  /** The amounts named as done, in reading order. */
  amounts: Amount[];
  /** Where every figure with a unit stands, weighed or not ("6 min/km"): none of them is a bare figure. */
  spans: { sentence: number; start: number; end: number }[];
}

/** Every amount the reply names as done, with what it is of; figures planned, asked about or denied are left out. */
export function findAmounts(doc: Doc): Amounts {
  const amounts: Amount[] = [];
  const spans: Amounts['spans'] = [];
  doc.sentences.forEach((sentence, index) => {
    const text = sentence.text;
    if (!/\d|[a-z]{3}/.test(text)) return;
    const found = figuresIn(text);
    if (found.length === 0) return;
    const markers = markersIn(text);
    for (const f of found) {
      spans.push({ sentence: index, start: f.start, end: f.end });
      const clause = sentence.clauses.find((c) => c.start <= f.start && f.start < c.end);
      const clauseText = clause ? text.slice(clause.start, clause.end) : text;
      const clauseStart = clause?.start ?? 0;
      if (NOT_AMOUNT_BEFORE.test(text.slice(clauseStart, f.start))) continue;
      if (notDone(sentence, f.start) || isNegated(doc, index, f.start, f.end, DONE_NEGATION)) continue;
      if (inRunLimit(doc, index, f.start)) continue;
      let placement = placementOf(sentence, markers, f);
      const per = PER_AFTER.exec(text.slice(f.end, f.end + 8));
      if (per) {
        // "6 min/km" is a pace and "12 km/h" a speed; "30 km/week" is the week.
        if (!WEEK_NOUN.test(text.slice(f.end + per[0].length))) continue;
        placement = 'total';
      }
      const running =
        f.times !== undefined ||
        placement !== undefined ||
        RAN_IN.test(clauseText) ||
        RUN_NOUN_IN.test(clauseText);
      amounts.push({
        sentence: index,
        start: f.start,
        end: f.end,
        value: f.value,
        unit: f.unit,
        text: text.slice(f.start, f.end).trim(),
        ...(f.times === undefined ? {} : { times: f.times }),
        ...(placement === undefined ? {} : { placement }),
        running,
      });
    }
  });
  return { amounts, spans };
}
