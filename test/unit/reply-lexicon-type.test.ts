// The Lexicon type and the lexicons: every language fills every slot, and a missing one does not compile.
import { describe, expect, it } from 'vitest';
import { interpretReply } from '#domain/reply/interpret';
import { en } from '#domain/reply/lexicons/en';
import { LEXICONS, type Lexicon } from '#domain/reply/lexicons/index';
import { CHANGE_KINDS, RED_FLAGS } from '#domain/types';

describe('the Lexicon type', () => {
  it('rejects a language without a red flag, a command or a change (checked by tsc)', () => {
    const { 'giving-way': _flag, ...redFlags } = en.redFlags;
    const { resume: _resume, ...commands } = en.commands;
    const { hills: _hills, ...changes } = en.changes;

    // @ts-expect-error: giving-way is missing
    const noFlag: Lexicon = { ...en, redFlags };
    // @ts-expect-error: resume is missing
    const noCommand: Lexicon = { ...en, commands };
    // @ts-expect-error: hills is missing
    const noChange: Lexicon = { ...en, changes };
    // @ts-expect-error: a slot may not be empty
    const emptyFlag: Lexicon = { ...en, redFlags: { ...en.redFlags, swelling: [] } };

    expect([noFlag, noCommand, noChange, emptyFlag].every((lexicon) => lexicon.language === 'en')).toBe(true);
  });

  it('has the eight languages, each naming every red flag and change', () => {
    expect(LEXICONS.map((l) => l.language)).toEqual(['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'sv']);
    for (const lexicon of LEXICONS) {
      for (const flag of RED_FLAGS) expect(lexicon.redFlags[flag].length).toBeGreaterThan(0);
      for (const kind of CHANGE_KINDS) expect(lexicon.changes[kind].length).toBeGreaterThan(0);
    }
  });
});

describe('words that mean one thing in one language and another elsewhere', () => {
  it.each([
    ['Das Knie ist noch geschwollen.', ['swelling']],
    ['Kan ni pausa planerna?', []],
    ['Mein Knie ist noch instabil.', ['giving-way']],
  ])('%j', (text, flags) => {
    expect(interpretReply(text).redFlags).toEqual(flags);
  });

  it('a Swedish "ni" (you) does not deny the pause it asks for', () => {
    expect(interpretReply('Kan ni pausa planerna?').commands).toEqual([{ kind: 'pause' }]);
  });

  it('"due" (Italian two) is no score after an English pain word', () => {
    expect(interpretReply('Some pain due to the hills').pain).toBeNull();
  });

  it('an article ("ein", "een", "un") after a pain word is no score of 1', () => {
    expect(interpretReply('Schmerzen ein bisschen').pain).toBeNull();
    expect(interpretReply('pijn een beetje').pain).toBeNull();
    expect(interpretReply('un peu de douleur, un jour').pain).toBeNull();
  });

  it('number words of every language score after a pain or knee word', () => {
    expect(interpretReply('Knie: zwei').pain?.score).toBe(2);
    expect(interpretReply('douleur trois').pain?.score).toBe(3);
    expect(interpretReply('rodilla cuatro').pain?.score).toBe(4);
  });
});
