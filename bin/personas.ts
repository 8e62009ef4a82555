// Sample subscribers for the email preview and tests: each runs the real plan engine over a few crafted weeks.

import { toHistoryWeek } from '#domain/history';
import { type HistoryWeek, type PlanProfile, planWeek } from '#domain/plan';
import { addWeeks } from '#domain/schedule';
import type {
  ChangeKind,
  DoneSummary,
  IllnessSummary,
  PainReport,
  RedFlag,
  WeekPlan,
  WeekSummary,
} from '#domain/types';
import { pastWeekOf } from '#email/last-week';
import type { Operator, WeeklyPlanEmailInput } from '#email/types';

/** The week every persona's email plans (a Monday), and when that email is made. */
export const PREVIEW_WEEK = '2026-11-30';
export const PREVIEW_NOW = new Date('2026-11-29T17:00:00Z');

const OPERATOR: Operator = {
  name: 'Knee-friendly running coach (preview)',
  postalAddress: '1 Example Street\nExampletown EX1 2AB',
};
const UNSUBSCRIBE_URL = 'https://coach.example/unsubscribe?t=preview';

/** What a persona told us about one past week, in reply to its plan. */
export interface CraftedReport {
  /** Share of the plan they ran (1 = all of it); left out, they sent no report at all. */
  ranShare?: number;
  /** What they said they did, as a reply's report keeps it (overrides `ranShare` where both speak). */
  done?: DoneSummary;
  illness?: IllnessSummary;
  pain?: PainReport;
  changes?: ChangeKind[];
  redFlags?: RedFlag[];
  paused?: boolean;
}

export interface Persona {
  /** File-name friendly: the preview writes `preview/<id>.html`. */
  id: string;
  title: string;
  /** One line on who this is and what the email should show. */
  story: string;
  /** The plans the engine made for the weeks before, oldest first (what the chart is built from). */
  pastPlans: WeekPlan[];
  input: WeeklyPlanEmailInput;
}

interface PersonaSketch {
  id: string;
  title: string;
  story: string;
  profile: PlanProfile;
  timeZone: string;
  runHour: number;
  /** One per past week, oldest first; the email plans the week after the last. */
  reports: CraftedReport[];
}

/** The week as send-week and the reply use case store it: the plan sent and the report made of the reply. */
function storedWeek(plan: WeekPlan, crafted: CraftedReport): WeekSummary {
  const { ranShare, ...said } = crafted;
  const report = {
    ...(ranShare === undefined
      ? {}
      : { actualVolume: plan.runs.reduce((sum, r) => sum + r.amount, 0) * ranShare }),
    ...said,
  };
  return {
    weekStart: plan.weekStart,
    plan,
    ...(Object.keys(report).length === 0
      ? {}
      : { report: { ...report, receivedAt: PREVIEW_NOW.toISOString() } }),
  };
}

function simulate(sketch: PersonaSketch): Persona {
  const history: HistoryWeek[] = [];
  const pastPlans: WeekPlan[] = [];
  const stored: WeekSummary[] = [];
  let weekStart = addWeeks(PREVIEW_WEEK, -sketch.reports.length);
  for (const report of sketch.reports) {
    const plan = planWeek({ profile: sketch.profile, history: [...history], weekStart });
    pastPlans.push(plan);
    stored.push(storedWeek(plan, report));
    history.push(toHistoryWeek(stored.at(-1) as WeekSummary));
    weekStart = addWeeks(weekStart, 1);
  }
  const plan = planWeek({ profile: sketch.profile, history, weekStart: PREVIEW_WEEK });
  return {
    id: sketch.id,
    title: sketch.title,
    story: sketch.story,
    pastPlans,
    input: {
      plan,
      timeZone: sketch.timeZone,
      runHour: sketch.runHour,
      history: stored.slice(-7).map(pastWeekOf),
      unsubscribeUrl: UNSUBSCRIBE_URL,
      operator: OPERATOR,
      now: PREVIEW_NOW,
    },
  };
}

const settled = (score: number): PainReport => ({ score, settledNextMorning: true });

