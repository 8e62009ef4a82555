// One runner, ten weeks, through the real chain with no hand-built history: the send use case plans and
// mails each week, the runner's reply (in their own words, one week in German) is read and stored by the
// reply use case, and the next plan learns from what was stored. A sick week, a skipped long run, a holiday
// and "repeat this week", each checked in what the plan does and in what the runner is told.
import { beforeAll, describe, expect, it } from 'vitest';
import { SINGLE_RUN_LIMIT } from '#domain/plan-runs';
import { interpretReply } from '#domain/reply/interpret';
import { addWeeks, sendTimeForWeek } from '#domain/schedule';
import type { PlannedRun, Preferences, WeekPlan, WeekReport } from '#domain/types';
import { addDays, localDate } from '#domain/zoned-time';
import { formatAmount, formatDate } from '#email/format';
import { DECISION_HEADLINES } from '#email/render';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';
import { type MemoryDeps, memoryDeps, replyDeps } from '#test/support/memory-deps';
import type { InboundDeps } from '#use-cases/inbound-mail';
import { receiveReply } from '#use-cases/reply-to-plan';
import { sendWeeklyPlan } from '#use-cases/send-week';

const PREFERENCES: Preferences = { ...BERLIN_PREFERENCES, unit: 'km', weeklyVolume: 20 };
/** A step up adds 2.5%, never more (the fixture profile's rampRate). */
const RAMP = 0.025;
const ZONE = PREFERENCES.timeZone;
const FIRST_WEEK = '2027-03-01';
const ID = 'runner';
const EMAIL = 'runner@example.com';
/** Weeks 1..9 get a reply (week 7 is the holiday); week 10 is only planned. */
const WEEKS = 10;

/** What the runner really ran of a week's plan: the story the replies tell, kept beside them. */
type Ran = (plan: WeekPlan) => PlannedRun[];
const allOfIt: Ran = (plan) => plan.runs;
const oneShortRun: Ran = (plan) => [...plan.runs].sort((a, b) => a.amount - b.amount).slice(0, 1);
const notTheLongRun: Ran = (plan) => plan.runs.filter((r) => r.kind !== 'long');

/** Week by week (index 0 is week 1): what they replied on the Sunday, and what they had run. */
const REPLIES: { text: string; ran: Ran }[] = [
  { text: 'All three runs, knee 2/10, fine next morning.', ran: allOfIt },
  { text: 'Alle drei Läufe gemacht, Knie 2/10.', ran: allOfIt },
  { text: 'Sick with flu for 5 days, only ran once. Knee 2/10, fine next morning.', ran: oneShortRun },
  { text: 'All three runs, knee 2/10, fine next morning.', ran: allOfIt },
  { text: 'Skipped the long run, knee 3/10, fine next morning.', ran: notTheLongRun },
  {
    text: 'All three runs, knee 2/10, fine next morning. I am on holiday from Thursday to Sunday next week.',
    ran: allOfIt,
  },
  { text: 'Did the one run, knee 2/10, fine next morning.', ran: allOfIt },
  { text: 'All three runs, knee 2/10, fine next morning. Repeat this week please.', ran: allOfIt },
  { text: 'All three runs, knee 2/10, fine next morning.', ran: allOfIt },
];

interface Week {
  plan: WeekPlan;
  /** The plan email's text part, whitespace collapsed. */
  email: string;
  /** What the coach stored of their reply, and the acknowledgment it sent (whitespace collapsed). */
  report?: WeekReport;
  ack?: string;
}

const flat = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ');
const km = (amount: number) => formatAmount(amount, 'km');
const longest = (runs: readonly PlannedRun[]) => Math.max(0, ...runs.map((r) => r.amount));

async function walk(): Promise<Week[]> {
  let now = new Date(0);
  const memory: MemoryDeps = memoryDeps({ now: () => now });
  // The reply use case reads no raw mail: the message is handed to it already read.
  const deps: InboundDeps = replyDeps(memory);
  await memory.store.createPending(
    {
      id: ID,
      email: EMAIL,
      status: 'active',
      preferences: PREFERENCES,
      createdAt: '2027-02-20T10:00:00.000Z',
      confirmedAt: '2027-02-20T10:05:00.000Z',
      nextSendAt: sendTimeForWeek(FIRST_WEEK, PREFERENCES).toISOString(), // Sunday 28 Feb, 18:00 Berlin
      confirmSends: 1,
      version: 1,
    },
    EMAIL,
  );

  const weeks: Week[] = [];
  for (let i = 0; i < WEEKS; i++) {
    const weekStart = addWeeks(FIRST_WEEK, i);
    // The plan goes out when it is due (Sunday 18:00 before the week).
    const subscriber = await memory.store.get(ID);
    now = new Date(subscriber?.nextSendAt ?? Number.NaN);
    expect(await sendWeeklyPlan(deps, ID, now, `claim-${i + 1}`)).toBe('sent');
    const stored = await memory.store.getWeek(ID, weekStart);
    const mail = memory.sent.at(-1);
    if (!stored || !mail) throw new Error(`no plan for ${weekStart}`);
    const week: Week = { plan: stored.plan, email: flat(mail.text) };
    weeks.push(week);

    const reply = REPLIES[i];
    if (!reply) continue;
    // They answer on the week's Sunday morning, to the plan's reply address.
    now = sendTimeForWeek(addWeeks(weekStart, 1), { ...PREFERENCES, sendHour: 10 });
    const localPart = mail.replyTo?.split('@')[0] ?? '';
    const outcome = await receiveReply(deps, localPart, {
      from: EMAIL,
      subject: `Re: ${mail.subject}`,
      autoReply: false,
      text: reply.text,
      date: now.toUTCString(),
      findings: interpretReply(reply.text, { today: localDate(now, ZONE) }),
    });
    expect(outcome).toEqual({ kind: 'reply-accepted', subscriberId: ID, weekStart });
    const ack = memory.sent.at(-1);
    expect(ack?.to).toBe(EMAIL);
    week.ack = flat(ack?.text);
    const report = (await memory.store.getWeek(ID, weekStart))?.report;
    if (report) week.report = report;
  }
  return weeks;
}

