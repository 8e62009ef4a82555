// What a week's plan says, worked out once for both parts of its email: subject, headline, days and sessions.

import type { Decision, PlannedRun, WeekPlan } from '#domain/types';
import { RUN_LABELS, WALK_RUN_PATTERN } from './copy';
import {
  addDays,
  cleanText,
  count,
  formatAmount,
  formatDate,
  formatDose,
  formatMinutes,
  shownRunAmounts,
  shownTotal,
} from './format';
import { goalLines, sessionDetail } from './goal-lines';

/** The small headline above the reason: the week's decision in two words. */
export const DECISION_HEADLINES: Record<Decision, string> = {
  progress: 'Step up',
  hold: 'Hold steady',
  'back-off': 'Ease off',
  deload: 'Lighter week',
  pause: 'Rest and recover',
  return: 'Welcome back',
  maintain: 'Goal reached',
};

// Said before the amounts in the subject, so the inbox line alone tells which way the week goes.
const SUBJECT_LEADS: Partial<Record<Decision, string>> = {
  'back-off': 'easing off',
  deload: 'a lighter week',
  return: 'easing back in',
  maintain: 'steady at your goal',
};

export interface DayView {
  label: string;
  items: string[];
}

export interface SessionView {
  label: string;
  exercises: { name: string; dose: string; cue: string }[];
  /** Said instead of a list when the session names no exercises. */
  note?: string;
}

export interface WeeklyView {
  subject: string;
  preheader: string;
  weekLine: string;
  headline: string;
  reason: string;
  totalLine: string;
  days: DayView[];
  hasRuns: boolean;
  walkRun: boolean;
  /** Walk-run sessions with their intervals (warm-up, spells of running and walking, cool-down). */
  intervals: boolean;
  sessions: SessionView[];
  tip: string;
  projection?: string;
}

/** "3 easy runs", "1 long run", "3 walk-run sessions", or "3 runs" when the kinds are mixed. */
function runsPhrase(runs: readonly PlannedRun[]): string {
  const kinds = new Set(runs.map((r) => r.kind));
  const only = kinds.size === 1 ? runs[0]?.kind : undefined;
  if (only === 'easy') return count(runs.length, 'easy run');
  if (only === 'long') return count(runs.length, 'long run');
  if (only === 'walk-run') return count(runs.length, 'walk-run session');
  return count(runs.length, 'run');
}

/** The week's total as shown: the sum of the shown runs, so the parts always add up on the page. */
export function shownWeekTotal(plan: WeekPlan): string {
  return formatAmount(
    shownTotal(
      plan.runs.map((r) => r.amount),
      plan.unit,
    ),
    plan.unit,
  );
}

/** The plan with each run at the amount shown, so every part of the email (and the calendar) agrees. */
export function asShown(plan: WeekPlan): WeekPlan {
  const shown = shownRunAmounts(
    plan.runs.map((r) => r.amount),
    plan.unit,
  );
  return { ...plan, runs: plan.runs.map((r, i) => ({ ...r, amount: shown[i] as number })) };
}

export function weeklyPlanSubject(input: WeekPlan): string {
  const plan = asShown(input);
  const week = `Week ${plan.weekNumber}`;
  const runs = plan.runs;
  if (runs.length === 0) return `${week}: a rest week for your knees`;
  if (runs.length > 0 && runs.every((r) => r.intervals !== undefined)) {
    return `${week}: ${count(runs.length, 'walk-run session')}, ${shownWeekTotal(plan)} of running`;
  }
  if (plan.decision === 'return' && runs.every((r) => r.kind === 'walk-run')) {
    return `${week}: easing back in, ${count(runs.length, 'short walk-run session')}`;
  }
  const volume = `${shownWeekTotal(plan)} over ${runsPhrase(runs)}`;
  const lead = SUBJECT_LEADS[plan.decision];
  return lead === undefined ? `${week}: ${volume}` : `${week}: ${lead}, ${volume}`;
}

function runLine(run: PlannedRun, plan: WeekPlan): string {
  const line = `${RUN_LABELS[run.kind]}: ${formatAmount(run.amount, plan.unit)}`;
  const detail = sessionDetail(run);
  if (run.intervals !== undefined) return `${line} of running: ${detail}`;
  if (detail !== undefined) return `${line}, after a ${run.warmupMinutes} min brisk walk`;
  return run.kind === 'walk-run' ? `${line} (${WALK_RUN_PATTERN})` : line;
}

