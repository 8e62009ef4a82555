// What a subscriber may change about their plan from the preferences page, and for how long they may pause.
// Shared by the page that shows the form and the use cases that apply it.

/** What the page edits. The weekly volume is not among them: after the first week the plan itself sets it. */
export const EDITABLE_FIELDS = [
  'sendDay',
  'sendHour',
  'timeZone',
  'unit',
  'runDays',
  'rampRate',
  'goalVolume',
  'runHour',
  'start',
  'goal',
] as const;

/** The longest pause the preferences page offers; a longer break is an open pause ended with "resume". */
export const MAX_PAUSE_WEEKS = 12;
