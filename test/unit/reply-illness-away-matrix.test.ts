// Every language × illness, time away, the repeat-week and easier requests, in short replies as people write them.
import { describe, expect, it } from 'vitest';
import { type IllnessFinding, interpretReply } from '#domain/reply/interpret';

/** A Wednesday: next week is 10-16 August 2026. */
const TODAY = '2026-08-05';
const NEXT_WEEK = { from: '2026-08-10', to: '2026-08-16' };
/** Every phrasebook's holiday is 14-20 September, each written as that language writes a date. */
const SEPTEMBER = { from: '2026-09-14', to: '2026-09-20' };

interface Phrasebook {
  /** Flu (or the like) for a number of days, and that number. */
  systemic: { text: string; days: number };
  /** A cold, without saying for how long. */
  cold: string;
  /** A fever said with the illness, nothing about the knee: the illness, not the red flag. */
  feverWithIllness: string;
  /** A fever with a hot, swollen knee: the red flag. */
  feverAndKnee: string;
  awayNextWeek: string;
  /** Away 14-20 September, with the month's name. */
  awayRange: string;
  repeatWeek: string;
  easier: string;
  /** "The runs felt easier": how the week went, no request. */
  feltEasier: string;
}

// Written by hand as replies, never built from the lexicons: the test checks the words, not itself.
const PHRASEBOOKS: Record<string, Phrasebook> = {
  en: {
    systemic: { text: 'I was down with the flu for four days, so no running.', days: 4 },
    cold: 'Had a bit of a cold, nothing major.',
    feverWithIllness: 'Had the flu with a fever on Tuesday.',
    feverAndKnee: 'I have a fever and my knee is hot and swollen.',
    awayNextWeek: "I'm travelling for work next week.",
    awayRange: "We're on holiday from 14 to 20 September.",
    repeatWeek: 'Could we repeat this week? It felt like a lot.',
    easier: 'Please make next week a little easier.',
    feltEasier: 'The runs felt easier than last week.',
  },
  de: {
    systemic: { text: 'Ich lag drei Tage mit Grippe im Bett.', days: 3 },
    cold: 'Ich war leicht erkältet.',
    feverWithIllness: 'Hatte Grippe mit Fieber.',
    feverAndKnee: 'Ich habe Fieber und mein Knie ist warm und geschwollen.',
    awayNextWeek: 'Nächste Woche bin ich auf Dienstreise.',
    awayRange: 'Vom 14. bis 20. September sind wir im Urlaub.',
    repeatWeek: 'Können wir diese Woche noch einmal machen?',
    easier: 'Bitte macht die nächste Woche etwas leichter.',
    feltEasier: 'Die Läufe fühlten sich leichter an als letzte Woche.',
  },
  fr: {
    systemic: { text: "J'ai eu la grippe pendant cinq jours.", days: 5 },
    cold: "J'étais enrhumée, rien de grave.",
    feverWithIllness: "J'ai eu la grippe avec de la fièvre.",
    feverAndKnee: "J'ai de la fièvre et le genou est chaud et gonflé.",
    awayNextWeek: 'Je serai en voyage la semaine prochaine.',
    awayRange: 'Nous serons en vacances du 14 au 20 septembre.',
    repeatWeek: "Est-ce qu'on peut refaire la même semaine ?",
    easier: 'Pouvez-vous rendre la semaine prochaine un peu plus légère ?',
    feltEasier: "Les sorties m'ont semblé plus faciles cette semaine.",
  },
  es: {
    systemic: { text: 'Estuve con gripe cuatro días.', days: 4 },
    cold: 'Tuve un resfriado leve.',
    feverWithIllness: 'Tuve gripe con fiebre.',
    feverAndKnee: 'Tengo fiebre y la rodilla está caliente e hinchada.',
    awayNextWeek: 'La semana que viene estoy de viaje.',
    awayRange: 'Estaré de vacaciones del 14 al 20 de septiembre.',
    repeatWeek: '¿Podemos repetir esta semana?',
    easier: 'Por favor, haced la próxima semana un poco más suave.',
    feltEasier: 'Las salidas se me hicieron más fáciles.',
  },
  it: {
    systemic: { text: "Ho avuto l'influenza per tre giorni.", days: 3 },
    cold: "Avevo un po' di raffreddore.",
    feverWithIllness: "Ho avuto l'influenza con la febbre.",
    feverAndKnee: 'Ho la febbre e il ginocchio è caldo e gonfio.',
    awayNextWeek: 'La settimana prossima sono in viaggio per lavoro.',
    awayRange: 'Sarò in vacanza dal 14 al 20 settembre.',
    repeatWeek: 'Possiamo ripetere la stessa settimana?',
    easier: 'Per favore, rendete la prossima settimana più leggera.',
    feltEasier: 'Le uscite mi sono sembrate più facili.',
  },
  nl: {
    systemic: { text: 'Ik heb vier dagen met griep op bed gelegen.', days: 4 },
    cold: 'Ik was een beetje verkouden.',
    feverWithIllness: 'Ik had griep met koorts.',
    feverAndKnee: 'Ik heb koorts en mijn knie is warm en gezwollen.',
    awayNextWeek: 'Volgende week ben ik op reis.',
    awayRange: 'We zijn van 14 tot 20 september op vakantie.',
    repeatWeek: 'Kunnen we deze week nog een keer doen?',
    easier: 'Maak volgende week alsjeblieft wat lichter.',
    feltEasier: 'De loopjes voelden makkelijker dan vorige week.',
  },
  pt: {
    systemic: { text: 'Fiquei de cama com gripe durante três dias.', days: 3 },
    cold: 'Estava um pouco resfriada.',
    feverWithIllness: 'Tive gripe com febre.',
    feverAndKnee: 'Estou com febre e o joelho está quente e inchado.',
    awayNextWeek: 'Na próxima semana vou estar de férias.',
    awayRange: 'Vou estar de férias de 14 a 20 de setembro.',
    repeatWeek: 'Podemos repetir esta semana?',
    easier: 'Por favor, deixem a próxima semana mais leve.',
    feltEasier: 'Os treinos pareceram mais fáceis.',
  },
  sv: {
    systemic: { text: 'Jag låg sjuk i influensa i fyra dagar.', days: 4 },
    cold: 'Jag var lite förkyld.',
    feverWithIllness: 'Jag hade influensa med feber.',
    feverAndKnee: 'Jag har feber och knät är varmt och svullet.',
    awayNextWeek: 'Nästa vecka är jag på tjänsteresa.',
    awayRange: 'Vi har semester 14–20 september.',
    repeatWeek: 'Kan vi köra samma vecka igen?',
    easier: 'Gör nästa vecka lite lättare, tack.',
    feltEasier: 'Passen kändes lättare än förra veckan.',
  },
};

