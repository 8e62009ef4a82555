// Finds an illness last week: how many days, and whether it was a cold "above the neck" or more.
import type { IllnessKind } from '#domain/plan';
import { clauseAt, type Doc, MATCHES_PER_SENTENCE, type Sentence } from './clauses';
import { LEXICONS } from './lexicons';
import { gather, longestFirst, phrases, words } from './lexicons/compile';
import { isNegated } from './negation';
import { NUMBER_WORDS } from './numbers';
import { PAIN_WORD } from './pain';

export interface IllnessFinding {
  /** Days ill, when said ("5 days": 5, "all week": 7); null when not said. */
  days: number | null;
  /** `mild`: a cold above the neck; `systemic`: flu, fever, covid, chest, stomach; null: not said which. */
  kind: IllnessKind | null;
  /** "Most of the week": more than half of it, how many days not said (`days` stays null unless given). */
  most?: true;
}

type Kind = 'ill' | 'mild' | 'systemic';

const FEVER_PATTERNS = gather((l) => l.illness.fever);
const KINDS: { kind: Kind; pattern: RegExp }[] = [
  { kind: 'systemic', pattern: phrases([...gather((l) => l.illness.systemic), ...FEVER_PATTERNS]) },
  { kind: 'mild', pattern: phrases(gather((l) => l.illness.mild)) },
  { kind: 'ill', pattern: phrases(gather((l) => l.illness.ill)) },
];
/** The same words without the fever ones: an illness named beside a fever. */
const NAMED_BESIDE_FEVER: { kind: Kind; pattern: RegExp }[] = [
  { kind: 'systemic', pattern: phrases(gather((l) => l.illness.systemic)) },
  { kind: 'mild', pattern: phrases(gather((l) => l.illness.mild)) },
  { kind: 'ill', pattern: phrases(gather((l) => l.illness.ill)) },
];
export const FEVER = phrases(FEVER_PATTERNS);
const NOT_ILLNESS = phrases(gather((l) => l.illness.notIllness));
const OTHERS = phrases(
  gather((l) => l.illness.others),
  '',
);
const ALL_WEEK = phrases(
  gather((l) => l.illness.allWeek),
  '',
);
const MOST_OF_WEEK = phrases(
  gather((l) => l.illness.mostOfWeek),
  'g',
);
const KNEE_WORD = words(gather((l) => l.bodyParts.knee));
const KNEE_SIGN = phrases(gather((l) => l.illness.kneeSigns));
const PAIN_WORDS = new RegExp(PAIN_WORD.source, 'g');
/** The knee's own hot-red signs and swelling: said with a fever, the fever may be the joint's. */
const KNEE_RED_FLAG = phrases(
  LEXICONS.flatMap((l) => [...l.redFlags['hot-red-fever'], ...l.redFlags.swelling]),
);

const AMOUNT = longestFirst([
  ...NUMBER_WORDS.keys(),
  ...gather((l) => l.numbers.one),
  ...gather((l) => l.numbers.couple),
  ...gather((l) => l.numbers.few),
]);
const ONE = new Set(gather((l) => l.numbers.one));
const COUPLE = new RegExp(`^(?:${gather((l) => l.numbers.couple).join('|')})$`);
const DURATION = new RegExp(
  `\\b(\\d{1,2}|${AMOUNT.join('|')}) (?:(${gather((l) => l.durations.day).join('|')})|(${gather((l) => l.durations.week).join('|')}))`,
);

/** How many words before an illness word a denial may stand ("didn't get the flu", not "couldn't run with the flu"). */
const NEGATION_REACH_WORDS = 3;
/** A week has seven days: "ill for ten days" lost the whole week. */
const WEEK_DAYS = 7;

interface Mention {
  kind: Kind;
  index: number;
  start: number;
  end: number;
}

/**
 * The illness a reply tells of, or null. Systemic beats mild beats unknown when several are named; the days
 * are the most any illness sentence gives ("5 days", "all week": 7, "a week": 7), capped at seven.
 * Not read as theirs: a denied illness ("not sick", "no longer ill", "didn't get the flu", "no fever"), one in
 * a conditional ("if I get sick"), someone else's ("my kids had a cold", "ill son"), and other uses of the
 * words ("sick of the treadmill", "cold weather", "flu jab", "hay fever" is a mild one).
 */
export function readIllness(doc: Doc): IllnessFinding | null {
  let kind: IllnessKind | null = null;
  let found = false;
  let days: number | null = null;
  let most = false;
  doc.sentences.forEach((sentence, index) => {
    const mentions = mentionsIn(doc, index);
    if (mentions.length === 0) return;
    found = true;
    for (const mention of mentions) {
      if (mention.kind === 'systemic') kind = 'systemic';
      else if (mention.kind === 'mild' && kind === null) kind = 'mild';
    }
    for (const scope of daysScopes(sentence, mentions)) {
      const reading = daysIn(scope);
      if (reading.most) most = true;
      if (reading.days !== null) days = Math.max(days ?? 0, reading.days);
    }
  });
  if (!found) return null;
  return { days, kind, ...(most ? { most: true as const } : {}) };
}

