// The week as an iCalendar file (RFC 5545): each run and strength session at the subscriber's usual hour.

import type { PlannedRun, StrengthSession, Unit, WeekPlan } from '#domain/types';
import { intervalsText, sessionMinutes } from '#domain/walk-run';
import { isTimeZone, zonedTime } from '#domain/zoned-time';
import {
  EASY_PACE,
  INTERVALS_NOTE,
  LONG_RUN_NOTE,
  RACE_NOTE,
  RUN_LABELS,
  STRENGTH_INTRO,
  STRENGTH_TITLE,
  WALK_RUN_NOTE,
} from './copy';
import { cleanText, formatAmount, formatDose, shownAmount } from './format';
import type { Attachment } from './types';

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8; method=PUBLISH';

const PRODID = '-//Knee-friendly running coach//Weekly plan//EN';
const UID_DOMAIN = 'knee-coach';
const STRENGTH_MINUTES = 20;

// Durations for distance plans are only a guess for the calendar block: about 7 min per km (11 per mile)
// is a relaxed easy pace for most recreational runners; the email itself never states a pace.
const MINUTES_PER_UNIT: Record<Unit, number> = { min: 1, km: 7, mi: 11 };

export interface CalendarOptions {
  /** IANA zone the dates and `runHour` are local to. */
  timeZone: string;
  /** Local hour the first session of a day starts. */
  runHour: number;
  /** When the file is made: its DTSTAMP. */
  now: Date;
}

interface CalendarEvent {
  uid: string;
  start: Date;
  minutes: number;
  summary: string;
  description: string;
}

// isTimeZone remembers its answers, so checking the zone of every email costs a map lookup.
export function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new RangeError(`Not an IANA time zone: ${JSON.stringify(timeZone)}`);
}

