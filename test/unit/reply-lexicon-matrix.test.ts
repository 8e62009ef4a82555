// Every language × every red flag (stated and denied), command and change, in short replies as people write them.
import { describe, expect, it } from 'vitest';
import { interpretReply, type ReplyCommand } from '#domain/reply/interpret';
import type { ChangeKind, RedFlag } from '#domain/types';

interface Phrasebook {
  /** Each red flag said plainly, and denied. */
  redFlags: Record<RedFlag, { stated: string; denied: string }>;
  stop: string;
  pause: string;
  /** A pause asking for three weeks. */
  pauseWeeks: string;
  resume: string;
  /** A request for kilometres. */
  units: string;
  /** Send on Fridays. */
  sendDay: string;
  /** Send on Sundays at 18:00. */
  sendDayHour: string;
  changes: Record<ChangeKind, string>;
}

// Written by hand as replies, never built from the lexicons: the test checks the words, not itself.
const PHRASEBOOKS: Record<string, Phrasebook> = {
  en: {
    redFlags: {
      swelling: { stated: 'Knee 3/10, it swelled up after the long run.', denied: 'Knee 3/10, no swelling.' },
      locking: { stated: 'My knee locked twice on Sunday.', denied: "The knee didn't lock this week." },
      'giving-way': { stated: 'It gave way on the stairs.', denied: 'It never gave way.' },
      'cannot-bear-weight': {
        stated: "I couldn't put weight on it yesterday.",
        denied: 'Knee 2/10, I can walk fine and no crutches needed.',
      },
      'night-or-rest-pain': { stated: 'The knee hurts at night.', denied: 'No pain at night.' },
      'hot-red-fever': { stated: 'The knee is hot and red.', denied: 'No fever, knee 2/10.' },
      'numbness-tingling': { stated: 'Tingling down my shin.', denied: 'No numbness or tingling.' },
    },
    stop: 'Please unsubscribe me.',
    pause: 'Please pause the plans.',
    pauseWeeks: 'Pause for three weeks please.',
    resume: "I'm back, resume please.",
    units: 'Switch to km please.',
    sendDay: 'Send the plan on Fridays.',
    sendDayHour: 'Send it on Sundays at 6pm.',
    changes: {
      shoes: 'I bought new shoes.',
      surface: 'I ran on the treadmill twice.',
      hills: 'Did hill repeats on Tuesday.',
      speed: 'Did intervals on Thursday.',
      'more-days': 'I added an extra run on Sunday.',
    },
  },
  de: {
    redFlags: {
      swelling: {
        stated: 'Knie 3/10, es ist nach dem Lauf geschwollen.',
        denied: 'Knie 3/10, keine Schwellung.',
      },
      locking: { stated: 'Das Knie hat zweimal blockiert.', denied: 'Das Knie hat nicht blockiert.' },
      'giving-way': {
        stated: 'Auf der Treppe ist das Knie weggeknickt.',
        denied: 'Das Knie ist nie weggeknickt.',
      },
      'cannot-bear-weight': {
        stated: 'Ich konnte gestern nicht auftreten.',
        denied: 'Knie 2/10, ich brauche keine Krücken.',
      },
      'night-or-rest-pain': { stated: 'Das Knie schmerzt nachts.', denied: 'Keine Schmerzen nachts.' },
      'hot-red-fever': {
        stated: 'Ich habe Fieber und das Knie ist heiß.',
        denied: 'Kein Fieber, Knie 2/10.',
      },
      'numbness-tingling': { stated: 'Es kribbelt im Fuß.', denied: 'Kein Kribbeln, nichts taub.' },
    },
    stop: 'Bitte abmelden.',
    pause: 'Bitte pausieren.',
    pauseWeeks: 'Bitte Pause für drei Wochen.',
    resume: 'Ich bin zurück, bitte weitermachen.',
    units: 'Bitte in Kilometern.',
    sendDay: 'Schickt mir den Plan bitte am Freitag.',
    sendDayHour: 'Schick ihn bitte am Sonntag um 18 Uhr.',
    changes: {
      shoes: 'Ich habe neue Laufschuhe.',
      surface: 'Zweimal auf dem Laufband gelaufen.',
      hills: 'Am Dienstag Hügel gelaufen.',
      speed: 'Am Donnerstag Intervalle gemacht.',
      'more-days': 'Ich bin einen zusätzlichen Lauf am Sonntag gelaufen.',
    },
  },
  fr: {
    redFlags: {
      swelling: {
        stated: 'Genou 3/10, il a gonflé après la sortie.',
        denied: 'Genou 3/10, pas de gonflement.',
      },
      locking: { stated: "Le genou s'est bloqué deux fois.", denied: "Le genou ne s'est pas bloqué." },
      'giving-way': { stated: "Le genou a lâché dans l'escalier.", denied: "Le genou n'a jamais lâché." },
      'cannot-bear-weight': {
        stated: 'Hier je ne pouvais pas poser le pied.',
        denied: 'Genou 2/10, pas besoin de béquilles.',
      },
      'night-or-rest-pain': { stated: "J'ai mal au genou la nuit.", denied: 'Pas de douleur la nuit.' },
      'hot-red-fever': { stated: "J'ai de la fièvre.", denied: 'Pas de fièvre, genou 2/10.' },
      'numbness-tingling': {
        stated: "J'ai des fourmillements dans le pied.",
        denied: 'Aucun fourmillement.',
      },
    },
    stop: 'Merci de me désabonner.',
    pause: 'Pouvez-vous mettre les plans en pause ?',
    pauseWeeks: 'Pause de trois semaines svp.',
    resume: 'Je suis de retour, vous pouvez reprendre.',
    units: 'Passez en kilomètres svp.',
    sendDay: 'Envoyez-moi le plan le vendredi.',
    sendDayHour: 'Envoyez le plan le dimanche à 18h.',
    changes: {
      shoes: "J'ai de nouvelles chaussures.",
      surface: 'Deux sorties sur tapis de course.',
      hills: 'Des côtes mardi.',
      speed: 'Du fractionné jeudi.',
      'more-days': "J'ai fait une sortie en plus dimanche.",
    },
  },
  es: {
    redFlags: {
      swelling: {
        stated: 'Rodilla 3/10, se hinchó después de correr.',
        denied: 'Rodilla 3/10, sin hinchazón.',
      },
      locking: { stated: 'La rodilla se bloqueó.', denied: 'La rodilla no se bloqueó.' },
      'giving-way': { stated: 'La rodilla me falló en las escaleras.', denied: 'La rodilla nunca me falló.' },
      'cannot-bear-weight': {
        stated: 'Ayer no podía apoyar la pierna.',
        denied: 'Rodilla 2/10, no necesito muletas.',
      },
      'night-or-rest-pain': {
        stated: 'Me duele la rodilla por la noche.',
        denied: 'Sin dolor por la noche.',
      },
      'hot-red-fever': { stated: 'Tengo fiebre.', denied: 'Sin fiebre, rodilla 2/10.' },
      'numbness-tingling': { stated: 'Tengo hormigueo en el pie.', denied: 'Sin hormigueo.' },
    },
    stop: 'Quiero darme de baja.',
    pause: 'Por favor, pongan en pausa los planes.',
    pauseWeeks: 'Pausa de tres semanas, por favor.',
    resume: 'Ya estoy de vuelta, podéis reanudar.',
    units: 'Cambiad a kilómetros, por favor.',
    sendDay: 'Enviadme el plan los viernes.',
    sendDayHour: 'Enviad el plan el domingo a las 18.',
    changes: {
      shoes: 'Estrené zapatillas nuevas.',
      surface: 'Corrí dos veces en la cinta.',
      hills: 'Hice cuestas el martes.',
      speed: 'Hice series el jueves.',
      'more-days': 'Hice una salida extra el domingo.',
    },
  },
  it: {
    redFlags: {
      swelling: {
        stated: 'Ginocchio 3/10, si è gonfiato dopo la corsa.',
        denied: 'Ginocchio 3/10, nessun gonfiore.',
      },
      locking: { stated: 'Il ginocchio si è bloccato due volte.', denied: 'Il ginocchio non si è bloccato.' },
      'giving-way': {
        stated: 'Il ginocchio ha ceduto sulle scale.',
        denied: 'Il ginocchio non ha mai ceduto.',
      },
      'cannot-bear-weight': {
        stated: 'Ieri non riuscivo a caricare la gamba.',
        denied: 'Ginocchio 2/10, niente stampelle.',
      },
      'night-or-rest-pain': {
        stated: 'Il ginocchio mi fa male di notte.',
        denied: 'Nessun dolore di notte.',
      },
      'hot-red-fever': { stated: 'Ho la febbre.', denied: 'Niente febbre, ginocchio 2/10.' },
      'numbness-tingling': { stated: 'Sento formicolio al piede.', denied: 'Nessun formicolio.' },
    },
    stop: 'Vorrei disiscrivermi.',
    pause: 'Potete mettere in pausa i piani?',
    pauseWeeks: 'Pausa di tre settimane, per favore.',
    resume: 'Sono tornato, potete riprendere.',
    units: 'Passate a chilometri, per favore.',
    sendDay: 'Inviatemi il piano il venerdì.',
    sendDayHour: 'Inviate il piano ogni domenica alle 18.',
    changes: {
      shoes: 'Ho comprato scarpe nuove.',
      surface: 'Due volte sul tapis roulant.',
      hills: 'Martedì ho fatto salite.',
      speed: 'Giovedì ripetute.',
      'more-days': "Ho fatto un'uscita in più domenica.",
    },
  },
  nl: {
    redFlags: {
      swelling: {
        stated: 'Knie 3/10, hij is opgezwollen na het lopen.',
        denied: 'Knie 3/10, geen zwelling.',
      },
      locking: {
        stated: 'Mijn knie schoot twee keer op slot.',
        denied: 'Mijn knie is niet op slot geschoten.',
      },
      'giving-way': { stated: 'Mijn knie zakte door op de trap.', denied: 'Mijn knie is nooit doorgezakt.' },
      'cannot-bear-weight': {
        stated: 'Ik kon gisteren niet staan.',
        denied: 'Knie 2/10, geen krukken nodig.',
      },
      'night-or-rest-pain': { stated: "Mijn knie doet 's nachts pijn.", denied: "Geen pijn 's nachts." },
      'hot-red-fever': { stated: 'Ik heb koorts.', denied: 'Geen koorts, knie 2/10.' },
      'numbness-tingling': { stated: 'Ik voel tintelingen in mijn voet.', denied: 'Geen tintelingen.' },
    },
    stop: 'Graag afmelden.',
    pause: 'Kunnen jullie even pauzeren?',
    pauseWeeks: 'Pauze van drie weken graag.',
    resume: 'Ik ben terug, hervat maar.',
    units: 'Liever in kilometers.',
    sendDay: 'Stuur het plan voortaan op vrijdag.',
    sendDayHour: 'Stuur het plan op zondag om 18 uur.',
    changes: {
      shoes: 'Ik heb nieuwe hardloopschoenen.',
      surface: 'Twee keer op de loopband gelopen.',
      hills: 'Dinsdag heuvels gelopen.',
      speed: 'Donderdag intervallen gedaan.',
      'more-days': 'Ik heb een extra dag gelopen.',
    },
  },
  pt: {
    redFlags: {
      swelling: { stated: 'Joelho 3/10, inchou depois da corrida.', denied: 'Joelho 3/10, sem inchaço.' },
      locking: { stated: 'O joelho travou duas vezes.', denied: 'O joelho não travou.' },
      'giving-way': { stated: 'O joelho falseou na escada.', denied: 'O joelho nunca falseou.' },
      'cannot-bear-weight': {
        stated: 'Ontem não conseguia apoiar a perna.',
        denied: 'Joelho 2/10, sem muletas.',
      },
      'night-or-rest-pain': { stated: 'O joelho dói de noite.', denied: 'Sem dor de noite.' },
      'hot-red-fever': { stated: 'Estou com febre.', denied: 'Sem febre, joelho 2/10.' },
      'numbness-tingling': { stated: 'Sinto formigamento no pé.', denied: 'Sem formigamento.' },
    },
    stop: 'Quero cancelar a inscrição.',
    pause: 'Podem pausar os planos?',
    pauseWeeks: 'Pausa de três semanas, por favor.',
    resume: 'Estou de volta, podem retomar.',
    units: 'Mude para quilómetros, por favor.',
    sendDay: 'Enviem o plano na sexta-feira.',
    sendDayHour: 'Enviem o plano no domingo às 18h.',
    changes: {
      shoes: 'Comprei tênis novos.',
      surface: 'Corri duas vezes na esteira.',
      hills: 'Fiz subidas na terça.',
      speed: 'Fiz tiros na quinta.',
      'more-days': 'Fiz um treino extra no domingo.',
    },
  },
  sv: {
    redFlags: {
      swelling: { stated: 'Knä 3/10, det svullnade efter passet.', denied: 'Knä 3/10, ingen svullnad.' },
      locking: { stated: 'Knät låste sig två gånger.', denied: 'Knät låste sig inte.' },
      'giving-way': { stated: 'Knät vek sig i trappan.', denied: 'Knät vek sig aldrig.' },
      'cannot-bear-weight': {
        stated: 'Igår kunde jag inte stå på benet.',
        denied: 'Knä 2/10, inga kryckor behövs.',
      },
      'night-or-rest-pain': { stated: 'Knät gör ont på natten.', denied: 'Ingen smärta på natten.' },
      'hot-red-fever': { stated: 'Jag har feber.', denied: 'Ingen feber, knä 2/10.' },
      'numbness-tingling': { stated: 'Jag har stickningar i foten.', denied: 'Inga stickningar.' },
    },
    stop: 'Jag vill avsluta prenumerationen.',
    pause: 'Kan ni pausa planerna?',
    pauseWeeks: 'Pausa i tre veckor, tack.',
    resume: 'Jag är tillbaka, ni kan återuppta.',
    units: 'Byt till kilometer, tack.',
    sendDay: 'Skicka planen på fredagar.',
    sendDayHour: 'Skicka planen på söndag kl 18.',
    changes: {
      shoes: 'Jag har köpt nya löpskor.',
      surface: 'Sprang två gånger på löpbandet.',
      hills: 'Körde backar i tisdags.',
      speed: 'Intervaller i torsdags.',
      'more-days': 'Jag sprang en extra dag.',
    },
  },
};

