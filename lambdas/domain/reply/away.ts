// Finds time away ahead ("travelling next week", "on holiday 10-17 August"), as dates.

import type { DateRange } from '#domain/plan';
import { WEEKDAYS } from '#domain/types';
import { dateOfDay, dayOf, parseDate, weekdayOfDay } from '#domain/zoned-time';
import { clauseAt, type Doc, MATCHES_PER_SENTENCE, type Sentence } from './clauses';
import { HOUR_NAME, UNIT_NAME } from './done-words';
import { LEXICONS } from './lexicons';
import { gather, longestFirst, phrases, words } from './lexicons/compile';
import { isNegated } from './negation';

/** Longer than this is no trip a week's plan can work around: read as nothing. */
export const MAX_AWAY_DAYS = 42;
/** How many words before a trigger a denial may stand ("not travelling", "won't be away"). */
const NEGATION_REACH_WORDS = 3;

const TRIGGER = phrases(gather((l) => l.away.trigger));
/** The triggers of the languages whose slashed dates follow the zone (English): matched where a trigger starts. */
const BY_ZONE_TRIGGER = new RegExp(
  `\\b(?:${LEXICONS.filter((l) => l.away.slashedDates === 'by-zone')
    .flatMap((l) => l.away.trigger)
    .join('|')})`,
  'y',
);
const PAST = new RegExp(`\\b(?:${gather((l) => l.away.past).join('|')})\\b`);
/** In a single date's clause, these put it in the past ("ran on Saturday while travelling"). */
const PAST_CLAUSE = phrases([...gather((l) => l.away.past), ...gather((l) => l.runLimit.past)], '');
const MONTH_OF = new Map<string, number>(
  LEXICONS.flatMap((l) => l.away.months.flatMap((names, k) => names.map((name) => [name, k + 1] as const))),
);
const WEEKDAY_OF = new Map<string, number>(
  LEXICONS.flatMap((l) =>
    WEEKDAYS.flatMap((day, k) => l.weekdays[day].map((name) => [name, k + 1] as const)),
  ),
);

/** One weekday, not "Saturdays" (every Saturday is no day away): the names that are not another's plural. */
const ONE_WEEKDAY = [...WEEKDAY_OF.keys()].filter(
  (name) => !WEEKDAY_OF.has(name.replace(/(?:s|ar)$/, '')) || name.replace(/(?:s|ar)$/, '') === name,
);

const MONTH = `(${longestFirst([...MONTH_OF.keys()]).join('|')})\\b\\.?`;
const WEEKDAY = `(${longestFirst([...WEEKDAY_OF.keys()]).join('|')})\\b`;
const TO = `(?:\\s*-\\s*|\\s+(?:${longestFirst(gather((l) => l.away.rangeTo)).join('|')})\\s+)`;
const DAY = '(\\d{1,2})(?!\\d)(?:st|nd|rd|th|er|o)?\\.?';
const OF = '(?:(?:of|de|del) )?';
const YEAR = '(?:,? (?:de )?(\\d{4})\\b)?';

const SLASHED = '(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}|\\d{2}))?';
/**
 * After a single date: no unit, run, duration or count ("may 2 runs", "segunda semana", "le 14 km"). Day
 * numbers also take no figure after them ("el 2 de 3", "may 2 of 3").
 */
const NOT_AFTER_ONE = `(?!\\s?(?:${UNIT_NAME}|${HOUR_NAME}|${gather((l) => [
  ...l.done.runs,
  ...l.durations.day,
  ...l.durations.week,
  ...l.durations.month,
]).join('|')}|x\\b|%|/|[.,:]\\d))`;
const NO_FIGURE_AFTER = '(?!\\s(?:[a-z]{1,3}\\s)?\\d)';
const DAY_OF_MONTH = gather((l) => l.away.dayOfMonth).map((p) => p.replaceAll('{d}', '(\\d{1,2})'));

type Form =
  | 'iso'
  | 'numeric'
  | 'slashed'
  | 'day-month'
  | 'month-day'
  | 'weekdays'
  | SingleForm
  | RelativeKind;
/** A single day ("away on Saturday", "away 12 August", "away on the 14th"): a range of one day. */
type SingleForm =
  | 'one-slashed'
  | 'one-numeric'
  | 'one-day-month'
  | 'one-month-day'
  | 'one-weekday'
  | 'one-day-of-month';
type RelativeKind = 'next-weekend' | 'week-after-next' | 'next-week' | 'this-weekend';

