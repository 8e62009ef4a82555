// Numbers as people write them in any language: digits, number words, and how long a pause lasts.
import { LEXICONS } from './lexicons';
import { gather, longestFirst } from './lexicons/compile';

/** Every language's number words ("two", "zwei", "deux"): the same value whichever language says it. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map(
  LEXICONS.flatMap((lexicon) => Object.entries(lexicon.numbers.words)),
);
/** Number words that are everyday words too ("due to"): never a pain score. */
const NOT_SCORES = new Set(gather((l) => l.numbers.notScores));

/** A token's value as a pain score: a digit, or a number word up to ten. */
export function scoreNumber(text: string): number | null {
  if (/^\d/.test(text)) return Number.parseFloat(text.replace(',', '.'));
  if (NOT_SCORES.has(text)) return null;
  const word = NUMBER_WORDS.get(text);
  return word !== undefined && word <= 10 ? word : null;
}

/** A digit or number word from 1 to 7, for "ran 4 days". */
export const DAY_COUNT = `(\\d|${longestFirst([...NUMBER_WORDS].filter(([, v]) => v >= 1 && v <= 7).map(([w]) => w)).join('|')})`;

export function countValue(word: string): number {
  return NUMBER_WORDS.get(word) ?? Number.parseInt(word, 10);
}

const ONE = new Set(gather((l) => l.numbers.one));
const COUPLE = new RegExp(`^(?:${gather((l) => l.numbers.couple).join('|')})$`);
const FEW = new RegExp(`^(?:${gather((l) => l.numbers.few).join('|')})$`);
const AMOUNT = longestFirst([
  ...NUMBER_WORDS.keys(),
  ...gather((l) => l.numbers.one),
  ...gather((l) => l.numbers.couple),
  ...gather((l) => l.numbers.few),
]);
const DURATION = new RegExp(
  `\\b(\\d{1,2}|${AMOUNT.join('|')}) (?:(${gather((l) => l.durations.day).join('|')})|(${gather((l) => l.durations.week).join('|')})|(${gather((l) => l.durations.month).join('|')}))`,
);
/** How far after the pause word its duration may stand ("pause the emails for two weeks"). */
const DURATION_REACH = 60;

/** The weeks a duration at the start of `rest` asks for (1 to 52); undefined when none or vague ("a few"). */
export function durationWeeks(rest: string): number | undefined {
  const match = DURATION.exec(rest.slice(0, DURATION_REACH));
  if (!match) return undefined;
  const amount = match[1] ?? '';
  const count = ONE.has(amount)
    ? 1
    : COUPLE.test(amount)
      ? 2
      : FEW.test(amount)
        ? undefined
        : (NUMBER_WORDS.get(amount) ?? Number.parseInt(amount, 10));
  if (count === undefined || !Number.isFinite(count) || count <= 0) return undefined;
  const weeks = match[4] !== undefined ? count * 4 : match[2] !== undefined ? Math.ceil(count / 7) : count;
  return Math.min(52, Math.max(1, weeks));
}
