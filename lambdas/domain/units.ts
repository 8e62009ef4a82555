// Converting volumes between minutes, kilometres and miles when a subscriber switches units.
import type { Preferences, Unit } from './types';

export const KM_PER_MILE = 1.609344;
/**
 * Time and distance convert through an assumed easy pace: about 7 minutes per kilometre. It is a rough
 * guess for an easy runner, stated wherever a conversion is shown; the next weeks adapt to what they report.
 */
export const EASY_MINUTES_PER_KM = 7;

const KM_PER: Record<Unit, number> = {
  km: 1,
  mi: KM_PER_MILE,
  min: 1 / EASY_MINUTES_PER_KM,
};

export function convertVolume(amount: number, from: Unit, to: Unit): number {
  if (from === to) return amount;
  return (amount * KM_PER[from]) / KM_PER[to];
}

/** The preferences in another unit: the weekly volume and the goal converted, nothing else changed. */
export function convertPreferences(p: Preferences, unit: Unit): Preferences {
  return {
    ...p,
    unit,
    weeklyVolume: convertVolume(p.weeklyVolume, p.unit, unit),
    ...(p.goalVolume === undefined ? {} : { goalVolume: convertVolume(p.goalVolume, p.unit, unit) }),
  };
}
