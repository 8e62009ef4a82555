// The calendar attachment, parsed back with a real iCalendar parser: events, local times across DST, escaping, folding.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { StrengthSession, WeekPlan } from '#domain/types';
import { CALENDAR_CONTENT_TYPE, calendarAttachment, escapeText, foldLine, weekCalendar } from '#email/ics';
import { renderWeeklyPlanEmail } from '#email/render';

const NOW = new Date('2026-11-29T17:00:00Z');

const lunge = { name: 'Lunge', sets: 2, reps: 8, cue: 'Front knee over the middle of your foot.' };

function weekPlan(overrides: Partial<WeekPlan> = {}): WeekPlan {
  const weekStart = overrides.weekStart ?? '2026-11-30';
  const day = (n: number) => DateTime.fromISO(weekStart).plus({ days: n }).toISODate() as string;
  return {
    weekStart,
    weekNumber: 6,
    decision: 'progress',
    reason: 'Your knees settled every morning, so we add a little.',
    unit: 'min',
    totalVolume: 90,
    runs: [
      { date: day(0), amount: 30, kind: 'easy' },
      { date: day(2), amount: 25, kind: 'walk-run' },
      { date: day(5), amount: 35, kind: 'long' },
    ],
    restDays: [day(1), day(3), day(4), day(6)],
    crossTraining: [],
    strength: [
      { date: day(1), exercises: [lunge] },
      { date: day(5), exercises: [] },
    ],
    tip: { topic: 'rest', text: 'Rest days are when you adapt.' },
    maxSingleRun: 40,
    ...overrides,
  };
}

interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  start: Date;
  end: Date;
}

function parse(calendar: string): { root: ICAL.Component; events: ParsedEvent[] } {
  const root = new ICAL.Component(ICAL.parse(calendar));
  const events = root.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
    };
  });
  return { root, events };
}

function calendarOf(plan: WeekPlan, timeZone = 'Europe/Berlin', runHour = 7): string {
  const calendar = weekCalendar(plan, { timeZone, runHour, now: NOW });
  if (calendar === undefined) throw new Error('no calendar');
  return calendar;
}

const localHour = (instant: Date, zone: string) => DateTime.fromJSDate(instant, { zone }).toFormat('HH:mm');
const minutesOf = (e: ParsedEvent) => (e.end.getTime() - e.start.getTime()) / 60_000;

