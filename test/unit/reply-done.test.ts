// What a reply says was done last week: runs done and missed, amounts, cross-training, and what is never guessed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretReply } from '#domain/reply/interpret';
import { MAX_WEEKLY_VOLUME } from '#domain/types';

const read = (text: string) => {
  const { done, crossTraining, unclear } = interpretReply(text);
  return { done, crossTraining, unclear };
};
const done = (text: string) => interpretReply(text).done;

describe('runs done and missed', () => {
  it.each([
    ['did 2 of 3', { runs: 2, of: 3 }],
    ['2 out of 3 runs', { runs: 2, of: 3 }],
    ['Only did 1 of the 3 runs', { runs: 1, of: 3 }],
    ['Runs: 2/3', { runs: 2, of: 3 }],
    ['all three', { all: true, runs: 3 }],
    ['Did all 3 runs', { all: true, runs: 3 }],
    ['did every run', { all: true }],
    ['all runs done', { all: true }],
    ['ran as planned', { all: true }],
    ['skipped the long run', { skipped: ['long'] }],
    ['missed Wednesday', { skipped: ['wed'] }],
    ["missed Wednesday's run", { skipped: ['wed'] }],
    ['only the short ones', { skipped: ['long'] }],
    ['only did the long run', { skipped: ['short'] }],
    ['Skipped Tuesday and missed the long run', { skipped: ['tue', 'long'] }],
    ["didn't run at all", { runs: 0, none: true }],
    ['no runs this week', { runs: 0, none: true }],
    ['zero runs', { runs: 0, none: true }],
    ['only ran once', { runs: 1 }],
    ['ran twice', { runs: 2 }],
    ['ran 3 times', { runs: 3 }],
    ['did 3 runs', { runs: 3 }],
  ])('%j reads as %j', (text, expected) => {
    expect(done(text)).toEqual(expected);
  });

  it('reads the examples from the issue', () => {
    expect(read('only did 1 of the 3 runs, was sick with flu most of the week. knee fine')).toEqual({
      done: { runs: 1, of: 3 },
      crossTraining: [],
      unclear: [],
    });
    expect(done('sick all week, no runs')).toEqual({ runs: 0, none: true });
  });

  it('never counts more than were planned, nor more than 14 a week', () => {
    expect(done('did 4 of 3')).toBeNull();
    expect(done('did 20 of 30')).toBeNull();
    expect(done('ran 20 times')).toBeNull();
  });

  it('a skipped run is not "all", and "none" gives way to what was run', () => {
    expect(done('Did all runs except the long one. Skipped the long run.')).toEqual({ skipped: ['long'] });
    expect(done('No runs on Monday, ran twice later')).toEqual({ runs: 2, skipped: ['mon'] });
  });

  it('a run missed on one day is not a week without runs', () => {
    expect(done('Am Mittwoch nicht gelaufen.')).toEqual({ skipped: ['wed'] });
  });
});

