// Finds what the runner changed this week (the article: change one thing at a time), and how many days they ran.
import { CHANGE_KINDS, type ChangeKind } from '#domain/types';
import { clauseText, type Doc, firstAccepted } from './clauses';
import { gather, phrases, words } from './lexicons/compile';
import { CHANGE_NEGATIONS, isNegated, type NegationOptions } from './negation';
import { countValue, DAY_COUNT } from './numbers';
import { inRunLimit } from './run-limit';

const PATTERNS = Object.fromEntries(
  CHANGE_KINDS.map((kind) => [kind, phrases(gather((l) => l.changes[kind]))]),
) as Record<ChangeKind, RegExp>;
const AS_USUAL = Object.fromEntries(
  CHANGE_KINDS.map((kind) => [kind, words(gather((l) => l.changeAsUsual[kind]))]),
) as Record<ChangeKind, RegExp>;
// A change they are thinking about or asking about is not one they made.
const NOT_YET_DONE = words(gather((l) => l.notYetDone));
const CHANGE_NEGATION: NegationOptions = { extraWords: CHANGE_NEGATIONS };
const DAYS_RUN = gather((l) => l.daysRun).map((p) => phrases([p.replaceAll('{n}', DAY_COUNT)]));
// "ran 4 days as planned": the count is the plan's, not more days.
const DAYS_RUN_ANY = /\b(?:days|times|runs)\b/;

export function changes(doc: Doc): ChangeKind[] {
  const found = new Set<ChangeKind>();
  doc.sentences.forEach((sentence, index) => {
    for (const kind of CHANGE_KINDS) {
      if (found.has(kind)) continue;
      const accepted = firstAccepted(sentence, PATTERNS[kind], (start, end) => {
        const clause = clauseText(sentence, start);
        if (AS_USUAL[kind].test(clause) || NOT_YET_DONE.test(clause)) return false;
        return !isNegated(doc, index, start, end, CHANGE_NEGATION);
      });
      if (accepted) found.add(kind);
    }
  });
  const days = daysRun(doc);
  // Four or more run days means back-to-back runs for most plans (every other day is the default).
  if (days !== null && days >= 4 && !moreDaysSuppressed(doc)) found.add('more-days');
  return CHANGE_KINDS.filter((kind) => found.has(kind));
}

export function daysRun(doc: Doc): number | null {
  for (const [index, sentence] of doc.sentences.entries()) {
    for (const pattern of DAYS_RUN) {
      for (const match of sentence.text.matchAll(pattern)) {
        if (isNegated(doc, index, match.index, match.index + match[0].length)) continue;
        // "Can only run 2 days next week" is a limit on the week ahead, not the days run.
        if (inRunLimit(doc, index, match.index)) continue;
        const value = countValue(match[1] ?? '');
        if (Number.isInteger(value) && value >= 1 && value <= 7) return value;
      }
    }
  }
  return null;
}

function moreDaysSuppressed(doc: Doc): boolean {
  return doc.sentences.some(
    (sentence) => AS_USUAL['more-days'].test(sentence.text) && DAYS_RUN_ANY.test(sentence.text),
  );
}
