// Illness, time away and the repeat-week and easier requests read from replies; the fever red flag's safety.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { awayInReply, interpretReply } from '#domain/reply/interpret';
import { parseDate } from '#domain/zoned-time';

const WEDNESDAY = '2026-08-05';
const SATURDAY = '2026-08-08';
const SUNDAY = '2026-08-09';
const illness = (text: string) => interpretReply(text).illness;
const away = (text: string, today = WEDNESDAY, zone?: string) => awayInReply(text, today, zone);
const NEW_YORK = 'America/New_York';
const flags = (text: string) => interpretReply(text).redFlags;
const commands = (text: string) => interpretReply(text).commands;

describe('illness', () => {
  it.each([
    ['sick with flu for 5 days', { days: 5, kind: 'systemic' }],
    ['had a cold', { days: null, kind: 'mild' }],
    ['sore throat', { days: null, kind: 'mild' }],
    ['runny nose and the sniffles', { days: null, kind: 'mild' }],
    ['I had covid', { days: null, kind: 'systemic' }],
    ['flu', { days: null, kind: 'systemic' }],
    ['chest infection', { days: null, kind: 'systemic' }],
    ['bronchitis', { days: null, kind: 'systemic' }],
    ['a stomach bug', { days: null, kind: 'systemic' }],
    ['food poisoning on Friday', { days: null, kind: 'systemic' }],
    ['vomiting all night', { days: null, kind: 'systemic' }],
    ['gastro', { days: null, kind: 'systemic' }],
    ['I was sick', { days: null, kind: null }],
    ['ill', { days: null, kind: null }],
    ['felt unwell', { days: null, kind: null }],
    ['a bit under the weather', { days: null, kind: null }],
    ['sick all week', { days: 7, kind: null }],
    ['ill for two days', { days: 2, kind: null }],
    ['3 days in bed', { days: 3, kind: null }],
    ['flu for a week', { days: 7, kind: 'systemic' }],
    ['sick for ten days, knee 2/10', { days: 7, kind: null }],
    ['Had the flu, in bed for 3 days.', { days: 3, kind: 'systemic' }],
    ["I couldn't run with the flu", { days: null, kind: 'systemic' }],
    ['No runs, sick all week.', { days: 7, kind: null }],
    ['Die ganze Woche krank.', { days: 7, kind: null }],
  ])('%j → %j', (text, expected) => {
    expect(illness(text)).toEqual(expected);
  });

  it('"most of the week" says most, not how many days', () => {
    expect(illness('sick most of the week')).toEqual({ days: null, kind: null, most: true });
    expect(illness('Fast die ganze Woche Grippe.')).toEqual({ days: null, kind: 'systemic', most: true });
  });

  it('a mild and a systemic word in one reply is systemic, and the days are the most said', () => {
    expect(illness('Started as a cold. Then the flu for 4 days.')).toEqual({ days: 4, kind: 'systemic' });
    expect(illness('Flu for two days, then a cold for five days.')).toEqual({ days: 5, kind: 'systemic' });
  });

  it.each([
    'not sick',
    'no longer ill',
    "didn't get the flu",
    'no fever',
    'my kids had a cold',
    'My daughter was sick all week, so I ran less.',
    'looking after my sick son',
    'sick of running on the treadmill',
    'sick and tired of the rain',
    'cold weather, knee fine',
    'it was a cold morning',
    'had my flu jab',
    'If I get sick I will let you know.',
    'Nicht krank, nur müde.',
    'Keine Grippe, nur wenig Zeit.',
    'Pas malade, juste fatigué.',
    'Ingen feber.',
  ])('%j is no illness of theirs', (text) => {
    expect(illness(text)).toBeNull();
  });

  it('hay fever is a mild one, and no red flag', () => {
    expect(illness('hay fever is bad this week')).toEqual({ days: null, kind: 'mild' });
    expect(flags('hay fever is bad this week')).toEqual([]);
  });
});

