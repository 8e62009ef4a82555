// Tests for reading a reply's words: pain score, settling, changes, commands, red flags and negation.
import { describe, expect, it } from 'vitest';
import { defaultSettled, interpretReply, type ReplyCommand } from '#domain/reply/interpret';

const score = (text: string) => interpretReply(text).pain?.score ?? null;

describe('pain score', () => {
  it.each([
    ['3', 3],
    ['3/10', 3],
    ['knee 3/10', 3],
    ['Knee 3 / 10 this week', 3],
    ['4 out of 10', 4],
    ['four out of ten', 4],
    ['pain about 4', 4],
    ['pain about two', 2],
    ['around a 5', 5],
    ['Knee was sore, around a 5', 5],
    ['Pain level 4', 4],
    ["I'd rate it a 3", 3],
    ['Knee pain: 3', 3],
    ['knee 2ish', 2],
    ['I’d say 2', 2],
    ['pain 0', 0],
    ['0/10', 0],
    ['knee 2.5/10', 2.5],
    ['knee 2,5/10', 2.5],
    ['knee 3½', 3.5],
    ['Knie 3/10', 3],
    ['dolor de rodilla 4', 4],
  ])('reads %j as %s', (text, expected) => {
    expect(score(text)).toBe(expected);
  });

  it.each([
    ['knee 3-4', 4],
    ['knee 3 - 4/10', 4],
    ['knee 3–4/10', 4],
    ['Pain 3 to 4 out of 10', 4],
    ['knee 3 or 4', 4],
    ['somewhere between 3 and 4 in the knee', 4],
  ])('reads the range %j as its higher end, %s', (text, expected) => {
    expect(score(text)).toBe(expected);
  });

  it.each([
    ['hip 6/10, knee 3/10', 3],
    ['Knee 3/10, hip 6/10', 3],
    ['Knee 3/10 (hip 6/10)', 3],
    ['My hip was 6/10 but the knee only 2/10', 2],
    ['3/10 in my knee, 7/10 in my calf', 3],
    ['Hip 6, knee 3', 3],
  ])('takes the knee’s score when several body parts are named: %j', (text, expected) => {
    expect(score(text)).toBe(expected);
  });

  it.each([
    ['3/10 left knee, 5/10 right knee', 5],
    ['Knee 2/10 during, 4/10 after', 4],
  ])('takes the highest of several knee scores (the cautious one): %j', (text, expected) => {
    expect(score(text)).toBe(expected);
  });

  it('uses a score that names no body part when the knee has none', () => {
    expect(score('Ankle fine. Pain about 4 after the long run')).toBe(4);
  });

  it('gives no knee score when only another body part has one', () => {
    expect(score('My hip was 6/10 this week')).toBeNull();
  });

  it.each([
    'ran 3 times, 5 km each',
    'Did 3 runs, 20 minutes each',
    'Monday 5k, Wednesday 6k, Saturday 8k. Knee fine.',
    'week 3 done',
    'send it on mondays at 7',
    'pause 2 weeks',
    'knee ok in the 2 long runs',
    'Knee felt good on all 4 runs',
    'my knee felt 100% better',
    'knee hurt for 2 days',
    'sore after 5 km',
    'Ran in zone 2 the whole time, knee good',
    'on a scale of 1 to 10',
    'knee was fine. 10 out of 10, would recommend',
    '1. knee fine\n2. no swelling',
    '3/10/2026',
    'at 7:30 my knee was fine',
  ])('does not read %j as a score', (text) => {
    expect(score(text)).toBeNull();
  });

  it('reads "3." before a sentence as a score, but not the numbers of a numbered list', () => {
    expect(score('3. Fine the next morning.')).toBe(3);
    expect(score('1. Knee felt fine\n2. No swelling')).toBeNull();
  });

  it('reads a lone number only when it is the only one', () => {
    expect(score('Thanks!\n\n3\n\nAna')).toBe(3);
    expect(score('2\n\n3')).toBeNull();
  });

  it('keeps the text as a note when no score is found, and never invents one', () => {
    // Act
    const findings = interpretReply('Went well overall, the knee felt a bit tight but nothing major.');

    // Assess
    expect(findings.pain).toBeNull();
    expect(findings.note).toBe('Went well overall, the knee felt a bit tight but nothing major.');
  });

  it('trims the note to 1000 characters and drops it when a score was found', () => {
    expect(interpretReply(`Long story. ${'x'.repeat(3000)}`).note).toHaveLength(1000);
    expect(interpretReply('knee 2/10').note).toBeNull();
    expect(interpretReply('   ').note).toBeNull();
  });

  describe('pain-free replies score 0', () => {
    it.each([
      'no pain',
      'No pain at all this week!',
      'pain-free',
      'Pain free all week',
      'zero pain',
      'no knee pain',
      "didn't hurt at all",
      'It never hurt',
      'no pain during or after',
      'Knee was painless',
      'No knee pain but my hip was 6/10',
    ])('%j', (text) => {
      expect(score(text)).toBe(0);
    });

    it.each([
      'no pain at night, but sore after runs',
      'No pain during the run',
      'No pain at night',
      'No pain on Monday but it hurt on Saturday',
    ])('but not when the "no pain" covers part of the week only: %j', (text) => {
      expect(score(text)).toBeNull();
    });

    it('a number beats a "no pain" phrase', () => {
      expect(score('No pain during the run, 3/10 after')).toBe(3);
    });
  });

  it('keeps scores within 0..10 in halves', () => {
    expect(score('pain 11 out of 10')).toBe(10);
    expect(score('knee 3.7/10')).toBe(4);
    expect(score('knee 3.2/10')).toBe(3.5);
  });
});