const SINGLE_FORMS: ReadonlySet<Form> = new Set<SingleForm>([
  'one-slashed',
  'one-numeric',
  'one-day-month',
  'one-month-day',
  'one-weekday',
  'one-day-of-month',
]);
/** Slashed dates are fractions too ("3/10"): never read in a clause about the knee or a score. */
const SLASHED_FORMS: ReadonlySet<Form> = new Set<Form>(['slashed', 'one-slashed']);
const KNEE_OR_SCORE = words(
  gather((l) => [...l.pain.words, ...l.pain.scoreWords, ...l.bodyParts.knee, ...l.bodyParts.other]),
);
/** Right before a single date, these make it one end of an open range ("from Saturday", "until the 14th"). */
const OPEN_END = new RegExp(
  `\\b(?:${longestFirst(gather((l) => [...l.away.since, ...l.away.rangeTo])).join('|')})\\s+$`,
);
/** A day number right after a weekday ("Saturday 12/12", "samedi 12 décembre", "Samstag, den 12."). */
const DATE_AFTER = /^,?\s*(?:[a-z]{1,3}\s)?\d/;
/** "24/7" is all the time, not 24 July. */
const ALWAYS = /^24\/7$/;

/** Tried in this order; a match overlapping an earlier one is skipped ("the week after next week"). */
const NEXT_WEEK = phrases(gather((l) => l.away.nextWeek));
const WEEK_AFTER_NEXT = phrases(gather((l) => l.away.weekAfterNext));

const FORMS: { form: Form; pattern: RegExp }[] = [
  {
    form: 'iso',
    pattern: new RegExp(`\\b(\\d{4})-(\\d{2})-(\\d{2})${TO}(\\d{4})-(\\d{2})-(\\d{2})\\b`, 'g'),
  },
  // "10/8-17/8", "14/12 to 20/12/2026": day first, or month first for English in a US zone
  {
    form: 'slashed',
    pattern: new RegExp(`(?<![\\d/.,:])\\b${SLASHED}${TO}${SLASHED}(?![\\d/])`, 'g'),
  },
  // "14.-20.12.", "14.12. bis 20.12.2026"
  {
    form: 'numeric',
    pattern: new RegExp(
      `\\b(\\d{1,2})\\.(?:(\\d{1,2})\\.)?${TO}(\\d{1,2})\\.(\\d{1,2})\\b\\.?(\\d{4})?`,
      'g',
    ),
  },
  // "10-17 August", "from 14 to 20 December", "du 10 au 17 août", "del 10 al 17 de agosto", "28 Dec - 3 Jan"
  {
    form: 'day-month',
    pattern: new RegExp(`\\b${DAY}(?: ${OF}${MONTH})?${TO}${DAY} ${OF}${MONTH}${YEAR}`, 'g'),
  },
  // "Dec 14-20", "August 30 to September 2"
  { form: 'month-day', pattern: new RegExp(`\\b${MONTH} ${DAY}${TO}(?:${MONTH} )?${DAY}${YEAR}`, 'g') },
  // "Thursday to Sunday" (of next week, when it says so), "von Donnerstag bis Sonntag", "du jeudi au dimanche"
  { form: 'weekdays', pattern: new RegExp(`\\b${WEEKDAY}${TO}${WEEKDAY}`, 'g') },
  // Single days, each a range of one day: "away 14/8", "am 14.8.", "away 12 August", "August 12",
  // "travelling Thursday", "away on the 14th".
  {
    form: 'one-slashed',
    pattern: new RegExp(`(?<![\\d/.,:])\\b${SLASHED}(?![\\d/]|\\s?(?:x\\b|%))${NOT_AFTER_ONE}`, 'g'),
  },
  {
    form: 'one-numeric',
    pattern: new RegExp(`(?<![\\d/.,:])\\b(\\d{1,2})\\.(\\d{1,2})\\.(?:(\\d{4})\\b)?${NOT_AFTER_ONE}`, 'g'),
  },
  { form: 'one-day-month', pattern: new RegExp(`\\b${DAY} ${OF}${MONTH}${YEAR}${NOT_AFTER_ONE}`, 'g') },
  {
    form: 'one-month-day',
    pattern: new RegExp(`\\b${MONTH} ${DAY}${YEAR}(?![\\d/])${NOT_AFTER_ONE}${NO_FIGURE_AFTER}`, 'g'),
  },
  {
    form: 'one-weekday',
    pattern: new RegExp(`\\b(${longestFirst(ONE_WEEKDAY).join('|')})\\b${NOT_AFTER_ONE}`, 'g'),
  },
  {
    form: 'one-day-of-month',
    pattern: new RegExp(
      `\\b(?:${DAY_OF_MONTH.join('|')})(?![\\d/.]\\d)${NOT_AFTER_ONE}${NO_FIGURE_AFTER}`,
      'g',
    ),
  },
  { form: 'next-weekend', pattern: phrases(gather((l) => l.away.nextWeekend)) },
  { form: 'week-after-next', pattern: WEEK_AFTER_NEXT },
  { form: 'next-week', pattern: NEXT_WEEK },
  { form: 'this-weekend', pattern: phrases(gather((l) => l.away.thisWeekend)) },
];

