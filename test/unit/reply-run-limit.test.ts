// A limit on the days they can run the coming week ("busy week, only 2 days"), kept apart from what was run
// ("only did 2 runs"), in every language; and the Swedish "mil" (10 km), read in Swedish only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretReply } from '#domain/reply/interpret';

const read = (text: string) => interpretReply(text, { today: '2026-08-05' });
const runDays = (text: string) => read(text).runDays;

interface Phrasebook {
  /** A busy week and a count of days: a limit of 2. */
  busy: string;
  /** Twice next week: a limit of 2. */
  twiceNextWeek: string;
  /** Only 3 days next week: a limit of 3. */
  haveDays: string;
  /** Only 2 runs done, in the past: runs done, no limit. */
  onlyDid: string;
  /** Last week was busy, only 2 days: the past, no limit. */
  pastBusy: string;
  /** A count of runs done last week, then a limit on next week: both, each its own. */
  both: (done: number, limit: number) => string;
}

// Written by hand as replies, never built from the lexicons: the test checks the words, not itself.
const PHRASEBOOKS: Record<string, Phrasebook> = {
  en: {
    busy: 'Busy week, only 2 days.',
    twiceNextWeek: 'I can only run twice next week.',
    haveDays: 'I only have 3 days next week.',
    onlyDid: 'Only did 2 runs.',
    pastBusy: 'Last week was busy, only 2 days.',
    both: (d, n) => `Last week I only did ${d} runs. Next week I can only run ${n} days.`,
  },
  de: {
    busy: 'Stressige Woche, nur 2 Tage.',
    twiceNextWeek: 'Ich kann nächste Woche nur zweimal laufen.',
    haveDays: 'Nächste Woche habe ich nur 3 Tage Zeit.',
    onlyDid: 'Habe nur 2 Läufe gemacht.',
    pastBusy: 'Letzte Woche war stressig, nur 2 Tage.',
    both: (d, n) =>
      `Letzte Woche habe ich nur ${d} Läufe gemacht. Nächste Woche kann ich nur an ${n} Tagen laufen.`,
  },
  fr: {
    busy: 'Semaine chargée, seulement 2 jours.',
    twiceNextWeek: 'Je ne pourrai courir que deux fois la semaine prochaine.',
    haveDays: "Je n'ai que 3 jours la semaine prochaine.",
    onlyDid: "J'ai fait seulement 2 sorties.",
    pastBusy: 'La semaine dernière était chargée, seulement 2 jours.',
    both: (d, n) =>
      `La semaine dernière, j'ai fait seulement ${d} sorties. La semaine prochaine, je ne pourrai courir que ${n} jours.`,
  },
  es: {
    busy: 'Semana complicada, solo 2 días.',
    twiceNextWeek: 'La semana que viene solo podré correr dos veces.',
    haveDays: 'Solo tengo 3 días la semana que viene.',
    onlyDid: 'Solo hice 2 salidas.',
    pastBusy: 'La semana pasada fue complicada, solo 2 días.',
    both: (d, n) =>
      `La semana pasada solo hice ${d} salidas. La semana que viene solo podré correr ${n} días.`,
  },
  it: {
    busy: 'Settimana piena, solo 2 giorni.',
    twiceNextWeek: 'La settimana prossima potrò correre solo due volte.',
    haveDays: 'Ho solo 3 giorni la settimana prossima.',
    onlyDid: 'Ho fatto solo 2 uscite.',
    pastBusy: 'La settimana scorsa era piena, solo 2 giorni.',
    both: (d, n) =>
      `La settimana scorsa ho fatto solo ${d} uscite. La settimana prossima potrò correre solo ${n} giorni.`,
  },
  nl: {
    busy: 'Drukke week, maar 2 dagen.',
    twiceNextWeek: 'Ik kan volgende week maar twee keer lopen.',
    haveDays: 'Ik heb volgende week maar 3 dagen.',
    onlyDid: 'Ik heb maar 2 keer gelopen.',
    pastBusy: 'Vorige week was druk, maar 2 dagen.',
    both: (d, n) => `Vorige week heb ik maar ${d} keer gelopen. Volgende week kan ik maar ${n} dagen lopen.`,
  },
  pt: {
    busy: 'Semana corrida, só 2 dias.',
    twiceNextWeek: 'Só vou poder correr duas vezes na próxima semana.',
    haveDays: 'Só tenho 3 dias na próxima semana.',
    onlyDid: 'Só fiz 2 treinos.',
    pastBusy: 'A semana passada foi corrida, só 2 dias.',
    both: (d, n) => `Na semana passada só fiz ${d} treinos. Na próxima semana só vou poder correr ${n} dias.`,
  },
  sv: {
    busy: 'Stressig vecka, bara 2 dagar.',
    twiceNextWeek: 'Jag kan bara springa två gånger nästa vecka.',
    haveDays: 'Jag har bara 3 dagar nästa vecka.',
    onlyDid: 'Jag sprang bara 2 pass.',
    pastBusy: 'Förra veckan var stressig, bara 2 dagar.',
    both: (d, n) => `Förra veckan sprang jag bara ${d} pass. Nästa vecka kan jag bara springa ${n} dagar.`,
  },
};

