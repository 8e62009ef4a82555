// Finds time away ahead ("travelling next week", "on holiday 10-17 August"), as dates.

import type { DateRange } from '#domain/plan';
import { WEEKDAYS } from '#domain/types';
import { dateOfDay, dayOf, parseDate, weekdayOfDay } from '#domain/zoned-time';
import { clauseAt, type Doc, MATCHES_PER_SENTENCE, type Sentence } from './clauses';
import { LEXICONS } from './lexicons';
import { gather, longestFirst, phrases } from './lexicons/compile';
import { isNegated } from './negation';

/** Longer than this is no trip a week's plan can work around: read as nothing. */
export const MAX_AWAY_DAYS = 42;
/** How many words before a trigger a denial may stand ("not travelling", "won't be away"). */
const NEGATION_REACH_WORDS = 3;

const TRIGGER = phrases(gather((l) => l.away.trigger));
const PAST = new RegExp(`\\b(?:${gather((l) => l.away.past).join('|')})\\b`);
const MONTH_OF = new Map<string, number>(
  LEXICONS.flatMap((l) => l.away.months.flatMap((names, k) => names.map((name) => [name, k + 1] as const))),
);
const WEEKDAY_OF = new Map<string, number>(
  LEXICONS.flatMap((l) =>
    WEEKDAYS.flatMap((day, k) => l.weekdays[day].map((name) => [name, k + 1] as const)),
  ),
);

const MONTH = `(${longestFirst([...MONTH_OF.keys()]).join('|')})\\b\\.?`;
const WEEKDAY = `(${longestFirst([...WEEKDAY_OF.keys()]).join('|')})\\b`;
const TO = `(?:\\s*-\\s*|\\s+(?:${longestFirst(gather((l) => l.away.rangeTo)).join('|')})\\s+)`;
const DAY = '(\\d{1,2})(?!\\d)(?:st|nd|rd|th|er|o)?\\.?';
const OF = '(?:(?:of|de|del) )?';
const YEAR = '(?:,? (?:de )?(\\d{4})\\b)?';

type Form = 'iso' | 'numeric' | 'day-month' | 'month-day' | 'weekdays' | RelativeKind;
type RelativeKind = 'next-weekend' | 'week-after-next' | 'next-week' | 'this-weekend';

/** Tried in this order; a match overlapping an earlier one is skipped ("the week after next week"). */
const NEXT_WEEK = phrases(gather((l) => l.away.nextWeek));
const WEEK_AFTER_NEXT = phrases(gather((l) => l.away.weekAfterNext));

const FORMS: { form: Form; pattern: RegExp }[] = [
  {
    form: 'iso',
    pattern: new RegExp(`\\b(\\d{4})-(\\d{2})-(\\d{2})${TO}(\\d{4})-(\\d{2})-(\\d{2})\\b`, 'g'),
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
  { form: 'next-weekend', pattern: phrases(gather((l) => l.away.nextWeekend)) },
  { form: 'week-after-next', pattern: WEEK_AFTER_NEXT },
  { form: 'next-week', pattern: NEXT_WEEK },
  { form: 'this-weekend', pattern: phrases(gather((l) => l.away.thisWeekend)) },
];

interface Trigger {
  clause: number;
  past: boolean;
}

/**
 * The days away the reply names, inclusive local dates, resolved against `today` (the local date the reply
 * was written, in the subscriber's zone). Without `today` nothing is resolved: a date is never guessed.
 *
 * A date or a week counts only beside a word for being away (travel, a trip, a holiday) in its clause or the
 * next one over, undenied ("not travelling next week" is nothing), and not in the past ("was away this
 * weekend", "war 10.-17. August im Urlaub": what was missed is read with what was done). Weeks run Monday to Sunday. A date without a year is in the
 * nearest year whose range ends today or later; a range that ended before today, is longer than
 * MAX_AWAY_DAYS, or names an impossible date gives nothing. Not read: single dates ("away on 3 May"),
 * slashed dates (14/12 is 12 December in most of Europe and impossible in the US), "for a week" without when.
 */
export function readAway(doc: Doc, today: string | undefined): DateRange[] {
  const todayDay = today === undefined ? undefined : parseDate(today);
  if (todayDay === undefined) return [];
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
        const near = triggers.filter((t) => Math.abs(t.clause - clause) <= 1);
        if (near.length === 0) continue;
        if (near.every((t) => t.past)) continue;
        taken.push([start, end]);
        // "Tuesday to Thursday next week": the days of that week, and the week is no range of its own.
        const week = form === 'weekdays' ? weekOfClause(sentence, clause) : undefined;
        if (week) taken.push(week.span);
        const range = resolve(form, match, week ? todayDay + 7 * week.weeks : todayDay, week !== undefined);
        if (range && valid(range, todayDay)) {
          const value = { from: dateOfDay(range[0]), to: dateOfDay(range[1]) };
          found.set(`${value.from}/${value.to}`, value);
        }
      }
    }
  });
  return [...found.values()].sort((a, b) => (a.from === b.from ? cmp(a.to, b.to) : cmp(a.from, b.from)));
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
    triggers.push({ clause, past: PAST.test(before) });
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
  fromMonday = false,
): [number, number] | undefined {
  const g = (k: number) => match[k];
  const monday = today - (weekdayOfDay(today) - 1);
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
      const first = WEEKDAY_OF.get(g(1) ?? '');
      const last = WEEKDAY_OF.get(g(2) ?? '');
      if (first === undefined || last === undefined) return undefined;
      // Counted from today, or from the Monday of the week the clause names.
      const start = fromMonday ? monday : today;
      const from = start + ((first - weekdayOfDay(start) + 7) % 7);
      return [from, from + ((last - first + 7) % 7)];
    }
    case 'iso': {
      const from = dayFrom(num(g(1)), num(g(2)), num(g(3)));
      const to = dayFrom(num(g(4)), num(g(5)), num(g(6)));
      return from === undefined || to === undefined ? undefined : [from, to];
    }
    case 'numeric':
      return inYear(today, num(g(1)), num(g(2) ?? g(4)), num(g(3)), num(g(4)), year(g(5)));
    case 'day-month': {
      const toMonth = MONTH_OF.get(g(4) ?? '');
      const fromMonth = g(2) === undefined ? toMonth : MONTH_OF.get(g(2) ?? '');
      return inYear(today, num(g(1)), fromMonth, num(g(3)), toMonth, year(g(5)));
    }
    case 'month-day': {
      const fromMonth = MONTH_OF.get(g(1) ?? '');
      const toMonth = g(3) === undefined ? fromMonth : MONTH_OF.get(g(3) ?? '');
      return inYear(today, num(g(2)), fromMonth, num(g(4)), toMonth, year(g(5)));
    }
  }
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