describe('a fever: the illness or the hot-red-fever red flag', () => {
  it.each([
    'flu with a fever',
    'Had the flu with a fever for two days, knee fine.',
    'fever and a sore throat',
    'Had the flu. Fever for two days.',
    'Covid, high temperature and chills.',
    'Grippe mit Fieber.',
    'Gripe con fiebre, la rodilla bien.',
  ])('%j is an illness (systemic), not the red flag', (text) => {
    expect(flags(text)).toEqual([]);
    expect(illness(text)?.kind).toBe('systemic');
  });

  it.each([
    'Flu with a fever and my knee is hot.',
    'flu with a fever, my knee is swollen',
    'Flu with a fever and my knee really hurts.',
    'Knee is warm to the touch, I think I have a fever with this cold.',
    'Grippe mit Fieber, das Knie ist warm.',
  ])('%j stays the red flag: the knee is spoken of', (text) => {
    expect(flags(text)).toContain('hot-red-fever');
  });

  it("the knee is weighed in the fever's own sentence: a sore knee reported before the illness does not stop it", () => {
    // "Knee 2/10, a bit sore. Had flu with a fever." is the common shape of a reply: the fever is the flu's.
    expect(flags('Knee 2/10, a bit sore after the long run. Had the flu with a fever.')).toEqual([]);
    // When the illness is named only in the sentence before, that sentence is weighed too.
    expect(flags('Had the flu and my knee is painful. Fever for two days.')).toEqual(['hot-red-fever']);
  });

  it('a fever alone stays the red flag: nothing says it is not the knee', () => {
    expect(flags('I have a fever')).toEqual(['hot-red-fever']);
    expect(illness('I have a fever')).toEqual({ days: null, kind: 'systemic' });
  });

  it('the knee named but not hot, red, swollen or painful does not make a flu fever the red flag', () => {
    expect(flags('Flu with a fever, knee 2/10.')).toEqual([]);
  });

  it('the other hot-red signs stay the red flag beside an illness', () => {
    expect(flags('Had a cold and the knee is hot and red.')).toEqual(['hot-red-fever']);
    expect(flags('flu, and redness around the kneecap')).toEqual(['hot-red-fever']);
  });

  it('a denied knee sign leaves the fever to the illness', () => {
    expect(flags('Flu with a fever, knee not swollen.')).toEqual([]);
  });
});