function assertRunHour(runHour: number): void {
  if (!Number.isInteger(runHour) || runHour < 0 || runHour > 23) {
    throw new RangeError(`runHour must be a whole hour 0 to 23, got ${runHour}`);
  }
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return cleanText(value)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines start with one space, which counts
 * towards their 75. Splits between characters, never inside a UTF-8 sequence.
 */

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** UTF-8 length of one code point, without encoding it (this runs for every character of every email). */
function utf8Length(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

export function foldLine(line: string): string {
  // Most lines are short ASCII: nothing to fold.
  if (line.length <= 75 && isAscii(line)) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = utf8Length(char);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** An instant as an iCalendar UTC time, e.g. 20261130T060000Z (plain Date arithmetic: no zone lookups). */
function utcStamp(time: Date): string {
  const iso = time.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

function runMinutes(run: PlannedRun, unit: Unit): number {
  // A walk-run session is blocked for all of it: warm-up, intervals, cool-down.
  if (run.intervals !== undefined) return sessionMinutes(run.intervals);
  if (run.warmupMinutes !== undefined && unit === 'min') return Math.round(run.amount) + run.warmupMinutes;
  const minutes = shownAmount(run.amount, unit) * MINUTES_PER_UNIT[unit];
  // Round distance guesses up to 5 minutes so the block does not pretend to a precision it lacks.
  const rounded = unit === 'min' ? Math.round(minutes) : Math.ceil(minutes / 5) * 5;
  return Math.max(5, rounded);
}

function runDescription(run: PlannedRun, unit: Unit): string {
  const lines =
    run.intervals !== undefined
      ? [...intervalSteps(run), '', INTERVALS_NOTE]
      : run.kind === 'race'
        ? [RACE_NOTE]
        : [
            ...(run.warmupMinutes === undefined ? [] : [`Warm up: ${run.warmupMinutes} min brisk walk.`]),
            run.kind === 'walk-run' ? WALK_RUN_NOTE : run.kind === 'long' ? LONG_RUN_NOTE : EASY_PACE,
          ];
  if (unit !== 'min') {
    lines.push(
      `The time blocked here is a rough guess at an easy pace (about ${MINUTES_PER_UNIT[unit]} min per ${unit}): go by the distance, not the clock.`,
    );
  }
  lines.push("Reply to this week's email to tell us how your knees felt.");
  return lines.join('\n');
}

/** The session step by step: the warm-up walk, each interval, the cool-down walk. */
function intervalSteps(run: PlannedRun): string[] {
  const intervals = run.intervals as NonNullable<PlannedRun['intervals']>;
  const spell = `run ${intervalsText({ ...intervals, repeats: 1 }).replace(/^1 × \((.*) run, (.*) walk\)$/, '$1, walk $2')}`;
  return [
    `Warm up: ${run.warmupMinutes ?? 0} min brisk walk.`,
    `${intervalsText(intervals)}:`,
    ...Array.from({ length: intervals.repeats }, (_, i) => `${i + 1}. ${spell}`),
    `Cool down: ${run.cooldownMinutes ?? 0} min easy walk (${sessionMinutes(intervals)} min in all).`,
  ];
}

function strengthDescription(session: StrengthSession): string {
  const exercises =
    session.exercises.length > 0
      ? session.exercises.map((e) => `- ${e.name}: ${formatDose(e)}. ${e.cue}`)
      : ["Repeat the exercises from this week's email."];
  return [STRENGTH_INTRO, '', ...exercises].join('\n');
}

interface DayItem {
  kind: 'run' | 'strength';
  minutes: number;
  summary: string;
  description: string;
}

/**
 * One day's sessions, one after another: the first at `runHour`, each next one on the first whole hour
 * after the previous ends (a strength session after a 30-minute run at 7:00 starts at 8:00). Sessions that
 * would run past midnight go before `runHour` instead, so every event stays on its planned date.
 */
function placeDay(date: string, items: DayItem[], options: CalendarOptions, weekStart: string) {
  const events: CalendarEvent[] = [];
  const seen: Record<string, number> = {};
  let later = options.runHour;
  let earlier = options.runHour;
  for (const item of items) {
    const hours = Math.ceil(item.minutes / 60);
    let hour: number;
    if (later + hours <= 24) {
      hour = later;
      later += hours;
    } else {
      earlier = Math.max(0, earlier - hours);
      hour = earlier;
    }
    seen[item.kind] = (seen[item.kind] ?? 0) + 1;
    const nth = seen[item.kind] === 1 ? '' : `-${seen[item.kind]}`;
    events.push({
      // Stable per week, kind and date, so importing a re-sent plan updates the events instead of doubling them.
      uid: `${weekStart}-${item.kind}-${date}${nth}@${UID_DOMAIN}`,
      // The local `hour` on `date`: a skipped daylight-saving hour moves forward, a repeated one is its
      // first occurrence. Resolving asks Intl for offsets, the costliest step of a render, so zonedTime
      // remembers the few (zone, date, hour) combinations a run's emails share.
      start: zonedTime(date, hour, options.timeZone),
      minutes: item.minutes,
      summary: item.summary,
      description: item.description,
    });
  }
  return events;
}

function eventsOf(plan: WeekPlan, options: CalendarOptions): CalendarEvent[] {
  const items = new Map<string, DayItem[]>();
  const add = (date: string, item: DayItem) => items.set(date, [...(items.get(date) ?? []), item]);
  for (const run of plan.runs) {
    add(run.date, {
      kind: 'run',
      minutes: runMinutes(run, plan.unit),
      summary:
        run.intervals === undefined
          ? `${RUN_LABELS[run.kind]}: ${formatAmount(run.amount, plan.unit)}`
          : `${RUN_LABELS[run.kind]}: ${intervalsText(run.intervals)}`,
      description: runDescription(run, plan.unit),
    });
  }
  for (const session of plan.strength) {
    add(session.date, {
      kind: 'strength',
      minutes: STRENGTH_MINUTES,
      summary: STRENGTH_TITLE,
      description: strengthDescription(session),
    });
  }
  return [...items.keys()]
    .sort()
    .flatMap((date) => placeDay(date, items.get(date) ?? [], options, plan.weekStart));
}

/** The calendar text, CRLF line endings and folded lines; undefined when the week has nothing to put in it. */
export function weekCalendar(plan: WeekPlan, options: CalendarOptions): string | undefined {
  assertTimeZone(options.timeZone);
  assertRunHour(options.runHour);
  const events = eventsOf(plan, options);
  if (events.length === 0) return undefined;
  const stamp = utcStamp(options.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText('Knee-friendly running')}`,
  ];
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${utcStamp(event.start)}`,
      `DTEND:${utcStamp(new Date(event.start.getTime() + event.minutes * 60_000))}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

export function calendarFileName(weekStart: string): string {
  return `knee-coach-week-${weekStart}.ics`;
}

/** The calendar as an email attachment, or undefined for a week with no sessions. */
export function calendarAttachment(plan: WeekPlan, options: CalendarOptions): Attachment | undefined {
  const calendar = weekCalendar(plan, options);
  if (calendar === undefined) return undefined;
  return {
    fileName: calendarFileName(plan.weekStart),
    contentType: CALENDAR_CONTENT_TYPE,
    content: new TextEncoder().encode(calendar),
  };
}