describe('settled by the next morning', () => {
  it.each([
    ['Knee 3/10, fine next morning', true],
    ['knee 2/10 fine next morning', true],
    ['Knee 4/10 after the hills, gone by the next morning.', true],
    ['Knee 6/10 during the run, settled by the morning.', true],
    ['knee 3/10, woke up with no pain', true],
    ['knee 2/10, not sore the next morning', true],
    ['knee 4/10, the pain went away overnight', true],
    ['Knee 4/10, settled within a couple of hours', true],
    ['knee 3/10 after, gone by bedtime', true],
    ['knee 5/10, next morning it was fine', true],
    ['Knee 3/10, still sore the next day', false],
    ['Still sore the next day, about a 5.', false],
    ['knee 3/10, woke up stiff', false],
    ["knee 5/10, next morning it wasn't fine", false],
    ['knee 2/10, sore the next morning but fine by lunch', false],
    ['knee 4/10 and it lingered for two days', false],
    ["Knee 3/10. It hasn't settled yet", false],
    ['Knee pain 6/10. Not settled the next morning either.', false],
    ['Ran 4 days. Knee 3/10 the next morning.', false],
  ])('%j → %s (stated)', (text, settled) => {
    // Act
    const findings = interpretReply(text);

    // Assess
    expect(findings.pain?.settledNextMorning).toBe(settled);
    expect(findings.settledStated).toBe(true);
  });

  it('when not stated: settled for 0–3, not settled above 3 (the cautious side)', () => {
    expect(interpretReply('knee 3/10').pain).toEqual({ score: 3, settledNextMorning: true });
    expect(interpretReply('knee 3.5/10').pain).toEqual({ score: 3.5, settledNextMorning: false });
    expect(interpretReply('knee 4/10').pain).toEqual({ score: 4, settledNextMorning: false });
    expect(interpretReply('knee 4/10').settledStated).toBe(false);
    expect([0, 1, 2, 3].every(defaultSettled)).toBe(true);
    expect([3.5, 4, 5, 8, 10].some(defaultSettled)).toBe(false);
  });

  it('is not stated by unrelated mornings', () => {
    expect(interpretReply('knee 2/10, I settled into the routine').settledStated).toBe(false);
    expect(interpretReply('Ran again the next day. Knee 2/10').settledStated).toBe(false);
  });
});

describe('changes', () => {
  it.each([
    ['new shoes', 'shoes'],
    ['changed shoes this week', 'shoes'],
    ['Bought new trainers', 'shoes'],
    ['I think the new shoes are to blame', 'shoes'],
    ['broke in my new Hokas', 'shoes'],
    ['ran on trails', 'surface'],
    ['ran on the track', 'surface'],
    ['did my runs on the treadmill', 'surface'],
    ['ran on grass at the park', 'surface'],
    ['switched to trail running', 'surface'],
    ['switched to the road', 'surface'],
    ['hills', 'hills'],
    ['hill repeats on Tuesday', 'hills'],
    ['a hilly route', 'hills'],
    ['intervals', 'speed'],
    ['a tempo run', 'speed'],
    ['some speed work', 'speed'],
    ['did strides', 'speed'],
    ['did a parkrun', 'speed'],
    ['added a day', 'more-days'],
    ['added a fourth run on Tuesday', 'more-days'],
    ['an extra run on Sunday', 'more-days'],
    ['back-to-back runs on Sat and Sun', 'more-days'],
    ['ran 4 days', 'more-days'],
    ['ran five days this week', 'more-days'],
  ])('%j → %s', (text, kind) => {
    expect(interpretReply(text).changes).toEqual([kind]);
  });

  it.each([
    'no new shoes',
    "I didn't change shoes",
    'Same shoes, same route',
    'ran on the road as usual',
    'ran on the road',
    'avoided hills',
    'kept it flat, no hills',
    'walking downhill hurts a bit',
    'my form is going downhill',
    "I didn't run hills or do any speed work this week",
    'skipped the intervals',
    'signed up for a race next month',
    'Should I try hills next week?',
    "I'll add a day next week if the knee stays good",
    'ran 3 days',
    'ran 4 days as planned',
  ])('no change in %j', (text) => {
    expect(interpretReply(text).changes).toEqual([]);
  });

  it('lists several changes in a fixed order', () => {
    expect(
      interpretReply('Added a day, did hill repeats and intervals, ran on trails in new shoes').changes,
    ).toEqual(['shoes', 'surface', 'hills', 'speed', 'more-days']);
  });

  it('reports how many days they said they ran', () => {
    expect(interpretReply('ran 3 days this week').daysRun).toBe(3);
    expect(interpretReply('Ran four times').daysRun).toBe(4);
    expect(interpretReply('knee 2/10').daysRun).toBeNull();
  });
});