interface Trigger {
  clause: number;
  past: boolean;
  /** A word of a language whose slashed dates follow the zone (English "away", "travelling"). */
  byZone: boolean;
}

/**
 * The days away the reply names, inclusive local dates, resolved against `today` (the local date the reply
 * was written, in the subscriber's zone). Without `today` nothing is resolved: a date is never guessed.
 *
 * A date or a week counts only beside a word for being away (travel, a trip, a holiday) in its clause or the
 * next one over, undenied ("not travelling next week" is nothing), and not in the past ("was away this
 * weekend", "war 10.-17. August im Urlaub": what was missed is read with what was done). Weeks run Monday to
 * Sunday. A date without a year is in the nearest year whose range ends today or later; a range that ended
 * before today, is longer than MAX_AWAY_DAYS, or names an impossible date gives nothing.
 *
 * A single day ("away on Saturday", "travelling Thursday", "away 12 August", "away on the 14th") is a range
 * of one day. It needs the word for being away in its own clause (or the clause before, when the date is all
 * its clause says: "away Thursday and Friday"), no past word there ("ran on Saturday while travelling"), and
 * no "from" or "until" right before it (an open range). A weekday is the next one from today (today
 * included), or that day of the week the clause names; a day of the month the next one from today.
 *
 * Slashed dates ("10/8-17/8", "14/12 to 20/12") are day first, except beside an English word for being away
 * in a US zone (`timeZone`), where they are month first; a date impossible in that order but real in the
 * other is read the other way, and one impossible both ways gives nothing. They are never read in a clause
 * about the knee or a score ("3/10"). Not read: "for a week" without when.
 */
export function readAway(doc: Doc, today: string | undefined, timeZone?: string): DateRange[] {
  const todayDay = today === undefined ? undefined : parseDate(today);
  if (todayDay === undefined) return [];
  const usZone = timeZone !== undefined && MONTH_FIRST_ZONES.has(timeZone);
  const found = new Map<string, DateRange>();
  const dates = joinDayNumbers(doc);
  dates.sentences.forEach((sentence, index) => {
    const triggers = triggersIn(dates, index, sentence);
    if (triggers.length === 0) return;
    const taken: [number, number][] = [];
    for (const { form, pattern } of FORMS) {
      let seen = 0;
      for (const match of sentence.text.matchAll(pattern)) {
        if (++seen > MATCHES_PER_SENTENCE) break;
        const start = match.index;
        const end = start + match[0].length;
        if (taken.some(([a, b]) => start < b && a < end)) continue;
        const clause = clauseAt(sentence, start);
        const single = SINGLE_FORMS.has(form);
        const near = triggers.filter((t) =>
          single
            ? t.clause === clause || (t.clause === clause - 1 && onlyDateIn(sentence, clause, start, end))
            : Math.abs(t.clause - clause) <= 1,
        );
        if (near.length === 0) continue;
        if (near.every((t) => t.past)) continue;
        if (single && !singleDayAhead(sentence, clause, start, end)) continue;
        // "Saturday 12/12", "Samstag, den 12.": the date says which Saturday.
        if (form === 'one-weekday' && DATE_AFTER.test(sentence.text.slice(end, end + 12))) continue;
        if (
          SLASHED_FORMS.has(form) &&
          (ALWAYS.test(match[0]) || KNEE_OR_SCORE.test(clauseOf(sentence, clause)))
        )
          continue;
        taken.push([start, end]);
        // "Tuesday to Thursday next week": the days of that week, and the week is no range of its own.
        const week =
          form === 'weekdays' || form === 'one-weekday' ? weekOfClause(sentence, clause) : undefined;
        if (week) taken.push(week.span);
        const monthFirst = usZone && near.filter((t) => !t.past).every((t) => t.byZone);
        const range = resolve(form, match, week ? todayDay + 7 * week.weeks : todayDay, {
          fromMonday: week !== undefined,
          monthFirst,
        });
        if (range && valid(range, todayDay)) {
          const value = { from: dateOfDay(range[0]), to: dateOfDay(range[1]) };
          found.set(`${value.from}/${value.to}`, value);
        }
      }
    }
  });
  return [...found.values()].sort((a, b) => (a.from === b.from ? cmp(a.to, b.to) : cmp(a.from, b.from)));
}

