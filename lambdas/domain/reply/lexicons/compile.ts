// Turns every language's words into matchers once, when the module loads: no regex is built per reply.
import { LEXICONS, type Lexicon, type Pattern } from './index';

/** One slot's patterns from every language, in the order the languages are listed. */
export function gather(pick: (lexicon: Lexicon) => readonly Pattern[]): Pattern[] {
  return LEXICONS.flatMap((lexicon) => [...pick(lexicon)]);
}

/** Longer first, so an alternation of plain words prefers the whole word ("miles" before "mi"). */
export function longestFirst(patterns: readonly Pattern[]): Pattern[] {
  return [...new Set(patterns)].sort((a, b) => b.length - a.length);
}

/** Phrases matched from a word start; each phrase ends at a boundary only if it says so (`\b`). */
export function phrases(patterns: readonly Pattern[], flags = 'g'): RegExp {
  return new RegExp(`\\b(?:${patterns.join('|')})`, flags);
}

/** Whole words or phrases, bounded on both sides. A regex that matches nothing when the list is empty. */
export function words(patterns: readonly Pattern[], flags = ''): RegExp {
  if (patterns.length === 0) return /(?!)/;
  return new RegExp(`\\b(?:${longestFirst(patterns).join('|')})\\b`, flags);
}

/** A test for one token against whole-word patterns ("dolorid[oa]" included). */
export function tokenTest(patterns: readonly Pattern[]): (token: string) => boolean {
  const plain = new Set(patterns.filter((p) => /^[a-z' -]+$/.test(p)));
  const patterned = patterns.filter((p) => !plain.has(p));
  const regex = patterned.length > 0 ? new RegExp(`^(?:${patterned.join('|')})$`) : null;
  return (token) => plain.has(token) || (regex?.test(token) ?? false);
}

/** A template's `{name}` replaced by a capturing alternation of the given words. */
export function fill(template: Pattern, name: string, alternatives: readonly Pattern[]): Pattern {
  return template.replaceAll(`{${name}}`, `(${longestFirst(alternatives).join('|')})`);
}
