// The weekly-plan and confirmation emails: what they say, how amounts show, and that nothing hostile gets through.
import { describe, expect, it } from 'vitest';
import type { Decision, Preferences, RunKind, WeekPlan } from '#domain/types';
import { addDays } from '#email/format';
import { DECISION_HEADLINES, renderConfirmationEmail, renderWeeklyPlanEmail } from '#email/render';
import { escapeHtml } from '#email/template';
import type { Operator, PastWeek, WeeklyPlanEmailInput } from '#email/types';

const operator: Operator = { name: 'Knee Coach Ltd', postalAddress: '1 High Street\nLondon N1 1AA' };

function weekPlan(overrides: Partial<WeekPlan> = {}): WeekPlan {
  return {
    weekStart: '2026-11-30',
    weekNumber: 6,
    decision: 'progress',
    reason: 'Your knees settled by the next morning all last week, so we add a little.',
    unit: 'min',
    totalVolume: 30.75,
    runs: [
      { date: '2026-11-30', amount: 10.25, kind: 'easy' },
      { date: '2026-12-02', amount: 9.5, kind: 'walk-run' },
      { date: '2026-12-05', amount: 11, kind: 'long' },
    ],
    restDays: ['2026-12-01', '2026-12-03', '2026-12-04', '2026-12-06'],
    crossTraining: [{ date: '2026-12-03', activity: 'cycling', minutes: 19.6 }],
    strength: [
      {
        date: '2026-12-01',
        exercises: [
          { name: 'Side plank', sets: 2, holdSeconds: 20, cue: 'Keep your hips high.' },
          { name: 'Lunge', sets: 2, reps: 8, cue: 'Front knee over the middle of your foot.' },
        ],
      },
      {
        date: '2026-12-04',
        exercises: [{ name: 'Side lunge', sets: 2, reps: 6, cue: 'Sit back into the hip.' }],
      },
    ],
    tip: { topic: 'cadence', text: 'Take slightly shorter, quicker steps: about 5% more than you do now.' },
    projection: { goalVolume: 60, weeksToGoal: 27.2 },
    maxSingleRun: 12,
    ...overrides,
  };
}

/** A past week of three runs in km, with what they told us of it. */
function pastWeek(weekStart: string, runs: number[], report?: PastWeek['report']): PastWeek {
  return {
    weekStart,
    unit: 'km',
    runs: runs.map((amount) => ({ amount })),
    ...(report === undefined ? {} : { report }),
  };
}

function weeklyInput(
  plan: WeekPlan = weekPlan(),
  overrides: Partial<WeeklyPlanEmailInput> = {},
): WeeklyPlanEmailInput {
  return {
    plan,
    timeZone: 'Europe/London',
    runHour: 7,
    history: [
      pastWeek('2026-11-16', [9, 9, 10], {
        done: { volume: 28 },
        pain: { score: 2, settledNextMorning: true },
      }),
      pastWeek('2026-11-23', [10, 10, 10], {
        done: { volume: 30 },
        pain: { score: 4, settledNextMorning: true },
      }),
    ],
    now: new Date('2026-11-29T17:00:00Z'),
    unsubscribeUrl: 'https://coach.test/unsubscribe?t=abc&s=1',
    operator,
    ...overrides,
  };
}

const preferences: Preferences = {
  weeklyVolume: 90,
  unit: 'min',
  runDays: 3,
  timeZone: 'Europe/Berlin',
  sendDay: 'sun',
  sendHour: 18,
  rampRate: 0.025,
  runHour: 7,
};

/** The HTML row of the week table for one shown date. */
function rowOf(html: string, dateLabel: string): string {
  const row = new RegExp(`<th scope="row"[^>]*>${dateLabel}</th><td[^>]*>(.*?)</td></tr>`).exec(html);
  if (!row?.[1]) throw new Error(`no row for ${dateLabel}`);
  return row[1];
}

