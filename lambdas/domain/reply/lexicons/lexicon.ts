// The shape every language's words must fill, so a missing red flag, command or change is a compile error.
import type { ChangeKind, CrossTrainingKind, RedFlag, Unit, Weekday } from '#domain/types';

/**
 * A regular-expression source matched against normalized text: lower case, accents folded ("é" is "e",
 * "ä" is "a"), straight apostrophes, single spaces. Matching starts at a word boundary; a pattern that must
 * also end at one ends with `\b` itself, so stems ("gonfl") catch every inflection. No capturing groups
 * (use `(?:…)`), except where a slot says otherwise.
 */
export type Pattern = string;

/** At least one pattern: a slot the type requires can never be left empty. */
export type Phrases = readonly [Pattern, ...Pattern[]];

/** A single word (normalized), compared whole. */
export type Word = string;
export type Words = readonly [Word, ...Word[]];

export interface CommandPhrases {
  /** Asks to stop the emails, anywhere in a sentence ("unsubscribe", "abmelden"). */
  stop: Phrases;
  /** A sentence that is nothing but a stop ("Stop.", "Stopp bitte"); each pattern spans the whole sentence. */
  stopAlone: Phrases;
  /** Asks to pause; a duration after it ("for two weeks") is read by the shared duration rule. */
  pause: Phrases;
  /** A pause of exactly one week ("skip next week"). */
  pauseOneWeek: Phrases;
  resume: Phrases;
  /** Requests naming a unit; `{unit}` stands for any unit name of any language (the one capture). */
  unitRequests: Phrases;
  /** A whole sentence that is only a unit ("km please"), with `{unit}`. */
  unitAlone: Phrases;
  /** Asks for the same week again ("repeat this week", "diese Woche wiederholen"). */
  repeatWeek: Phrases;
  /**
   * Asks for a lighter week ("easier please", "make next week easier"). Each pattern is a request, never a
   * description ("felt easier", "was easier than"), which is why they name a verb of asking or a "please".
   */
  easier: Phrases;
  /** Requests naming a weekday; `{day}` stands for any weekday name of any language (the one capture). */
  sendDay: Phrases;
  /**
   * The hour of a send-day request. Named groups: `h` (hour), `ampm` (am/pm/h/o'clock, optional), or
   * `noon` (noon, midday or midnight). Each pattern is compiled on its own, so names may repeat.
   */
  sendHour: Phrases;
}