const LANGUAGES = Object.keys(PHRASEBOOKS);
const book = (language: string): Phrasebook => {
  const found = PHRASEBOOKS[language];
  if (found === undefined) throw new Error(`no phrasebook for ${language}`);
  return found;
};
const read = (text: string) => interpretReply(text, { today: TODAY });

describe.each(LANGUAGES)('replies in %s', (language) => {
  const phrases = book(language);

  it('a systemic illness with its days', () => {
    const expected: IllnessFinding = { days: phrases.systemic.days, kind: 'systemic' };
    const findings = read(phrases.systemic.text);
    expect(findings.illness).toEqual(expected);
    expect(findings.redFlags).toEqual([]);
  });

  it('a mild cold, days not said', () => {
    expect(read(phrases.cold).illness).toEqual({ days: null, kind: 'mild' });
  });

  it('a fever named with the illness is the illness, not the red flag', () => {
    const findings = read(phrases.feverWithIllness);
    expect(findings.illness).toEqual({ days: null, kind: 'systemic' });
    expect(findings.redFlags).toEqual([]);
  });

  it('a fever with a hot, swollen knee stays the red flag', () => {
    expect(read(phrases.feverAndKnee).redFlags).toContain('hot-red-fever');
  });

  it('away next week', () => {
    const findings = read(phrases.awayNextWeek);
    expect(findings.away).toEqual([NEXT_WEEK]);
    expect(findings.illness).toBeNull();
  });

  it('away on dates with a month name', () => {
    expect(read(phrases.awayRange).away).toEqual([SEPTEMBER]);
  });

  it('repeat this week', () => {
    expect(read(phrases.repeatWeek).commands).toEqual([{ kind: 'repeat-week' }]);
  });

  it('an easier week', () => {
    expect(read(phrases.easier).commands).toEqual([{ kind: 'easier' }]);
  });

  it('"felt easier" asks for nothing', () => {
    const findings = read(phrases.feltEasier);
    expect(findings.commands).toEqual([]);
    expect(findings.away).toEqual([]);
  });
});
