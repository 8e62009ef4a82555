// The acknowledgment a reply gets says what was understood of the week, only what was said, and asks when unsure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planWeek } from '#domain/plan';
import { interpretReply, type ReplyFindings } from '#domain/reply/interpret';
import type { PlannedRun, WeekReport } from '#domain/types';
import { reportFromFindings } from '#domain/week-report';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';
import { type AnsweredWeek, replyAcknowledgment } from '#use-cases/reply-wording';

const PREFS = { ...BERLIN_PREFERENCES, unit: 'min' as const, weeklyVolume: 63, runDays: 3 };
const RUNS: PlannedRun[] = [
  { date: '2026-11-30', amount: 20, kind: 'easy' },
  { date: '2026-12-02', amount: 20, kind: 'easy' },
  { date: '2026-12-05', amount: 23, kind: 'long' },
];
const PLAN: AnsweredWeek['plan'] = { unit: 'min', totalVolume: 63, runs: RUNS, decision: 'progress' };
const NEXT = planWeek({ profile: PREFS, history: [], weekStart: '2026-12-07' });

const base: ReplyFindings = {
  pain: null,
  settledStated: false,
  changes: [],
  commands: [],
  redFlags: [],
  note: null,
  daysRun: null,
  done: null,
  crossTraining: [],
  illness: null,
  away: [],
  runDays: null,
  unclear: [],
};

function ack(findings: Partial<ReplyFindings>) {
  const all = { ...base, ...findings };
  const report: Partial<WeekReport> = reportFromFindings(all, PLAN);
  return replyAcknowledgment(all, [], NEXT, PREFS, 1, { plan: PLAN, report });
}

describe('the acknowledgment of what was done', () => {
  it('says runs and minutes done against the plan, then the knee', () => {
    const a = ack({
      done: { runs: 2, of: 3, volume: 41, unit: 'min' },
      pain: { score: 3, settledNextMorning: true },
      settledStated: true,
    });
    expect(a.subject).toBe('Got it: 2 of 3 runs, about 41 min; knee 3/10, settled by morning');
    expect(a.paragraphs[0]).toBe('Got it: 2 of 3 runs, about 41 min; knee 3/10, settled by morning.');
  });

  it('says "all" and "no runs" from the plan, and an illness as said', () => {
    expect(ack({ done: { all: true } }).subject).toBe('Got it: all 3 runs');
    expect(ack({ done: { runs: 0, none: true }, illness: { days: 7, kind: null } }).subject).toBe(
      'Got it: no runs, ill all week',
    );
    expect(ack({ illness: { days: null, kind: 'mild' } }).subject).toBe('Got it: a cold');
    expect(ack({ illness: { days: 2, kind: 'systemic' } }).subject).toBe('Got it: ill for 2 days');
  });

  it('names cross-training, days away and requests', () => {
    const a = ack({
      crossTraining: [{ activity: 'bike', minutes: 40 }],
      away: [{ from: '2026-12-14', to: '2026-12-20' }],
      commands: [{ kind: 'easier' }],
    });
    expect(a.subject).toMatch(/^Got it: biked 40 min, away .*14.* to .*20.*, an easier week, as you asked$/);
  });

  it('names a single day away and a limit on the days next week', () => {
    const a = ack({ away: [{ from: '2026-12-12', to: '2026-12-12' }], runDays: 2 });
    expect(a.subject).toMatch(/^Got it: away on .*12.*, running on at most 2 days next week$/);
    expect(ack({ runDays: 1 }).subject).toBe('Got it: running on at most 1 day next week');
  });

  it('shows amounts in the subscriber unit', () => {
    const a = replyAcknowledgment(
      { ...base, done: { volume: 6, unit: 'km' } },
      [],
      NEXT,
      { ...PREFS, unit: 'km' },
      1,
      { plan: PLAN, report: reportFromFindings({ ...base, done: { volume: 6, unit: 'km' } }, PLAN) },
    );
    expect(a.subject).toBe('Got it: about 6.0 km');
  });

  it('asks about a figure it could not place instead of guessing', () => {
    const a = ack({ unclear: [{ text: '28', why: 'unit' }] });
    expect(a.paragraphs.join('\n')).toContain('You wrote "28": was that kilometres, miles or minutes?');
    const b = ack({ unclear: [{ text: '10 km', why: 'run-or-week' }] });
    expect(b.paragraphs.join('\n')).toContain('one run or the whole week');
  });

  it('tells why next week is what it is', () => {
    expect(ack({}).paragraphs.join('\n')).toContain(NEXT.reason);
  });

  it('never states a count or amount that no reply said', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const findings = interpretReply(text);
        const a = replyAcknowledgment(findings, [], NEXT, PREFS, 1, {
          plan: PLAN,
          report: reportFromFindings(findings, PLAN),
        });
        const first = a.paragraphs[0] ?? '';
        if (findings.done === null) expect(first).not.toMatch(/\b\d+ of \d+ runs?\b|\babout \d/);
        if (findings.pain === null) expect(first).not.toMatch(/knee \d/);
      }),
    );
  });
});
