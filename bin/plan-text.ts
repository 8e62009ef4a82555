// A readable week for the terminal (`coach plan --format text`): the same plan the email carries, plainly.
import type { WeekPlan } from '#domain/types';
import { intervalsText } from '#domain/walk-run';
import { formatAmount, formatDate, formatDose, shownRunAmounts } from '#email/format';
import { goalLines, sessionDetail } from '#email/goal-lines';
import { DECISION_HEADLINES } from '#email/render';

export function planAsText(exact: WeekPlan): string {
  // Shown amounts add up to the shown total, as in the email.
  const shown = shownRunAmounts(
    exact.runs.map((r) => r.amount),
    exact.unit,
  );
  const plan = { ...exact, runs: exact.runs.map((r, i) => ({ ...r, amount: shown[i] as number })) };
  const lines: string[] = [];
  lines.push(
    `Week ${plan.weekNumber}, from ${formatDate(plan.weekStart)}: ${DECISION_HEADLINES[plan.decision]} (${plan.decision})`,
  );
  lines.push(plan.reason);
  lines.push('');
  lines.push(
    plan.runs.length === 0
      ? 'No running this week.'
      : `Total: ${formatAmount(plan.totalVolume, plan.unit)} over ${plan.runs.length} run${plan.runs.length === 1 ? '' : 's'} (no single run over ${formatAmount(plan.maxSingleRun, plan.unit)})`,
  );
  lines.push('');
  const days = [...new Set([...plan.runs.map((r) => r.date), ...plan.restDays])].sort();
  for (const date of days) {
    const parts: string[] = [];
    for (const run of plan.runs.filter((r) => r.date === date)) {
      parts.push(
        run.kind === 'race'
          ? `Race day: ${formatAmount(run.amount, plan.unit)}`
          : `${run.kind === 'walk-run' ? 'Walk-run' : run.kind === 'long' ? 'Long easy run' : 'Easy run'} ${formatAmount(run.amount, plan.unit)}${
              sessionDetail(run) === undefined ? '' : `: ${sessionDetail(run)}`
            }`,
      );
    }
    for (const session of plan.crossTraining.filter((c) => c.date === date)) {
      parts.push(`${session.activity} ${session.minutes} min (optional)`);
    }
    if (plan.strength.some((s) => s.date === date)) parts.push('Strength session');
    if (parts.length === 0 || !plan.runs.some((r) => r.date === date)) parts.unshift('Rest from running');
    lines.push(`  ${formatDate(date).padEnd(11)} ${[...new Set(parts)].join('; ')}`);
  }
  const session = plan.strength[0];
  if (session) {
    lines.push('');
    lines.push('Strength (twice this week):');
    for (const e of session.exercises) {
      lines.push(`  - ${e.name}: ${formatDose(e)}. ${e.cue}`);
    }
  }
  lines.push('');
  lines.push(`Tip: ${plan.tip.text}`);
  const { goalVolume, weeksToGoal } = plan.projection ?? {};
  if (goalVolume !== undefined && weeksToGoal !== undefined) {
    lines.push(
      weeksToGoal === 0
        ? `Goal: ${formatAmount(goalVolume, plan.unit)} a week, reached.`
        : `Goal: ${formatAmount(goalVolume, plan.unit)} a week in about ${weeksToGoal} weeks at this pace.`,
    );
  }
  for (const line of goalLines(plan)) lines.push(line);
  return `${lines.join('\n')}\n`;
}

/** The weeks ahead as a table: one line a week (`coach plan --weeks N --format text`). */
export function plansAsTable(plans: WeekPlan[]): string {
  const rows = plans.map((plan) => {
    const shown = shownRunAmounts(
      plan.runs.map((r) => r.amount),
      plan.unit,
    );
    const longest = plan.runs.reduce<number>(
      (best, r, i) => (r.kind === 'race' ? best : Math.max(best, shown[i] as number)),
      0,
    );
    const sessions = plan.runs
      .map((r, i) =>
        r.kind === 'race'
          ? `race ${formatAmount(r.amount, plan.unit)}`
          : r.intervals !== undefined
            ? intervalsText(r.intervals)
            : `${formatAmount(shown[i] as number, plan.unit)}${r.kind === 'long' ? ' long' : ''}`,
      )
      .filter((text, i, all) => all.indexOf(text) === i)
      .join(', ');
    return [
      String(plan.weekNumber),
      plan.weekStart,
      plan.decision,
      formatAmount(plan.totalVolume, plan.unit),
      plan.runs.length === 0 ? '-' : formatAmount(longest, plan.unit),
      sessions || 'no running',
    ];
  });
  const head = ['week', 'from', 'decision', 'total', 'longest', 'sessions'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c] as number))
      .join('  ')
      .trimEnd();
  const goal = plans[0] === undefined ? [] : goalLines(plans[0]);
  return `${[line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ...(goal.length > 0 ? ['', ...goal] : [])].join('\n')}\n`;
}
