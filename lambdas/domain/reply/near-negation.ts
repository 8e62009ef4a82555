// Whether a word is denied by a denial standing just before it in its clause ("not sick", "not away").
import { clauseAt, type Doc } from './clauses';
import { isNegated } from './negation';

/** How far back the stretch weighed reaches, in characters: keeps the work per match bounded. */
const REACH_CHARS = 80;
const TAILS = new Map<number, RegExp>();

/** The last few words of a text, as a regex built once per reach. */
function tailOf(reachWords: number): RegExp {
  let tail = TAILS.get(reachWords);
  if (tail === undefined) {
    tail = new RegExp(`(?:\\S+\\s+){0,${reachWords}}$`);
    TAILS.set(reachWords, tail);
  }
  return tail;
}

/**
 * `isNegated` weighed in the clause alone, and only a few words back: "didn't get the flu" and "not away"
 * are denied, "couldn't run with the flu" is not (the denial is of the running). A list before the clause
 * ("no runs, sick all week") passes nothing on, since an illness or a trip is no item of a list of symptoms.
 */
export function deniedNearby(
  doc: Doc,
  index: number,
  start: number,
  end: number,
  reachWords: number,
): boolean {
  const sentence = doc.sentences[index];
  if (sentence === undefined) return false;
  const clause = sentence.clauses[clauseAt(sentence, start)];
  const clauseStart = clause?.start ?? 0;
  const clauseEnd = clause?.end ?? sentence.text.length;
  const from = Math.max(clauseStart, start - REACH_CHARS);
  const tail = tailOf(reachWords).exec(sentence.text.slice(from, start));
  const at = from + (tail?.index ?? 0);
  const text = sentence.text.slice(at, clauseEnd);
  const alone: Doc = {
    sentences: [{ text, clauses: [{ start: 0, end: text.length, ledBy: '' }] }],
    offsets: [0],
  };
  return isNegated(alone, 0, start - at, end - at);
}
