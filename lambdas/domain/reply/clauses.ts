// Reads a reply into normalized sentences and clauses, the units every other rule weighs its findings in.
import { gather, words } from './lexicons/compile';

export interface Clause {
  /** Offsets into the sentence text. */
  start: number;
  end: number;
  /** What separated it from the clause before: ',' or a conjunction; '' for the first. */
  ledBy: string;
}

export interface Sentence {
  text: string;
  clauses: Clause[];
}

export interface Doc {
  sentences: Sentence[];
  /** Where each sentence starts in the reading order, to list commands in the order they were written. */
  offsets: number[];
}

export function normalize(text: string): string {
  return (
    text
      .toLowerCase()
      // Accents are folded away so word boundaries hold ("préfère" must not end a "pr" at the "é").
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ß/g, 'ss')
      .replace(/[\u2018\u2019\u201b\u2032\u00b4`]/g, "'")
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      .replace(/[\u00a0\u2000-\u200a\u202f\t]/g, ' ')
      .replace(/(\d) ?\u00bd/g, '$1.5')
      .replace(/\bcan not\b/g, 'cannot')
      .replace(
        /\b(do|did|does|is|was|were|are|has|have|had|could|would|should|ca|wo)nt\b/g,
        (_, stem: string) => `${stem === 'ca' ? 'can' : stem === 'wo' ? 'won' : stem}'t`,
      )
      .replace(/\bcant\b/g, "can't")
      .replace(/\bim\b/g, "i'm")
  );
}

const WRAP_MIN_LINE = 50;
const BULLET = /^[-*•]\s+(?=\S)/;
const NUMBERED = /^\d{1,2}[.)]\s+(?=\S)/;
// Every language's "but" and "and": a negation never reaches across them ("keine Schmerzen aber Schwellung").
const CLAUSE_WORDS = words(
  gather((l) => [...l.clauses.contrast, ...l.clauses.joins]),
  'g',
);

export function readDocument(text: string): Doc {
  const lines = normalize(text).split(/\r?\n|\r/);
  // "1. knee fine / 2. no swelling" is a list; a single "3. Fine next morning." is a score.
  const numbered = lines.filter((line) => NUMBERED.test(line.trim())).length >= 2;
  // Hard-wrapped paragraphs are joined back: a long line without final punctuation continues on the next.
  const paragraphs: string[] = [];
  let current = '';
  for (const raw of lines) {
    // A list marker ("- ", or "1. " in a numbered list) is not a number the person reported.
    const bare = raw.trim().replace(BULLET, '');
    const line = numbered ? bare.replace(NUMBERED, '') : bare;
    if (line === '') {
      if (current !== '') paragraphs.push(current);
      current = '';
      continue;
    }
    if (current === '') current = line;
    else if (current.length >= WRAP_MIN_LINE && !/[.!?:;]$/.test(current) && !/^[-*•\d]/.test(line)) {
      current = `${current} ${line}`;
    } else {
      paragraphs.push(current);
      current = line;
    }
  }
  if (current !== '') paragraphs.push(current);

  const sentences: Sentence[] = [];
  for (const paragraph of paragraphs) {
    let start = 0;
    for (const match of paragraph.matchAll(/[.!?;…]+(?=\s|$)/g)) {
      const end = match.index + match[0].length;
      pushSentence(sentences, paragraph.slice(start, end));
      start = end;
    }
    pushSentence(sentences, paragraph.slice(start));
  }
  const offsets: number[] = [];
  let position = 0;
  for (const sentence of sentences) {
    offsets.push(position);
    position += sentence.text.length + 1;
  }
  return { sentences, offsets };
}

/** Longer "sentences" (text without punctuation) are cut, so every rule's work per match stays bounded. */
const SENTENCE_MAX_CHARS = 1000;

function pushSentence(sentences: Sentence[], raw: string): void {
  let text = raw.trim();
  while (text.length > SENTENCE_MAX_CHARS) {
    const cut = text.lastIndexOf(' ', SENTENCE_MAX_CHARS);
    const at = cut > 0 ? cut : SENTENCE_MAX_CHARS;
    pushSentence(sentences, text.slice(0, at));
    text = text.slice(at).trim();
  }
  if (text === '') return;
  const clauses: Clause[] = [];
  let start = 0;
  let ledBy = '';
  for (const match of text.matchAll(CLAUSE_SPLIT)) {
    clauses.push({ start, end: match.index, ledBy });
    start = match.index + match[0].length;
    ledBy = match[0].trim();
  }
  clauses.push({ start, end: text.length, ledBy });
  sentences.push({ text, clauses });
}

const CLAUSE_SPLIT = new RegExp(`,|\\(|\\)|\\s-\\s|${CLAUSE_WORDS.source}`, 'g');

export function clauseAt(sentence: Sentence, position: number): number {
  let low = 0;
  let high = sentence.clauses.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((sentence.clauses[middle]?.start ?? 0) <= position) low = middle;
    else high = middle - 1;
  }
  return low;
}

export function clauseText(sentence: Sentence, position: number): string {
  const clause = sentence.clauses[clauseAt(sentence, position)];
  return clause ? sentence.text.slice(clause.start, clause.end) : sentence.text;
}

/** Only the first few matches of a rule in one sentence are weighed: the rest cannot change the finding. */
export const MATCHES_PER_SENTENCE = 20;

/** Whether any of the first matches of a pattern in a sentence passes the test. */
export function firstAccepted(
  sentence: Sentence,
  pattern: RegExp,
  accept: (start: number, end: number) => boolean,
): boolean {
  let seen = 0;
  for (const match of sentence.text.matchAll(pattern)) {
    if (accept(match.index, match.index + match[0].length)) return true;
    if (++seen >= MATCHES_PER_SENTENCE) break;
  }
  return false;
}