const LANGUAGES = Object.keys(PHRASEBOOKS);
const book = (language: string): Phrasebook => {
  const found = PHRASEBOOKS[language];
  if (found === undefined) throw new Error(`no phrasebook for ${language}`);
  return found;
};

describe.each(LANGUAGES)('a limit on next week in %s', (language) => {
  const phrases = book(language);

  it('a busy week with a count of days', () => {
    const findings = read(phrases.busy);
    expect(findings.runDays).toBe(2);
    expect(findings.done).toBeNull();
  });

  it('twice next week', () => {
    const findings = read(phrases.twiceNextWeek);
    expect(findings.runDays).toBe(2);
    expect(findings.done).toBeNull();
  });

  it('only so many days next week', () => {
    expect(runDays(phrases.haveDays)).toBe(3);
  });

  it('"only did 2 runs" is what was done, not a limit', () => {
    const findings = read(phrases.onlyDid);
    expect(findings.runDays).toBeNull();
    expect(findings.done?.runs).toBe(2);
  });

  it('a busy week in the past is no limit', () => {
    expect(runDays(phrases.pastBusy)).toBeNull();
  });

  it('runs done and a limit in one reply stay apart', () => {
    const findings = read(phrases.both(3, 2));
    expect(findings.runDays).toBe(2);
    expect(findings.done?.runs).toBe(3);
  });
});

describe('a limit on next week, in English', () => {
  it.each([
    ['busy week, only 2 days', 2],
    ['can only run twice next week', 2],
    ['only have 2 days next week', 2],
    ['I can only run once', 1],
    ['This coming week I can only do 2 runs.', 2],
    ['Only 2 runs next week please', 2],
    ['Busy week ahead. Only 2 days.', 2],
    ['next week I only have one day', 1],
    ["Next week I can't run more than 3 days.", 3],
    ['Away Friday, and busy too: at most 2 days next week.', 2],
    ['Crazy week, just 2 days', 2],
    ['Next week: two days max.', 2],
    ['I ran 3 times last week, but next week I can only run twice', 2],
  ])('%j → %j', (text, expected) => {
    expect(runDays(text)).toBe(expected);
  });

  it.each([
    'only did 2 runs',
    'busy week, only did 2 runs',
    'Busy week, only 2 runs.',
    'Last week was busy, only 2 days.',
    'Was a busy week. Only 2 days.',
    'busy week, only 2 days this week',
    'I could only run twice.',
    'Only managed 2 runs this week.',
    'only 2 days ago my knee hurt',
    'I can run 7 days next week',
    'Next week I can only run 7 days',
    'knee 2/10, ran 3 times',
    'The plan had 3 runs.',
  ])('%j is no limit', (text) => {
    expect(runDays(text)).toBeNull();
  });

  it('a limit is never also read as runs done or days run', () => {
    const findings = read('I can only run 4 days next week.');
    expect(findings.runDays).toBe(4);
    expect(findings.done).toBeNull();
    expect(findings.daysRun).toBeNull();
    expect(findings.changes).toEqual([]);
    expect(read('I can only run twice').done).toBeNull();
  });

  it('the smallest limit said counts', () => {
    expect(runDays('Only 3 days next week. Actually, busy week, only 2 days.')).toBe(2);
  });
});