/** The text line (and continuation lines) of one shown date. */
function textDayOf(text: string, dateLabel: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`  ${dateLabel} `));
  if (start < 0) throw new Error(`no text line for ${dateLabel}`);
  const block = [lines[start]];
  for (const l of lines.slice(start + 1)) {
    if (!/^ {14}\S/.test(l)) break;
    block.push(l);
  }
  return block.join('\n');
}

describe('weekly plan subject', () => {
  const run = (day: number, amount: number, kind: RunKind = 'easy') => ({
    date: addDays('2026-11-30', day),
    amount,
    kind,
  });
  const easy3 = [run(0, 10.4), run(2, 10.4), run(5, 10.4)];

  it.each<[string, Partial<WeekPlan>, string]>([
    ['progress, all easy', { decision: 'progress', runs: easy3 }, 'Week 6: 31 min over 3 easy runs'],
    ['hold', { decision: 'hold', runs: easy3 }, 'Week 6: 31 min over 3 easy runs'],
    [
      'progress, mixed kinds',
      { runs: [run(0, 10.25), run(2, 9.5, 'walk-run'), run(5, 11, 'long')] },
      'Week 6: 31 min over 3 runs',
    ],
    ['back-off', { decision: 'back-off', runs: easy3 }, 'Week 6: easing off, 31 min over 3 easy runs'],
    [
      'deload',
      { weekNumber: 8, decision: 'deload', runs: [run(0, 9.4), run(2, 9.4), run(5, 9.4)] },
      'Week 8: a lighter week, 28 min over 3 easy runs',
    ],
    ['pause', { weekNumber: 7, decision: 'pause', runs: [] }, 'Week 7: a rest week for your knees'],
    [
      'return with walk-run',
      {
        weekNumber: 9,
        decision: 'return',
        runs: [run(0, 12, 'walk-run'), run(2, 12, 'walk-run'), run(5, 12, 'walk-run')],
      },
      'Week 9: easing back in, 3 short walk-run sessions',
    ],
    [
      'return with easy runs',
      { weekNumber: 9, decision: 'return', runs: easy3 },
      'Week 9: easing back in, 31 min over 3 easy runs',
    ],
    [
      'maintain, mixed',
      { weekNumber: 20, decision: 'maintain', runs: [run(0, 40), run(2, 40), run(6, 70, 'long')] },
      'Week 20: steady at your goal, 150 min over 3 runs',
    ],
    ['one long run', { runs: [run(5, 40, 'long')] }, 'Week 6: 40 min over 1 long run'],
    [
      'km, one walk-run',
      { weekNumber: 2, unit: 'km', runs: [run(1, 4.25, 'walk-run')] },
      'Week 2: 4.3 km over 1 walk-run session',
    ],
  ])('%s', (_, overrides, subject) => {
    expect(renderWeeklyPlanEmail(weeklyInput(weekPlan(overrides))).subject).toBe(subject);
  });

  it('shows runs that add up to the rounded total (largest remainder), never a total the runs contradict', () => {
    // Prepare: 3 × 10.4 = 31.2 rounds to 31; rounding each run alone would show 10 + 10 + 10 = 30
    const plan = weekPlan({ totalVolume: 31.2, runs: easy3 });

    // Act
    const { subject, html, text } = renderWeeklyPlanEmail(weeklyInput(plan));

    // Assess
    expect(subject).toBe('Week 6: 31 min over 3 easy runs');
    for (const part of [html, text]) {
      expect(part).toContain('In total: 31 min over 3 easy runs.');
      expect(part.match(/Easy run: 11 min/g)).toHaveLength(1);
      expect(part.match(/Easy run: 10 min/g)).toHaveLength(2);
    }
  });
});

