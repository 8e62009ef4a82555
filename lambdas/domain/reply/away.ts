// Finds time away ahead ("travelling next week", "on holiday 10-17 August"), as dates.
import type { DateRange } from '#domain/plan';
import type { Doc } from './clauses';

/**
 * The days away the reply names, inclusive local dates, resolved against `today` (the local date the reply
 * was written, in the subscriber's zone). Without `today` nothing is resolved: a date is never guessed.
 */
export function readAway(_doc: Doc, _today: string | undefined): DateRange[] {
  return [];
}