describe('time away', () => {
  it.each([
    ['travelling next week', [{ from: '2026-08-10', to: '2026-08-16' }]],
    ['away next week', [{ from: '2026-08-10', to: '2026-08-16' }]],
    ['On holiday next week!', [{ from: '2026-08-10', to: '2026-08-16' }]],
    ['away the week after next', [{ from: '2026-08-17', to: '2026-08-23' }]],
    ['business trip in two weeks', [{ from: '2026-08-17', to: '2026-08-23' }]],
    ['on holiday 10–17 August', [{ from: '2026-08-10', to: '2026-08-17' }]],
    ['away from 14 to 20 December', [{ from: '2026-12-14', to: '2026-12-20' }]],
    ['Urlaub 14.–20.12.', [{ from: '2026-12-14', to: '2026-12-20' }]],
    ['Urlaub vom 14.12. bis 20.12.2026', [{ from: '2026-12-14', to: '2026-12-20' }]],
    ['Trip Dec 14-20', [{ from: '2026-12-14', to: '2026-12-20' }]],
    ['vacation August 30 to September 2', [{ from: '2026-08-30', to: '2026-09-02' }]],
    ['away 28 Dec - 3 Jan', [{ from: '2026-12-28', to: '2027-01-03' }]],
    ['away Thursday to Sunday', [{ from: '2026-08-06', to: '2026-08-09' }]],
    ['away this weekend', [{ from: '2026-08-08', to: '2026-08-09' }]],
    ['away next weekend', [{ from: '2026-08-15', to: '2026-08-16' }]],
    [
      'Away next week, and on holiday 1-5 September.',
      [
        { from: '2026-08-10', to: '2026-08-16' },
        { from: '2026-09-01', to: '2026-09-05' },
      ],
    ],
  ])('%j → %j', (text, expected) => {
    expect(away(text)).toEqual(expected);
  });

  it('reads the time away through interpretReply with its context', () => {
    expect(interpretReply('away next week', { today: WEDNESDAY }).away).toEqual([
      { from: '2026-08-10', to: '2026-08-16' },
    ]);
  });

  it('without today, nothing: a date is never guessed', () => {
    expect(interpretReply('away next week, and on holiday 10-17 August').away).toEqual([]);
    expect(interpretReply('away next week', { today: 'not a date' }).away).toEqual([]);
  });

  it('across the year end: a January range written in late December is next year', () => {
    expect(away('away 2–5 January', '2026-12-28')).toEqual([{ from: '2027-01-02', to: '2027-01-05' }]);
    expect(away('away next week', '2026-12-28')).toEqual([{ from: '2027-01-04', to: '2027-01-10' }]);
    expect(away('away 28 Dec - 3 Jan', '2027-01-02')).toEqual([{ from: '2026-12-28', to: '2027-01-03' }]);
  });

  it('weekday ranges count from today: from a Sunday and from a Wednesday', () => {
    expect(away('away Thursday to Sunday', SUNDAY)).toEqual([{ from: '2026-08-13', to: '2026-08-16' }]);
    expect(away('away Thursday to Sunday', WEDNESDAY)).toEqual([{ from: '2026-08-06', to: '2026-08-09' }]);
    expect(away('away Friday to Monday', WEDNESDAY)).toEqual([{ from: '2026-08-07', to: '2026-08-10' }]);
    expect(away('away from Wednesday to Friday', WEDNESDAY)).toEqual([
      { from: '2026-08-05', to: '2026-08-07' },
    ]);
  });

  it("weekdays said with a week ahead are that week's days, and the week is no range of its own", () => {
    expect(away('Away for work Tuesday to Thursday next week.')).toEqual([
      { from: '2026-08-11', to: '2026-08-13' },
    ]);
    expect(away('away Monday to Wednesday next week', SUNDAY)).toEqual([
      { from: '2026-08-10', to: '2026-08-12' },
    ]);
    expect(away('away Thursday to Sunday in two weeks')).toEqual([{ from: '2026-08-20', to: '2026-08-23' }]);
  });

  it('"this weekend" is the coming Saturday and Sunday, or what is left of it', () => {
    expect(away('away this weekend', SATURDAY)).toEqual([{ from: '2026-08-08', to: '2026-08-09' }]);
    expect(away('away this weekend', SUNDAY)).toEqual([{ from: '2026-08-09', to: '2026-08-09' }]);
    expect(away('next week', SUNDAY)).toEqual([]);
    expect(away('travelling next week', SUNDAY)).toEqual([{ from: '2026-08-10', to: '2026-08-16' }]);
  });

  it.each([
    'next week',
    '10-17 August',
    'Dec 14-20',
    'Thursday to Sunday',
    'Next week I can run more.',
    'Knee 3-4 next week hopefully.',
  ])('no word for being away: %j is nothing', (text) => {
    expect(away(text)).toEqual([]);
  });

  it.each([
    'I was away last week',
    'I was on holiday 1-3 August',
    'We were away this weekend',
    'not travelling next week',
    "I'm not away next week after all",
    'The pain went away, next week more please.',
    'stay away from hills next week',
    'on holiday 1 June - 30 August',
    'on holiday 30-31 February',
    'on holiday 10-17 August 2025',
    'away 2026-13-01 to 2026-13-05',
    'away 17-10 August',
  ])('%j is nothing: past, denied, too long or impossible', (text) => {
    expect(away(text)).toEqual([]);
  });

  it('a yearless range already over this year is next year (the nearest that ends today or later)', () => {
    expect(away('on holiday 1-3 August')).toEqual([{ from: '2027-08-01', to: '2027-08-03' }]);
    expect(away('on holiday 1-5 August')).toEqual([{ from: '2026-08-01', to: '2026-08-05' }]);
  });
});