describe('commands', () => {
  const commands = (text: string) => interpretReply(text).commands;

  it.each<[string, ReplyCommand[]]>([
    ['stop', [{ kind: 'stop' }]],
    ['STOP', [{ kind: 'stop' }]],
    ['Stop.', [{ kind: 'stop' }]],
    ['please stop', [{ kind: 'stop' }]],
    ['unsubscribe', [{ kind: 'stop' }]],
    ['unsubscribe me please', [{ kind: 'stop' }]],
    ['How do I unsubscribe?', [{ kind: 'stop' }]],
    ['stop sending me emails', [{ kind: 'stop' }]],
    ['Remove me from the list', [{ kind: 'stop' }]],
    ['cancel my subscription', [{ kind: 'stop' }]],
    ['opt out', [{ kind: 'stop' }]],
    ['pause', [{ kind: 'pause' }]],
    ['I want to pause', [{ kind: 'pause' }]],
    ['pause 2 weeks', [{ kind: 'pause', weeks: 2 }]],
    ['pause for two weeks', [{ kind: 'pause', weeks: 2 }]],
    ['Please pause for twelve weeks', [{ kind: 'pause', weeks: 12 }]],
    ['pause for a couple of weeks', [{ kind: 'pause', weeks: 2 }]],
    ['pause for a week', [{ kind: 'pause', weeks: 1 }]],
    ['pause for a month', [{ kind: 'pause', weeks: 4 }]],
    ['pause for 10 days', [{ kind: 'pause', weeks: 2 }]],
    ['Pause until further notice please.', [{ kind: 'pause' }]],
    ['take a break for 3 weeks', [{ kind: 'pause', weeks: 3 }]],
    ['skip next week please', [{ kind: 'pause', weeks: 1 }]],
    ['put the plan on hold', [{ kind: 'pause' }]],
    ['pause 2 weeks then resume', [{ kind: 'pause', weeks: 2 }]],
    ['resume', [{ kind: 'resume' }]],
    ['start again', [{ kind: 'resume' }]],
    ["I'm ready to start again", [{ kind: 'resume' }]],
    ["I'm back! resume please", [{ kind: 'resume' }]],
    ['switch to km', [{ kind: 'units', unit: 'km' }]],
    ['use miles', [{ kind: 'units', unit: 'mi' }]],
    ['minutes please', [{ kind: 'units', unit: 'min' }]],
    ['switch back to minutes', [{ kind: 'units', unit: 'min' }]],
    ['can you do it in miles instead please', [{ kind: 'units', unit: 'mi' }]],
    ['change it to kilometres', [{ kind: 'units', unit: 'km' }]],
    ['send on Mondays', [{ kind: 'send-day', day: 'mon' }]],
    ['send it on mondays at 7', [{ kind: 'send-day', day: 'mon', hour: 7 }]],
    ['Could you send the plan on Sunday at 6pm instead?', [{ kind: 'send-day', day: 'sun', hour: 18 }]],
    ['move it to Thursday at 19:00', [{ kind: 'send-day', day: 'thu', hour: 19 }]],
    ['send on tuesdays at 6:30am', [{ kind: 'send-day', day: 'tue', hour: 6 }]],
    ['change the send day to Saturday', [{ kind: 'send-day', day: 'sat' }]],
    ['Can I get it on Wednesdays?', [{ kind: 'send-day', day: 'wed' }]],
  ])('%j', (text, expected) => {
    expect(commands(text)).toEqual(expected);
  });

  it.each([
    'I had to stop the run because of my knee',
    "I'll stop running for now",
    'I had to stop at 3km',
    'should I stop running?',
    "Please don't unsubscribe me, I just changed address",
    'I had to pause twice during the run',
    'had to pause for a few seconds at the lights',
    'no need to pause',
    'Not ready to start again yet',
    'I had to restart my watch',
    'I ran 5 miles instead of 4',
    'I get sore on Mondays',
    "don't send on Mondays",
  ])('no command in %j', (text) => {
    expect(commands(text)).toEqual([]);
  });

  it('lists commands in the order they were written, one of each kind', () => {
    expect(commands('Switch to km. Also pause for 2 weeks. Pause please.')).toEqual([
      { kind: 'units', unit: 'km' },
      { kind: 'pause', weeks: 2 },
    ]);
  });
});

