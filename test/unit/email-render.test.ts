// The weekly-plan and confirmation emails: what they say, how amounts show, and that nothing hostile gets through.
import { describe, expect, it } from 'vitest';
import type { Preferences, WeekPlan } from '../../lambdas/domain/types';
import { renderConfirmationEmail, renderWeeklyPlanEmail } from '../../lambdas/email/render';
import { escapeHtml } from '../../lambdas/email/template';
import type { Operator, WeeklyPlanEmailInput } from '../../lambdas/email/types';

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
    ...overrides,
  };
}

function weeklyInput(
  plan: WeekPlan = weekPlan(),
  overrides: Partial<WeeklyPlanEmailInput> = {},
): WeeklyPlanEmailInput {
  return {
    plan,
    timeZone: 'Europe/London',
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
  it('names the week, the shown total and the number of runs', () => {
    expect(renderWeeklyPlanEmail(weeklyInput()).subject).toBe('Week 6: 31 min over 3 easy runs');
  });

  it('uses "run" for a single run and one decimal for km', () => {
    // Prepare
    const plan = weekPlan({
      weekNumber: 2,
      unit: 'km',
      totalVolume: 4.25,
      runs: [{ date: '2026-12-01', amount: 4.25, kind: 'walk-run' }],
    });

    // Assess
    expect(renderWeeklyPlanEmail(weeklyInput(plan)).subject).toBe('Week 2: 4.3 km over 1 easy run');
  });

  it('says rest week when there are no runs', () => {
    // Prepare
    const plan = weekPlan({ weekNumber: 7, decision: 'pause', totalVolume: 0, runs: [], strength: [] });

    // Assess
    expect(renderWeeklyPlanEmail(weeklyInput(plan)).subject).toBe('Week 7: a rest week for your knees');
  });
});

describe('weekly plan body', () => {
  const email = renderWeeklyPlanEmail(weeklyInput());

  it('shows every run on its own day with the rounded amount, in HTML and text', () => {
    // Assess
    const expected = [
      ['Mon 30 Nov', 'Easy run: 10 min'],
      ['Wed 2 Dec', 'Walk–run: 10 min'],
      ['Sat 5 Dec', 'Longer easy run: 11 min'],
    ];
    for (const [day, run] of expected as [string, string][]) {
      expect(rowOf(email.html, day)).toContain(run);
      expect(textDayOf(email.text, day)).toContain(run);
    }
  });

  it('shows rest, strength and cross-training days, all seven days in order', () => {
    // Assess
    expect(rowOf(email.html, 'Tue 1 Dec')).toBe('Rest from running<br>Strength session (see below)');
    expect(rowOf(email.html, 'Thu 3 Dec')).toBe('Rest from running<br>Cross-training: cycling, 20 min');
    expect(rowOf(email.html, 'Sun 6 Dec')).toBe('Rest day');
    const labels = [...email.html.matchAll(/<th scope="row"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
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
    expect(subject).toBe('Week 6: 15.3 km over 3 easy runs');
    expect(rowOf(html, 'Mon 30 Nov')).toContain('Easy run: 5.3 km');
    expect(rowOf(html, 'Wed 2 Dec')).toContain('Easy run: 5.0 km');
    expect(rowOf(html, 'Sat 5 Dec')).toContain('Longer easy run: 5.1 km');
    expect(textDayOf(text, 'Mon 30 Nov')).toContain('Easy run: 5.3 km');
    expect(text).toContain('goal of 60.0 km a week');
  });

  it('carries the decision, strength work, tip, projection, reply help and safety line in both parts', () => {
    // Assess
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Week 6: a small step up');
      expect(part).toContain('In total: 31 min of easy running over 3 runs.');
      expect(part).toContain('Side plank');
      expect(part).toContain('2 × 20 s hold');
      expect(part).toContain('2 × 8 reps');
      expect(part).toContain('Sit back into the hip.');
      expect(part).toContain(
        'At this gentle pace you could reach your goal of 60 min a week in about 28 weeks.',
      );
      expect(part).toContain('Just reply to this email with how your knees feel.');
      for (const example of ['knee 3/10, fine next morning', 'new shoes', 'pause 2 weeks', '"stop"']) {
        expect(part).toContain(example);
      }
      expect(part).toMatch(/Stop running and see a clinician/);
      expect(part).toMatch(/swells, locks or gives way, if you can't\s+put weight/);
      expect(part).toMatch(/hurts at night or at rest/);
      expect(part).toContain('education, not medical advice');
      expect(part).toContain('Dates are in your time zone, Europe/London.');
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
    expect(email.html).toMatch(
      /<div style="display:none;[^"]*">3 easy runs and 2 strength sessions this week/,
    );
    expect(email.html).toContain('<title>Week 6: 31 min over 3 easy runs</title>');
    expect(email.html).not.toContain('{{');
    expect(email.text).not.toContain('{{');
    expect(email.text).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(email.text.split('\n').every((line) => line.length <= 110)).toBe(true);
  });

  it('gives a pause week rest days only, without a goal projection', () => {
    // Prepare
    const plan = weekPlan({
      decision: 'pause',
      reason: 'You told us your knee gave way, so no running until a clinician has looked at it.',
      totalVolume: 0,
      runs: [],
      restDays: [],
      crossTraining: [],
      strength: [],
      projection: undefined,
    });

    // Act
    const { html, text } = renderWeeklyPlanEmail(weeklyInput(plan));

    // Assess
    expect(html).toContain('Week 6: a pause from running');
    expect(text).toContain('No running this week.');
    expect(text).toContain('No strength sessions this week.');
    expect(text).not.toContain('your goal');
    expect(rowOf(html, 'Thu 3 Dec')).toBe('Rest day');
    expect(html).not.toContain('{{');
  });

  it('throws instead of sending a broken plan or a dangerous link', () => {
    expect(() =>
      renderWeeklyPlanEmail(
        weeklyInput(weekPlan({ runs: [{ date: '2026-02-30', amount: 10, kind: 'easy' }] })),
      ),
    ).toThrow(/calendar date/);
    expect(() =>
      renderWeeklyPlanEmail(weeklyInput(weekPlan(), { unsubscribeUrl: 'javascript:alert(1)' })),
    ).toThrow(/unsubscribeUrl must be an http\(s\) URL/);
    expect(() => renderWeeklyPlanEmail(weeklyInput(weekPlan({ totalVolume: Number.NaN })))).toThrow(
      RangeError,
    );
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
    timeZone: hostile('zone'),
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

  it('weekly text part carries every string literally', () => {
    for (const label of ['reason', 'tip', 'activity', 'name', 'cue', 'operator', 'address', 'zone']) {
      expect(weekly.text).toContain(hostile(label));
    }
    expect(weekly.text).toContain(url);
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
