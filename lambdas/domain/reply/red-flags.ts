// Finds the red flags (NHS knee-pain guidance, see COACHING.md) a reply states and does not deny.
import { RED_FLAGS, type RedFlag } from '#domain/types';
import { clauseAt, type Doc, firstAccepted, MATCHES_PER_SENTENCE, type Sentence } from './clauses';
import { FEVER, feverOfIllness } from './illness';
import { gather, phrases, words } from './lexicons/compile';
import { isNegated } from './negation';
import { KNEE_OR_PAIN_WORD, PAIN_WORD } from './pain';

interface Rule {
  finding: RedFlag;
  pattern: RegExp;
  /** A word that must share the clause ("hurts at night", not "ran at night"), or the sentence. */
  requires?: RegExp;
  requiresIn?: 'clause' | 'sentence';
  /** A fever: the red flag only when it is not an illness's (see `feverOfIllness`). */
  fever?: true;
}

const RULES: Rule[] = [
  ...RED_FLAGS.map(
    (finding): Rule => ({
      finding,
      pattern: phrases(gather((l) => l.redFlags[finding])),
      ...(finding === 'night-or-rest-pain' ? { requires: PAIN_WORD } : {}),
    }),
  ),
  {
    finding: 'night-or-rest-pain',
    pattern: phrases(gather((l) => l.nightWaking)),
    requires: KNEE_OR_PAIN_WORD,
    requiresIn: 'sentence',
  },
  // A hot, red knee with a fever can be a joint infection. A fever with the flu and nothing said of the
  // knee is the flu: the illness reading handles it, and the plan is not stopped for the knee.
  { finding: 'hot-red-fever', pattern: FEVER, fever: true },
];
// Running at night is no night pain: a running verb makes a short add-on clause its own statement.
const RUNNING_VERB = words(['ran', 'run', 'runs', 'running', 'jog', 'jogged', 'jogging']);
const PAIN_WORDS_GLOBAL = new RegExp(PAIN_WORD.source, 'g');

export function redFlags(doc: Doc): RedFlag[] {
  const found = new Set<RedFlag>();
  doc.sentences.forEach((sentence, index) => {
    for (const rule of RULES) {
      if (found.has(rule.finding)) continue;
      if (firstAccepted(sentence, rule.pattern, (start, end) => accept(doc, index, rule, start, end))) {
        found.add(rule.finding);
      }
    }
  });
  // The order findings are reported in: the order the types list them.
  return RED_FLAGS.filter((flag) => found.has(flag));
}

function accept(doc: Doc, index: number, rule: Rule, start: number, end: number): boolean {
  const sentence = doc.sentences[index];
  if (sentence === undefined) return false;
  if (rule.requires) {
    const scope = rule.requiresIn === 'sentence' ? sentence.text : nightScope(sentence, start);
    if (!rule.requires.test(scope)) return false;
  }
  if (rule.finding === 'night-or-rest-pain' && nightPainNegated(doc, index, start)) return false;
  if (rule.fever && feverOfIllness(doc, index)) return false;
  return !isNegated(doc, index, start, end);
}

/** The clause, and the one before it when this one is a short add-on ("knee aches, mostly at night"). */
function nightScope(sentence: Sentence, position: number): string {
  const index = clauseAt(sentence, position);
  const clause = sentence.clauses[index];
  const previous = sentence.clauses[index - 1];
  if (clause === undefined) return '';
  const own = sentence.text.slice(clause.start, clause.end);
  if (previous === undefined || own.trim().split(/\s+/).length > 4 || RUNNING_VERB.test(own)) return own;
  return `${sentence.text.slice(previous.start, previous.end)} ${own}`;
}

/** "No pain at night", "doesn't hurt at rest", "pain-free at night": the pain word itself is negated. */
function nightPainNegated(doc: Doc, index: number, position: number): boolean {
  const sentence = doc.sentences[index];
  if (sentence === undefined) return false;
  const clause = sentence.clauses[clauseAt(sentence, position)];
  if (clause === undefined) return false;
  const text = sentence.text.slice(clause.start, clause.end);
  let any = false;
  let seen = 0;
  for (const match of text.matchAll(PAIN_WORDS_GLOBAL)) {
    any = true;
    const start = clause.start + match.index;
    if (!isNegated(doc, index, start, start + match[0].length)) return false;
    if (++seen >= MATCHES_PER_SENTENCE) break;
  }
  return any;
}
