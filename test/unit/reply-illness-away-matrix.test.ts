// Every language × illness, time away (ranges, single days, slashed dates), the repeat-week and easier
// requests, in short replies as people write them.
import { describe, expect, it } from 'vitest';
import { type IllnessFinding, interpretReply } from '#domain/reply/interpret';

/** A Wednesday: next week is 10-16 August 2026. */
const TODAY = '2026-08-05';
const NEXT_WEEK = { from: '2026-08-10', to: '2026-08-16' };
/** Every phrasebook's holiday is 14-20 September, each written as that language writes a date. */
const SEPTEMBER = { from: '2026-09-14', to: '2026-09-20' };
/** Single days away, each a range of one day: the coming Saturday and Thursday, 12 August, the 14th. */
const one = (date: string) => [{ from: date, to: date }];
const SATURDAY = one('2026-08-08');
const THURSDAY = one('2026-08-06');
const TWELFTH = one('2026-08-12');
const FOURTEENTH = one('2026-08-14');

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
  /** Away 14-20 September, written with slashes, day first. */
  awaySlashed: string;
  /** One day away: on Saturday; travelling on Thursday; on 12 August; on the 14th. */
  awaySaturday: string;
  travellingThursday: string;
  awayTwelfth: string;
  awayFourteenth: string;
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
    awaySlashed: 'On holiday 14/9 to 20/9.',
    awaySaturday: 'Away on Saturday for a wedding.',
    travellingThursday: "I'm travelling Thursday.",
    awayTwelfth: 'Away 12 August for work.',
    awayFourteenth: "I'm away on the 14th.",
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
    awaySlashed: 'Urlaub vom 14/9 bis 20/9.',
    awaySaturday: 'Am Samstag bin ich weg.',
    travellingThursday: 'Donnerstag bin ich auf Dienstreise.',
    awayTwelfth: 'Am 12. August bin ich verreist.',
    awayFourteenth: 'Am 14. bin ich unterwegs.',
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
    awaySlashed: 'En vacances du 14/9 au 20/9.',
    awaySaturday: 'Je suis absente samedi.',
    travellingThursday: 'Je voyage jeudi.',
    awayTwelfth: 'En déplacement le 12 août.',
    awayFourteenth: 'Absent le 14.',
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
    awaySlashed: 'De vacaciones del 14/9 al 20/9.',
    awaySaturday: 'Estaré fuera el sábado.',
    travellingThursday: 'Viajo el jueves por trabajo.',
    awayTwelfth: 'Estoy de viaje el 12 de agosto.',
    awayFourteenth: 'Estaré fuera el día 14.',
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
    awaySlashed: 'In ferie dal 14/9 al 20/9.',
    awaySaturday: 'Sabato sono fuori città.',
    travellingThursday: 'Giovedì sono in trasferta.',
    awayTwelfth: 'Sarò in viaggio il 12 agosto.',
    awayFourteenth: 'Il 14 sono fuori casa.',
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
    awaySlashed: 'Op vakantie van 14/9 tot 20/9.',
    awaySaturday: 'Zaterdag ben ik weg.',
    travellingThursday: 'Donderdag ben ik op reis.',
    awayTwelfth: 'Op 12 augustus ben ik weg.',
    awayFourteenth: 'Op de 14e ben ik op reis.',
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
    awaySlashed: 'De férias de 14/9 a 20/9.',
    awaySaturday: 'Vou estar fora no sábado.',
    travellingThursday: 'Viajo na quinta-feira.',
    awayTwelfth: 'Estou de férias no dia 12 de agosto.',
    awayFourteenth: 'Vou estar fora no dia 14.',
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
    awaySlashed: 'Semester 14/9–20/9.',
    awaySaturday: 'Jag är borta på lördag.',
    travellingThursday: 'Tjänsteresa på torsdag.',
    awayTwelfth: 'Jag är bortrest den 12 augusti.',
    awayFourteenth: 'Jag är borta den 14:e.',
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

  it('away on slashed dates, day first (in a European zone and in none)', () => {
    expect(read(phrases.awaySlashed).away).toEqual([SEPTEMBER]);
    expect(interpretReply(phrases.awaySlashed, { today: TODAY, timeZone: 'Europe/Paris' }).away).toEqual([
      SEPTEMBER,
    ]);
  });

  it('single days away: a weekday, a weekday of travel, a date, a day of the month', () => {
    expect(read(phrases.awaySaturday).away).toEqual(SATURDAY);
    expect(read(phrases.travellingThursday).away).toEqual(THURSDAY);
    expect(read(phrases.awayTwelfth).away).toEqual(TWELFTH);
    expect(read(phrases.awayFourteenth).away).toEqual(FOURTEENTH);
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
