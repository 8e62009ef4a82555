// When each subscriber's weekly email goes out, and which week it plans, in their own time zone.
import { WEEKDAYS, type Weekday } from './types';
import {
  addDays,
  dateOfDay,
  dayOf,
  isTimeZone,
  parseDate,
  wallClock,
  weekdayOfDay,
  zonedTime,
} from './zoned-time';

export interface SendSchedule {
  timeZone: string;
  sendDay: Weekday;
  sendHour: number;
}

function assertZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new Error(`invalid time zone: ${timeZone}`);
}

/** The day number of a Monday given as YYYY-MM-DD. */
function parseMonday(weekStart: string): number {
  const day = parseDate(weekStart);
  if (day === undefined || weekdayOfDay(day) !== 1)
    throw new Error(`week start must be a Monday (YYYY-MM-DD): ${weekStart}`);
  return day;
}

/**
 * The week a plan sent at `instant` covers: the Monday on or after the subscriber's local date,
 * so a plan always covers a whole week that has not started yet (or starts today).
 */
export function weekStartFor(instant: Date, timeZone: string): string {
  assertZone(timeZone);
  const local = wallClock(instant, timeZone);
  const daysToMonday = (8 - local.weekday) % 7;
  return dateOfDay(dayOf(local.year, local.month, local.day) + daysToMonday);
}

export function addWeeks(weekStart: string, weeks: number): string {
  return dateOfDay(parseMonday(weekStart) + weeks * 7);
}

/** The local dates (YYYY-MM-DD) Monday to Sunday of a week. */
export function datesOfWeek(weekStart: string): string[] {
  const monday = parseMonday(weekStart);
  return Array.from({ length: 7 }, (_, i) => dateOfDay(monday + i));
}

/**
 * The regular send time for the plan of `weekStart`: the subscriber's send day and hour on or
 * before that Monday, in their zone. Daylight-saving shifts keep the local hour; a skipped hour moves
 * forward by the gap and a repeated one is its first occurrence (see `zonedTime`).
 */
export function sendTimeForWeek(weekStart: string, schedule: SendSchedule): Date {
  const monday = parseMonday(weekStart);
  const sendIndex = WEEKDAYS.indexOf(schedule.sendDay); // 0 = Monday
  const daysBefore = (7 - sendIndex) % 7;
  assertZone(schedule.timeZone);
  return zonedTime(dateOfDay(monday - daysBefore), schedule.sendHour, schedule.timeZone);
}

/** The send time of the plan after `weekStart`'s: where `nextSendAt` moves once a week is claimed. */
export function nextSendAfterWeek(weekStart: string, schedule: SendSchedule): Date {
  return sendTimeForWeek(addWeeks(weekStart, 1), schedule);
}

/** From this local hour a day counts as over for a plan sent then: a run is not planned on it. */
export const DAY_OVER_HOUR = 18;

/**
 * The first day a plan sent at `instant` can still put a run on, in the subscriber's zone: today, or
 * tomorrow once the evening has come (from 18:00, or after their usual run hour if that is later). A
 * confirmation on a Monday evening plans the week that began that day, so its Monday gets no run.
 */
export function firstRunDay(instant: Date, schedule: { timeZone: string; runHour: number }): string {
  assertZone(schedule.timeZone);
  const local = wallClock(instant, schedule.timeZone);
  const today = dateOfDay(dayOf(local.year, local.month, local.day));
  return local.hour >= Math.max(DAY_OVER_HOUR, schedule.runHour + 1) ? addDays(today, 1) : today;
}