describe('amounts', () => {
  it.each([
    ['ran 28 km this week', { volume: 28, unit: 'km' }],
    ['28km total', { volume: 28, unit: 'km' }],
    ['long run 12 km', { longestRun: 12, unit: 'km' }],
    ['My long run this week was 12 km', { longestRun: 12, unit: 'km' }],
    ['3 x 30 min', { runs: 3, volume: 90, longestRun: 30, unit: 'min' }],
    ['3x5k', { runs: 3, volume: 15, longestRun: 5, unit: 'km' }],
    ['Ran 3 times, 30 min each', { runs: 3, volume: 90, longestRun: 30, unit: 'min' }],
    ['about 95 minutes in total', { volume: 95, unit: 'min' }],
    ['5 miles on Saturday', { longestRun: 5, unit: 'mi' }],
    ['1h20 on Sunday', { longestRun: 80, unit: 'min' }],
    ['ran an hour on Tuesday', { longestRun: 60, unit: 'min' }],
    ['2 hours 15 minutes altogether', { volume: 135, unit: 'min' }],
    ['12,5 km insgesamt', { volume: 12.5, unit: 'km' }],
    ['30 km/week', { volume: 30, unit: 'km' }],
    ['did a 5k on Saturday', { longestRun: 5, unit: 'km' }],
    ['Did 3 runs, 30 km', { runs: 3, volume: 30, unit: 'km' }],
    ['3 Läufe je 30 Minuten', { runs: 3, volume: 90, longestRun: 30, unit: 'min' }],
    ["J'ai couru 45 minutes dimanche.", { longestRun: 45, unit: 'min' }],
    ['Only ran once, 10 km', { runs: 1, longestRun: 10, unit: 'km' }],
    ['longest run 15 km, total 40 km', { volume: 40, longestRun: 15, unit: 'km' }],
    ['I ran 10 km on Sunday and 5 km on Tuesday, 15 km in total', { volume: 15, longestRun: 10, unit: 'km' }],
  ])('%j reads as %j', (text, expected) => {
    expect(done(text)).toEqual(expected);
  });

  it('keeps the pain score beside what was done', () => {
    const findings = interpretReply('Ran all three, 32 km total, long run felt great, 2/10');
    expect(findings.pain?.score).toBe(2);
    expect(findings.done).toEqual({ all: true, runs: 3, volume: 32, unit: 'km' });
  });

  it('a count of runs is never a pain score, and "ran 4 days" is still days run', () => {
    expect(interpretReply('did 2 of 3 runs').pain).toBeNull();
    expect(interpretReply('did 2 of 3').pain).toBeNull();
    expect(interpretReply('ran 4 days').daysRun).toBe(4);
  });

  it('keeps the volume unit and asks about a longest run given in another', () => {
    expect(read('30 km this week, long run 8 mi')).toEqual({
      done: { volume: 30, unit: 'km' },
      crossTraining: [],
      unclear: [{ text: '8 mi', why: 'unit' }],
    });
  });

  it('asks about a longest run above the volume instead of keeping both', () => {
    expect(read('long run 15 km, 10 km total')).toEqual({
      done: { volume: 10, unit: 'km' },
      crossTraining: [],
      unclear: [{ text: '15 km', why: 'run-or-week' }],
    });
  });

  it('asks about an amount beyond any week, never keeps it', () => {
    expect(read(`ran ${MAX_WEEKLY_VOLUME.km + 50} km in total`)).toEqual({
      done: null,
      crossTraining: [],
      unclear: [{ text: `${MAX_WEEKLY_VOLUME.km + 50} km`, why: 'unit' }],
    });
  });
});

describe('figures that cannot be placed are asked about, not guessed', () => {
  it('a figure without a unit', () => {
    expect(read('ran 28 this week')).toEqual({
      done: null,
      crossTraining: [],
      unclear: [{ text: '28', why: 'unit' }],
    });
  });

  it('one run or the week, when nothing says which', () => {
    expect(read('ran 10 km')).toEqual({
      done: null,
      crossTraining: [],
      unclear: [{ text: '10 km', why: 'run-or-week' }],
    });
  });

  it('a second, different week total', () => {
    expect(read('30 km this week. 35 km in total.')).toEqual({
      done: { volume: 30, unit: 'km' },
      crossTraining: [],
      unclear: [{ text: '35 km', why: 'run-or-week' }],
    });
  });
});

describe('never invents', () => {
  it.each([
    'Knee 2/10, fine next morning.',
    '3/10',
    'Went well overall, the knee felt a bit tight.',
    'New shoes, felt great.',
    'Ran on the 12th at 7.',
    'My pace was 5:30/km and my heart rate 150.',
    'Easy pace, 6 min/km, 145 bpm.',
    'Ran at 12 km/h on the treadmill.',
    'Knee hurt after 5 km.',
    'Iced it for 20 minutes.',
    'Stretched for 10 minutes every evening.',
    'The plan said 3 runs and 30 km.',
    'Should I run 30 km next week?',
    'Next week I will do all three runs.',
    'I did 3 sets of squats.',
    'missed 2 runs',
    'Je suis sorti à 18h.',
    'Om 7 uur gelopen.',
  ])('%j says nothing about what was run', (text) => {
    expect(read(text)).toEqual({ done: null, crossTraining: [], unclear: [] });
  });

  it.each([
    "I didn't skip any run",
    "I didn't skip the long run",
    "Didn't miss Wednesday's run",
    'not all three',
  ])('a denied statement is not read: %j', (text) => {
    expect(done(text)).toBeNull();
  });
});

describe('cross-training', () => {
  it.each([
    ['biked 40 min instead', [{ activity: 'bike', minutes: 40 }]],
    ['swam twice', [{ activity: 'swim' }]],
    ['40 minutes on the elliptical', [{ activity: 'elliptical', minutes: 40 }]],
    ['Walked 30 min instead', [{ activity: 'walk', minutes: 30 }]],
    ['an hour of yoga', [{ activity: 'other', minutes: 60 }]],
    ['pool running twice', [{ activity: 'other' }]],
  ])('%j', (text, expected) => {
    expect(read(text)).toEqual({ done: null, crossTraining: expected, unclear: [] });
  });

  it('is never counted as running', () => {
    expect(read('Ran twice and swam once')).toEqual({
      done: { runs: 2 },
      crossTraining: [{ activity: 'swim' }],
      unclear: [],
    });
    expect(read('Ran 20 km this week, then biked 60 km and swam 30 min')).toEqual({
      done: { volume: 20, unit: 'km' },
      crossTraining: [{ activity: 'bike' }, { activity: 'swim', minutes: 30 }],
      unclear: [],
    });
  });

  it('a denied one is not read', () => {
    expect(read("didn't bike this week")).toEqual({ done: null, crossTraining: [], unclear: [] });
  });
});

