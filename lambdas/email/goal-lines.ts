// What a subscriber reads about a walk-run session, a race goal and the road ahead: written once, for the
// HTML, the plain text, the calendar and the terminal.
import type { PlannedRun, Unit, WeekPlan } from '#domain/types';
import { intervalsText, sessionMinutes } from '#domain/walk-run';
import { formatAmount, MONTH_NAMES } from './format';

/** "14 June", or "14 June 2028" when it is not the year of `from`. */
export function dayMonth(date: string, from?: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const sameYear = from === undefined || from.slice(0, 4) === date.slice(0, 4);
  return `${day} ${MONTH_NAMES[(month as number) - 1]}${sameYear ? '' : ` ${year}`}`;
}

/**
 * How a run reads: "Walk-run 8 × (1 min run, 2 min walk), 34 min with the warm-up and cool-down walks",
 * "30 min continuous, after a 5 min brisk walk", or undefined for an ordinary run (shown by its amount).
 */
export function sessionDetail(run: PlannedRun): string | undefined {
  if (run.intervals !== undefined) {
    return `${run.warmupMinutes ?? 0} min brisk walk, then ${intervalsText(run.intervals)}, then ${
      run.cooldownMinutes ?? 0
    } min walk (${Math.round(sessionMinutes(run.intervals))} min in all)`;
  }
  if (run.warmupMinutes !== undefined) {
    return `${run.warmupMinutes} min brisk walk, then ${Math.round(run.amount)} min continuous easy running`;
  }
  return undefined;
}

/** The race goal in one line, and the road ahead in another. */
export function goalLines(plan: WeekPlan): string[] {
  const lines: string[] = [];
  const g = plan.projection?.goal;
  if (g !== undefined) {
    const name = goalName(g.distanceKm);
    if (g.readyBy === undefined) {
      lines.push(
        `${cap(name)} is more than two years of gentle building away at your level; a shorter race makes a fine goal on the way.`,
      );
    } else if (g.raceDate === undefined) {
      lines.push(
        `At this gentle pace you'd be ready for ${name} around ${dayMonth(g.readyBy, plan.weekStart)}.`,
      );
    } else if (g.onTime === true) {
      lines.push(
        `On time: ready for ${name} around ${dayMonth(g.readyBy, plan.weekStart)}, before your race on ${dayMonth(g.raceDate, plan.weekStart)}; race week itself will be lighter.`,
      );
    } else {
      const shorter = g.distanceKm > 10.5 ? ', choose the 10K' : g.distanceKm > 5.5 ? ', choose the 5K' : '';
      lines.push(
        `Ready around ${dayMonth(g.readyBy, plan.weekStart)}: your race on ${dayMonth(g.raceDate, plan.weekStart)} comes early; run-walk it${shorter}, or pick a later race. We don't speed up your plan to fit the date.`,
      );
    }
  }
  const ahead = plan.projection?.ahead;
  if (ahead !== undefined) lines.push(`In ${ahead.weeks} weeks: ${aheadText(ahead, plan.unit)}.`);
  return lines;
}

function aheadText(ahead: NonNullable<NonNullable<WeekPlan['projection']>['ahead']>, unit: Unit): string {
  if (ahead.intervals !== undefined) return `${intervalsText(ahead.intervals)} a session`;
  if (unit === 'min') return `${Math.round(ahead.amount)} min continuous`;
  return `a longest run of ${formatAmount(ahead.amount, unit)}`;
}

function goalName(km: number): string {
  const named: Record<string, string> = {
    '5': 'the 5K',
    '10': 'the 10K',
    '21.1': 'the half marathon',
    '42.2': 'the marathon',
  };
  const key = String(Math.round(km * 10) / 10);
  return named[key] ?? `your ${key} km race`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