describe('slashed dates', () => {
  const august = [{ from: '2026-08-10', to: '2026-08-17' }];
  const december = [{ from: '2026-12-14', to: '2026-12-20' }];

  it.each([
    ['away 10/8-17/8', undefined, august],
    ['away 10/8-17/8', 'Europe/London', august],
    ['on holiday 14/12 to 20/12', 'Europe/Berlin', december],
    ['away 14/12/2026 - 20/12/2026', undefined, december],
    ['away 14/12/26 to 20/12/26', undefined, december],
    // English in a US zone: month first.
    ['away 8/10-8/17', NEW_YORK, august],
    ['vacation 12/14 to 12/20', 'America/Los_Angeles', december],
    ['away 8/10 to 8/17', 'Pacific/Honolulu', august],
    // Impossible month first, real day first: read day first, even in the US.
    ['away 10/8-17/8', NEW_YORK, august],
    ['on holiday 14/12 to 20/12', 'America/Chicago', december],
    // Impossible day first, real month first: read month first, anywhere.
    ['away 8/10-8/17', 'Europe/Madrid', august],
    // Other languages are day first in any zone.
    ['Urlaub 10/8-17/8', NEW_YORK, august],
    ['en vacances du 10/8 au 17/8', NEW_YORK, august],
    ['semester 14/12–20/12', NEW_YORK, december],
  ])('%j in %s → %j', (text, zone, expected) => {
    expect(away(text, WEDNESDAY, zone)).toEqual(expected);
  });

  it('a slashed date already past this year is next year, as other dates without a year', () => {
    expect(away('away 1/8-3/8')).toEqual([{ from: '2027-08-01', to: '2027-08-03' }]);
    expect(away('away 2/1-5/1', '2026-12-28')).toEqual([{ from: '2027-01-02', to: '2027-01-05' }]);
  });

  it('month first in the US when both orders are real: "10/8-12/8" is 8 October to 8 December, too long', () => {
    expect(away('away 10/8-12/8', WEDNESDAY, NEW_YORK)).toEqual([]);
    expect(away('away 10/8-12/8', WEDNESDAY, 'Europe/Dublin')).toEqual([
      { from: '2026-08-10', to: '2026-08-12' },
    ]);
  });

  it.each([
    'away 13/13-14/14',
    'away 32/1 - 33/1',
    'travelling, knee 3/10-4/10',
    'I travel for work 24/7',
    'away, did 2/3 runs',
    '10/8-17/8',
  ])('%j names no slashed days away', (text) => {
    expect(away(text, WEDNESDAY, NEW_YORK)).toEqual([]);
  });

  it('a score beside a week away is no date', () => {
    expect(away('knee 3/10, away next week', WEDNESDAY, NEW_YORK)).toEqual([
      { from: '2026-08-10', to: '2026-08-16' },
    ]);
  });

  it('a US range of slashed dates is no pain score; a range of scores still is', () => {
    expect(interpretReply('away 8/10-8/17', { today: WEDNESDAY, timeZone: NEW_YORK }).pain).toBeNull();
    expect(interpretReply('knee 3/10 - 4/10').pain).not.toBeNull();
  });

  it('the zone comes through interpretReply and awayInReply alike', () => {
    expect(interpretReply('away 8/10-8/17', { today: WEDNESDAY, timeZone: NEW_YORK }).away).toEqual(august);
    expect(interpretReply('away 10/8-17/8', { today: WEDNESDAY, timeZone: NEW_YORK }).away).toEqual(august);
  });
});

describe('a single day away', () => {
  const day = (date: string) => [{ from: date, to: date }];

  it.each([
    ['away on Saturday', day('2026-08-08')],
    ['travelling Thursday', day('2026-08-06')],
    ['away on Wednesday', day('2026-08-05')],
    ['away Monday', day('2026-08-10')],
    ['away 12 August', day('2026-08-12')],
    ['away on August 12', day('2026-08-12')],
    ['on holiday 3 May', day('2027-05-03')],
    ['away on the 14th', day('2026-08-14')],
    ['away on the 3rd', day('2026-09-03')],
    ['away on the 31st', day('2026-08-31')],
    ['away 14/8', day('2026-08-14')],
    ['Urlaub am 14.8.', day('2026-08-14')],
    ['conference on Thursday, so I will run Wednesday', day('2026-08-06')],
    ['away next week on Thursday', day('2026-08-13')],
    ['away on Saturday 15/8', day('2026-08-15')],
    ['Samstag, den 15. bin ich unterwegs', day('2026-08-15')],
    ['away Saturday the 15th', day('2026-08-15')],
    ['absent samedi 15 août', day('2026-08-15')],
    [
      'away Thursday and Friday',
      [
        { from: '2026-08-06', to: '2026-08-06' },
        { from: '2026-08-07', to: '2026-08-07' },
      ],
    ],
  ])('%j → %j', (text, expected) => {
    expect(away(text)).toEqual(expected);
  });

  it('a day of the month that this month lacks is the next month that has it', () => {
    expect(away('away on the 31st', '2026-09-05')).toEqual(day('2026-10-31'));
    expect(away('away on the 5th', '2026-09-05')).toEqual(day('2026-09-05'));
  });

  it('English slashed single dates follow the zone too', () => {
    expect(away('away on 8/14', WEDNESDAY, NEW_YORK)).toEqual(day('2026-08-14'));
    expect(away('away on 9/8', WEDNESDAY, NEW_YORK)).toEqual(day('2026-09-08'));
    expect(away('away on 9/8', WEDNESDAY, 'Europe/Rome')).toEqual(day('2026-08-09'));
  });

  it.each([
    'I was away on Saturday',
    'Travelled on Saturday, so skipped the run',
    'ran on Saturday while travelling',
    'away until Thursday',
    'on holiday from Saturday',
    'I travel on Saturdays',
    "It's a bank holiday Monday so I can run long",
    'Saturday was great, trip next month',
    'on holiday, may 2 runs be enough?',
    'travelling the 2nd week of September',
    'Knee fine on Saturday',
    'segunda semana de férias',
  ])('%j names no single day away', (text) => {
    expect(away(text)).toEqual([]);
  });
});