const SKETCHES: PersonaSketch[] = [
  {
    id: 'beginner',
    title: 'Beginner, pain-free',
    story: 'Runs 60 min a week over 3 days, a few weeks in, knees happy: the plan steps up a little.',
    profile: { unit: 'min', weeklyVolume: 60, runDays: 3, goalVolume: 90 },
    timeZone: 'Europe/London',
    runHour: 7,
    reports: [
      { ranShare: 1, pain: settled(1) },
      { ranShare: 1, pain: settled(0) },
      { ranShare: 1, pain: settled(1) },
    ],
  },
  {
    id: 'knee-pain',
    title: '25 km a week, knee pain',
    story:
      'Runs 25 km a week over 4 days; pain was 3–4 for weeks, last week 6/10 and not settled by morning: the plan backs off.',
    profile: { unit: 'km', weeklyVolume: 25, runDays: 4 },
    timeZone: 'Europe/Berlin',
    runHour: 18,
    reports: [
      { ranShare: 1, pain: settled(3) },
      { ranShare: 1, pain: settled(3) },
      { ranShare: 1, pain: settled(4) },
      { ranShare: 0.9, pain: settled(3) },
      { ranShare: 1, pain: settled(4) },
      { ranShare: 1, pain: settled(4) },
      { ranShare: 0.8, pain: { score: 6, settledNextMorning: false } },
    ],
  },
  {
    id: 'paused',
    title: 'Paused by a red flag',
    story: 'Told us last week that the knee swelled up: no running plan, see a clinician, rest and recover.',
    profile: { unit: 'min', weeklyVolume: 90, runDays: 3 },
    timeZone: 'America/New_York',
    runHour: 6,
    reports: [
      { ranShare: 1, pain: settled(2) },
      { ranShare: 1, pain: settled(2) },
      { ranShare: 1, pain: settled(3) },
      { ranShare: 0.5, pain: { score: 5, settledNextMorning: false }, redFlags: ['swelling'], paused: true },
    ],
  },
  {
    id: 'goal-reached',
    title: 'Goal reached',
    story: 'Ramped from 11.5 to a goal of 12 mi a week, knees fine: the plan holds steady at the goal.',
    profile: { unit: 'mi', weeklyVolume: 11.5, runDays: 3, goalVolume: 12 },
    timeZone: 'Australia/Sydney',
    runHour: 17,
    reports: [
      { ranShare: 1, pain: settled(1) },
      { ranShare: 1, pain: settled(2) },
      { ranShare: 1, pain: settled(1) },
    ],
  },
  {
    id: 'ill-week',
    title: 'Ill last week',
    story:
      'Three good weeks at 80 min, then flu for 5 days and one short run: the plan holds the level, no make-up.',
    profile: { unit: 'min', weeklyVolume: 80, runDays: 3 },
    timeZone: 'Europe/Stockholm',
    runHour: 7,
    reports: [
      { ranShare: 1, pain: settled(1) },
      { ranShare: 1, pain: settled(2) },
      { ranShare: 1, pain: settled(1) },
      { done: { runs: 1, volume: 20 }, illness: { days: 5, kind: 'systemic' }, pain: settled(1) },
    ],
  },
  {
    id: 'returning',
    title: 'Back after a break',
    story:
      'Paused for three weeks after asking for a break, then told us to carry on: a gentle return with walk-run.',
    profile: { unit: 'min', weeklyVolume: 75, runDays: 3 },
    timeZone: 'Europe/Paris',
    runHour: 12,
    reports: [
      { ranShare: 1, pain: settled(2) },
      { ranShare: 1, pain: settled(1) },
      { ranShare: 0, paused: true },
      {},
      {},
      { paused: false },
    ],
  },
  {
    id: 'from-zero',
    title: 'From the couch',
    story:
      'Did not run at all; three weeks of walk-run in, knees fine: a little more of each session is running, with the road ahead.',
    profile: {
      unit: 'min',
      weeklyVolume: 10,
      runDays: 3,
      start: 'new',
      goal: { distance: '5k', date: '2027-06-13' },
    },
    timeZone: 'Europe/London',
    runHour: 8,
    reports: [
      { ranShare: 1, pain: settled(1) },
      { ranShare: 1, pain: settled(0) },
      { ranShare: 1, pain: settled(1) },
    ],
  },
  {
    id: 'early-race',
    title: 'A race that comes early',
    story:
      'Runs 15 km a week and entered a half marathon five weeks away: the plan keeps its gentle ramp and says plainly the race comes early.',
    profile: {
      unit: 'km',
      weeklyVolume: 15,
      runDays: 3,
      start: 'regular',
      goal: { distance: 'half', date: '2027-01-03' },
    },
    timeZone: 'Europe/Madrid',
    runHour: 19,
    reports: [
      { ranShare: 1, pain: settled(1) },
      { ranShare: 1, pain: settled(2) },
      { ranShare: 1, pain: settled(1) },
    ],
  },
];

/** Every persona, planned afresh by the current engine (so a preview always shows today's rules). */
export function buildPersonas(): Persona[] {
  return SKETCHES.map(simulate);
}