/**
 * The zones of the United States, where a slashed date is month first ("8/14" is 14 August): the America/*
 * zones of the US (with their old aliases), and Hawaii.
 */
const MONTH_FIRST_ZONES: ReadonlySet<string> = new Set([
  'America/New_York',
  'America/Detroit',
  'America/Kentucky/Louisville',
  'America/Kentucky/Monticello',
  'America/Louisville',
  'America/Indiana/Indianapolis',
  'America/Indiana/Vincennes',
  'America/Indiana/Winamac',
  'America/Indiana/Marengo',
  'America/Indiana/Petersburg',
  'America/Indiana/Vevay',
  'America/Indiana/Tell_City',
  'America/Indiana/Knox',
  'America/Indianapolis',
  'America/Fort_Wayne',
  'America/Knox_IN',
  'America/Chicago',
  'America/Menominee',
  'America/North_Dakota/Center',
  'America/North_Dakota/New_Salem',
  'America/North_Dakota/Beulah',
  'America/Denver',
  'America/Boise',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'America/Juneau',
  'America/Sitka',
  'America/Metlakatla',
  'America/Yakutat',
  'America/Nome',
  'America/Adak',
  'America/Atka',
  'Pacific/Honolulu',
  'US/Eastern',
  'US/Central',
  'US/Mountain',
  'US/Pacific',
  'US/Alaska',
  'US/Hawaii',
  'US/Arizona',
  'US/Michigan',
  'US/East-Indiana',
  'US/Indiana-Starke',
  'US/Aleutian',
]);

function clauseOf(sentence: Sentence, clause: number): string {
  const c = sentence.clauses[clause];
  return c === undefined ? sentence.text : sentence.text.slice(c.start, c.end);
}

/** Whether the date at [start, end) is all its clause says, but for a short word ("and Friday", "on Friday"). */
function onlyDateIn(sentence: Sentence, clause: number, start: number, end: number): boolean {
  const c = sentence.clauses[clause];
  if (c === undefined) return false;
  const rest = `${sentence.text.slice(c.start, start)} ${sentence.text.slice(end, c.end)}`;
  return (
    rest
      .replace(/[\s.!?…]+/g, ' ')
      .trim()
      .split(' ')
      .filter((w) => w !== '').length <= 1
  );
}

/** A single date that is a day ahead: no past word in its clause, no "from" or "until" right before it. */
function singleDayAhead(sentence: Sentence, clause: number, start: number, end: number): boolean {
  const c = sentence.clauses[clause];
  const from = c?.start ?? 0;
  const to = c?.end ?? sentence.text.length;
  if (OPEN_END.test(sentence.text.slice(Math.max(from, start - 30), start))) return false;
  const rest = `${sentence.text.slice(from, start)} ${sentence.text.slice(end, to)}`;
  return !PAST_CLAUSE.test(rest);
}

/** A sentence that ends in a day number and its dot ("Vom 14." "bis 20. September") goes on in the next. */
const ENDS_IN_DAY_NUMBER = /(?:^|[\s.])\d{1,2}\.$/;
/** How many sentences one date may run across ("vom 14." "bis 20." "September"). */
const JOIN_MAX = 3;