export interface Lexicon {
  /** ISO 639-1 code. */
  language: string;
  /**
   * What each red flag is called. `night-or-rest-pain` lists when and where (it needs a pain word too);
   * `hot-red-fever` lists the knee's signs, and its fever words are `illness.fever`.
   */
  redFlags: Record<RedFlag, Phrases>;
  /** Being kept or woken up at night: a night-or-rest-pain flag when a pain or knee word shares the sentence. */
  nightWaking: Phrases;
  commands: CommandPhrases;
  /** Each change kind: what saying it sounds like. */
  changes: Record<ChangeKind, Phrases>;
  /** Words in the same clause that mean the thing is as usual, so no change ("same route", "wie immer"). */
  changeAsUsual: Record<ChangeKind, readonly Pattern[]>;
  /** A change thought about or asked about, not made ("next week", "should I"). */
  notYetDone: Phrases;
  negation: {
    /** Words that deny what follows them within the clause ("no", "keine", "pas", "sin"). */
    words: Words;
    /** Word endings and beginnings that make a word a denial ("didn't", "n'est"). */
    suffixes: readonly string[];
    prefixes: readonly string[];
    /** Phrases ending just before the finding that deny it ("no longer", "free of"). */
    phrasesBefore: readonly Pattern[];
    /** What, said right after a finding, denies it ("swelling: none", "blockierte nicht"). */
    after: Phrases;
    /** A sentence that is only this answers the question before it ("Swelling? No."). */
    bareAnswers: Words;
    /** A word after the finding that makes it absent ("pain-free"). */
    freeSuffix: readonly Pattern[];
    /** A denial word followed by one of these affirms instead ("no idea", "not sure"). */
    notNegating: Readonly<Record<Word, readonly Word[]>>;
    /** Words before "if"/"whether" that make them doubt, not denial ("not sure if"). */
    doubt: readonly Word[];
    /** Conditional words ("if", "whether") whose doubt form is above. */
    conditional: readonly Word[];
    /** After a negation suffix word, these make it no denial ("don't know if it swelled"). */
    suffixExceptions: readonly Word[];
    /** After the finding, these make a denial emphasis ("never had it swell like this"). */
    affirmingAfter: readonly Pattern[];
    /** Clauses that deny a whole list ("no pain, swelling or locking"): what may open them. */
    listOpeners: readonly Pattern[];
    /** Words that make a list item its own statement, so it does not inherit the denial. */
    listBlockers: readonly Word[];
    /** Extra denials for changes ("avoided hills", "statt Hügeln"). */
    avoid: readonly Word[];
  };
  clauses: {
    /** Words that turn a sentence ("but", "aber", "mais", "pero"): negation never reaches across them. */
    contrast: Words;
    /** Other words that start a new clause ("and", "then", "because"). */
    joins: readonly Pattern[];
  };
  numbers: {
    /** Number words and their values (0 to 12 at least up to ten). */
    words: Readonly<Record<Word, number>>;
    /** Number words that are also everyday words ("due" in "due to"): never read as a pain score. */
    notScores: readonly Word[];
    /** Words meaning "a" or "one" before a duration ("a week", "eine Woche"). */
    one: Words;
    /** "a couple of" (two) and "a few" (unknown) before a duration. */
    couple: readonly Pattern[];
    few: readonly Pattern[];
  };
  /** Duration units for pauses. */
  durations: { day: Phrases; week: Phrases; month: Phrases };
  weekdays: Record<Weekday, Words>;
  unitNames: Record<Unit, Phrases>;
  pain: {
    /** Words that mean pain ("pain", "sore", "Schmerzen", "douleur"). */
    words: Words;
    /** Words that may stand before a score without naming pain ("score", "level"). */
    scoreWords: readonly Word[];
    /** One word saying there was no pain ("painless", "schmerzfrei"). */
    free: readonly Word[];
  };
  bodyParts: {
    knee: Words;
    /** Other body parts: a score beside them is not the knee's. */
    other: Words;
  };
  /** "ran 4 days": how many days they ran; `{n}` is a digit or number word (the one capture). */
  daysRun: readonly Pattern[];
  /** Whether the pain settled by the next morning. Empty in a language means not read there yet. */
  settled: {
    morning: readonly Pattern[];
    notSettled: readonly Pattern[];
    settled: readonly Pattern[];
    sore: readonly Pattern[];
    fine: readonly Pattern[];
    subject: readonly Pattern[];
  };
  /** What was done last week: runs done and missed, amounts, cross-training (read by ../done.ts). */
  done: DonePhrases;
  /** Being ill, and what with (read by ../illness.ts). */
  illness: IllnessPhrases;
  /** Time away ahead: travel, holidays, busy weeks (read by ../away.ts). */
  away: AwayPhrases;
  /** A limit on how many days they can run the coming week (read by ../run-limit.ts). */
  runLimit: RunLimitPhrases;
}

/**
 * The words ../done.ts and ../done-amounts.ts read: what was run last week. Templates may use `{n}` and `{m}`
 * (a digit or number word, captured; `{n}` always before `{m}`), `{run}` (any language's run nouns, not
 * captured) and `{day}` (any weekday name, captured). Each pattern is a whole statement: one that carries its
 * own denial ("didn't run at all") is matched as it stands; a denial before it ("I didn't skip…") still counts.
 */
