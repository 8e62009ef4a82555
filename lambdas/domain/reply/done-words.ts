// Turns every language's "what was done" words (lexicon slot `done`) into matchers, once, when the module loads.
import {
  CROSS_TRAINING_KINDS,
  type CrossTrainingKind,
  UNITS,
  type Unit,
  WEEKDAYS,
  type Weekday,
} from '#domain/types';
import { clauseText, type Sentence } from './clauses';
import { LEXICONS } from './lexicons';
import { gather, longestFirst, phrases, words } from './lexicons/compile';
import { NUMBER_WORDS } from './numbers';

/** A count as written: one or two digits, or a number word of any language ("3", "three", "drei"). */
const COUNT = `(\\d{1,2}|${longestFirst([...NUMBER_WORDS.keys()]).join('|')})`;
const RUN_NOUNS = gather((l) => l.done.runs);
export const WEEKDAY_OF = new Map<string, Weekday>(
  LEXICONS.flatMap((lexicon) =>
    WEEKDAYS.flatMap((day) => lexicon.weekdays[day].map((word) => [word, day] as const)),
  ),
);
const DAY_NAMES = longestFirst([...WEEKDAY_OF.keys()]);

/**
 * A template with its placeholders filled: `{n}` and `{m}` capture a count, `{day}` a weekday name, `{run}`
 * is any run noun (not captured). Every template of a slot goes into one regex, so a sentence is scanned once
 * per slot, not once per language; a match's captures, read in order, are the template's.
 */
function templates(patterns: readonly string[]): RegExp {
  const filled = patterns.map((p) =>
    p
      .replaceAll('{n}', COUNT)
      .replaceAll('{m}', COUNT)
      .replaceAll('{day}', `(${DAY_NAMES.join('|')})`)
      .replaceAll('{run}', `(?:${RUN_NOUNS.join('|')})`),
  );
  return new RegExp(`\\b(?:${filled.map((p) => `(?:${p})`).join('|')})`, 'g');
}

/** The captures a template match filled, in order (the alternatives that did not match leave theirs empty). */
export function captures(match: RegExpMatchArray): string[] {
  return match.slice(1).filter((group): group is string => group !== undefined);
}

/** A count's value: digits, or a number word of any language. */
export function countOf(text: string): number {
  return NUMBER_WORDS.get(text) ?? Number.parseInt(text, 10);
}

export const RUN_NOUN = phrases(RUN_NOUNS);
/** Right after a count: the count is of runs ("3 runs", "drei Läufe"). */
export const RUN_NOUN_NEXT = new RegExp(
  `^ (?:planned |scheduled |of my |of the )?(?:${RUN_NOUNS.join('|')})`,
);
export const RAN = phrases(gather((l) => l.done.ran));
export const DID = phrases(gather((l) => l.done.did));
export const RUNS_OF = templates(gather((l) => l.done.runsOf));
export const ALL = templates(gather((l) => l.done.all));
export const NONE = templates(gather((l) => l.done.none));
export const TIMES = templates(gather((l) => l.done.times));
export const RUNS_COUNT = templates(['{n} {run}']);
const TIMES_WORDS = new Map<string, number>(LEXICONS.flatMap((l) => Object.entries(l.done.timesWords)));
export const TIMES_WORD = words([...TIMES_WORDS.keys()], 'g');
export function timesWordValue(text: string): number | undefined {
  return TIMES_WORDS.get(text);
}
export const MISSED = words(gather((l) => l.done.missed));
export const SKIPPED_LONG = templates(gather((l) => l.done.skippedLong));
export const SKIPPED_SHORT = templates(gather((l) => l.done.skippedShort));
export const SKIPPED_DAY = templates(gather((l) => l.done.skippedDay));

export const TOTAL = phrases(gather((l) => l.done.total));
export const WEEK = phrases(gather((l) => l.done.week));
export const ONE_RUN = templates(gather((l) => l.done.oneRun));
export const WHEN = new RegExp(
  `\\b(?:${[...gather((l) => l.done.when), `(?:${DAY_NAMES.join('|')})\\b`].join('|')})`,
  'g',
);
export const EACH = templates(gather((l) => l.done.each));
export const NOT_AMOUNT_BEFORE = new RegExp(
  `\\b(?:${longestFirst(gather((l) => l.done.notAmountBefore)).join('|')})\\s*$`,
);
const PLANNED = words(gather((l) => l.done.planned));
const NOT_YET_DONE = words(gather((l) => l.notYetDone));
const NOT_DONE_ANY = words([...gather((l) => l.done.planned), ...gather((l) => l.notYetDone)], 'g');
/** A week, said after "/" or "per" ("30 km/week", "30 km per week"). */
export const WEEK_NOUN = new RegExp(`^(?:${gather((l) => l.durations.week).join('|')})`);