/** The sentences, those cut at a German or Scandinavian day number ("14. September") joined again. */
function joinDayNumbers(doc: Doc): Doc {
  if (!doc.sentences.some((s) => ENDS_IN_DAY_NUMBER.test(s.text))) return doc;
  const sentences: Sentence[] = [];
  let joined = 0;
  for (const sentence of doc.sentences) {
    const last = sentences[sentences.length - 1];
    if (last !== undefined && joined < JOIN_MAX && ENDS_IN_DAY_NUMBER.test(last.text)) {
      const shift = last.text.length + 1;
      sentences[sentences.length - 1] = {
        text: `${last.text} ${sentence.text}`,
        // The cut was no clause break either: the last clause runs on into the first one after it.
        clauses: [
          ...last.clauses.slice(0, -1),
          ...sentence.clauses.map((c, k) => ({
            start: k === 0 ? (last.clauses[last.clauses.length - 1]?.start ?? 0) : c.start + shift,
            end: c.end + shift,
            ledBy: k === 0 ? (last.clauses[last.clauses.length - 1]?.ledBy ?? '') : c.ledBy,
          })),
        ],
      };
      joined++;
    } else {
      sentences.push(sentence);
      joined = 0;
    }
  }
  return { sentences, offsets: sentences.map(() => 0) };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function triggersIn(doc: Doc, index: number, sentence: Sentence): Trigger[] {
  const triggers: Trigger[] = [];
  let seen = 0;
  for (const match of sentence.text.matchAll(TRIGGER)) {
    if (++seen > MATCHES_PER_SENTENCE) break;
    const start = match.index;
    if (isNegated(doc, index, start, start + match[0].length, { nearbyWords: NEGATION_REACH_WORDS }))
      continue;
    const clause = clauseAt(sentence, start);
    const clauseStart = sentence.clauses[clause]?.start ?? 0;
    const before = sentence.text.slice(Math.max(clauseStart, start - 40), start);
    BY_ZONE_TRIGGER.lastIndex = start;
    triggers.push({ clause, past: PAST.test(before), byZone: BY_ZONE_TRIGGER.test(sentence.text) });
  }
  return triggers;
}

/** The week ahead a clause names ("next week": 1, "in two weeks": 2), and where it is said. */
function weekOfClause(
  sentence: Sentence,
  clause: number,
): { weeks: number; span: [number, number] } | undefined {
  const c = sentence.clauses[clause];
  if (c === undefined) return undefined;
  const text = sentence.text.slice(c.start, c.end);
  for (const [pattern, weeks] of [
    [WEEK_AFTER_NEXT, 2],
    [NEXT_WEEK, 1],
  ] as const) {
    pattern.lastIndex = 0;
    const match = pattern.exec(text);
    pattern.lastIndex = 0;
    if (match) return { weeks, span: [c.start + match.index, c.start + match.index + match[0].length] };
  }
  return undefined;
}

function valid([from, to]: [number, number], today: number): boolean {
  return from <= to && to >= today && to - from + 1 <= MAX_AWAY_DAYS;
}

/** The day numbers a match names, or undefined when it names no real dates. */
function resolve(
  form: Form,
  match: RegExpMatchArray,
  today: number,
  options: { fromMonday: boolean; monthFirst: boolean },
): [number, number] | undefined {
  const g = (k: number) => match[k];
  const monday = today - (weekdayOfDay(today) - 1);
  // Counted from today, or from the Monday of the week the clause names.
  const start = options.fromMonday ? monday : today;
  const nextWeekday = (name: string | undefined): number | undefined => {
    const day = WEEKDAY_OF.get(name ?? '');
    return day === undefined ? undefined : start + ((day - weekdayOfDay(start) + 7) % 7);
  };
  switch (form) {
    case 'next-week':
      return [monday + 7, monday + 13];
    case 'week-after-next':
      return [monday + 14, monday + 20];
    case 'this-weekend':
      return [Math.max(today, monday + 5), monday + 6];
    case 'next-weekend':
      return [monday + 12, monday + 13];
    case 'weekdays': {
      const from = nextWeekday(g(1));
      const last = WEEKDAY_OF.get(g(2) ?? '');
      const first = WEEKDAY_OF.get(g(1) ?? '');
      if (from === undefined || last === undefined || first === undefined) return undefined;
      return [from, from + ((last - first + 7) % 7)];
    }
    case 'one-weekday': {
      const day = nextWeekday(g(1));
      return day === undefined ? undefined : [day, day];
    }
    case 'iso': {
      const from = dayFrom(num(g(1)), num(g(2)), num(g(3)));
      const to = dayFrom(num(g(4)), num(g(5)), num(g(6)));
      return from === undefined || to === undefined ? undefined : [from, to];
    }
    case 'slashed': {
      const written = shortYear(g(6)) ?? shortYear(g(3));
      const inOrder = (monthFirst: boolean) =>
        monthFirst
          ? inYear(today, num(g(2)), num(g(1)), num(g(5)), num(g(4)), written)
          : inYear(today, num(g(1)), num(g(2)), num(g(4)), num(g(5)), written);
      return inOrder(options.monthFirst) ?? inOrder(!options.monthFirst);
    }
    case 'one-slashed': {
      const written = shortYear(g(3));
      const inOrder = (monthFirst: boolean) =>
        monthFirst
          ? inYear(today, num(g(2)), num(g(1)), num(g(2)), num(g(1)), written)
          : inYear(today, num(g(1)), num(g(2)), num(g(1)), num(g(2)), written);
      return inOrder(options.monthFirst) ?? inOrder(!options.monthFirst);
    }
    case 'numeric':
      return inYear(today, num(g(1)), num(g(2) ?? g(4)), num(g(3)), num(g(4)), year(g(5)));
    case 'one-numeric':
      return inYear(today, num(g(1)), num(g(2)), num(g(1)), num(g(2)), year(g(3)));
    case 'day-month': {
      const toMonth = MONTH_OF.get(g(4) ?? '');
      const fromMonth = g(2) === undefined ? toMonth : MONTH_OF.get(g(2) ?? '');
      return inYear(today, num(g(1)), fromMonth, num(g(3)), toMonth, year(g(5)));
    }
    case 'one-day-month': {
      const month = MONTH_OF.get(g(2) ?? '');
      return inYear(today, num(g(1)), month, num(g(1)), month, year(g(3)));
    }
    case 'month-day': {
      const fromMonth = MONTH_OF.get(g(1) ?? '');
      const toMonth = g(3) === undefined ? fromMonth : MONTH_OF.get(g(3) ?? '');
      return inYear(today, num(g(2)), fromMonth, num(g(4)), toMonth, year(g(5)));
    }
    case 'one-month-day': {
      const month = MONTH_OF.get(g(1) ?? '');
      return inYear(today, num(g(2)), month, num(g(2)), month, year(g(3)));
    }
    case 'one-day-of-month': {
      const day = nextDayOfMonth(today, num(match.slice(1).find((x) => x !== undefined)));
      return day === undefined ? undefined : [day, day];
    }
  }
}

/** The next date from `today` (included) whose day of the month is `day`; undefined for no such day. */
function nextDayOfMonth(today: number, day: number): number | undefined {
  const [y, m] = dateOfDay(today)
    .split('-')
    .map((part) => Number.parseInt(part, 10)) as [number, number];
  for (let k = 0; k < 3; k++) {
    const month = ((m - 1 + k) % 12) + 1;
    const candidate = dayFrom(y + Math.floor((m - 1 + k) / 12), month, day);
    if (candidate !== undefined && candidate >= today) return candidate;
  }
  return undefined;
}

/** A year as written after a slashed date: "2026", or "26" for 2026. */
function shortYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number.parseInt(text, 10);
  return text.length === 2 ? 2000 + value : value;
}