describe('Swedish "mil" (10 km), in Swedish only', () => {
  it.each([
    ['Sprang 3 mil i veckan.', { volume: 30, unit: 'km' }],
    ['Sprang tre mil totalt.', { volume: 30, unit: 'km' }],
    ['Långpasset blev 2,5 mil.', { longestRun: 25, unit: 'km' }],
    ['Sprang en mil igår.', { longestRun: 10, unit: 'km' }],
    ['Sprang en halvmil igår.', { longestRun: 5, unit: 'km' }],
    ['Sprang 3 engelska mil totalt.', { volume: 3, unit: 'mi' }],
  ])('%j → %j', (text, expected) => {
    expect(read(text).done).toEqual(expected);
  });

  it.each(['Corrí 5 mil metros.', 'Corri 10 mil passos.', 'Caminé 5 mil pasos ayer.', 'ran 3 mil this week'])(
    '%j: "mil" is no unit there',
    (text) => {
      expect(read(text).done?.volume).toBeUndefined();
      expect(read(text).done?.longestRun).toBeUndefined();
    },
  );

  it('an English mile is still a mile', () => {
    expect(read('ran 5 miles total').done).toEqual({ volume: 5, unit: 'mi' });
    expect(read('long run 3 mile').done).toEqual({ longestRun: 3, unit: 'mi' });
  });

  it('numbers in the quoted original never count', async () => {
    const { visibleText } = await import('#domain/reply/visible-text');
    const text = visibleText(
      'Knä 2/10.\n\nDen 3 aug. 2026 skrev Coach <coach@example.com>:\n> Sprang 3 mil i veckan. Kan bara springa två gånger nästa vecka.',
    );
    const findings = read(text);
    expect(findings.done).toBeNull();
    expect(findings.runDays).toBeNull();
  });
});

describe('properties', () => {
  const WORDS = [
    'only',
    'just',
    'can',
    'did',
    'ran',
    'run',
    'have',
    'twice',
    'once',
    '2',
    '3',
    '7',
    'two',
    'days',
    'runs',
    'times',
    'next week',
    'this week',
    'last week',
    'busy',
    'week',
    'was',
    'nur',
    'Tage',
    'nächste Woche',
    'bara',
    'dagar',
    'mil',
    'sprang',
    ',',
    '.',
  ];
  const salad = fc.array(fc.constantFrom(...WORDS), { maxLength: 25 }).map((w) => w.join(' '));
  const languageArb = fc.constantFrom(...LANGUAGES);

  it('a limit is null or a whole number of days from 1 to 6', () => {
    fc.assert(
      fc.property(fc.oneof(salad, fc.string({ maxLength: 200 })), (text) => {
        const found = runDays(text);
        if (found === null) return;
        expect(Number.isInteger(found)).toBe(true);
        expect(found).toBeGreaterThanOrEqual(1);
        expect(found).toBeLessThanOrEqual(6);
      }),
      { numRuns: 1000 },
    );
  });

  it('in every language, runs done last week and a limit on next week are each read as said', () => {
    fc.assert(
      fc.property(
        languageArb,
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 2, max: 6 }),
        (language, done, limit) => {
          const findings = read(book(language).both(done, limit));
          expect(findings.runDays).toBe(limit);
          expect(findings.done?.runs).toBe(done);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a sentence that starts in the past gives no limit unless it turns to the week ahead', () => {
    const pasts = ['Last week was busy', 'Letzte Woche war stressig', 'La semana pasada', 'Förra veckan var'];
    const notAhead = WORDS.filter((w) => w !== 'next week' && w !== 'nächste Woche' && w !== '.');
    const rest = fc.array(fc.constantFrom(...notAhead), { maxLength: 25 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.constantFrom(...pasts), rest, (past, words) => {
        expect(runDays(`${past}, ${words}`)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});
