// Finds what was done last week: runs done and missed, how much, the longest run, cross-training instead.
import type { CrossTrainingKind, Unit, Weekday } from '#domain/types';
import type { Doc } from './clauses';

/** A run they say they skipped: the long one, the short ones, or the run of a weekday. */
export type SkippedRun = 'long' | 'short' | Weekday;

/**
 * What the reply says was run last week, each part only when said. Amounts are in `unit`, the unit they
 * wrote (converted to the plan's unit later, by the use case); a figure whose unit or meaning is unclear is
 * never here: it is in `unclear`.
 */
export interface DoneFinding {
  /** Runs done ("did 2 of 3": 2; "didn't run at all": 0). */
  runs?: number;
  /** Runs planned, as they said it ("2 of 3": 3). */
  of?: number;
  /** "All three", "every run", "as planned": every planned run was done (the count is the plan's). */
  all?: boolean;
  /** The week's total. */
  volume?: number;
  /** The unit of `volume` and `longestRun`. */
  unit?: Unit;
  /** The longest single run. */
  longestRun?: number;
  skipped?: SkippedRun[];
  /** "Didn't run at all", "no runs": nothing was run. */
  none?: boolean;
}

export { CROSS_TRAINING_KINDS, type CrossTrainingKind } from '#domain/types';

/** Cross-training done ("biked 40 min instead"); never counted as running. */
export interface CrossTrainingDone {
  activity: CrossTrainingKind;
  minutes?: number;
}

/** A figure that could not be placed: asked about in the acknowledgment, never guessed. */
export interface UnclearFigure {
  /** The figure as written, normalized ("28", "3 x 30"). */
  text: string;
  /** `unit`: no unit, or none we know; `run-or-week`: one run or the whole week? */
  why: 'unit' | 'run-or-week';
}

export interface DoneReading {
  done: DoneFinding | null;
  crossTraining: CrossTrainingDone[];
  unclear: UnclearFigure[];
}

export function readDone(_doc: Doc): DoneReading {
  return { done: null, crossTraining: [], unclear: [] };
}