describe('weekly plan body', () => {
  const email = renderWeeklyPlanEmail(weeklyInput());

  it('shows every run on its own day with its kind and rounded amount, in HTML and text', () => {
    // Assess
    const expected = [
      ['Mon 30 Nov', 'Easy run: 10 min'],
      ['Wed 2 Dec', 'Walk-run: 10 min (alternate 1 min running, 2 min walking)'],
      ['Sat 5 Dec', 'Long run: 11 min'],
    ];
    for (const [day, run] of expected as [string, string][]) {
      expect(rowOf(email.html, day)).toContain(run);
      expect(textDayOf(email.text, day)).toContain(run);
    }
  });

  it('explains walk-run in one line, only when the week has one', () => {
    // Prepare
    const noWalkRun = renderWeeklyPlanEmail(
      weeklyInput(weekPlan({ runs: [{ date: '2026-11-30', amount: 20, kind: 'easy' }] })),
    );

    // Assess
    for (const part of [email.html, email.text.replace(/\n/g, ' ')]) {
      expect(part).toContain('Walk-run means jogging gently for 1 minute, then walking for 2');
    }
    expect(noWalkRun.html).not.toContain('Walk-run means');
    expect(noWalkRun.text).not.toContain('Walk-run means');
  });

  it('shows rest, strength and cross-training days, all seven days in order', () => {
    // Assess
    expect(rowOf(email.html, 'Tue 1 Dec')).toBe('Rest from running<br>Strength for your knees (see below)');
    expect(rowOf(email.html, 'Thu 3 Dec')).toBe('Rest from running<br>Cross-training: cycling, 20 min');
    expect(rowOf(email.html, 'Sun 6 Dec')).toBe('Rest day');
    const labels = [...email.html.matchAll(/<th scope="row" style="padding:8px[^>]*>([^<]*)<\/th>/g)].map(
      (m) => m[1],
    );
    expect(labels).toEqual([
      'Mon 30 Nov',
      'Tue 1 Dec',
      'Wed 2 Dec',
      'Thu 3 Dec',
      'Fri 4 Dec',
      'Sat 5 Dec',
      'Sun 6 Dec',
    ]);
    expect(textDayOf(email.text, 'Thu 3 Dec')).toContain('Cross-training: cycling, 20 min');
  });

  it('shows km amounts with one decimal, rounded half up', () => {
    // Prepare
    const plan = weekPlan({
      unit: 'km',
      totalVolume: 15.3,
      runs: [
        { date: '2026-11-30', amount: 5.25, kind: 'easy' },
        { date: '2026-12-02', amount: 5, kind: 'easy' },
        { date: '2026-12-05', amount: 5.05, kind: 'long' },
      ],
    });

    // Act
    const { html, text, subject } = renderWeeklyPlanEmail(weeklyInput(plan));

    // Assess
    // 5.25 + 5 + 5.05 = 15.3: the tenths left over go to the largest remainders (5.25 before 5.05)
    expect(subject).toBe('Week 6: 15.3 km over 3 runs');
    expect(rowOf(html, 'Mon 30 Nov')).toContain('Easy run: 5.3 km');
    expect(rowOf(html, 'Wed 2 Dec')).toContain('Easy run: 5.0 km');
    expect(rowOf(html, 'Sat 5 Dec')).toContain('Long run: 5.0 km');
    expect(textDayOf(text, 'Mon 30 Nov')).toContain('Easy run: 5.3 km');
    expect(text).toContain('goal of 60.0 km a week');
  });

  it('carries the headline, reason, strength work, tip, chart, projection, reply help and safety line in both parts', () => {
    // Assess
    const projection =
      "At this gentle pace you'd reach your goal of 60 min a week in about 28 weeks, as long as your knees stay happy.";
    // Our own prose wraps in the text part: compare it as running text.
    for (const part of [email.html, email.text.replace(/\n(?! )/g, ' ')]) {
      expect(part).toContain('Week 6 · Mon 30 Nov to Sun 6 Dec');
      expect(part).toContain('Step up');
      expect(part).toContain('In total: 31 min over 3 runs.');
      expect(part).toContain('Side plank');
      expect(part).toContain('2 × 20 s hold');
      expect(part).toContain('2 × 8 reps');
      expect(part).toContain('Sit back into the hip.');
      expect(part).toContain(part === email.html ? '>16 Nov</th>' : '  Mon 16 Nov ');
      expect(part).toContain('pain 2/10');
      expect(part).toContain('pain 4/10');
      expect(part).toContain(part === email.html ? '>This week</th>' : 'this week (plan)');
      expect(part).toContain(part === email.html ? escapeHtml(projection) : projection);
      expect(part).toContain('Just reply to this email with how your knees feel.');
      for (const example of [
        'knee 3/10, fine next morning',
        'did 2 of the 3 runs, 40 min in total',
        'new shoes',
        'pause 2 weeks',
        '"stop"',
      ]) {
        expect(part).toContain(example);
      }
      expect(part).toMatch(/Stop running and see a clinician/);
      expect(part).toMatch(/swells, locks or gives way, if you can't\s+put weight/);
      expect(part).toMatch(/hurts at night or at rest/);
      expect(part).toContain('education, not medical advice');
      expect(part).toContain('Dates are in your time zone, Europe/London.');
      expect(part).toContain('Keep every run at an easy pace');
    }
    expect(email.html).toContain(
      escapeHtml('Your knees settled by the next morning all last week, so we add a little.'),
    );
    expect(email.text).toContain('Your knees settled by the next morning all last week, so we add a little.');
    expect(email.html).toContain(
      escapeHtml('Take slightly shorter, quicker steps: about 5% more than you do now.'),
    );
    expect(email.text).toContain('Take slightly shorter, quicker steps: about 5% more than you do now.');
  });

  it.each<[Decision, string]>([
    ['progress', 'Step up'],
    ['hold', 'Hold steady'],
    ['back-off', 'Ease off'],
    ['deload', 'Lighter week'],
    ['pause', 'Rest and recover'],
    ['return', 'Welcome back'],
    ['maintain', 'Goal reached'],
  ])('heads a %s week with "%s" in both parts', (decision, headline) => {
    // Act
    const { html, text } = renderWeeklyPlanEmail(weeklyInput(weekPlan({ decision })));

    // Assess
    expect(DECISION_HEADLINES[decision]).toBe(headline);
    expect(html).toMatch(new RegExp(`>${headline}</div>`));
    expect(text.split('\n')[1]).toBe(headline);
  });

  it('says how last week went, planned against done, above the reason in both parts', () => {
    // Act
    const email = renderWeeklyPlanEmail(
      weeklyInput(weekPlan(), {
        history: [
          pastWeek('2026-11-23', [9, 9, 12], { done: { runs: 2, volume: 18 }, illness: { days: 2 } }),
        ],
      }),
    );

    // Assess
    // Last week was planned in km; this plan is in minutes, so both are shown at the easy pace (7 min/km).
    const line = 'Last week: you ran 2 of 3 runs, 126 of 210 min, ill for 2 days.';
    expect(email.text).toContain(`Step up\n\n${line}\n\n`);
    expect(email.html).toContain(`<p style="margin:0 0 12px;">${line}</p>`);
    expect(email.html.indexOf(line)).toBeLessThan(email.html.indexOf(escapeHtml(weekPlan().reason)));
    // A chart row for the week says what was run of the plan.
    expect(email.text).toContain('126 of 210 min');
  });

  it('says the goal is reached when no weeks are left, and shows no projection without a goal', () => {
    // Act
    const reached = renderWeeklyPlanEmail(
      weeklyInput(weekPlan({ decision: 'maintain', projection: { goalVolume: 31, weeksToGoal: 0 } })),
    );
    const none = renderWeeklyPlanEmail(weeklyInput(weekPlan({ projection: undefined })));

    // Assess
    expect(reached.text).toContain(
      "You've reached your goal of 31 min a week. From here we keep your week steady.",
    );
    expect(reached.html).toContain('You&#39;ve reached your goal of 31 min a week.');
    expect(none.text).not.toContain('your goal');
    expect(none.html).not.toContain('your goal');
  });

  it('has a footer with operator, address and an escaped unsubscribe link', () => {
    // Assess
    expect(email.html).toContain('<a href="https://coach.test/unsubscribe?t=abc&amp;s=1"');
    expect(email.text).toContain('Unsubscribe: https://coach.test/unsubscribe?t=abc&s=1');
    for (const part of [email.html, email.text])
      expect(part).toContain('Knee Coach Ltd, 1 High Street, London N1 1AA');
  });

  it('is built for every client: lang, preheader, no placeholders left, plain text without tags', () => {
    // Assess
    expect(email.html).toContain('<html lang="en"');
    expect(email.html).toMatch(/<div style="display:none;[^"]*">3 runs and 2 strength sessions this week/);
    expect(email.html).toContain('<title>Week 6: 31 min over 3 runs</title>');
    expect(email.html).not.toContain('{{');
    expect(email.text).not.toContain('{{');
    expect(email.text).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(email.text.split('\n').every((line) => line.length <= 110)).toBe(true);
    // The chart is tables and inline styles only: no images, SVG, flex or grid for a mail client to drop.
    expect(email.html).not.toMatch(/<img|<svg|display:\s*(flex|grid)/i);
  });

  it('shows a friendly line instead of a chart in a first week', () => {
    // Act
    const first = renderWeeklyPlanEmail(weeklyInput(weekPlan({ weekNumber: 1 }), { history: [] }));

    // Assess
    expect(first.html).not.toContain('chart-row');
    expect(first.html).toContain('This is your first week, so there&#39;s nothing to chart yet.');
    expect(first.text).toContain("This is your first week, so there's nothing to chart yet.");
  });

  it('gives a pause week rest days only, without a goal projection or pace advice', () => {
    // Prepare
    const plan = weekPlan({
      decision: 'pause',
      reason: 'You told us your knee gave way, so no running until a clinician has looked at it.',
      totalVolume: 0,
      runs: [],
      restDays: [],
      crossTraining: [],
      strength: [],
    });

    // Act
    const { html, text, attachments } = renderWeeklyPlanEmail(weeklyInput(plan));

    // Assess
    expect(html).toContain('Rest and recover');
    expect(text).toContain('No running this week.');
    expect(text).toContain('No strength sessions this week.');
    expect(text).toContain('this week (rest)');
    expect(text).not.toContain('your goal');
    expect(text).not.toContain('Keep every run at an easy pace');
    expect(rowOf(html, 'Thu 3 Dec')).toBe('Rest day');
    expect(html).not.toContain('{{');
    expect(attachments).toBeUndefined();
  });

  it('throws instead of sending a broken plan, a dangerous link or a wrongly timed calendar', () => {
    expect(() =>
      renderWeeklyPlanEmail(
        weeklyInput(weekPlan({ runs: [{ date: '2026-02-30', amount: 10, kind: 'easy' }] })),
      ),
    ).toThrow(/calendar date/);
    expect(() =>
      renderWeeklyPlanEmail(weeklyInput(weekPlan(), { unsubscribeUrl: 'javascript:alert(1)' })),
    ).toThrow(/unsubscribeUrl must be an http\(s\) URL/);
    expect(() =>
      renderWeeklyPlanEmail(
        weeklyInput(weekPlan({ runs: [{ date: '2026-12-01', amount: Number.NaN, kind: 'easy' }] })),
      ),
    ).toThrow(RangeError);
    expect(() => renderWeeklyPlanEmail(weeklyInput(weekPlan(), { timeZone: 'Not/AZone' }))).toThrow(
      /IANA time zone/,
    );
    expect(() => renderWeeklyPlanEmail(weeklyInput(weekPlan(), { runHour: 7.5 }))).toThrow(/runHour/);
    expect(() =>
      renderWeeklyPlanEmail(
        weeklyInput(weekPlan(), {
          history: [pastWeek('2026-11-23', [30], { pain: { score: 12, settledNextMorning: true } })],
        }),
      ),
    ).toThrow(/Pain score/);
    expect(() =>
      renderWeeklyPlanEmail(weeklyInput(weekPlan(), { history: [pastWeek('2026-11-2', [30])] })),
    ).toThrow(/calendar date/);
  });
});

describe('escaping hostile text', () => {
  const script = '<script>alert(1)</script>';
  const breakout = '"><img src=x onerror=alert(1)>';
  const hostile = (label: string) => `${label} ${script} ${breakout} & 'q' {{subject}}`;
  const url = `https://coach.test/u?t=1&x=${breakout}`;

  const plan = weekPlan({
    reason: hostile('reason'),
    tip: { topic: hostile('topic'), text: hostile('tip') },
    crossTraining: [{ date: '2026-12-03', activity: hostile('activity'), minutes: 20 }],
    strength: [
      { date: '2026-12-01', exercises: [{ name: hostile('name'), sets: 2, reps: 8, cue: hostile('cue') }] },
    ],
  });
  const hostileOperator: Operator = { name: hostile('operator'), postalAddress: hostile('address') };
  const weekly = renderWeeklyPlanEmail({
    plan,
    // The zone is checked against the IANA list before use, so hostile text cannot get this far.
    timeZone: 'Europe/London',
    runHour: 7,
    history: [pastWeek('2026-11-23', [30], { pain: { score: 3, settledNextMorning: true } })],
    unsubscribeUrl: url,
    operator: hostileOperator,
  });
  const confirm = renderConfirmationEmail({
    confirmUrl: url,
    preferences: { ...preferences, timeZone: hostile('zone') },
    operator: hostileOperator,
  });

  it.each([
    ['weekly', weekly],
    ['confirmation', confirm],
  ])('%s HTML has no live markup from the data', (_, email) => {
    // Assess
    expect(email.html).not.toMatch(/<script/i);
    expect(email.html).not.toMatch(/<img/i);
    expect(email.html).not.toContain('{{');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    // Every attribute value stays inside its quotes: set them aside and no tag has an on… handler left.
    for (const [tag] of email.html.matchAll(/<[a-z][^>]*>/gi)) {
      expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\son\w+\s*=/i);
    }
    for (const [, value] of email.html.matchAll(/\shref="([^"]*)"/g)) {
      expect(value).not.toMatch(/[<>"]/);
    }
    expect(email.html).toContain(`href="${escapeHtml(url)}"`);
  });

  it('weekly HTML escapes every string once, where the subscriber sees it', () => {
    for (const label of ['reason', 'tip', 'activity', 'name', 'cue', 'operator', 'address']) {
      expect(weekly.html).toContain(escapeHtml(hostile(label)));
    }
  });

  it('weekly text part carries every string literally', () => {
    for (const label of ['reason', 'tip', 'activity', 'name', 'cue', 'operator', 'address']) {
      expect(weekly.text).toContain(hostile(label));
    }
    expect(weekly.text).toContain(url);
  });

  it('the calendar carries exercise names and cues as escaped TEXT, read back literally', () => {
    // Prepare
    const calendar = new TextDecoder().decode(weekly.attachments?.[0]?.content);
    const unfolded = calendar.replace(/\r\n /g, '');

    // Assess
    expect(unfolded).toContain(
      `- ${hostile('name')}: 2 × 8 reps. ${hostile('cue')}`.replace(/[,;]/g, (c) => `\\${c}`),
    );
    expect(unfolded).not.toMatch(/[^\\][,;]'q'/);
  });

  it('confirmation text part carries every string literally', () => {
    for (const label of ['operator', 'address', 'zone']) expect(confirm.text).toContain(hostile(label));
    expect(confirm.text).toContain(url);
  });
});

describe('confirmation email', () => {
  const email = renderConfirmationEmail({
    confirmUrl: 'https://coach.test/confirm?t=abc&s=1',
    preferences,
    operator,
  });

  it('asks to confirm with a button and a copyable link', () => {
    // Assess
    expect(email.subject).toBe('Confirm your knee-friendly running plan');
    expect(email.html).toMatch(
      /<a href="https:\/\/coach\.test\/confirm\?t=abc&amp;s=1"[^>]*>\s*Confirm my plan/,
    );
    expect(email.text).toContain('Confirm my plan:\nhttps://coach.test/confirm?t=abc&s=1');
  });

  it('sums up what the subscriber told us, in both parts', () => {
    // Assess
    for (const part of [email.html, email.text]) {
      expect(part).toContain('90 min a week');
      expect(part).toContain('3 days a week');
      expect(part).toContain('Sundays at 18:00');
      expect(part).toContain('Europe/Berlin');
      expect(part).toContain("If this wasn't you, ignore this email: nothing more will be sent");
      expect(part).toContain('education, not medical advice');
      expect(part).toContain('Knee Coach Ltd, 1 High Street, London N1 1AA');
      expect(part).not.toContain('Your goal');
      expect(part).not.toMatch(/unsubscribe/i);
    }
    expect(email.html).not.toContain('{{');
    expect(email.html).toContain('<html lang="en"');
    expect(email.text).not.toMatch(/<\/?[a-z][^>]*>/i);
  });

  it('shows km volumes with one decimal, one run day in the singular, and the goal when set', () => {
    // Act
    const { html, text } = renderConfirmationEmail({
      confirmUrl: 'https://coach.test/confirm?t=abc',
      preferences: { ...preferences, unit: 'km', weeklyVolume: 20.25, runDays: 1, goalVolume: 30 },
      operator,
    });

    // Assess
    for (const part of [html, text]) {
      expect(part).toContain('20.3 km a week');
      expect(part).toContain('1 day a week');
      expect(part).toContain('Your goal');
      expect(part).toContain('30.0 km a week');
    }
  });

  it('refuses a link that is not http(s)', () => {
    expect(() =>
      renderConfirmationEmail({ confirmUrl: 'data:text/html,<script>', preferences, operator }),
    ).toThrow(/confirmUrl/);
  });
});

describe('the preferences link in the footer', () => {
  // A hostile-looking URL: it must reach the HTML escaped and the text part as is.
  const url = 'https://coach.test/preferences?token=a"b&c=<d>';

  it('is in both parts of the weekly email, escaped in the HTML, beside the unsubscribe link', () => {
    // Act
    const email = renderWeeklyPlanEmail(weeklyInput(weekPlan(), { preferencesUrl: url }));

    // Assess
    expect(email.html).toContain(
      '<a href="https://coach.test/preferences?token=a&quot;b&amp;c=&lt;d&gt;" style="color:#1d5e3a;">Your preferences</a>: send day, units, goal, pausing and your data.',
    );
    expect(email.html).not.toContain('<d>');
    expect(email.text).toContain(`Your preferences (send day, units, goal, pausing and your data): ${url}`);
    expect(email.html).toContain('<a href="https://coach.test/unsubscribe?t=abc&amp;s=1"');
    expect(email.text).toContain('Unsubscribe: https://coach.test/unsubscribe?t=abc&s=1');
  });

  it('is left out when there is none, and a javascript: link is refused', () => {
    // Act
    const email = renderWeeklyPlanEmail(weeklyInput());
    const confirmation = renderConfirmationEmail({
      confirmUrl: 'https://coach.test/confirm?t=abc',
      preferences,
      operator,
    });

    // Assess
    for (const part of [email.html, email.text, confirmation.html, confirmation.text]) {
      expect(part).not.toContain('Your preferences');
    }
    expect(() =>
      renderWeeklyPlanEmail(weeklyInput(weekPlan(), { preferencesUrl: 'javascript:alert(1)' })),
    ).toThrow(/preferencesUrl must be an http\(s\) URL/);
  });
});
