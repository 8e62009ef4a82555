// Finds a limit on how many days they can run the coming week ("busy week, only 2 days", "can only run twice
// next week"), kept apart from what was run last week ("only did 2 runs").
import { clauseAt, type Doc, MATCHES_PER_SENTENCE, type Sentence } from './clauses';
import { LEXICONS } from './lexicons';
import { gather, longestFirst, phrases } from './lexicons/compile';
import { NUMBER_WORDS } from './numbers';

/** The most days a week has: a limit of seven is no limit, and more is no count of days. */
const MAX_DAYS = 7;

const TIMES_WORDS = new Map<string, number>(LEXICONS.flatMap((l) => Object.entries(l.done.timesWords)));
const ONE_WORDS = new Set(gather((l) => l.numbers.one));
/** A count as written: digits, a number word, or "a"/"one" ("only a day"). */
const COUNT = `(\\d{1,2}|${longestFirst([...NUMBER_WORDS.keys(), ...ONE_WORDS]).join('|')})`;
const TIMES = `(${longestFirst([...TIMES_WORDS.keys()]).join('|')})`;

function templates(patterns: readonly string[]): RegExp {
  const filled = patterns.map((p) => p.replaceAll('{n}', COUNT).replaceAll('{times}', TIMES));
  return new RegExp(`\\b(?:${filled.map((p) => `(?:${p})`).join('|')})`, 'g');
}

const LIMIT = templates(gather((l) => l.runLimit.limit));
const COUNT_ONLY = templates(gather((l) => l.runLimit.count));
const BUSY = phrases(
  gather((l) => l.runLimit.busy),
  '',
);
const PAST_WORDS = gather((l) => [...l.runLimit.past, ...l.runLimit.thisWeek]);
const PAST = phrases(PAST_WORDS);
const PAST_TEST = phrases(PAST_WORDS, '');
const AHEAD = phrases(gather((l) => l.away.nextWeek));
const AHEAD_TEST = phrases(
  gather((l) => l.away.nextWeek),
  '',
);
const DAY_NOUN = phrases(
  gather((l) => l.durations.day),
  '',
);

export interface Span {
  sentence: number;
  start: number;
  end: number;
}

export interface RunLimit {
  /** The most days they can run the coming week (1 to 6); null when the reply names no limit. */
  days: number | null;
  /** The clauses the limits were read in: what they say is ahead, never what was done. */
  spans: Span[];
}

const CACHE = new WeakMap<Doc, RunLimit>();

/**
 * The limit a reply puts on the coming week's running, in any language of ./lexicons. So that nothing is
 * invented, and "only did 2 runs" stays what was done:
 *
 * - A `limit` phrase says its own ability or future ("can only run twice", "only have 2 days", "kann nur
 *   zweimal"); a bare `count` ("only 2 days", "at most 2 runs") is a limit only when its sentence (or the
 *   one before, unless that one speaks of the past) names the week ahead ("next week", "this coming week"),
 *   or, for a count of days, a busy week ("busy week, only 2 days").
 * - Nothing in the past is a limit: a past word ("did", "ran", "was", "last week", "this week") in the
 *   count's clause, or earlier in its sentence with no word for the week ahead after it, makes it what was
 *   done (read by ./done.ts, if at all).
 * - The smallest of the limits read counts; seven or more is no limit.
 */
export function readRunLimit(doc: Doc): RunLimit {
  const cached = CACHE.get(doc);
  if (cached) return cached;
  let days: number | null = null;
  const spans: Span[] = [];
  doc.sentences.forEach((sentence, index) => {
    if (!/\d|[a-z]{3}/.test(sentence.text)) return;
    // "Busy week ahead. Only 2 days.": the sentence before may say it, unless it speaks of the past.
    const previous = doc.sentences[index - 1]?.text ?? '';
    const cueBefore = previous !== '' && !PAST_TEST.test(previous);
    const busy = BUSY.test(sentence.text) || (cueBefore && BUSY.test(previous));
    const ahead = AHEAD_TEST.test(sentence.text) || (cueBefore && AHEAD_TEST.test(previous));
    for (const [pattern, bare] of [
      [LIMIT, false],
      [COUNT_ONLY, true],
    ] as const) {
      let seen = 0;
      for (const match of sentence.text.matchAll(pattern)) {
        if (++seen > MATCHES_PER_SENTENCE) break;
        const start = match.index;
        const end = start + match[0].length;
        if (spans.some((s) => s.sentence === index && start < s.end && s.start < end)) continue;
        const value = limitValue(match);
        if (value === undefined || value < 1 || value > MAX_DAYS) continue;
        if (bare && !ahead && !(busy && DAY_NOUN.test(match[0]))) continue;
        if (inPast(sentence, start, end)) continue;
        const clause = sentence.clauses[clauseAt(sentence, start)];
        spans.push({
          sentence: index,
          start: clause?.start ?? start,
          end: Math.max(clause?.end ?? end, end),
        });
        if (value < MAX_DAYS) days = Math.min(days ?? MAX_DAYS, value);
      }
    }
  });
  const found = { days, spans };
  CACHE.set(doc, found);
  return found;
}

/** Whether a position lies in a clause a run limit was read in. */
export function inRunLimit(doc: Doc, sentence: number, position: number): boolean {
  return readRunLimit(doc).spans.some(
    (s) => s.sentence === sentence && s.start <= position && position < s.end,
  );
}

function limitValue(match: RegExpMatchArray): number | undefined {
  const said = match.slice(1).find((group) => group !== undefined);
  if (said === undefined) return undefined;
  const times = TIMES_WORDS.get(said);
  if (times !== undefined) return times;
  if (ONE_WORDS.has(said)) return 1;
  const value = NUMBER_WORDS.get(said) ?? Number.parseInt(said, 10);
  return Number.isInteger(value) ? value : undefined;
}

/** All matches of a global pattern in a text, as [start, end] (the first few only). */
function spansOf(pattern: RegExp, text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(pattern)) {
    out.push([m.index, m.index + m[0].length]);
    if (out.length >= MATCHES_PER_SENTENCE) break;
  }
  return out;
}

/**
 * A past word in the clause of [start, end) (outside the match itself), or earlier in the sentence with no
 * word for the week ahead between it and the match: what was done, not what is to come.
 */
function inPast(sentence: Sentence, start: number, end: number): boolean {
  const clause = sentence.clauses[clauseAt(sentence, start)];
  const clauseStart = clause?.start ?? 0;
  const clauseEnd = Math.max(clause?.end ?? sentence.text.length, end);
  const past = spansOf(PAST, sentence.text).filter(([a, b]) => b <= start || a >= end);
  if (past.some(([a]) => a >= clauseStart && a < clauseEnd)) return true;
  const before = past.filter(([a]) => a < clauseStart);
  if (before.length === 0) return false;
  const lastPast = Math.max(...before.map(([, b]) => b));
  return !spansOf(AHEAD, sentence.text).some(([a]) => a >= lastPast && a < clauseEnd);
}
