// Replies of about 1 MB for the reply reader's worst cases: the unit tests read each to the end, the bench times them.

/** Built to make a careless pattern backtrack; the reply reader must stay linear on each. */
export const HOSTILE_REPLIES: Array<[string, string]> = [
  ['one long word', 'a'.repeat(1_000_000)],
  ['numbers', '3 '.repeat(500_000)],
  ['ranges and scales', '3-4/10 '.repeat(143_000)],
  ['commas', ','.repeat(1_000_000)],
  ['negations', 'no '.repeat(333_000)],
  ['night words', 'at night '.repeat(111_000)],
  ['adjectives after knee', 'knee is was felt a bit '.repeat(43_000)],
  ['lines', 'knee 3/10 swollen\n'.repeat(55_000)],
  ['signature lines', '-- \n'.repeat(250_000)],
  ['a realistic reply repeated', 'Knee 3/10, no swelling, fine next morning. Pause 2 weeks. '.repeat(17_000)],
];