describe('red flags', () => {
  const flags = (text: string) => interpretReply(text).redFlags;

  it.each([
    ['my knee is swollen', 'swelling'],
    ['it swelled up after the run', 'swelling'],
    ['some swelling around the kneecap', 'swelling'],
    ['the knee looks puffy', 'swelling'],
    ['Knie geschwollen', 'swelling'],
    ['it locked twice', 'locking'],
    ['my knee keeps catching', 'locking'],
    ['the knee got stuck and I couldn’t straighten it', 'locking'],
    ['my knee gave way on the stairs', 'giving-way'],
    ['it buckled under me', 'giving-way'],
    ['feels unstable', 'giving-way'],
    ["couldn't put any weight on it yesterday", 'cannot-bear-weight'],
    ["I can't walk on it", 'cannot-bear-weight'],
    ['unable to bear weight', 'cannot-bear-weight'],
    ['on crutches since Sunday', 'cannot-bear-weight'],
    ['knee hurts at night', 'night-or-rest-pain'],
    ['the pain woke me up twice', 'night-or-rest-pain'],
    ['Pain at rest too, even sitting on the sofa', 'night-or-rest-pain'],
    ['knee aches, mostly at night', 'night-or-rest-pain'],
    ['my knee kept me awake', 'night-or-rest-pain'],
    ['knee is hot and red', 'hot-red-fever'],
    ['I have a fever', 'hot-red-fever'],
    ['my knee feels warm to the touch', 'hot-red-fever'],
    ['a red, swollen knee', 'hot-red-fever'],
    ['numbness down my shin', 'numbness-tingling'],
    ['tingling in my foot', 'numbness-tingling'],
    ['pins and needles in my toes', 'numbness-tingling'],
  ])('%j → %s', (text, flag) => {
    expect(flags(text)).toContain(flag);
  });

  it.each([
    'no swelling',
    'not swollen',
    'Knee wasn’t swollen',
    "didn't lock",
    'it never locked',
    'no locking or giving way',
    "it didn't give way",
    'without any swelling',
    'no pain, swelling or locking',
    'No swelling, no locking, and I can walk fine',
    'Swelling: none. Locking: none. Giving way: none.',
    'Swelling? No. Locking? Nope.',
    'no pain at night',
    "doesn't hurt at night",
    'pain-free at rest',
    'pain at night: no',
    'no fever',
    'no numbness or tingling',
    'no pins and needles',
    'Geen zwelling',
    'Keine Schwellung',
    'pas de gonflement',
    'sin hinchazón',
    'if it swells I will stop',
  ])('no red flag in %j', (text) => {
    expect(flags(text)).toEqual([]);
  });

  it.each([
    'ran at night with a headlamp',
    'It was hot out, knee ok',
    'ran in the hot weather, knee was fine',
    'wore my red shoes, knee fine',
    'catching up on sleep',
    'locked the door and went for a run',
    'resting my knee this week',
    "can't walk down stairs without pain",
    'I was catching the train',
  ])('no red flag in the everyday %j', (text) => {
    expect(flags(text)).toEqual([]);
  });

  it('keeps a finding whose clause is not the negated one', () => {
    expect(flags('no swelling but it locked once')).toEqual(['locking']);
    expect(flags("knee wasn't swollen, it did give way")).toEqual(['giving-way']);
    expect(flags('No pain during the day, but it wakes me up at night')).toEqual(['night-or-rest-pain']);
  });

  it('reads doubt, "no idea", "never … like this" and "without warning" as no negation', () => {
    expect(flags("I'm not sure if it locked or just caught")).toEqual(['locking']);
    expect(flags("I don't know if it swelled")).toEqual(['swelling']);
    expect(flags('I have no idea why my knee swelled')).toEqual(['swelling']);
    expect(flags('Never had my knee swell like this before')).toEqual(['swelling']);
    expect(flags('it gave way without warning')).toEqual(['giving-way']);
  });

  it('lists several red flags in a fixed order', () => {
    expect(flags("Knee is swollen and feels unstable. I can't put weight on it.")).toEqual([
      'swelling',
      'giving-way',
      'cannot-bear-weight',
    ]);
  });
});
