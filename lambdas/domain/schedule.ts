// When each subscriber's weekly email goes out, and which week it plans, in their own time zone.
import { DateTime } from 'luxon';
import { WEEKDAYS, type Weekday } from './types';

export interface SendSchedule {
  timeZone: string;
  sendDay: Weekday;
  sendHour: number;
}

function localDate(instant: Date, timeZone: string): DateTime {
  const dt = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!dt.isValid) throw new Error(`invalid time zone: ${timeZone}`);
  return dt;
}

function parseMonday(weekStart: string): DateTime {
  const dt = DateTime.fromISO(weekStart, { zone: 'UTC' });
  if (!dt.isValid || dt.weekday !== 1)
    throw new Error(`week start must be a Monday (YYYY-MM-DD): ${weekStart}`);
  return dt;
}

/**
 * The week a plan sent at `instant` covers: the Monday on or after the subscriber's local date,
 * so a plan always covers a whole week that has not started yet (or starts today).
 */
export function weekStartFor(instant: Date, timeZone: string): string {
  const local = localDate(instant, timeZone).startOf('day');
  const daysToMonday = (8 - local.weekday) % 7;
  return local.plus({ days: daysToMonday }).toISODate() as string;
}

export function addWeeks(weekStart: string, weeks: number): string {
  return parseMonday(weekStart).plus({ weeks }).toISODate() as string;
}

/** The local dates (YYYY-MM-DD) Monday to Sunday of a week. */
export function datesOfWeek(weekStart: string): string[] {
  const monday = parseMonday(weekStart);
  return Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }).toISODate() as string);
}

/**
 * The regular send time for the plan of `weekStart`: the subscriber's send day and hour on or
 * before that Monday, in their zone. Luxon resolves local times, so daylight-saving shifts keep the
 * local hour (a skipped hour moves forward to the next valid time).
 */
export function sendTimeForWeek(weekStart: string, schedule: SendSchedule): Date {
  const monday = parseMonday(weekStart);
  const sendIndex = WEEKDAYS.indexOf(schedule.sendDay); // 0 = Monday
  const daysBefore = (7 - sendIndex) % 7;
  const day = monday.minus({ days: daysBefore });
  const local = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: schedule.sendHour },
    { zone: schedule.timeZone },
  );
  if (!local.isValid) throw new Error(`invalid time zone: ${schedule.timeZone}`);
  return local.toJSDate();
}

/** The send time of the plan after `weekStart`'s: where `nextSendAt` moves once a week is claimed. */
export function nextSendAfterWeek(weekStart: string, schedule: SendSchedule): Date {
  return sendTimeForWeek(addWeeks(weekStart, 1), schedule);
}
