// Reads the knee's pain score (0 to 10) from a reply: numbers beside pain or knee words, ranges, a lone number.
import { clauseAt, type Doc, type Sentence } from './clauses';
import { gather, tokenTest, words } from './lexicons/compile';
import { isNegated } from './negation';
import { scoreNumber } from './numbers';

const PAIN_WORDS = gather((l) => l.pain.words);
const KNEE_WORDS = gather((l) => l.bodyParts.knee);
/** Any language's pain word ("pain", "Schmerzen", "douleur"): one list, used by every rule that needs one. */
export const PAIN_WORD = words(PAIN_WORDS);
export const KNEE_OR_PAIN_WORD = words([...PAIN_WORDS, ...KNEE_WORDS]);
const PAIN_MENTION = words([...PAIN_WORDS, ...gather((l) => l.pain.free)], 'g');
const isPainFree = tokenTest(gather((l) => l.pain.free));
const isScoreContext = tokenTest([...PAIN_WORDS, ...gather((l) => l.pain.scoreWords)]);
const isKnee = tokenTest(KNEE_WORDS);
const isOtherPart = tokenTest(gather((l) => l.bodyParts.other));

// The score-reading tables below are English tokens around numbers (units, dates, fillers); the words
// of other languages that matter here (pain, body parts, number words) come from the lexicons.
interface Token {
  text: string;
  start: number;
  end: number;
}

type BodyPart = 'knee' | 'other' | null;

interface Candidate {
  value: number;
  part: BodyPart;
  lone: boolean;
}

