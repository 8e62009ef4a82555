// Sentences a subscriber reads in more than one place (HTML, plain text, calendar), written once.
import type { RunKind } from '#domain/types';

export const RUN_LABELS: Record<RunKind, string> = {
  easy: 'Easy run',
  long: 'Long run',
  'walk-run': 'Walk-run',
  race: 'Race',
};

// The plan carries no interval pattern yet, so every walk-run uses the gentlest common one: return-to-run
// guidance starts with short running spells between walking, repeated before progressing (COACHING.md).
export const WALK_RUN_PATTERN = 'alternate 1 min running, 2 min walking';

export const WALK_RUN_NOTE =
  'Walk-run means jogging gently for 1 minute, then walking for 2, and repeating that for the time shown. ' +
  'The walking breaks let your knees get used to running again.';

export const EASY_PACE = 'Keep every run at an easy pace: you should be able to talk in full sentences.';

export const LONG_RUN_NOTE =
  'Your longer run of the week, at the same easy pace. Slow down or walk for a bit whenever you need to.';

export const STRENGTH_TITLE = 'Strength for your knees';

export const STRENGTH_INTRO =
  'Strength work protects your knees. Move slowly and skip any exercise that hurts.';

export const INTERVALS_NOTE =
  'Each walk-run session starts with a brisk walk to warm up and ends with an easy walk. Run gently in the ' +
  'running spells, slowly enough to talk, and walk briskly between them; the minutes shown are the running.';

export const RACE_NOTE =
  'Race day. Start slower than feels natural, keep to a pace you could talk at, and walk whenever you need to.';
