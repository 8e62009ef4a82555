// Where a runner starts and the race they aim for, as the sign-up and preferences forms ask: flat form fields
// to the API's shape (`start`, `goal: {distance, date?}`) and back.
import type { RaceGoal, Start } from '#domain/types';

export const START_CHOICES: [Start, string][] = [
  ['regular', 'I run regularly'],
  ['some', 'I run a little'],
  ['new', "I don't run yet"],
  ['returning', 'I am coming back after a break or an injury'],
];

export const GOAL_CHOICES: [string, string][] = [
  ['', 'No race: just build up gently'],
  ['5k', '5K'],
  ['10k', '10K'],
  ['half', 'Half marathon'],
  ['marathon', 'Marathon'],
  ['custom', 'Another distance (km)'],
];

/** The form's goal fields. */
export const GOAL_FIELDS = ['goalDistance', 'goalKm', 'goalDate'] as const;

/** A non-runner need not give a weekly amount: the walk-run start does not use it. */
export const NEW_RUNNER_VOLUME = { weeklyVolume: 10, unit: 'min' } as const;

/**
 * The goal the form's fields describe, as the API takes it (undefined for no race). A custom distance that is
 * not a number is passed on as text, so the schema names the problem.
 */
export function goalFromForm(form: Record<string, string | undefined>): unknown {
  const distance = (form.goalDistance ?? '').trim();
  if (distance === '') return undefined;
  const km = (form.goalKm ?? '').trim().replace(',', '.');
  const date = (form.goalDate ?? '').trim();
  return {
    distance: distance === 'custom' ? { km: /^\d+(\.\d+)?$/.test(km) ? Number(km) : km } : distance,
    ...(date === '' ? {} : { date }),
  };
}

/** A stored goal as the form shows it. */
export function goalFormValues(goal: RaceGoal | undefined): Record<(typeof GOAL_FIELDS)[number], string> {
  if (goal === undefined) return { goalDistance: '', goalKm: '', goalDate: '' };
  const d = goal.distance;
  const km =
    typeof d === 'string' ? '' : 'km' in d ? String(d.km) : String(Math.round(d.mi * 1.609344 * 10) / 10);
  return { goalDistance: typeof d === 'string' ? d : 'custom', goalKm: km, goalDate: goal.date ?? '' };
}

/** An API field error's key as the form names its field: `goal.date` is the date field, and so on. */
export function formFieldOf(key: string, form: Record<string, string | undefined> = {}): string {
  if (key.startsWith('goal.date')) return 'goalDate';
  if (key.startsWith('goal.distance.km') || key.startsWith('goal.distance.mi')) return 'goalKm';
  // A custom distance that does not read fails the whole distance: the km field is the one to fix.
  if (key === 'goal' || key.startsWith('goal.'))
    return form.goalDistance === 'custom' ? 'goalKm' : 'goalDistance';
  return key;
}
