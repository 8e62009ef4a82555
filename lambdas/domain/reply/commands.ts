// Finds what the reply asks the coach to do: stop, pause (for how long), resume, units, send day and hour,
// the same week again or an easier one.
import { UNITS, type Unit, WEEKDAYS, type Weekday } from '#domain/types';
import type { Doc } from './clauses';
import { LEXICONS } from './lexicons';
import { fill, gather, phrases, words } from './lexicons/compile';
import { isNegated } from './negation';
import { durationWeeks } from './numbers';

export type ReplyCommand =
  | { kind: 'stop' }
  | { kind: 'pause'; weeks?: number }
  | { kind: 'resume' }
  | { kind: 'units'; unit: Unit }
  | { kind: 'send-day'; day: Weekday; hour?: number }
  /** The same level again next week. */
  | { kind: 'repeat-week' }
  /** One week a step lighter, then progression from there (there is no "harder": the ramp is the ramp). */
  | { kind: 'easier' };

const STOP_SENTENCE = new RegExp(
  gather((l) => l.commands.stopAlone)
    .map((p) => `(?:${p})`)
    .join('|'),
);
const STOP_ANYWHERE = phrases(gather((l) => l.commands.stop));
const PAUSE_ONE_WEEK = gather((l) => l.commands.pauseOneWeek);
const PAUSE = phrases([...gather((l) => l.commands.pause), ...PAUSE_ONE_WEEK]);
const ONE_WEEK = new RegExp(`^(?:${PAUSE_ONE_WEEK.join('|')})`);
const RESUME = phrases(gather((l) => l.commands.resume));
const REPEAT_WEEK = phrases(gather((l) => l.commands.repeatWeek));
// Only requests: "felt easier" and "easier than last week" describe the week, and there is no "harder".
const EASIER = phrases(gather((l) => l.commands.easier));

const UNIT_NAMES = gather((l) => UNITS.flatMap((unit) => l.unitNames[unit]));
const UNIT_OF = UNITS.map((unit) => ({
  unit,
  test: new RegExp(`^(?:${gather((l) => l.unitNames[unit]).join('|')})$`),
}));
// One regex per command for all languages, so a sentence is scanned once per command, not once per language;
// and a cheap test first, so the long templates only run on a sentence naming a unit or a weekday.
const UNIT_MENTION = words(UNIT_NAMES);
const UNIT_REQUESTS = phrases(gather((l) => l.commands.unitRequests).map((p) => fill(p, 'unit', UNIT_NAMES)));
const UNIT_ALONE = new RegExp(
  gather((l) => l.commands.unitAlone)
    .map((p) => `(?:${fill(p, 'unit', UNIT_NAMES)})`)
    .join('|'),
);

const WEEKDAY_OF = new Map<string, Weekday>(
  LEXICONS.flatMap((lexicon) =>
    WEEKDAYS.flatMap((day) => lexicon.weekdays[day].map((word) => [word, day] as const)),
  ),
);
const DAY_NAMES = [...WEEKDAY_OF.keys()];
const DAY_MENTION = words(DAY_NAMES);
const SEND_DAY = phrases(gather((l) => l.commands.sendDay).map((p) => fill(p, 'day', DAY_NAMES)));
const SEND_HOUR = gather((l) => l.commands.sendHour).map((p) => phrases([p], ''));

export function commands(doc: Doc): ReplyCommand[] {
  const found: { at: number; command: ReplyCommand }[] = [];
  const add = (index: number, position: number, command: ReplyCommand) => {
    if (found.some((f) => f.command.kind === command.kind)) return;
    found.push({ at: (doc.offsets[index] ?? 0) + position, command });
  };
  doc.sentences.forEach((sentence, index) => {
    const text = sentence.text;
    const firstUndenied = (pattern: RegExp) => {
      for (const match of text.matchAll(pattern)) {
        if (!isNegated(doc, index, match.index, match.index + match[0].length)) return match;
      }
      return null;
    };
    if (STOP_SENTENCE.test(text)) add(index, 0, { kind: 'stop' });
    for (const match of text.matchAll(STOP_ANYWHERE)) {
      if (isNegated(doc, index, match.index, match.index + match[0].length)) continue;
      add(index, match.index, { kind: 'stop' });
    }
    const pause = firstUndenied(PAUSE);
    if (pause) {
      const weeks = ONE_WEEK.test(pause[0]) ? 1 : durationWeeks(text.slice(pause.index));
      add(index, pause.index, weeks === undefined ? { kind: 'pause' } : { kind: 'pause', weeks });
    } else {
      // "Pause for two weeks, then resume" asks for a pause; the resume is for later.
      const resume = firstUndenied(RESUME);
      if (resume) add(index, resume.index, { kind: 'resume' });
    }
    const repeat = firstUndenied(REPEAT_WEEK);
    if (repeat) add(index, repeat.index, { kind: 'repeat-week' });
    const easier = firstUndenied(EASIER);
    if (easier) add(index, easier.index, { kind: 'easier' });
    if (UNIT_MENTION.test(text)) {
      const request = firstUndenied(UNIT_REQUESTS);
      const requested = request ? unitOf(captured(request)) : null;
      if (request && requested) add(index, request.index, { kind: 'units', unit: requested });
      const alone = UNIT_ALONE.exec(text);
      const aloneUnit = alone ? unitOf(captured(alone)) : null;
      if (aloneUnit) add(index, 0, { kind: 'units', unit: aloneUnit });
    }
    const sendDay = DAY_MENTION.test(text) ? firstUndenied(SEND_DAY) : null;
    const day = sendDay ? WEEKDAY_OF.get(captured(sendDay)) : undefined;
    if (sendDay && day) {
      const hour = sendHour(text);
      add(
        index,
        sendDay.index,
        hour === undefined ? { kind: 'send-day', day } : { kind: 'send-day', day, hour },
      );
    }
  });
  return found.sort((a, b) => a.at - b.at).map((f) => f.command);
}

/** The one group a combined template captured (each language's template has its own). */
function captured(match: RegExpExecArray | RegExpMatchArray): string {
  return match.slice(1).find((group) => group !== undefined) ?? '';
}

function unitOf(word: string): Unit | null {
  return UNIT_OF.find((u) => u.test.test(word))?.unit ?? null;
}

/** The earliest hour any language's pattern finds in the sentence. */
function sendHour(text: string): number | undefined {
  let best: RegExpExecArray | null = null;
  for (const pattern of SEND_HOUR) {
    const match = pattern.exec(text);
    if (match && (best === null || match.index < best.index)) best = match;
  }
  const groups = best?.groups;
  if (!groups) return undefined;
  if (groups.noon) return groups.noon === 'midnight' ? 0 : 12;
  const suffix = (groups.ampm ?? '').replace(/\./g, '');
  let hour = Number.parseInt(groups.h ?? '', 10);
  if (!Number.isInteger(hour)) return undefined;
  if (suffix === 'pm' && hour < 12) hour += 12;
  if (suffix === 'am' && hour === 12) hour = 0;
  return hour >= 0 && hour <= 23 ? hour : undefined;
}