const LANGUAGES = Object.keys(PHRASEBOOKS);
const book = (language: string): Phrasebook => {
  const found = PHRASEBOOKS[language];
  if (found === undefined) throw new Error(`no phrasebook for ${language}`);
  return found;
};
const entries = <K extends string, V>(record: Record<K, V>) => Object.entries(record) as [K, V][];

describe.each(LANGUAGES)('replies in %s', (language) => {
  const phrases = book(language);

  describe('red flags', () => {
    it.each(entries(phrases.redFlags))('%s, stated', (flag, { stated }) => {
      expect(interpretReply(stated).redFlags).toEqual([flag]);
    });

    it.each(entries(phrases.redFlags))('%s, denied', (_flag, { denied }) => {
      expect(interpretReply(denied).redFlags).toEqual([]);
    });
  });

  describe('commands', () => {
    it.each<[string, keyof Phrasebook, ReplyCommand]>([
      ['stop', 'stop', { kind: 'stop' }],
      ['pause without a duration', 'pause', { kind: 'pause' }],
      ['pause with a duration', 'pauseWeeks', { kind: 'pause', weeks: 3 }],
      ['resume', 'resume', { kind: 'resume' }],
      ['units', 'units', { kind: 'units', unit: 'km' }],
      ['send day', 'sendDay', { kind: 'send-day', day: 'fri' }],
      ['send day and hour', 'sendDayHour', { kind: 'send-day', day: 'sun', hour: 18 }],
    ])('%s', (_name, key, expected) => {
      const text = phrases[key];
      if (typeof text !== 'string') throw new Error(`${key} is not a phrase`);
      expect(interpretReply(text).commands).toEqual([expected]);
    });
  });

  describe('changes', () => {
    it.each(entries(phrases.changes))('%s', (kind, text) => {
      expect(interpretReply(text).changes).toEqual([kind]);
    });
  });
});

