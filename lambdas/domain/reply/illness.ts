// Finds an illness last week: how many days, and whether it was a cold "above the neck" or more.
import type { IllnessKind } from '#domain/plan';
import type { Doc } from './clauses';

export interface IllnessFinding {
  /** Days ill, when said ("5 days": 5, "all week": 7); null when not said. */
  days: number | null;
  /** `mild`: a cold above the neck; `systemic`: flu, fever, covid, chest, stomach; null: not said which. */
  kind: IllnessKind | null;
}

export function readIllness(_doc: Doc): IllnessFinding | null {
  return null;
}