export interface DonePhrases {
  /** Nouns for a run or a running session, singular and plural ("run", "runs", "Läufe", "sorties"). */
  runs: Phrases;
  /** Verbs that say they ran, in any form ("ran", "jogged", "gelaufen", "couru"). */
  ran: Phrases;
  /** Verbs that say they did or finished something ("did", "completed", "geschafft", "fait"). */
  did: Phrases;
  /** Runs done of runs planned: `{n}` then `{m}` ("2 of 3", "2 von 3", "2 sur 3"). */
  runsOf: Phrases;
  /** Every planned run done, with an optional `{n}`, the count ("all three", "every run", "as planned"). */
  all: Phrases;
  /** Nothing was run ("didn't run at all", "no runs this week"). */
  none: Phrases;
  /** How many times, with `{n}` ("3 times", "3 mal"); a run verb must share the clause. */
  times: Phrases;
  /** Words that are a count of times themselves ("once": 1, "twice": 2, "zweimal": 2). */
  timesWords: Readonly<Record<string, number>>;
  /** Verbs that say a run was missed ("skipped", "missed", "ausgelassen"): a count after them is no count done. */
  missed: Words;
  /** The long run skipped, or only the short ones run. */
  skippedLong: Phrases;
  /** The short runs skipped, or only the long one run. */
  skippedShort: Phrases;
  /** The run of a weekday skipped, with `{day}` ("missed Wednesday", "Mittwoch ausgelassen"). */
  skippedDay: Phrases;
  /** How each unit is written after a figure, beside unitNames ("km", "k", "mins", "Kilometer"). */
  units: Record<Unit, Phrases>;
  /** Unit names from unitNames that never follow a figure ("metric", "time"): not read as amounts. */
  notUnits: readonly Pattern[];
  /** Hours after a figure ("h", "hours", "Stunden"): read as 60 minutes each. */
  hours: Phrases;
  /** An hour, and half an hour, said in words ("an hour", "eine Stunde"; "half an hour"). */
  oneHour: Phrases;
  halfHour: Phrases;
  /** Says plainly that a figure is the whole week's ("total", "altogether", "insgesamt", "au total"). */
  total: Phrases;
  /** Places a figure in the week, less surely than `total` ("this week", "diese Woche", "cette semaine"). */
  week: Phrases;
  /** Says plainly that a figure is one run's ("long run", "longest", "one run", "langer Lauf"). */
  oneRun: Phrases;
  /** Places a figure on one day, less surely than `oneRun` ("yesterday", "gestern"); weekdays count too. */
  when: Phrases;
  /** Says a figure is each run's ("each", "je", "chacune"): with a count, the week is the count times it. */
  each: Phrases;
  /** A figure right after one of these is a point in a run, not its length ("after 5 km", "every 2 km"). */
  notAmountBefore: Words;
  /** A clause about what was planned, not done ("the plan said", "supposed to"): its figures are not read. */
  planned: readonly Pattern[];
  /** Cross-training done, each kind ("biked", "swam", "Rad gefahren", "vélo"). */
  crossTraining: Record<CrossTrainingKind, Phrases>;
  /**
   * Units of this language only that are a multiple of one of ours (Swedish "mil": 10 km). Read only in a
   * sentence that also has this language's words of running, so a word that means something else in another
   * language (Spanish and Portuguese "mil": a thousand) is never taken for it. Empty where there are none.
   */
  scaledUnits: readonly ScaledUnit[];
}