/**
 * Whether a fever in sentence `index` is an illness rather than the hot-red-fever red flag: an illness is
 * named in that sentence (or the one just before, as in "Had the flu. Fever for two days."), and neither
 * sentence speaks of the knee being hot, red, warm, swollen or painful. A fever alone ("I have a fever")
 * stays the red flag: nothing says it is not the knee's.
 */
export function feverOfIllness(doc: Doc, index: number): boolean {
  const here = namedBesideFever(doc, index);
  const before = !here && index > 0 && namedBesideFever(doc, index - 1);
  if (!here && !before) return false;
  if (kneeSpokenOf(doc, index)) return false;
  return !(before && kneeSpokenOf(doc, index - 1));
}

function namedBesideFever(doc: Doc, index: number): boolean {
  return mentionsIn(doc, index, NAMED_BESIDE_FEVER).length > 0;
}

/** A knee word with a sign of heat, redness, swelling or pain, or the knee's own red-flag words, undenied. */
function kneeSpokenOf(doc: Doc, index: number): boolean {
  const sentence = doc.sentences[index];
  if (sentence === undefined) return false;
  // The illness's own words ("sore throat", "body aches") say nothing of the knee.
  const text = blank(blank(sentence.text, NOT_ILLNESS), ...KINDS.map((k) => k.pattern));
  const undenied = (pattern: RegExp) => {
    let seen = 0;
    for (const match of text.matchAll(pattern)) {
      if (!isNegated(doc, index, match.index, match.index + match[0].length)) return true;
      if (++seen >= MATCHES_PER_SENTENCE) break;
    }
    return false;
  };
  if (undenied(KNEE_RED_FLAG)) return true;
  return KNEE_WORD.test(text) && (undenied(KNEE_SIGN) || undenied(PAIN_WORDS));
}

/** The undenied illness words of a sentence that are the writer's own. */
function mentionsIn(
  doc: Doc,
  index: number,
  kinds: readonly { kind: Kind; pattern: RegExp }[] = KINDS,
): Mention[] {
  const sentence = doc.sentences[index];
  if (sentence === undefined) return [];
  const text = blank(sentence.text, NOT_ILLNESS);
  const mentions: Mention[] = [];
  for (const { kind, pattern } of kinds) {
    let seen = 0;
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!deniedOrOthers(doc, index, sentence, start, end)) mentions.push({ kind, index, start, end });
      if (++seen >= MATCHES_PER_SENTENCE) break;
    }
  }
  return mentions;
}

function deniedOrOthers(doc: Doc, index: number, sentence: Sentence, start: number, end: number): boolean {
  const clause = sentence.clauses[clauseAt(sentence, start)];
  const clauseStart = clause?.start ?? 0;
  if (OTHERS.test(sentence.text.slice(Math.max(clauseStart, start - 60), start))) return true;
  return isNegated(doc, index, start, end, { nearbyWords: NEGATION_REACH_WORDS });
}

/** The clauses that may say how long: each mention's own, and the one after it when a comma leads it. */
function daysScopes(sentence: Sentence, mentions: Mention[]): string[] {
  const seen = new Set<number>();
  for (const mention of mentions) {
    const at = clauseAt(sentence, mention.start);
    seen.add(at);
    if (sentence.clauses[at + 1]?.ledBy === ',') seen.add(at + 1);
  }
  return [...seen].map((k) => {
    const clause = sentence.clauses[k];
    return clause ? sentence.text.slice(clause.start, clause.end) : '';
  });
}

function daysIn(text: string): { days: number | null; most: boolean } {
  const most = MOST_OF_WEEK.test(text);
  MOST_OF_WEEK.lastIndex = 0;
  // "Fast die ganze Woche" is most of it, not all of it.
  const rest = most ? blank(text, MOST_OF_WEEK) : text;
  if (ALL_WEEK.test(rest)) return { days: WEEK_DAYS, most };
  const match = DURATION.exec(rest);
  if (!match) return { days: null, most };
  const amount = match[1] ?? '';
  const count = ONE.has(amount)
    ? 1
    : COUPLE.test(amount)
      ? 2
      : (NUMBER_WORDS.get(amount) ?? Number.parseInt(amount, 10));
  if (!Number.isFinite(count) || count <= 0) return { days: null, most };
  const days = match[3] !== undefined ? count * WEEK_DAYS : count;
  return { days: Math.min(WEEK_DAYS, days), most };
}

/** The text with every match of the patterns replaced by spaces, so offsets stay where they were. */
function blank(text: string, ...patterns: RegExp[]): string {
  let out = text;
  for (const pattern of patterns) {
    // Every pattern here is global (phrases() builds them so); replace() then starts from the beginning.
    out = out.replace(pattern, (m) => ' '.repeat(m.length));
  }
  return out;
}
