// Decides whether a finding is denied within its clause, in any language ("no swelling", "keine Schwellung").
import { clauseAt, type Doc } from './clauses';
import { LEXICONS } from './lexicons';
import { gather, words } from './lexicons/compile';

/** How far back a negation reaches within a clause ("did not notice any swelling"). */
const NEGATION_WINDOW_WORDS = 6;

const NEGATION_WORDS = new Set(gather((l) => l.negation.words));
const NEGATION_SUFFIXES = gather((l) => l.negation.suffixes);
const NEGATION_PREFIXES = gather((l) => l.negation.prefixes);
const SUFFIX_EXCEPTIONS = new Set(gather((l) => l.negation.suffixExceptions));
const CONDITIONAL = new Set(gather((l) => l.negation.conditional));
const UNSURE = new Set(gather((l) => l.negation.doubt));
const NEGATION_PHRASES = new RegExp(`\\b(?:${gather((l) => l.negation.phrasesBefore).join('|')})\\s*$`);
// "No idea why it swelled", "not sure if it locked", "without warning it gave way" affirm what follows.
const NOT_A_NEGATION = new Map<string, Set<string>>();
for (const lexicon of LEXICONS) {
  for (const [word, next] of Object.entries(lexicon.negation.notNegating)) {
    const set = NOT_A_NEGATION.get(word) ?? new Set<string>();
    for (const n of next) set.add(n);
    NOT_A_NEGATION.set(word, set);
  }
}
// "Swelling: none", "locking - no", "swelling wasn't an issue", "blockierte nicht".
const POST_NEGATION = new RegExp(`^(?:${gather((l) => l.negation.after).join('|')})`);
const BARE_NO_ANSWER = new RegExp(`^(?:${gather((l) => l.negation.bareAnswers).join('|')})\\W*$`);
const FREE_SUFFIX = new RegExp(`^[\\s-]?(?:${gather((l) => l.negation.freeSuffix).join('|')})\\b`);
// "Never had my knee swell like this": the negation is emphasis, and the finding stands.
const AFFIRMING_AFTER = new RegExp(
  `^[^,.;!?]{0,30}?\\b(?:${gather((l) => l.negation.affirmingAfter).join('|')})\\b`,
);
const LIST_NEGATION = new RegExp(
  `^\\s*(?:${gather((l) => l.negation.listOpeners).join('|')})\\s+\\S+(?:\\s+\\S+){0,2}\\s*$`,
);
const LIST_CONTINUATION_BLOCKERS = words(gather((l) => l.negation.listBlockers));
/** Words that deny a change as well as the usual ones ("avoided hills", "statt Hügeln"). */
export const CHANGE_NEGATIONS: ReadonlySet<string> = new Set(gather((l) => l.negation.avoid));

export interface NegationOptions {
  extraWords?: ReadonlySet<string>;
  /**
   * Whether a short clause after a denied list inherits its denial ("no pain, swelling or locking"); true
   * unless said. What was done turns it off: "no runs on Monday, ran twice later" ran twice.
   */
  list?: boolean;
  /**
   * Weigh the finding's own clause alone, and a denial at most this many words before it: "didn't get the
   * flu" and "not away" are denied, "couldn't run with the flu" is not (the denial is of the running). No
   * list before the clause and no bare answer after the sentence passes a denial on.
   */
  nearbyWords?: number;
}

const NEARBY_TAILS = new Map<number, RegExp>();

/** The last `words` words of a text, as a regex built once per count. */
function lastWords(words: number): RegExp {
  let tail = NEARBY_TAILS.get(words);
  if (tail === undefined) {
    tail = new RegExp(`(?:\\S+\\s+){0,${words}}$`);
    NEARBY_TAILS.set(words, tail);
  }
  return tail;
}

/** Whether a finding at [start, end) of a sentence is negated within its clause (before or just after it). */
export function isNegated(
  doc: Doc,
  index: number,
  start: number,
  end: number,
  options: NegationOptions = {},
): boolean {
  const sentence = doc.sentences[index];
  if (sentence === undefined) return false;
  const clauseIndex = clauseAt(sentence, start);
  const clause = sentence.clauses[clauseIndex];
  const clauseStart = clause?.start ?? 0;
  const clauseEnd = clause?.end ?? sentence.text.length;
  const nearby = options.nearbyWords;
  const after = sentence.text.slice(end, nearby === undefined ? end + 40 : Math.min(end + 40, clauseEnd));
  if (POST_NEGATION.test(after) || FREE_SUFFIX.test(after)) return true;
  if (
    nearby === undefined &&
    /^[\s?:-]*$/.test(sentence.text.slice(end)) &&
    BARE_NO_ANSWER.test(doc.sentences[index + 1]?.text ?? '')
  ) {
    return true;
  }
  let before = sentence.text.slice(Math.max(clauseStart, start - 80), start);
  if (nearby !== undefined) before = before.slice(lastWords(nearby).exec(before)?.index ?? 0);
  if (negatedBefore(before, options)) {
    return !AFFIRMING_AFTER.test(sentence.text.slice(end, clauseEnd));
  }
  // "no pain, swelling or locking": the list after a negated noun inherits the negation.
  if (
    nearby === undefined &&
    options.list !== false &&
    clause !== undefined &&
    clause.ledBy === ',' &&
    clauseIndex > 0
  ) {
    const previous = sentence.clauses[clauseIndex - 1];
    const previousText = previous ? sentence.text.slice(previous.start, previous.end) : '';
    const own = sentence.text.slice(clause.start, clause.end);
    if (
      LIST_NEGATION.test(previousText) &&
      !LIST_CONTINUATION_BLOCKERS.test(own) &&
      own.split(/\s+/).length <= 5
    ) {
      return true;
    }
  }
  return false;
}

function negatedBefore(before: string, options: NegationOptions): boolean {
  if (NEGATION_PHRASES.test(before)) return true;
  const words = before.split(/[^a-zà-ÿ']+/).filter((w) => w !== '');
  const window = words.slice(-NEGATION_WINDOW_WORDS);
  return window.some((word, k) => {
    const next = window[k + 1] ?? '';
    // "I don't know if it swelled", "not sure whether it locked": doubt, which is no denial.
    if (NEGATION_SUFFIXES.some((suffix) => word.endsWith(suffix))) return !SUFFIX_EXCEPTIONS.has(next);
    if (NEGATION_PREFIXES.some((prefix) => word.startsWith(prefix))) return true;
    if (CONDITIONAL.has(word) && UNSURE.has(window[k - 1] ?? '')) return false;
    const cue = NEGATION_WORDS.has(word) || options.extraWords?.has(word) === true;
    return cue && !NOT_A_NEGATION.get(word)?.has(next);
  });
}