/** A unit that is `factor` of one of ours, written after a figure (`name`) or with its figure in words. */
export interface ScaledUnit {
  name: Pattern;
  unit: Unit;
  factor: number;
  /** Said in words, with how many of the unit each is ("en mil": 1, "en halvmil": 0.5). */
  words: Readonly<Record<Pattern, number>>;
}
/** The words ../illness.ts reads. */
export interface IllnessPhrases {
  /** Being ill without saying with what ("sick", "unwell", "krank", "malade"): kind unknown. */
  ill: Phrases;
  /** A cold "above the neck" ("a cold", "sore throat", "Schnupfen"): easy runs are allowed. */
  mild: Phrases;
  /** Flu, covid, chest or stomach ("flu", "Grippe", "gastro"): no running until it is gone. */
  systemic: Phrases;
  /**
   * A fever by name ("fever", "Fieber"): a systemic illness, and the hot-red-fever red flag unless an illness
   * is named with it and nothing is said of the knee (../red-flags.ts).
   */
  fever: Phrases;
  /** Said beside a fever, these speak of the knee being hot, red or swollen ("hot", "rot"), with a knee word. */
  kneeSigns: Phrases;
  /** Someone else ("my kids", "meine Tochter"): an illness word after these in its clause is theirs. */
  others: Phrases;
  /** The whole week ("all week", "die ganze Woche"): seven days. */
  allWeek: Phrases;
  /** Most of the week ("most of the week", "fast die ganze Woche"): days unknown, but most. */
  mostOfWeek: Phrases;
  /** Illness words used for something else ("sick of", "sick and tired"): not read. */
  notIllness: readonly Pattern[];
}

/** Twelve entries, January first. */
export type Months = readonly [
  Words,
  Words,
  Words,
  Words,
  Words,
  Words,
  Words,
  Words,
  Words,
  Words,
  Words,
  Words,
];

/** The words ../away.ts reads. */
export interface AwayPhrases {
  /** Being away: travel, a trip, a holiday ("away", "Urlaub", "vacances"). Without one, a date is no time away. */
  trigger: Phrases;
  /** Before a trigger in its clause, these make it the past ("was", "war"): its relative dates are not read. */
  past: readonly Pattern[];
  /** Month names and their short forms, as written before or after a day number. */
  months: Months;
  /** Between two dates or weekdays ("to", "until", "bis", "au", "al"); a dash always counts. */
  rangeTo: Phrases;
  /** The week after this one ("next week", "nächste Woche"). */
  nextWeek: Phrases;
  /** The week after that ("the week after next", "in two weeks", "übernächste Woche"). */
  weekAfterNext: Phrases;
  /** The coming Saturday and Sunday ("this weekend", "am Wochenende"). */
  thisWeekend: Phrases;
  /** The Saturday and Sunday of next week ("next weekend", "nächstes Wochenende"). */
  nextWeekend: Phrases;
  /**
   * How a slashed date ("10/8") is read: `day-month` always, or `by-zone`: month first when the subscriber's
   * zone is in the United States, day first elsewhere (English). A date impossible in that order but real in
   * the other ("14/12" in New York) is read the other way.
   */
  slashedDates: 'day-month' | 'by-zone';
  /**
   * A day of the month said alone, `{d}` the day (the one capture): "on the 14th", "am 14.", "le 14". The
   * next such day from today is meant.
   */
  dayOfMonth: Phrases;
  /**
   * Words right before a single date that make it one end of an open range ("from", "ab", "à partir du"):
   * the date is not read as one day away. The words of `rangeTo` ("until") count too.
   */
  since: readonly Pattern[];
}

/**
 * The words ../run-limit.ts reads: a limit on how many days they can run the coming week ("busy week, only 2
 * days", "can only run twice next week"). Templates may use `{n}` (a digit or number word, captured) and
 * `{times}` (a word that is a count of times itself, as in `done.timesWords`: "twice", captured).
 */
export interface RunLimitPhrases {
  /**
   * A limit that says its own ability or future: "can only run {n} days", "only have {n} days", "kann nur
   * {n} mal". Never a past form ("could only", "only did"): those are what was done.
   */
  limit: Phrases;
  /**
   * A bare count ("only {n} days", "just {n} runs", "at most {n} days"): a limit only beside a week ahead
   * ("next week"), or, when it counts days, beside a busy week.
   */
  count: Phrases;
  /** A week short of time ("busy week", "stressige Woche", "semaine chargée"). */
  busy: Phrases;
  /**
   * Words that put a clause in the past ("did", "ran", "was", "last week"): a count there is what was done,
   * never a limit; a single day away there (../away.ts) is no day ahead.
   */
  past: Phrases;
  /** The week under way ("this week", "diese Woche"): a count said of it is no limit on the coming week. */
  thisWeek: Phrases;
}