const TOKEN = /\d+(?:[.,]\d{1,2})?|[a-zà-ÿ]+(?:'[a-z]+)?|\S/g;
const UNIT_AFTER = new Set([
  'k',
  'km',
  'kms',
  'kilometer',
  'kilometers',
  'kilometre',
  'kilometres',
  'mi',
  'mile',
  'miles',
  'm',
  'meter',
  'meters',
  'metre',
  'metres',
  'min',
  'mins',
  'minute',
  'minutes',
  'h',
  'hr',
  'hrs',
  'hour',
  'hours',
  'sec',
  'secs',
  'second',
  'seconds',
  'time',
  'times',
  'x',
  'day',
  'days',
  'week',
  'weeks',
  'wk',
  'wks',
  'month',
  'months',
  'year',
  'years',
  'yr',
  'yrs',
  'run',
  'runs',
  'lap',
  'laps',
  'rep',
  'reps',
  'set',
  'sets',
  'session',
  'sessions',
  'am',
  'pm',
  "o'clock",
  'oclock',
  'percent',
  'kg',
  'kgs',
  'kilo',
  'kilos',
  'lb',
  'lbs',
  'pound',
  'pounds',
  'step',
  'steps',
  'spm',
  'bpm',
  'mph',
  'kph',
  'hill',
  'hills',
  'interval',
  'intervals',
  'sprint',
  'sprints',
  'strides',
  'st',
  'nd',
  'rd',
  'th',
  'more',
  'nights',
  'night',
  'mornings',
  'workouts',
  'workout',
  'people',
  '%',
  'kilometres',
]);
const EXCLUDED_BEFORE = new Set([
  'week',
  'weeks',
  'wk',
  'day',
  'days',
  'run',
  'runs',
  'ran',
  'did',
  'done',
  'mile',
  'miles',
  'km',
  'lap',
  'set',
  'rep',
  'pause',
  'paused',
  'every',
  'number',
  'size',
  'version',
  'gen',
  'step',
  'route',
  'stage',
  'zone',
  'hr',
  'bpm',
  'x',
  'all',
  'for',
  'first',
  'last',
  'next',
  'another',
  'at',
  'by',
  'from',
  'until',
  'till',
  'than',
  'after',
  'before',
  'over',
  'under',
  'within',
  '#',
  '$',
  '£',
  '€',
]);
const FILLERS = new Set([
  'a',
  'about',
  'around',
  'approx',
  'approximately',
  'roughly',
  'maybe',
  'probably',
  'perhaps',
  'like',
  "i'd",
  'i',
  'would',
  'say',
  'guess',
  'ish',
  'only',
  'just',
  '~',
  'pain',
  'score',
  'knee',
  'my',
  'is',
  'was',
  "it's",
  'it',
]);
const CONTEXT_BEFORE = 8;
/** How far back (in tokens) a body part still names what a score is about. */
const PART_LOOKBACK = 15;
const CONTEXT_AFTER = 3;

export function painScore(doc: Doc): number | null {
  const candidates: Candidate[] = [];
  doc.sentences.forEach((sentence) => {
    candidates.push(...sentenceCandidates(sentence));
  });
  const lone = candidates.filter((c) => c.lone);
  // A lone number is only read as the score when it is the only one: inline answers may hold several.
  const usable = candidates.filter((c) => !c.lone || lone.length === 1);
  const knee = usable.filter((c) => c.part === 'knee');
  const general = usable.filter((c) => c.part === null);
  const chosen = knee.length > 0 ? knee : general;
  if (chosen.length > 0) return roundScore(Math.max(...chosen.map((c) => c.value)));
  return zeroScore(doc) ? 0 : null;
}

/** Halves are kept ("3.5/10"); anything finer rounds up to the next half, the cautious side. */
function roundScore(value: number): number {
  return Math.min(10, Math.max(0, Math.ceil(value * 2) / 2));
}

export function tokenize(text: string): Token[] {
  return Array.from(text.matchAll(TOKEN), (m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

function numberValue(token: Token | undefined): number | null {
  return token === undefined ? null : scoreNumber(token.text);
}

function sentenceCandidates(sentence: Sentence): Candidate[] {
  const tokens = tokenize(sentence.text);
  const lone = loneCounter(sentence, tokens);
  const out: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    const value = numberValue(first);
    if (first === undefined || value === null) continue;
    const isDigit = /^\d/.test(first.text);
    // The scale itself ("/10", "out of 10", "0-10") and numbers glued to letters ("5k", "3rd") are not scores.
    const prev = tokens[i - 1];
    if (prev && (prev.text === '/' || prev.text === 'of' || prev.text === 'outta')) {
      if (RANGE_JOINERS.has(tokens[i + 1]?.text ?? '') && numberValue(tokens[i + 2]) !== null) i += 2;
      continue;
    }
    if (prev && RANGE_JOINERS.has(prev.text) && numberValue(tokens[i - 2]) !== null) continue;
    if (prev && prev.end === first.start && /^[a-zà-ÿ]/.test(prev.text)) continue;
    if (prev?.text === ':' && /^\d/.test(tokens[i - 2]?.text ?? '')) continue;

    // A range ("3-4", "3 to 4", "between 3 and 4") reads as its higher end.
    let last = i;
    let top = value;
    const joiner = tokens[i + 1]?.text;
    const second = numberValue(tokens[i + 2]);
    if (
      second !== null &&
      (joiner === '-' || joiner === 'to' || joiner === 'or' || (joiner === 'and' && prev?.text === 'between'))
    ) {
      if (second === 10 && value <= 1) {
        i += 2;
        continue;
      }
      if (second > value && second <= 10) {
        top = second;
        last = i + 2;
      }
    }
    const lastToken = tokens[last];
    const next = tokens[last + 1];
    if (
      lastToken &&
      next &&
      next.start === lastToken.end &&
      /^[a-zà-ÿ]/.test(next.text) &&
      next.text !== 'ish'
    ) {
      continue;
    }
    if (next?.text === ':' && /^\d/.test(tokens[last + 2]?.text ?? '')) continue;
    if (next?.text === '%' || (next?.text === '.' && /^\d/.test(tokens[last + 2]?.text ?? ''))) continue;

    const scaled = outOfTen(tokens, last + 1);
    if (scaled === 'date' || (scaled === '/' && prev && DATE_BEFORE.has(prev.text))) {
      i = last + 2;
      continue;
    }
    if (scaled === '/' && top > 10) continue;
    if (scaled === null) {
      if (top > 10) continue;
      if (prev && EXCLUDED_BEFORE.has(prev.text)) continue;
      if (UNIT_AFTER.has(next?.text ?? '') || UNIT_AFTER.has(tokens[last + 2]?.text ?? '')) continue;
      if (!isDigit && !wordNumberAllowed(tokens, i)) continue;
    }
    // "10 out of 10, would recommend" is praise, not pain.
    if (scaled !== null && top >= 10 && tokens.slice(last + 1, last + 8).some((t) => t.text === 'would'))
      continue;
    const context = scaled !== null || hasScoreContext(tokens, i, last);
    const isLone = !context && lone(i, last);
    if (!context && !isLone) continue;
    out.push({ value: Math.min(10, top), part: bodyPartOf(sentence, tokens, i, last), lone: isLone });
    i = last;
  }
  return out;
}

const RANGE_JOINERS = new Set(['-', 'to']);
const DATE_BEFORE = new Set(['on', 'since', 'from', 'until', 'till', 'by', 'before', 'after']);

/**
 * "3", "about a 3", "I'd say 2": the number is the only word in its clause that means something. Counts
 * the meaningful tokens of each clause once, so checking a number costs nothing more.
 */
function loneCounter(sentence: Sentence, tokens: Token[]): (first: number, last: number) => boolean {
  const clauseOf = tokens.map((token) => clauseAt(sentence, token.start));
  const meaningful = (token: Token) => /^[a-zà-ÿ\d]/.test(token.text) && !FILLERS.has(token.text);
  const counts = new Map<number, number>();
  tokens.forEach((token, j) => {
    if (meaningful(token)) counts.set(clauseOf[j] ?? 0, (counts.get(clauseOf[j] ?? 0) ?? 0) + 1);
  });
  return (first, last) => {
    let own = 0;
    for (let j = first; j <= last; j++) {
      const token = tokens[j];
      if (token && meaningful(token)) own++;
    }
    return (counts.get(clauseOf[first] ?? 0) ?? 0) === own;
  };
}

/**
 * '/' for "4/10", 'of' for "4 out of 10", 'date' for "3/10/2026" and for the start of a range of slashed
 * dates ("8/10-8/17", "8/10 to 8/17"), null when no scale follows.
 */
function outOfTen(tokens: Token[], at: number): '/' | 'of' | 'date' | null {
  const a = tokens[at]?.text;
  const b = tokens[at + 1]?.text;
  const c = tokens[at + 2]?.text;
  if (a === '/' && b === '10') {
    if (c === '/') return 'date';
    // "3/10 - 4/10" is a range of scores: only a second date of another month makes it dates.
    const rangeTo = c === '-' || /^[a-z]{1,5}$/.test(c ?? '');
    const secondDate =
      /^\d/.test(tokens[at + 3]?.text ?? '') && tokens[at + 4]?.text === '/' && tokens[at + 5]?.text !== '10';
    return rangeTo && secondDate ? 'date' : '/';
  }
  if (a === 'out' && b === 'of' && (c === '10' || c === 'ten')) return 'of';
  if ((a === 'of' || a === 'outta') && (b === '10' || b === 'ten')) return 'of';
  if (a === 'on' && (b === 'a' || b === 'the') && (c === 'scale' || c === 'pain')) return 'of';
  return null;
}

/** Number words count only right after a pain word ("pain about two"), never as bare words ("one run"). */
function wordNumberAllowed(tokens: Token[], i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
    const text = tokens[j]?.text ?? '';
    if (isScoreContext(text) || isKnee(text)) return true;
    if (!FILLERS.has(text) && text !== ':' && text !== 'at' && text !== 'of') return false;
  }
  return false;
}

function hasScoreContext(tokens: Token[], first: number, last: number): boolean {
  for (let j = Math.max(0, first - CONTEXT_BEFORE); j < first; j++) {
    const text = tokens[j]?.text ?? '';
    if (isScoreContext(text) || isKnee(text) || isOtherPart(text)) return true;
  }
  for (let j = last + 1; j <= Math.min(tokens.length - 1, last + CONTEXT_AFTER); j++) {
    const text = tokens[j]?.text ?? '';
    if (isScoreContext(text) || isKnee(text) || isOtherPart(text)) return true;
  }
  return false;
}

/**
 * Which body part a score belongs to: the nearest part named before it in its clause, else before it in
 * the sentence, else right after it ("3/10 in my knee"); null when none is named.
 */
function bodyPartOf(sentence: Sentence, tokens: Token[], first: number, last: number): BodyPart {
  const at = tokens[first]?.start ?? 0;
  const clause = sentence.clauses[clauseAt(sentence, at)];
  const clauseStart = clause?.start ?? 0;
  const clauseEnd = clause?.end ?? sentence.text.length;
  let sentencePart: BodyPart = null;
  for (let j = first - 1; j >= Math.max(0, first - PART_LOOKBACK); j--) {
    const part = partOf(tokens, j);
    if (part === null) continue;
    if ((tokens[j]?.start ?? 0) >= clauseStart) return part;
    sentencePart ??= part;
    break;
  }
  // Past the scale ("/10", "out of 10") to a part named right after: "3/10 in my knee".
  for (let j = last + 1; j < Math.min(tokens.length, last + 9); j++) {
    if ((tokens[j]?.start ?? 0) >= clauseEnd) break;
    const part = partOf(tokens, j);
    if (part !== null) return part;
  }
  return sentencePart;
}

function partOf(tokens: Token[], j: number): BodyPart {
  const text = tokens[j]?.text ?? '';
  if (isKnee(text)) return 'knee';
  if (isOtherPart(text)) return 'other';
  if (text === 'band' && tokens[j - 1]?.text === 'it') return 'other';
  if (text === 'back' && /^(?:lower|upper|my)$/.test(tokens[j - 1]?.text ?? '')) return 'other';
  return null;
}

const PARTIAL_SCOPE =
  /\b(?:night|rest|resting|sleep|sitting|stairs|walking|during|while|when|at first|on the run|in the morning|next morning|next day)\b/;
const WHOLE_SCOPE =
  /\b(?:at all|whatsoever|during or after|before,? during or after|any more|anymore|all week)\b/;

/**
 * Zero only when every pain word about the knee (or about nothing named) is negated and at least one such
 * negation covers the whole run: "no pain at night, but sore after runs" is not pain-free.
 */
export function zeroScore(doc: Doc): boolean {
  let negatedWhole = false;
  for (const [index, sentence] of doc.sentences.entries()) {
    const tokens = tokenize(sentence.text);
    const tokenAt = new Map(tokens.map((token, j) => [token.start, j]));
    for (const match of sentence.text.matchAll(PAIN_MENTION)) {
      const tokenIndex = tokenAt.get(match.index) ?? -1;
      const part = tokenIndex >= 0 ? bodyPartOf(sentence, tokens, tokenIndex, tokenIndex) : null;
      if (part === 'other') continue;
      const negated =
        isPainFree(match[0]) || isNegated(doc, index, match.index, match.index + match[0].length);
      if (!negated) return false;
      const clause = sentence.clauses[clauseAt(sentence, match.index)];
      const clauseText = clause ? sentence.text.slice(clause.start, clause.end) : sentence.text;
      if (!PARTIAL_SCOPE.test(clauseText) || WHOLE_SCOPE.test(clauseText)) negatedWhole = true;
    }
  }
  return negatedWhole;
}