// Every date the plan mentions gets a row, so nothing planned can fall outside the table.
function daysOf(plan: WeekPlan): DayView[] {
  const dates = new Set<string>();
  for (let i = 0; i < 7; i++) dates.add(addDays(plan.weekStart, i));
  for (const item of [...plan.runs, ...plan.strength, ...plan.crossTraining]) dates.add(item.date);
  for (const date of plan.restDays) dates.add(date);
  const restDays = new Set(plan.restDays);
  return [...dates].sort().map((date) => {
    const runs = plan.runs.filter((r) => r.date === date).map((r) => runLine(r, plan));
    const others = [
      ...plan.strength.filter((s) => s.date === date).map(() => 'Strength for your knees (see below)'),
      ...plan.crossTraining
        .filter((c) => c.date === date)
        .map((c) => `Cross-training: ${cleanText(c.activity)}, ${formatMinutes(c.minutes)}`),
    ];
    const rest =
      runs.length === 0 && (restDays.has(date) || others.length === 0)
        ? [others.length === 0 ? 'Rest day' : 'Rest from running']
        : [];
    return { label: formatDate(date), items: [...rest, ...runs, ...others] };
  });
}

function projectionOf(plan: WeekPlan): string | undefined {
  // A pause has no pace to project from; the goal comes back with the running.
  if (!plan.projection || plan.decision === 'pause') return undefined;
  const lines = goalLines(plan);
  const { goalVolume, weeksToGoal } = plan.projection;
  if (goalVolume !== undefined && weeksToGoal !== undefined) {
    const goal = `${formatAmount(goalVolume, plan.unit)} a week`;
    const weeks = Math.ceil(weeksToGoal);
    lines.unshift(
      weeks <= 0
        ? `You've reached your goal of ${goal}. From here we keep your week steady.`
        : `At this gentle pace you'd reach your goal of ${goal} in about ${count(weeks, 'week')}, as long as your knees stay happy.`,
    );
  }
  return lines.length === 0 ? undefined : lines.join(' ');
}

function preheaderOf(plan: WeekPlan): string {
  const sessions = plan.strength.length;
  if (plan.runs.length === 0) {
    return sessions > 0
      ? 'No running this week: rest, gentle strength work and a tip for your knees.'
      : 'No running this week: rest and let your knees settle.';
  }
  const strength = sessions > 0 ? ` and ${count(sessions, 'strength session')}` : '';
  return `${runsPhrase(plan.runs)}${strength} this week, planned around your knees.`;
}

export function weeklyView(plan: WeekPlan): WeeklyView {
  const projection = projectionOf(plan);
  return {
    subject: weeklyPlanSubject(plan),
    preheader: preheaderOf(plan),
    weekLine: `Week ${plan.weekNumber} · ${formatDate(plan.weekStart)} to ${formatDate(addDays(plan.weekStart, 6))}`,
    headline: DECISION_HEADLINES[plan.decision],
    reason: cleanText(plan.reason),
    totalLine:
      plan.runs.length === 0
        ? 'No running this week. Rest, move gently, and let your knees settle.'
        : `In total: ${shownWeekTotal(plan)} over ${runsPhrase(plan.runs)}.`,
    days: daysOf(plan),
    hasRuns: plan.runs.length > 0,
    walkRun: plan.runs.some((r) => r.kind === 'walk-run' && r.intervals === undefined),
    intervals: plan.runs.some((r) => r.intervals !== undefined),
    sessions: plan.strength.map((s, i) => ({
      label: formatDate(s.date),
      exercises: s.exercises.map((e) => ({
        name: cleanText(e.name),
        dose: formatDose(e),
        cue: cleanText(e.cue),
      })),
      ...(s.exercises.length > 0
        ? {}
        : {
            note: plan.strength.slice(0, i).some((earlier) => earlier.exercises.length > 0)
              ? 'Repeat the exercises above.'
              : 'No exercises listed for this day.',
          }),
    })),
    tip: cleanText(plan.tip.text),
    ...(projection === undefined ? {} : { projection }),
  };
}