function num(text: string | undefined): number {
  return text === undefined ? Number.NaN : Number.parseInt(text, 10);
}

function year(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number.parseInt(text, 10);
}

/**
 * A day-and-month range in a year: the one written (it is the end's: "28 Dec - 3 Jan 2027"), else the
 * nearest year whose range ends today or later. A range that runs on into January crosses the year end.
 */
function inYear(
  today: number,
  fromDay: number,
  fromMonth: number | undefined,
  toDay: number,
  toMonth: number | undefined,
  written: number | undefined,
): [number, number] | undefined {
  if (fromMonth === undefined || toMonth === undefined) return undefined;
  const crosses = fromMonth > toMonth ? 1 : 0;
  const rangeIn = (endYear: number): [number, number] | undefined => {
    const from = dayFrom(endYear - crosses, fromMonth, fromDay);
    const to = dayFrom(endYear, toMonth, toDay);
    return from === undefined || to === undefined ? undefined : [from, to];
  };
  if (written !== undefined) return rangeIn(written);
  const thisYear = Number.parseInt(dateOfDay(today).slice(0, 4), 10);
  for (const endYear of [thisYear, thisYear + 1]) {
    const range = rangeIn(endYear);
    if (range && range[1] >= today) return range;
  }
  return undefined;
}

/** The day number of a real date, or undefined (31 February, month 13). */
function dayFrom(y: number, m: number, d: number): number | undefined {
  if (![y, m, d].every(Number.isInteger) || y < 1000 || y > 9999) return undefined;
  const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const day = parseDate(text);
  return day !== undefined && day === dayOf(y, m, d) ? day : undefined;
}
