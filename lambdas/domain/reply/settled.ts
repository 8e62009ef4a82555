// Reads whether the pain settled by the next morning: the condition that makes a 4 or 5 acceptable.
import type { Clause, Doc } from './clauses';
import { gather, words } from './lexicons/compile';
import { isNegated } from './negation';

const MORNING = words(gather((l) => l.settled.morning));
const STRONG_NOT_SETTLED = words(gather((l) => l.settled.notSettled));
const STRONG_SETTLED = words(gather((l) => l.settled.settled));
const WEAK_NOT_SETTLED = words(
  gather((l) => l.settled.sore),
  'g',
);
const WEAK_SETTLED = words(
  gather((l) => l.settled.fine),
  'g',
);
const MORNING_SCORE = /\b(\d{1,2}(?:[.,]5)?) ?(?:\/|out of) ?10\b/;
const PAIN_SUBJECT = words(gather((l) => l.settled.subject));

/** true or false when the reply says whether the pain settled by the next morning; null when it does not. */
export function settledNextMorning(doc: Doc): boolean | null {
  let result: boolean | null = null;
  for (const [index, sentence] of doc.sentences.entries()) {
    for (const clause of sentence.clauses) {
      const text = sentence.text.slice(clause.start, clause.end);
      const verdict = clauseSettled(doc, index, clause, text);
      if (verdict === false) return false;
      if (verdict === true) result = true;
    }
  }
  return result;
}

function clauseSettled(doc: Doc, index: number, clause: Clause, text: string): boolean | null {
  const morning = MORNING.test(text);
  const strongNot = STRONG_NOT_SETTLED.exec(text);
  const notStart = clause.start + (strongNot?.index ?? 0);
  if (strongNot && !isNegated(doc, index, notStart, notStart + strongNot[0].length)) {
    if (morning || PAIN_SUBJECT.test(text)) return false;
  }
  const strong = STRONG_SETTLED.exec(text);
  if (strong && !strongNot && (morning || PAIN_SUBJECT.test(text))) {
    if (!isNegated(doc, index, clause.start + strong.index, clause.start + strong.index + strong[0].length)) {
      return true;
    }
  }
  if (!morning) return null;
  let positive = false;
  let negative = false;
  for (const match of text.matchAll(WEAK_NOT_SETTLED)) {
    const start = clause.start + match.index;
    if (isNegated(doc, index, start, start + match[0].length)) positive = true;
    else negative = true;
  }
  for (const match of text.matchAll(WEAK_SETTLED)) {
    const start = clause.start + match.index;
    if (isNegated(doc, index, start, start + match[0].length)) negative = true;
    else positive = true;
  }
  // "Knee 3/10 the next morning": a score said of the morning is pain that had not settled ("0/10" had).
  // With "fine" or "gone" beside it ("knee 2/10, fine next morning") the score is the run's, not the morning's.
  const score = MORNING_SCORE.exec(text);
  if (score && !positive) {
    if (Number.parseFloat((score[1] ?? '0').replace(',', '.')) > 0) negative = true;
    else positive = true;
  }
  if (negative) return false;
  return positive ? true : null;
}