describe('weekly calendar (.ics)', () => {
  it('has one event per run and per strength session, with summaries and stable ids', () => {
    // Prepare
    const plan = weekPlan();

    // Act
    const { root, events } = parse(calendarOf(plan));

    // Assess
    expect(root.getFirstPropertyValue('version')).toBe('2.0');
    expect(root.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(events).toHaveLength(plan.runs.length + plan.strength.length);
    expect(events.map((e) => e.summary)).toEqual([
      'Easy run: 30 min',
      'Strength for your knees',
      'Walk-run: 25 min',
      'Long run: 35 min',
      'Strength for your knees',
    ]);
    expect(events.map((e) => e.uid)).toEqual([
      '2026-11-30-run-2026-11-30@knee-coach',
      '2026-11-30-strength-2026-12-01@knee-coach',
      '2026-11-30-run-2026-12-02@knee-coach',
      '2026-11-30-run-2026-12-05@knee-coach',
      '2026-11-30-strength-2026-12-05@knee-coach',
    ]);
    // Re-sending the same week (later) keeps the ids, so a calendar updates instead of doubling.
    const again = parse(weekCalendar(plan, { timeZone: 'Europe/Berlin', runHour: 7, now: new Date() }) ?? '');
    expect(again.events.map((e) => e.uid)).toEqual(events.map((e) => e.uid));
  });

  it('starts each day at the run hour in the zone, strength after a same-day run, with sensible lengths', () => {
    // Act
    const { events } = parse(calendarOf(weekPlan(), 'America/New_York', 18));

    // Assess
    const shown = events.map((e) => [
      DateTime.fromJSDate(e.start, { zone: 'America/New_York' }).toISODate(),
      localHour(e.start, 'America/New_York'),
      minutesOf(e),
    ]);
    expect(shown).toEqual([
      ['2026-11-30', '18:00', 30],
      ['2026-12-01', '18:00', 20],
      ['2026-12-02', '18:00', 25],
      ['2026-12-05', '18:00', 35],
      ['2026-12-05', '19:00', 20], // the hour after the long run
    ]);
    const [longRun, strength] = events.slice(3);
    expect(strength?.start.getTime()).toBeGreaterThanOrEqual(longRun?.end.getTime() ?? Number.NaN);
  });

  it('keeps the local hour across the end of daylight saving (Europe/Berlin, 25 Oct 2026)', () => {
    // Prepare: the week before is summer time (UTC+2), the week after winter time (UTC+1)
    const summer = parse(calendarOf(weekPlan({ weekStart: '2026-10-19' }))).events;
    const winter = parse(calendarOf(weekPlan({ weekStart: '2026-10-26' }))).events;

    // Assess
    expect(summer[0]?.start.toISOString()).toBe('2026-10-19T05:00:00.000Z');
    expect(winter[0]?.start.toISOString()).toBe('2026-10-26T06:00:00.000Z');
    for (const e of [...summer, ...winter])
      expect(['07:00', '08:00']).toContain(localHour(e.start, 'Europe/Berlin'));
    expect(calendarOf(weekPlan({ weekStart: '2026-10-26' }))).toContain('DTSTART:20261026T060000Z');
  });

  it('moves a run hour that does not exist (spring forward) to the next valid time', () => {
    // Prepare: Sunday 29 Mar 2026, 02:00 does not exist in Berlin
    const plan = weekPlan({
      weekStart: '2026-03-23',
      runs: [{ date: '2026-03-29', amount: 30, kind: 'easy' }],
      strength: [],
    });

    // Act
    const [run] = parse(calendarOf(plan, 'Europe/Berlin', 2)).events;

    // Assess
    expect(localHour(run?.start as Date, 'Europe/Berlin')).toBe('03:00');
    expect(DateTime.fromJSDate(run?.start as Date, { zone: 'Europe/Berlin' }).toISODate()).toBe('2026-03-29');
  });

  it('estimates a block for km and mi runs, and says it is a guess', () => {
    // Prepare
    const km = weekPlan({
      unit: 'km',
      runs: [{ date: '2026-11-30', amount: 5, kind: 'easy' }],
      strength: [],
    });
    const mi = weekPlan({
      unit: 'mi',
      runs: [{ date: '2026-11-30', amount: 3, kind: 'easy' }],
      strength: [],
    });

    // Act
    const [kmRun] = parse(calendarOf(km)).events;
    const [miRun] = parse(calendarOf(mi)).events;

    // Assess: about 7 min per km and 11 min per mile, rounded up to 5 minutes
    expect(kmRun?.summary).toBe('Easy run: 5.0 km');
    expect(minutesOf(kmRun as ParsedEvent)).toBe(35);
    expect(minutesOf(miRun as ParsedEvent)).toBe(35);
    expect(kmRun?.description).toContain('rough guess');
  });

  it('runs late in the evening still stay on their day', () => {
    // Prepare: a 30-min run at 23:00 leaves no room after it for the strength session
    const plan = weekPlan({
      runs: [{ date: '2026-11-30', amount: 30, kind: 'easy' }],
      strength: [{ date: '2026-11-30', exercises: [lunge] }],
    });

    // Act
    const events = parse(calendarOf(plan, 'Europe/London', 23)).events;

    // Assess
    expect(events.map((e) => localHour(e.start, 'Europe/London'))).toEqual(['23:00', '22:00']);
    for (const e of events) {
      expect(DateTime.fromJSDate(e.start, { zone: 'Europe/London' }).toISODate()).toBe('2026-11-30');
    }
  });

  it('is proper RFC 5545 text: CRLF endings, lines folded at 75 octets, DTSTAMP in UTC', () => {
    // Prepare: long multi-byte text forces folds inside words and next to multi-byte characters
    const cue = `Go slowly ${'é—😀 '.repeat(40)}and breathe.`;
    const plan = weekPlan({ strength: [{ date: '2026-12-01', exercises: [{ ...lunge, cue }] }] });

    // Act
    const calendar = calendarOf(plan);

    // Assess
    expect(calendar.endsWith('\r\n')).toBe(true);
    expect(calendar.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = calendar.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(calendar).not.toContain('\uFFFD');
    expect(calendar).toMatch(/^DTSTAMP:20261129T170000Z$/m);
    const strength = parse(calendar).events.find((e) => e.uid.includes('strength-2026-12-01'));
    expect(strength?.description).toContain(`Lunge: 2 × 8 reps. ${cue}`);
  });

  it('escapes commas, semicolons, backslashes and line breaks in text', () => {
    // Prepare
    const tricky = 'Lunge, deep; slow \\ steady\nthen rest\r\nagain';
    const session: StrengthSession = {
      date: '2026-12-01',
      exercises: [{ ...lunge, name: tricky, cue: 'a,b;c' }],
    };
    const plan = weekPlan({ strength: [session] });

    // Act
    const calendar = calendarOf(plan);
    const event = parse(calendar).events.find((e) => e.summary === 'Strength for your knees');

    // Assess
    expect(escapeText(tricky)).toBe('Lunge\\, deep\\; slow \\\\ steady\\nthen rest\\nagain');
    expect(calendar.replace(/\r\n /g, '')).toContain('Lunge\\, deep\\; slow \\\\ steady\\nthen rest\\nagain');
    expect(event?.description).toContain('Lunge, deep; slow \\ steady\nthen rest\nagain: 2 × 8 reps. a,b;c');
  });

  it('folds by octets without splitting a character', () => {
    // Prepare
    const line = `DESCRIPTION:${'ü'.repeat(100)}`;

    // Act
    const folded = foldLine(line);

    // Assess
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
  });

  it('is attached to the weekly email; a week with nothing to schedule has no attachment', () => {
    // Prepare
    const input = {
      timeZone: 'Europe/Berlin',
      runHour: 7,
      history: [],
      unsubscribeUrl: 'https://coach.test/u',
      operator: { name: 'Coach', postalAddress: '1 Street' },
      now: NOW,
    };

    // Act
    const email = renderWeeklyPlanEmail({ ...input, plan: weekPlan() });
    const rest = renderWeeklyPlanEmail({
      ...input,
      plan: weekPlan({ decision: 'pause', runs: [], strength: [], totalVolume: 0 }),
    });

    // Assess
    const [attachment] = email.attachments ?? [];
    expect(attachment?.fileName).toBe('knee-coach-week-2026-11-30.ics');
    expect(attachment?.contentType).toBe(CALENDAR_CONTENT_TYPE);
    expect(CALENDAR_CONTENT_TYPE).toBe('text/calendar; charset=utf-8; method=PUBLISH');
    expect(new TextDecoder().decode(attachment?.content)).toBe(calendarOf(weekPlan()));
    expect(email.text).toContain('The attached calendar file adds each run and strength session');
    expect(email.html).toContain('The attached calendar file adds each run and strength session');
    expect(rest.attachments).toBeUndefined();
    expect(rest.text).not.toContain('calendar file');
  });

  it('refuses an unknown zone or an impossible hour instead of placing events wrongly', () => {
    expect(() => weekCalendar(weekPlan(), { timeZone: 'Mars/Olympus', runHour: 7, now: NOW })).toThrow(
      /IANA time zone/,
    );
    expect(() => weekCalendar(weekPlan(), { timeZone: 'Europe/Berlin', runHour: 24, now: NOW })).toThrow(
      /runHour/,
    );
    expect(
      calendarAttachment(weekPlan({ runs: [], strength: [] }), { timeZone: 'UTC', runHour: 7, now: NOW }),
    ).toBeUndefined();
  });
});
