// A readable week for the terminal (`coach plan --format text`): the same plan the email carries, plainly.
import type { WeekPlan } from '#domain/types';
import { formatAmount, formatDate, formatDose, shownRunAmounts } from '#email/format';
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
        `${run.kind === 'walk-run' ? 'Walk-run' : run.kind === 'long' ? 'Long easy run' : 'Easy run'} ${formatAmount(run.amount, plan.unit)}`,
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
  if (plan.projection) {
    lines.push(
      plan.projection.weeksToGoal === 0
        ? `Goal: ${formatAmount(plan.projection.goalVolume, plan.unit)} a week, reached.`
        : `Goal: ${formatAmount(plan.projection.goalVolume, plan.unit)} a week in about ${plan.projection.weeksToGoal} weeks at this pace.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