// Words a reply about last week is made of, in several languages, with figures and without.
const WORDS = [
  'ran',
  'did',
  'run',
  'runs',
  'long',
  'the',
  'all',
  'every',
  'of',
  'out',
  'no',
  "didn't",
  'skipped',
  'missed',
  'only',
  'short',
  'ones',
  'this',
  'week',
  'total',
  'in',
  'altogether',
  'each',
  'x',
  'on',
  'Wednesday',
  'Sunday',
  'biked',
  'swam',
  'instead',
  'knee',
  'pain',
  'at',
  'after',
  'plan',
  'said',
  'km',
  'k',
  'mi',
  'miles',
  'min',
  'minutes',
  'h',
  'hours',
  'von',
  'Läufe',
  'gelaufen',
  'insgesamt',
  'sur',
  'sorties',
  'de',
  'salidas',
  'su',
  'uscite',
  'van',
  'loopjes',
  'das',
  'corridas',
  'av',
  'pass',
  'totalt',
  'nicht',
  'pas',
  ',',
  '.',
  '/',
  ':',
  '-',
  '?',
  '\n',
];
const NUMBERS = [
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '10',
  '12',
  '14',
  '15',
  '28',
  '30',
  '99',
  '250',
  '999',
  '3.5',
  '12,5',
  'three',
  'drei',
  'twice',
  'once',
  'an hour',
];
const salad = (vocabulary: readonly string[]) =>
  fc.array(fc.constantFrom(...vocabulary), { maxLength: 30 }).map((words) => words.join(' '));
const anyText = fc.oneof(fc.string({ maxLength: 200 }), salad([...WORDS, ...NUMBERS]));
const UNRELATED = [
  'Thanks for the plan!',
  'The weather was lovely.',
  'Work has been busy, sorry for the late reply.',
  'Danke und liebe Grüße.',
];

describe('invariants', () => {
  it('never throws; runs stay within 0 to 14 and never above the runs planned', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { done: found } = interpretReply(text);
        if (found?.runs !== undefined) {
          expect(found.runs).toBeGreaterThanOrEqual(0);
          expect(found.runs).toBeLessThanOrEqual(14);
          if (found.of !== undefined) expect(found.runs).toBeLessThanOrEqual(found.of);
        }
      }),
      { numRuns: 800 },
    );
  });

  it('amounts are positive, within a week, in a unit, and the longest run is no more than the volume', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const found = interpretReply(text).done;
        if (found === null) return;
        for (const amount of [found.volume, found.longestRun]) {
          if (amount === undefined) continue;
          expect(found.unit).toBeDefined();
          expect(amount).toBeGreaterThan(0);
          if (found.unit !== undefined) expect(amount).toBeLessThanOrEqual(MAX_WEEKLY_VOLUME[found.unit]);
        }
        if (found.unit !== undefined) expect(found.volume ?? found.longestRun).toBeDefined();
        if (found.volume !== undefined && found.longestRun !== undefined) {
          expect(found.longestRun).toBeLessThanOrEqual(found.volume);
        }
        // Absent, never present and undefined (exactOptionalPropertyTypes).
        expect(Object.values(found).every((value) => value !== undefined)).toBe(true);
      }),
      { numRuns: 800 },
    );
  });

  it('a text without a digit or a number word names no count and no amount', () => {
    const noFigures = fc.oneof(
      fc.string({ maxLength: 200 }).filter((text) => !/\d|one|two|three|twice|once|hour/i.test(text)),
      salad(WORDS),
    );
    fc.assert(
      fc.property(noFigures, (text) => {
        const found = interpretReply(text).done;
        // "no runs" is a count of zero, said without a figure.
        if (found?.runs !== undefined) expect(found).toMatchObject({ runs: 0, none: true });
        expect(found?.volume).toBeUndefined();
        expect(found?.longestRun).toBeUndefined();
      }),
      { numRuns: 800 },
    );
  });

  it('an unrelated sentence without figures appended changes nothing done', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...UNRELATED), (text, sentence) => {
        expect(read(`${text}\n\n${sentence}`)).toEqual(read(text));
      }),
      { numRuns: 800 },
    );
  });
});