describe('repeat-week and easier', () => {
  it.each([
    ['repeat this week', [{ kind: 'repeat-week' }]],
    ['same week again please', [{ kind: 'repeat-week' }]],
    ['can I do this week again', [{ kind: 'repeat-week' }]],
    ['easier please', [{ kind: 'easier' }]],
    ['make next week easier', [{ kind: 'easier' }]],
    ['a lighter week please', [{ kind: 'easier' }]],
    ['go easier on me', [{ kind: 'easier' }]],
    ['Could you make it a bit easier?', [{ kind: 'easier' }]],
    ['Repeat this week, then pause for two weeks.', [{ kind: 'repeat-week' }, { kind: 'pause', weeks: 2 }]],
  ])('%j → %j', (text, expected) => {
    expect(commands(text)).toEqual(expected);
  });

  it.each([
    'the runs felt easier',
    'it was easier than last week',
    'Last week was an easier week.',
    'no need to make it easier',
    "don't repeat this week",
    'harder please',
    'make it harder',
  ])('%j is no command', (text) => {
    expect(commands(text)).toEqual([]);
  });
});

describe('properties', () => {
  const WORDS = [
    'away',
    'travelling',
    'holiday',
    'Urlaub',
    'vacances',
    'was',
    'not',
    'next week',
    'the week after next',
    'in two weeks',
    'this weekend',
    'next weekend',
    'Thursday',
    'to',
    'Sunday',
    'bis',
    'from',
    '14',
    '2',
    '31',
    '99',
    '14.',
    '20.12.',
    '-',
    '–',
    'August',
    'Dec',
    'Februar',
    'Saturday',
    'on the 14th',
    '14/8',
    '8/14',
    '10/8-17/8',
    '2026',
    '2027-01-03',
    'sick',
    'flu',
    'fever',
    'cold',
    'days',
    'for',
    'all week',
    'most of the week',
    'a week',
    'twelve',
    'knee',
    'hot',
    'easier',
    'please',
    'repeat',
    ',',
    '.',
    '\n',
  ];
  const salad = fc.array(fc.constantFrom(...WORDS), { maxLength: 30 }).map((w) => w.join(' '));
  const anyText = fc.oneof(
    salad,
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 100 }),
  );
  const anyToday = fc
    .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) })
    .map((ms) => new Date(ms).toISOString().slice(0, 10));
  const day = (date: string) => parseDate(date) ?? Number.NaN;

  it('away ranges are real dates, from ≤ to, ending today or later, and at most 42 days long', () => {
    const zone = fc.constantFrom(undefined, 'America/New_York', 'Europe/Berlin', 'UTC');
    fc.assert(
      fc.property(salad, anyToday, zone, (text, today, timeZone) => {
        for (const range of interpretReply(text, { today, timeZone }).away) {
          expect(parseDate(range.from)).toBeDefined();
          expect(parseDate(range.to)).toBeDefined();
          expect(range.from <= range.to).toBe(true);
          expect(range.to >= today).toBe(true);
          expect(day(range.to) - day(range.from) + 1).toBeLessThanOrEqual(42);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('illness days are 1 to 7 or null, and the kind is mild, systemic or null', () => {
    fc.assert(
      fc.property(salad, (text) => {
        const found = interpretReply(text).illness;
        if (found === null) return;
        if (found.days !== null) {
          expect(Number.isInteger(found.days)).toBe(true);
          expect(found.days).toBeGreaterThanOrEqual(1);
          expect(found.days).toBeLessThanOrEqual(7);
        }
        expect([null, 'mild', 'systemic']).toContain(found.kind);
      }),
      { numRuns: 1000 },
    );
  });

  it('a slashed date reads the same in any zone unless it is English and both orders are real dates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1, max: 31 }),
        fc.constantFrom('away', 'Urlaub', 'vacances'),
        anyToday,
        (a, b, word, today) => {
          const text = `${word} ${a}/${b}`;
          const us = interpretReply(text, { today, timeZone: 'America/New_York' }).away;
          const eu = interpretReply(text, { today, timeZone: 'Europe/Berlin' }).away;
          if (word !== 'away' || a > 12 || b > 12) expect(us).toEqual(eu);
          for (const range of [...us, ...eu]) expect(range.from).toBe(range.to);
          if (a > 12 && b > 12) expect([...us, ...eu]).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reading never throws, for any text and any valid today', () => {
    fc.assert(
      fc.property(anyText, anyToday, (text, today) => {
        const findings = interpretReply(text, { today });
        expect(Array.isArray(findings.away)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
