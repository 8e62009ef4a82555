// Every language × every kind of "what was done last week", in short replies as people write them.
import { describe, expect, it } from 'vitest';
import { interpretReply } from '#domain/reply/interpret';

type Kind =
  | 'runsOf'
  | 'all'
  | 'none'
  | 'skippedLong'
  | 'skippedDay'
  | 'weekVolume'
  | 'longRun'
  | 'timesEach'
  | 'crossTraining'
  | 'unclear';

// Written by hand as replies, never built from the lexicons: the test checks the words, not itself.
// Each says the same thing in its language: 2 of 3 runs; all three; no runs at all; the long run skipped;
// Wednesday's run skipped; 28 km in the week; a long run of 12 km; 3 x 30 min; 40 min on the bike instead;
// "ran 28 this week" with no unit.
const PHRASEBOOKS: Record<string, Record<Kind, string>> = {
  en: {
    runsOf: 'Only managed 2 of the 3 runs this week.',
    all: 'Did all three runs, knee was fine.',
    none: "Didn't run at all, work was crazy.",
    skippedLong: 'Skipped the long run, the knee felt off.',
    skippedDay: "Missed Wednesday's run because of work.",
    weekVolume: 'Ran 28 km in total.',
    longRun: 'The long run was 12 km and felt easy.',
    timesEach: 'Did 3 x 30 min, nice and easy.',
    crossTraining: 'Biked 40 minutes instead of running.',
    unclear: 'Ran 28 this week, felt good.',
  },
  de: {
    runsOf: 'Ich habe nur 2 von 3 Läufen geschafft.',
    all: 'Alle drei Läufe gemacht, dem Knie geht es gut.',
    none: 'Diese Woche bin ich gar nicht gelaufen.',
    skippedLong: 'Den langen Lauf habe ich ausgelassen.',
    skippedDay: 'Am Mittwoch bin ich nicht gelaufen.',
    weekVolume: 'Insgesamt 28 km gelaufen.',
    longRun: 'Der lange Lauf war 12 km.',
    timesEach: '3 x 30 Minuten gelaufen.',
    crossTraining: 'Stattdessen 40 Minuten Rad gefahren.',
    unclear: 'Diese Woche bin ich 28 gelaufen.',
  },
  fr: {
    runsOf: "J'ai fait 2 sorties sur 3.",
    all: "J'ai fait les trois sorties prévues.",
    none: "Je n'ai pas couru du tout cette semaine.",
    skippedLong: "J'ai sauté la sortie longue.",
    skippedDay: "J'ai raté la sortie de mercredi.",
    weekVolume: '28 km au total cette semaine.',
    longRun: "Sortie longue de 12 km, tout s'est bien passé.",
    timesEach: '3 x 30 minutes de footing.',
    crossTraining: "J'ai fait 40 minutes de vélo à la place.",
    unclear: "J'ai couru 28 cette semaine.",
  },
  es: {
    runsOf: 'Solo hice 2 de las 3 salidas.',
    all: 'Hice las tres salidas, todo bien.',
    none: 'Esta semana no corrí nada, estuve liadísimo.',
    skippedLong: 'Me salté la tirada larga.',
    skippedDay: 'Me salté la salida del miércoles.',
    weekVolume: 'Corrí 28 km en total.',
    longRun: 'La tirada larga fue de 12 km.',
    timesEach: 'Hice 3 x 30 minutos.',
    crossTraining: 'En lugar de correr hice 40 minutos de bici.',
    unclear: 'Corrí 28 esta semana.',
  },
  it: {
    runsOf: 'Sono riuscito a fare solo 2 uscite su 3.',
    all: 'Ho fatto tutte e tre le uscite.',
    none: 'Questa settimana non ho corso per niente.',
    skippedLong: 'Ho saltato il lungo.',
    skippedDay: "Ho saltato l'uscita di mercoledì.",
    weekVolume: 'In totale 28 km questa settimana.',
    longRun: 'Il lungo è stato di 12 km.',
    timesEach: 'Ho fatto 3 x 30 minuti.',
    crossTraining: 'Invece di correre ho fatto 40 minuti di bici.',
    unclear: 'Ho corso 28 questa settimana.',
  },
  nl: {
    runsOf: 'Ik heb maar 2 van de 3 loopjes gedaan.',
    all: 'Alle drie de loopjes gedaan, knie voelt goed.',
    none: 'Ik heb deze week helemaal niet gelopen.',
    skippedLong: 'De lange duurloop heb ik overgeslagen.',
    skippedDay: 'Woensdag niet gelopen.',
    weekVolume: 'In totaal 28 km gelopen.',
    longRun: 'De lange duurloop was 12 km.',
    timesEach: '3 x 30 minuten gelopen.',
    crossTraining: 'In plaats daarvan 40 minuten gefietst.',
    unclear: 'Deze week heb ik 28 gelopen.',
  },
  pt: {
    runsOf: 'Só consegui fazer 2 das 3 corridas.',
    all: 'Fiz as três corridas da semana.',
    none: 'Não corri nada esta semana.',
    skippedLong: 'Pulei o longão.',
    skippedDay: 'Faltei ao treino de quarta.',
    weekVolume: 'Corri 28 km no total.',
    longRun: 'O longão foi de 12 km.',
    timesEach: 'Fiz 3 x 30 minutos.',
    crossTraining: 'Em vez de correr, pedalei 40 minutos.',
    unclear: 'Corri 28 esta semana.',
  },
  sv: {
    runsOf: 'Jag klarade bara 2 av 3 pass.',
    all: 'Sprang alla tre passen, knät känns bra.',
    none: 'Jag har inte sprungit alls den här veckan.',
    skippedLong: 'Jag hoppade över långpasset.',
    skippedDay: 'Jag missade passet i onsdags.',
    weekVolume: 'Totalt 28 km den här veckan.',
    longRun: 'Långpasset var 12 km.',
    timesEach: 'Sprang 3 x 30 minuter.',
    crossTraining: 'Cyklade 40 minuter istället.',
    unclear: 'Sprang 28 den här veckan.',
  },
};