/** Week `n` (1-based) of the walk. */
let weeks: Week[] = [];
const week = (n: number): Week => {
  const w = weeks[n - 1];
  if (!w) throw new Error(`no week ${n}`);
  return w;
};
const plan = (n: number) => week(n).plan;

/** The longest run the runner really did in the 30 days before `weekStart` (their story, not the engine's). */
function longestDoneBefore(weekStart: string): number {
  const from = addDays(weekStart, -30);
  const done = weeks.flatMap((w, i) => (w.plan.weekStart < weekStart ? (REPLIES[i]?.ran(w.plan) ?? []) : []));
  return longest(done.filter((r) => r.date >= from && r.date < weekStart));
}

/** The acknowledgment's "Next week" line for week `n`, as the plan then sent says it. */
function nextWeekLine(n: number): string {
  const next = plan(n);
  return `Next week (from ${formatDate(next.weekStart)}): ${DECISION_HEADLINES[next.decision].toLowerCase()}, ${km(next.totalVolume)} over`;
}

describe('one runner through a sick week, a skipped long run, a holiday and "repeat this week"', () => {
  beforeAll(async () => {
    // Act: the whole walk, once; each test below looks at one part of it.
    weeks = await walk();
  });

  it('builds 2.5% a week while every run is done, the German reply read as the English one', () => {
    // Assess
    expect([1, 2, 3].map((n) => plan(n).decision)).toEqual(['hold', 'progress', 'progress']);
    expect(plan(1).totalVolume).toBe(20);
    expect(plan(2).totalVolume).toBeCloseTo(20 * (1 + RAMP), 9);
    expect(plan(3).totalVolume).toBeCloseTo(plan(2).totalVolume * (1 + RAMP), 9);
    for (const n of [1, 2]) {
      expect(week(n).report).toMatchObject({ done: { runs: 3 }, pain: { score: 2 } });
      expect(week(n).ack).toContain('Got it: all 3 runs');
    }
    expect(week(3).email).toContain('this week adds a small 2.5%');
  });

  it('after the sick week repeats its level with easy runs only, and says it is because they were ill', () => {
    // Assess: what was understood and stored
    expect(week(3).report).toMatchObject({ done: { runs: 1 }, illness: { days: 5, kind: 'systemic' } });
    expect(week(3).ack).toContain('Got it: 1 of 3 runs, ill for 5 days; knee 2/10');
    // The next week: no progress, the same level, no long run, and why
    const after = plan(4);
    expect(after.decision).toBe('hold');
    expect(after.totalVolume).toBeCloseTo(plan(3).totalVolume, 9);
    expect(after.runs.every((r) => r.kind === 'easy')).toBe(true);
    expect(after.reason).toMatch(/you were ill last week/);
    expect(after.reason).toMatch(/symptoms are gone/);
    expect(week(4).email).toContain(flat(after.reason));
    // The email says how the sick week went, as told: one run, the plan beside it, the illness.
    expect(week(4).email).toMatch(
      /Last week: you ran 1 of 3 runs \(the plan had [\d.]+ km over 3 runs\), ill for 5 days\./,
    );
    expect(week(3).ack).toContain(nextWeekLine(4));
    expect(week(3).ack).toContain('Because you were ill last week');
    // The long run of the sick week never happened: the limit comes from week 2's.
    expect(after.maxSingleRun).toBeCloseTo(SINGLE_RUN_LIMIT * longest(plan(2).runs), 9);
    expect(after.maxSingleRun).toBeLessThan(SINGLE_RUN_LIMIT * longest(plan(3).runs));
  });

  it('after the skipped long run carries on without progress, the long run held to 110% of one really run', () => {
    // Assess
    expect(week(5).report).toMatchObject({ done: { runs: 2, skipped: ['long'] }, pain: { score: 3 } });
    expect(week(5).ack).toContain('Got it: 2 of 3 runs; knee 3/10');
    const skipped = longest(plan(5).runs);
    const after = plan(6);
    expect(after.decision).toBe('hold');
    expect(after.totalVolume).toBeCloseTo(plan(5).totalVolume, 9);
    expect(after.reason).toMatch(/missed part of last week.*without making up/);
    expect(week(6).email).toContain('Last week: you ran 2 of 3 runs (the plan had');
    expect(week(5).ack).toContain(nextWeekLine(6));
    // The 110% rule reads the longest run done in the 30 days before (week 2's long run), not the skipped one.
    const done = longestDoneBefore(after.weekStart);
    expect(done).toBeCloseTo(longest(plan(2).runs), 9);
    expect(done).toBeLessThan(skipped);
    expect(after.maxSingleRun).toBeCloseTo(SINGLE_RUN_LIMIT * done, 9);
    expect(after.maxSingleRun).toBeLessThan(SINGLE_RUN_LIMIT * skipped);
    expect(longest(after.runs)).toBeCloseTo(after.maxSingleRun, 9); // the limit holds the long run back
  });

  it('in the holiday week plans nothing on the days away, and makes it a lighter week', () => {
    // Assess
    const away = { from: '2027-04-15', to: '2027-04-18' }; // Thursday to Sunday of week 7
    expect(addWeeks(FIRST_WEEK, 6)).toBe('2027-04-12');
    expect(week(6).report?.away).toEqual([away]);
    expect(week(6).ack).toContain('away Thu 15 Apr to Sun 18 Apr');
    const holiday = plan(7);
    expect(holiday.runs.length).toBeGreaterThan(0);
    expect(holiday.runs.filter((r) => r.date >= away.from && r.date <= away.to)).toEqual([]);
    expect(holiday.strength.filter((st) => st.date >= away.from && st.date <= away.to)).toEqual([]);
    expect(holiday.crossTraining.filter((c) => c.date >= away.from && c.date <= away.to)).toEqual([]);
    expect(holiday.decision).toBe('deload');
    expect(holiday.totalVolume).toBeLessThan(plan(6).totalVolume);
    expect(holiday.reason).toMatch(
      /away 4 days this week, so those days have no run and the week is lighter/,
    );
    expect(week(7).email).toContain(flat(holiday.reason));
    for (let d = away.from; d <= away.to; d = addDays(d, 1)) {
      expect(week(7).email).not.toMatch(new RegExp(`${formatDate(d)} +(Easy|Long) run`));
    }
    expect(week(6).ack).toContain(nextWeekLine(7));
  });

  it('after the holiday builds on the last full week, by no more than 2.5%', () => {
    // Assess
    expect(plan(8).decision).toBe('progress');
    expect(plan(8).totalVolume).toBeCloseTo(plan(6).totalVolume * (1 + RAMP), 9);
    expect(week(7).ack).toContain(nextWeekLine(8));
  });

  it('repeats the level when asked, then progression resumes at 2.5%', () => {
    // Assess
    expect(week(8).report).toMatchObject({ done: { runs: 3 }, request: 'repeat-week' });
    expect(week(8).ack).toContain('the same level again, as you asked');
    const repeated = plan(9);
    expect(repeated.decision).toBe('hold');
    expect(repeated.totalVolume).toBeCloseTo(plan(8).totalVolume, 9);
    expect(repeated.reason).toMatch(/You asked to repeat last week/);
    expect(week(9).email).toContain(flat(repeated.reason));
    expect(week(8).ack).toContain(nextWeekLine(9));
    const resumed = plan(10);
    expect(resumed.decision).toBe('progress');
    expect(resumed.totalVolume).toBeLessThanOrEqual(repeated.totalVolume * (1 + RAMP) + 1e-9);
    expect(resumed.totalVolume).toBeCloseTo(repeated.totalVolume * (1 + RAMP), 9);
  });

  it('never plans a run beyond 110% of the longest run really done in the 30 days before, any week', () => {
    // Assess
    for (const { plan: p } of weeks.slice(1)) {
      const limit = SINGLE_RUN_LIMIT * longestDoneBefore(p.weekStart);
      expect(p.maxSingleRun, p.weekStart).toBeLessThanOrEqual(limit + 1e-9);
      expect(longest(p.runs), p.weekStart).toBeLessThanOrEqual(limit + 1e-9);
    }
  });

  it('tells the runner each week what was understood and what comes next, as the plan then sent has it', () => {
    // Assess
    for (let n = 1; n < WEEKS; n++) {
      expect(week(n).ack, `week ${n}`).toMatch(/^Thanks for telling us Got it: /);
      expect(week(n).ack, `week ${n}`).toContain(nextWeekLine(n + 1));
      expect(week(n + 1).email, `week ${n + 1}`).toContain(flat(plan(n + 1).reason));
    }
  });
});