describe('the bugs issue 13 names', () => {
  it.each([
    ['keine Schmerzen aber Schwellung', ['swelling']],
    ['pas de douleur mais gonflement', ['swelling']],
    ['la rodilla se bloqueó', ['locking']],
  ])('%j flags %j: a contrast word ends the negation, and every language names every flag', (text, flags) => {
    expect(interpretReply(text).redFlags).toEqual(flags);
  });

  it('"neue Laufschuhe" records a change of shoes', () => {
    expect(interpretReply('neue Laufschuhe').changes).toEqual(['shoes']);
  });

  it('"Pause für zwei Wochen" pauses for two weeks', () => {
    expect(interpretReply('Pause für zwei Wochen').commands).toEqual([{ kind: 'pause', weeks: 2 }]);
  });

  it.each([
    ['sin dolor pero la rodilla se hinchó', ['swelling']],
    ['nessun dolore ma il ginocchio è gonfio', ['swelling']],
    ['geen pijn maar wel zwelling', ['swelling']],
    ['sem dor mas o joelho inchou', ['swelling']],
    ['ingen smärta men knät svullnade', ['swelling']],
  ])('a "but" in any language keeps what follows it: %j', (text, flags) => {
    expect(interpretReply(text).redFlags).toEqual(flags);
  });
});