/** What each kind must read as, whole: the finding, no cross-training beside it, nothing left unclear. */
const EXPECTED: Record<Kind, ReturnType<typeof pick>> = {
  runsOf: { done: { runs: 2, of: 3 }, crossTraining: [], unclear: [] },
  all: { done: { all: true, runs: 3 }, crossTraining: [], unclear: [] },
  none: { done: { runs: 0, none: true }, crossTraining: [], unclear: [] },
  skippedLong: { done: { skipped: ['long'] }, crossTraining: [], unclear: [] },
  skippedDay: { done: { skipped: ['wed'] }, crossTraining: [], unclear: [] },
  weekVolume: { done: { volume: 28, unit: 'km' }, crossTraining: [], unclear: [] },
  longRun: { done: { longestRun: 12, unit: 'km' }, crossTraining: [], unclear: [] },
  timesEach: { done: { runs: 3, volume: 90, longestRun: 30, unit: 'min' }, crossTraining: [], unclear: [] },
  crossTraining: { done: null, crossTraining: [{ activity: 'bike', minutes: 40 }], unclear: [] },
  unclear: { done: null, crossTraining: [], unclear: [{ text: '28', why: 'unit' }] },
};

function pick(text: string) {
  const { done, crossTraining, unclear } = interpretReply(text);
  return { done, crossTraining, unclear };
}

const entries = <K extends string, V>(record: Record<K, V>) => Object.entries(record) as [K, V][];

describe.each(Object.keys(PHRASEBOOKS))('what was done, in %s', (language) => {
  const book = PHRASEBOOKS[language];
  if (book === undefined) throw new Error(`no phrasebook for ${language}`);

  it.each(entries(book))('%s: %j', (kind, text) => {
    expect(pick(text)).toEqual(EXPECTED[kind]);
  });

  it('leaves the pain score alone: a count or amount beside "knee 2/10" is no score', () => {
    const text = `${book.runsOf} ${book.weekVolume} Knee 2/10.`;
    expect(interpretReply(text).pain?.score).toBe(2);
    expect(interpretReply(book.runsOf).pain).toBeNull();
  });
});
