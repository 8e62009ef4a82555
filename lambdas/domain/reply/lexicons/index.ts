// Every language the replies are read in; the rules use all of them at once (replies mix languages).
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { it } from './it';
import type { Lexicon } from './lexicon';
import { nl } from './nl';
import { pt } from './pt';
import { sv } from './sv';

export type { Lexicon, Pattern, Phrases, Word, Words } from './lexicon';

export const LEXICONS: readonly Lexicon[] = [en, de, fr, es, it, nl, pt, sv];