export const CROSS_TRAINING: readonly { kind: CrossTrainingKind; pattern: RegExp }[] =
  CROSS_TRAINING_KINDS.map((kind) => ({ kind, pattern: phrases(gather((l) => l.done.crossTraining[kind])) }));

const NOT_UNITS = new Set(gather((l) => l.done.notUnits));
/** Each unit's spellings after a figure: its unitNames (less the command words) and the `done` spellings. */
const UNIT_SPELLINGS: Record<Unit, string[]> = Object.fromEntries(
  UNITS.map((unit) => [
    unit,
    longestFirst(
      gather((l) => [...l.unitNames[unit], ...l.done.units[unit]]).filter((p) => !NOT_UNITS.has(p)),
    ),
  ]),
) as Record<Unit, string[]>;
export const UNIT_OF: readonly { unit: Unit; test: RegExp }[] = UNITS.map((unit) => ({
  unit,
  test: new RegExp(`^(?:${UNIT_SPELLINGS[unit].join('|')})$`),
}));
export const UNIT_NAME = longestFirst(UNITS.flatMap((unit) => UNIT_SPELLINGS[unit])).join('|');
export const MINUTE_NAME = UNIT_SPELLINGS.min.join('|');
export const HOUR_NAME = longestFirst(gather((l) => l.done.hours)).join('|');
export const ONE_HOUR = words(
  gather((l) => l.done.oneHour),
  'g',
);
export const HALF_HOUR = words(
  gather((l) => l.done.halfHour),
  'g',
);
/** A figure's number as written: digits with a decimal point or comma, or a number word of any language. */
export const FIGURE = `(\\d{1,4}(?:[.,]\\d{1,2})?|(?<![a-z])(?:${longestFirst([...NUMBER_WORDS.keys()]).join('|')}) )`;

/** After a scaled unit, a word that makes it another language's number ("5 mil metros": five thousand metres). */
const NOT_SCALED_AFTER = '(?! ?(?:m|metros?|meters?|metri|pasos|passos|steg|personas|pessoas)\\b)';

/**
 * Each language's own multiples of our units ("mil": 10 km in Swedish): the figure-and-unit pattern (the
 * figure captured), the unit said with its figure in words ("en mil"), and the words of that language a
 * sentence must have (of running, doing, a run, the week or a day) for the unit to be read at all.
 */
export const SCALED_UNITS: readonly {
  unit: Unit;
  factor: number;
  figure: RegExp;
  inWords: { pattern: RegExp; value: number }[];
  own: RegExp;
}[] = LEXICONS.flatMap((lexicon) => {
  const d = lexicon.done;
  const own = phrases(
    [...d.ran, ...d.did, ...d.runs, ...d.total, ...d.week, ...d.oneRun, ...d.when].map((p) =>
      p.replace(/\{[a-z]+\}/g, '\\d+'),
    ),
    '',
  );
  return d.scaledUnits.map((scaled) => ({
    unit: scaled.unit,
    factor: scaled.factor,
    figure: new RegExp(`(?<![\\d.,:/])${FIGURE} ?(?:${scaled.name})(?![a-z])${NOT_SCALED_AFTER}`, 'g'),
    inWords: Object.entries(scaled.words).map(([words, value]) => ({
      pattern: new RegExp(`\\b(?:${words})\\b${NOT_SCALED_AFTER}`, 'g'),
      value,
    })),
    own,
  }));
});

/** Only the first few matches of a rule in a sentence are weighed: a reply about one week says each thing a few times. */
export const MATCHES_PER_SENTENCE = 20;

/**
 * The first matches of a global pattern in a text. Read with `exec` on the one compiled pattern: `matchAll`
 * copies the regex on every call, and these alternations of every language are long.
 */
export function firstMatches(text: string, pattern: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    out.push(match);
    if (match[0] === '') pattern.lastIndex++;
    if (out.length >= MATCHES_PER_SENTENCE) break;
  }
  pattern.lastIndex = 0;
  return out;
}

const DONE_VERB = new RegExp(`${RAN.source}|${DID.source}`);

/**
 * Whether what stands at `start` is only planned or still to come: a word saying so in its clause ("the plan
 * said 30 km", "next week"), or before it in the sentence with no verb of doing between ("The plan said 3
 * runs and 30 km"; but "the plan said 30 km, I did 25 km" did 25).
 */
export function notDone(sentence: Sentence, start: number): boolean {
  const clause = clauseText(sentence, start);
  if (PLANNED.test(clause) || NOT_YET_DONE.test(clause)) return true;
  let last = -1;
  for (const m of firstMatches(sentence.text.slice(0, start), NOT_DONE_ANY)) last = m.index + m[0].length;
  return last >= 0 && !DONE_VERB.test(sentence.text.slice(last, start));
}

/** Denials as what was done weighs them: a clause after a denied list keeps its own meaning. */
export const DONE_NEGATION = { list: false } as const;
