// Reads a reply for what the coach acts on: knee pain, settling, changes, commands, red flags. Never invents.
import { type ChangeKind, type PainReport, RED_FLAGS, type RedFlag, type Unit, type Weekday } from '../types';

export type ReplyCommand =
  | { kind: 'stop' }
  | { kind: 'pause'; weeks?: number }
  | { kind: 'resume' }
  | { kind: 'units'; unit: Unit }
  | { kind: 'send-day'; day: Weekday; hour?: number };

export interface ReplyFindings {
  /** The knee's score and whether it settled by the next morning; null when the reply gives no score. */
  pain: PainReport | null;
  /** Whether the reply said if the pain settled by the next morning (else `pain.settledNextMorning` is our default). */
  settledStated: boolean;
  changes: ChangeKind[];
  commands: ReplyCommand[];
  redFlags: RedFlag[];
  /** The reply kept as written when it gives no score, so a person can read it; null when a score was found. */
  note: string | null;
  /** How many days they said they ran ("ran 4 days"), for comparing with the planned days. */
  daysRun: number | null;
}

/** Beyond this a reply is not something a person typed about one week: the rest is ignored. */
const MAX_READ_CHARS = 50_000;
const NOTE_MAX_CHARS = 1000;
/** How far back a negation reaches within a clause ("did not notice any swelling"). */
const NEGATION_WINDOW_WORDS = 6;

/**
 * Reads a reply's visible text. Rule-based and linear: every pattern has bounded gaps, so a huge input costs
 * time in proportion to its (capped) length. Pure: the same text always gives the same findings.
 */
export function interpretReply(text: string): ReplyFindings {
  const source = text.slice(0, MAX_READ_CHARS);
  const doc = readDocument(source);
  const score = painScore(doc);
  const settled = settledNextMorning(doc);
  const pain: PainReport | null =
    score === null ? null : { score, settledNextMorning: settled ?? defaultSettled(score) };
  const trimmed = source.trim();
  return {
    pain,
    settledStated: settled !== null,
    changes: changes(doc),
    commands: commands(doc),
    redFlags: redFlags(doc),
    note: score === null && trimmed !== '' ? trimmed.slice(0, NOTE_MAX_CHARS) : null,
    daysRun: daysRun(doc),
  };
}

/**
 * When a score is given but not whether it settled by the next morning. The pain-monitoring model
 * (Thomeé 1997; Silbernagel 2007, see COACHING.md) treats 0–3 as safe and allows 4–5 only when the pain
 * settles by the next morning. So: 3 or less is read as settled (assuming otherwise would back off every
 * unqualified "knee 2/10", and mild pain that lingered is usually mentioned); above 3 is read as not settled,
 * because the condition that makes 4–5 acceptable was not reported, and holding back is the safe side.
 * `settledStated: false` lets the acknowledgement ask.
 */
export function defaultSettled(score: number): boolean {
  return score <= 3;
}

// ---------------------------------------------------------------------------------------------------------
// Reading the text into sentences and clauses

interface Clause {
  /** Offsets into the sentence text. */
  start: number;
  end: number;
  /** What separated it from the clause before: ',' or a conjunction; '' for the first. */
  ledBy: string;
}

interface Sentence {
  text: string;
  clauses: Clause[];
}

interface Doc {
  sentences: Sentence[];
  /** Where each sentence starts in the reading order, to list commands in the order they were written. */
  offsets: number[];
}

function normalize(text: string): string {
  return (
    text
      .toLowerCase()
      // Accents are folded away so word boundaries hold ("préfère" must not end a "pr" at the "é").
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[\u2018\u2019\u201b\u2032\u00b4`]/g, "'")
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      .replace(/[\u00a0\u2000-\u200a\u202f\t]/g, ' ')
      .replace(/(\d) ?\u00bd/g, '$1.5')
      .replace(/\bcan not\b/g, 'cannot')
      .replace(
        /\b(do|did|does|is|was|were|are|has|have|had|could|would|should|ca|wo)nt\b/g,
        (_, stem: string) => `${stem === 'ca' ? 'can' : stem === 'wo' ? 'won' : stem}'t`,
      )
      .replace(/\bcant\b/g, "can't")
      .replace(/\bim\b/g, "i'm")
  );
}

const WRAP_MIN_LINE = 50;
const BULLET = /^[-*•]\s+(?=\S)/;
const NUMBERED = /^\d{1,2}[.)]\s+(?=\S)/;
const CLAUSE_SPLIT =
  /,|\(|\)|\s-\s|\b(?:but|although|though|however|yet|whereas|except|and|then|so|because|plus)\b/g;

function readDocument(text: string): Doc {
  const lines = normalize(text).split(/\r?\n|\r/);
  // "1. knee fine / 2. no swelling" is a list; a single "3. Fine next morning." is a score.
  const numbered = lines.filter((line) => NUMBERED.test(line.trim())).length >= 2;
  // Hard-wrapped paragraphs are joined back: a long line without final punctuation continues on the next.
  const paragraphs: string[] = [];
  let current = '';
  for (const raw of lines) {
    // A list marker ("- ", or "1. " in a numbered list) is not a number the person reported.
    const bare = raw.trim().replace(BULLET, '');
    const line = numbered ? bare.replace(NUMBERED, '') : bare;
    if (line === '') {
      if (current !== '') paragraphs.push(current);
      current = '';
      continue;
    }
    if (current === '') current = line;
    else if (current.length >= WRAP_MIN_LINE && !/[.!?:;]$/.test(current) && !/^[-*•\d]/.test(line)) {
      current = `${current} ${line}`;
    } else {
      paragraphs.push(current);
      current = line;
    }
  }
  if (current !== '') paragraphs.push(current);

  const sentences: Sentence[] = [];
  for (const paragraph of paragraphs) {
    let start = 0;
    for (const match of paragraph.matchAll(/[.!?;…]+(?=\s|$)/g)) {
      const end = match.index + match[0].length;
      pushSentence(sentences, paragraph.slice(start, end));
      start = end;
    }
    pushSentence(sentences, paragraph.slice(start));
  }
  const offsets: number[] = [];
  let position = 0;
  for (const sentence of sentences) {
    offsets.push(position);
    position += sentence.text.length + 1;
  }
  return { sentences, offsets };
}

/** Longer "sentences" (text without punctuation) are cut, so every rule's work per match stays bounded. */
const SENTENCE_MAX_CHARS = 1000;

function pushSentence(sentences: Sentence[], raw: string): void {
  let text = raw.trim();
  while (text.length > SENTENCE_MAX_CHARS) {
    const cut = text.lastIndexOf(' ', SENTENCE_MAX_CHARS);
    const at = cut > 0 ? cut : SENTENCE_MAX_CHARS;
    pushSentence(sentences, text.slice(0, at));
    text = text.slice(at).trim();
  }
  if (text === '') return;
  const clauses: Clause[] = [];
  let start = 0;
  let ledBy = '';
  for (const match of text.matchAll(CLAUSE_SPLIT)) {
    clauses.push({ start, end: match.index, ledBy });
    start = match.index + match[0].length;
    ledBy = match[0].trim();
  }
  clauses.push({ start, end: text.length, ledBy });
  sentences.push({ text, clauses });
}

function clauseAt(sentence: Sentence, position: number): number {
  let low = 0;
  let high = sentence.clauses.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((sentence.clauses[middle]?.start ?? 0) <= position) low = middle;
    else high = middle - 1;
  }
  return low;
}

function clauseText(sentence: Sentence, position: number): string {
  const clause = sentence.clauses[clauseAt(sentence, position)];
  return clause ? sentence.text.slice(clause.start, clause.end) : sentence.text;
}

// ---------------------------------------------------------------------------------------------------------
// Negation

const NEGATION_WORDS = new Set([
  'no',
  'not',
  'never',
  'without',
  'none',
  'nor',
  'neither',
  'zero',
  'nothing',
  'hardly',
  'cannot',
  'if',
  'unless',
  'whether',
  'kein',
  'keine',
  'keinen',
  'nicht',
  'pas',
  'sans',
  'sin',
  'senza',
  'geen',
  'niet',
  'zonder',
  'sem',
  'nao',
  'inte',
  'ingen',
]);
const NEGATION_PHRASES = /\b(?:no longer|no more|free of|lack of|absence of|ruled out|got rid of)\s*$/;
// "No idea why it swelled", "not sure if it locked", "without warning it gave way" affirm what follows.
const NOT_A_NEGATION: Record<string, Set<string>> = {
  no: new Set(['idea', 'clue', 'doubt', 'wonder', 'matter', 'way', 'reason']),
  not: new Set(['sure', 'certain', 'only', 'just']),
  without: new Set(['warning', 'reason']),
  if: new Set(['anything']),
};
const CHANGE_NEGATIONS = new Set(['avoid', 'avoided', 'avoiding', 'skip', 'skipped', 'skipping', 'instead']);
// "Swelling: none", "locking - no", "swelling wasn't an issue".
const POST_NEGATION =
  /^[\s?:=)-]{0,4}(?:none|no|nope|nothing|nil|zero|never|negative|not really|not at all|not anymore|0)(?=\s*(?:[,.;!?)]|$|whatsoever|at all|thankfully|so far))|^\s*(?:(?:was|is|has|had|did|does|were|have) not|wasn't|isn't|hasn't|hadn't|didn't|doesn't|weren't|haven't|never)\b/;
const BARE_NO_ANSWER = /^(?:no|none|nope|not really|not at all|nothing|never|negative)\W*$/;
const FREE_SUFFIX = /^[\s-]?(?:free|less)\b/;
// "Never had my knee swell like this": the negation is emphasis, and the finding stands.
const AFFIRMING_AFTER =
  /^[^,.;!?]{0,30}?\b(?:like this|like that|this bad|so bad|before|until (?:now|this|today|yesterday))\b/;
const LIST_NEGATION =
  /^\s*(?:no|without|not any|zero|never any|no signs? of|didn't have any|haven't had any|no real)\s+\S+(?:\s+\S+){0,2}\s*$/;
const LIST_CONTINUATION_BLOCKERS = /\b(?:it|i|i'm|i've|was|is|got|had|did|felt|feels|still|my|the)\b/;

interface NegationOptions {
  extraWords?: Set<string>;
}

/** Whether a finding at [start, end) of a sentence is negated within its clause (before or just after it). */
function isNegated(
  doc: Doc,
  index: number,
  start: number,
  end: number,
  options: NegationOptions = {},
): boolean {
  const sentence = doc.sentences[index];
  if (sentence === undefined) return false;
  const clauseIndex = clauseAt(sentence, start);
  const clause = sentence.clauses[clauseIndex];
  const clauseStart = clause?.start ?? 0;
  const clauseEnd = clause?.end ?? sentence.text.length;
  const after = sentence.text.slice(end, end + 40);
  if (POST_NEGATION.test(after) || FREE_SUFFIX.test(after)) return true;
  if (
    /^[\s?:-]*$/.test(sentence.text.slice(end)) &&
    BARE_NO_ANSWER.test(doc.sentences[index + 1]?.text ?? '')
  ) {
    return true;
  }
  if (negatedBefore(sentence.text.slice(Math.max(clauseStart, start - 80), start), options)) {
    return !AFFIRMING_AFTER.test(sentence.text.slice(end, clauseEnd));
  }
  // "no pain, swelling or locking": the list after a negated noun inherits the negation.
  if (clause !== undefined && clause.ledBy === ',' && clauseIndex > 0) {
    const previous = sentence.clauses[clauseIndex - 1];
    const previousText = previous ? sentence.text.slice(previous.start, previous.end) : '';
    const own = sentence.text.slice(clause.start, clause.end);
    if (
      LIST_NEGATION.test(previousText) &&
      !LIST_CONTINUATION_BLOCKERS.test(own) &&
      own.split(/\s+/).length <= 5
    ) {
      return true;
    }
  }
  return false;
}

function negatedBefore(before: string, options: NegationOptions): boolean {
  if (NEGATION_PHRASES.test(before)) return true;
  const words = before.split(/[^a-zà-ÿ']+/).filter((w) => w !== '');
  const window = words.slice(-NEGATION_WINDOW_WORDS);
  return window.some((word, k) => {
    const next = window[k + 1] ?? '';
    // "I don't know if it swelled", "not sure whether it locked": doubt, which is no denial.
    if (word.endsWith("n't")) return next !== 'know' && next !== 'mind';
    if ((word === 'if' || word === 'whether') && UNSURE.has(window[k - 1] ?? '')) return false;
    const cue = NEGATION_WORDS.has(word) || options.extraWords?.has(word) === true;
    return cue && !NOT_A_NEGATION[word]?.has(next);
  });
}

const UNSURE = new Set([
  'sure',
  'unsure',
  'know',
  'wonder',
  'wondering',
  'see',
  'check',
  'ask',
  'asking',
  'tell',
]);

// ---------------------------------------------------------------------------------------------------------
// Red flags (NHS knee-pain guidance: see COACHING.md)

interface Rule<T> {
  finding: T;
  pattern: RegExp;
  /** A word that must share the clause ("hurts at night", not "ran at night"), or the sentence. */
  requires?: RegExp;
  requiresIn?: 'clause' | 'sentence';
}

/** Only the first few matches of a rule in one sentence are weighed: the rest cannot change the finding. */
const MATCHES_PER_SENTENCE = 20;

const PAIN_WORD =
  /\b(?:pain|pains|painful|hurt|hurts|hurting|sore|soreness|ache|aches|aching|achy|ached|throb\w{0,4}|discomfort)\b/;
const PAIN_OR_KNEE =
  /\b(?:pain|pains|painful|hurt|hurts|hurting|sore|soreness|ache|aches|aching|achy|ached|throb\w{0,4}|discomfort|knee|knees)\b/;
const KNEE_ADJECTIVE_GAP =
  '(?:\\s+(?:is|was|felt|feels|looks|looked|seemed|seems|got|gets|went|became|has been|had been|and|bit|a|little|slightly|quite|very|really|so|still|kind|of|sort|swollen|puffy|,))*';
const NOT_WEATHER =
  '(?! (?:weather|day|days|sun|summer|temperatures?|conditions|outside|afternoon|morning|evening|shower|bath))';

const RED_FLAG_RULES: Rule<RedFlag>[] = [
  {
    finding: 'swelling',
    pattern:
      /\b(?:swell(?:ing|ings|ed|s)?|swollen|swole|puff(?:y|iness|ed up|ing up)|fluid (?:on|in) (?:the|my) knee|effusion|water on the knee|geschwollen|schwellung|gonflee?|gonflement|hinchad[oa]|hinchazon|gonfio|gonfiore|inchad[oa]|inchaco|gezwollen|zwelling|svullen)/g,
  },
  {
    finding: 'locking',
    pattern:
      /\b(?:lock(?:s|ed|ing)?(?! (?:the|my|our|your) (?:door|car|bike|phone|house|gate|screen))|catch(?:es|ing)(?! (?:up|my breath|the|a|some))|(?:got|gets|getting|get) stuck|stuck (?:in|at) (?:a |one )?(?:position|angle)|(?:can't|cannot|couldn't|could not|unable to|not able to) (?:fully )?(?:straighten|bend|extend|move) (?:it|my knee|the knee|my leg))\b/g,
  },
  {
    finding: 'giving-way',
    pattern:
      /\b(?:(?:gave|give|gives|giving) (?:way|out)|buckl(?:e|ed|es|ing)|unstable|instability|wobbly|(?:knee|leg) (?:just )?collapsed|collapsed under me|felt (?:loose|unstable))\b/g,
  },
  {
    finding: 'cannot-bear-weight',
    pattern:
      /\b(?:(?:can't|cannot|couldn't|could not|unable to|not able to|wasn't able to|struggl(?:e|ed|ing) to) (?:put |bear |take |stand |walk )?(?:any |much |full |my )?(?:weight|walk(?! (?:down|up|far|fast|as far|very far|without|on stairs|downstairs|upstairs))|stand)|on crutches|non[- ]weight[- ]bearing)\b/g,
  },
  {
    finding: 'night-or-rest-pain',
    pattern:
      /\b(?:at night|during the night|in the night|night[- ]?time|in bed|at rest|while resting|when resting|even resting|while (?:lying|sitting) (?:still|down)|when (?:lying|sitting) (?:still|down)|doing nothing|all night|when i (?:sleep|lie down))\b/g,
    requires: PAIN_WORD,
  },
  {
    finding: 'night-or-rest-pain',
    pattern:
      /\b(?:(?:woke|wakes|waking|woken|wake) me(?: up)?|(?:kept|keeps|keeping) me (?:up|awake)|(?:can't|cannot|couldn't) sleep)\b/g,
    requires: PAIN_OR_KNEE,
    requiresIn: 'sentence',
  },
  {
    finding: 'hot-red-fever',
    pattern: new RegExp(
      `\\b(?:fever(?:ish)?|(?:a|high) temperature|chills|(?:warm|hot) to (?:the )?touch|redness|knee${KNEE_ADJECTIVE_GAP},? (?:hot|red|warm|inflamed)${NOT_WEATHER}|(?:hot|red|warm|inflamed)(?:,? (?:and )?(?:hot|red|warm|inflamed|swollen|puffy|painful|sore))* knee)\\b`,
      'g',
    ),
  },
  {
    finding: 'numbness-tingling',
    pattern:
      /\b(?:numb(?:ness)?|tingl(?:e|es|ed|ing|y)|pins and needles|(?:can't|couldn't|cannot) feel my (?:foot|feet|toes?|leg|shin)|lost (?:the )?feeling|no feeling in)\b/g,
  },
];

// The order findings are reported in: the order the types list them.
const RED_FLAG_ORDER: readonly RedFlag[] = RED_FLAGS;

function redFlags(doc: Doc): RedFlag[] {
  const found = new Set<RedFlag>();
  doc.sentences.forEach((sentence, index) => {
    for (const rule of RED_FLAG_RULES) {
      if (found.has(rule.finding)) continue;
      if (
        firstAccepted(sentence, rule.pattern, (start, end) => acceptRedFlag(doc, index, rule, start, end))
      ) {
        found.add(rule.finding);
      }
    }
  });
  return RED_FLAG_ORDER.filter((flag) => found.has(flag));
}

function acceptRedFlag(doc: Doc, index: number, rule: Rule<RedFlag>, start: number, end: number): boolean {
  const sentence = doc.sentences[index];
  if (sentence === undefined) return false;
  if (rule.requires) {
    const scope = rule.requiresIn === 'sentence' ? sentence.text : nightScope(sentence, start);
    if (!rule.requires.test(scope)) return false;
  }
  if (rule.finding === 'night-or-rest-pain' && nightPainNegated(doc, index, start)) return false;
  return !isNegated(doc, index, start, end);
}

const RUNNING_VERB = /\b(?:ran|run|runs|running|jog|jogged|jogging)\b/;

/** The clause, and the one before it when this one is a short add-on ("knee aches, mostly at night"). */
function nightScope(sentence: Sentence, position: number): string {
  const index = clauseAt(sentence, position);
  const clause = sentence.clauses[index];
  const previous = sentence.clauses[index - 1];
  if (clause === undefined) return '';
  const own = sentence.text.slice(clause.start, clause.end);
  if (previous === undefined || own.trim().split(/\s+/).length > 4 || RUNNING_VERB.test(own)) return own;
  return `${sentence.text.slice(previous.start, previous.end)} ${own}`;
}

/** Whether any of the first matches of a pattern in a sentence passes the test. */
function firstAccepted(
  sentence: Sentence,
  pattern: RegExp,
  accept: (start: number, end: number) => boolean,
): boolean {
  let seen = 0;
  for (const match of sentence.text.matchAll(pattern)) {
    if (accept(match.index, match.index + match[0].length)) return true;
    if (++seen >= MATCHES_PER_SENTENCE) break;
  }
  return false;
}

/** "No pain at night", "doesn't hurt at rest", "pain-free at night": the pain word itself is negated. */
function nightPainNegated(doc: Doc, index: number, position: number): boolean {
  const sentence = doc.sentences[index];
  if (sentence === undefined) return false;
  const clause = sentence.clauses[clauseAt(sentence, position)];
  if (clause === undefined) return false;
  const text = sentence.text.slice(clause.start, clause.end);
  let any = false;
  let seen = 0;
  for (const match of text.matchAll(new RegExp(PAIN_WORD.source, 'g'))) {
    any = true;
    const start = clause.start + match.index;
    if (!isNegated(doc, index, start, start + match[0].length)) return false;
    if (++seen >= MATCHES_PER_SENTENCE) break;
  }
  return any;
}

// ---------------------------------------------------------------------------------------------------------
// Changes (the article: change one thing at a time)

const SURFACE_UNUSUAL =
  '(?:trails?|track|treadmill|grass|sand|beach|gravel|dirt|snow|ice|cobbles|cobblestones|mud)';
const SURFACE_COMMON = '(?:roads?|pavement|sidewalks?|concrete|asphalt|tarmac)';

const CHANGE_RULES: Rule<ChangeKind>[] = [
  {
    finding: 'shoes',
    pattern:
      /\b(?:(?:new|different|fresh|another pair of|new pair of) (?:pair of )?(?:running )?(?:shoes|trainers|sneakers|runners|insoles|orthotics|kicks)|(?:changed|switched|swapped|changing|switching) (?:my |to (?:new |different )?)?(?:running )?(?:shoes|trainers|sneakers)|new (?:pair|hokas?|asics|nikes?|brooks|sauconys?|adidas|altras?|mizunos?|on clouds?)|(?:bought|got|tried|wore|wearing) (?:a |some )?new (?:ones|pair)|(?:barefoot|minimalist|zero[- ]drop|carbon[- ]plated?) shoes)\b/g,
  },
  {
    finding: 'surface',
    pattern: new RegExp(
      `\\b(?:(?:ran|run|running|runs|jogged|jogging|did (?:my |the |a |all )?(?:\\w+ )?runs?|went)\\b[^.,;!?\\n]{0,24}\\bon (?:the |a |some )?${SURFACE_UNUSUAL}|(?:trail|track|treadmill|grass|sand|beach|gravel|off[- ]road|cross[- ]country) (?:run|runs|running|session|workout|loop)|hit the (?:trails?|track)|(?:switched|changed|moved|went|swapped) (?:from \\w+ )?to (?:the )?(?:${SURFACE_UNUSUAL}|${SURFACE_COMMON})|different (?:surface|terrain)|new (?:surface|terrain)|on the treadmill)\\b`,
      'g',
    ),
  },
  {
    finding: 'hills',
    pattern:
      /\b(?:hills?|hilly|hill (?:repeats|sprints|reps|session|work)|(?<!going |walking |walk |go |stairs )(?:uphill|downhill)s?|inclines?|elevation)\b/g,
  },
  {
    finding: 'speed',
    pattern:
      /\b(?:intervals?|tempo(?: run)?|speed ?work|speed (?:session|training|work)|fartleks?|sprints?|sprinted|sprinting|strides|track (?:session|workout|intervals)|threshold (?:run|session)|vo2 ?max|raced|race|racing|parkrun|(?:new )?(?:pb|pr)|personal (?:best|record)|ran faster|pushed the pace|picked up the pace|time trial)\b/g,
  },
  {
    finding: 'more-days',
    pattern:
      /\b(?:(?:added|add|adding) (?:a |an |one |another |1 )?(?:extra |second |third |fourth |fifth |sixth |seventh |additional )?(?:day|run|session|running day)|extra (?:run|day|session|running day)s?|(?:another|additional) (?:run|running day)|ran (?:every day|daily|every single day)|(?:two|2|three|3) days in a row|back[- ]to[- ]back|consecutive days|more (?:days|runs) than)\b/g,
  },
];

const CHANGE_SUPPRESSORS: Record<ChangeKind, RegExp | null> = {
  shoes: null,
  surface: /\b(?:usual|usually|always|normal|normally|as ever|regular|same|every (?:week|time))\b/,
  hills: /\b(?:flat|stayed off|kept off)\b/,
  speed: /\b(?:signed up|registered|entered|planning|next|upcoming|training for|kept it easy|all easy)\b/,
  'more-days': /\b(?:as planned|per the plan|like the plan|as usual|as always)\b/,
};
// A change they are thinking about or asking about is not one they made.
const NOT_YET_DONE =
  /\b(?:i'll|i will|going to|gonna|planning|plan to|want to|wanna|thinking (?:of|about)|should i|can i|could i|may i|is it ok|would it|next week|tomorrow)\b/;
const CHANGE_NEGATION: NegationOptions = { extraWords: CHANGE_NEGATIONS };
const CHANGE_ORDER: ChangeKind[] = ['shoes', 'surface', 'hills', 'speed', 'more-days'];

function changes(doc: Doc): ChangeKind[] {
  const found = new Set<ChangeKind>();
  doc.sentences.forEach((sentence, index) => {
    for (const rule of CHANGE_RULES) {
      if (found.has(rule.finding)) continue;
      const accepted = firstAccepted(sentence, rule.pattern, (start, end) => {
        const clause = clauseText(sentence, start);
        if (CHANGE_SUPPRESSORS[rule.finding]?.test(clause) || NOT_YET_DONE.test(clause)) return false;
        return !isNegated(doc, index, start, end, CHANGE_NEGATION);
      });
      if (accepted) found.add(rule.finding);
    }
  });
  const days = daysRun(doc);
  // Four or more run days means back-to-back runs for most plans (every other day is the default).
  if (days !== null && days >= 4 && !moreDaysSuppressed(doc)) found.add('more-days');
  return CHANGE_ORDER.filter((kind) => found.has(kind));
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const DAYS_RUN =
  /\b(?:ran|run|running|did (?:my )?runs?(?: on)?|went running|went for a run) (\d|one|two|three|four|five|six|seven) (?:days|times)\b|\b(\d|one|two|three|four|five|six|seven) runs (?:this|last) week\b/g;

function daysRun(doc: Doc): number | null {
  for (const [index, sentence] of doc.sentences.entries()) {
    for (const match of sentence.text.matchAll(DAYS_RUN)) {
      if (isNegated(doc, index, match.index, match.index + match[0].length)) continue;
      const word = match[1] ?? match[2] ?? '';
      const value = NUMBER_WORDS[word] ?? Number.parseInt(word, 10);
      if (Number.isInteger(value) && value >= 1 && value <= 7) return value;
    }
  }
  return null;
}

function moreDaysSuppressed(doc: Doc): boolean {
  return doc.sentences.some(
    (sentence) => DAYS_RUN_SUPPRESSED.test(sentence.text) && DAYS_RUN_ANY.test(sentence.text),
  );
}
const DAYS_RUN_SUPPRESSED = /\b(?:as planned|per the plan|like the plan|as usual|as always|as normal)\b/;
const DAYS_RUN_ANY = /\b(?:days|times|runs)\b/;

// ---------------------------------------------------------------------------------------------------------
// Commands

const STOP_SENTENCE =
  /^\W*(?:please\W+)?(?:stop|unsubscribe|cancel|quit|remove me|opt out|stop (?:it|this|these|them|all|everything|sending(?: (?:me|these|them|emails|plans|the plans|the emails))?|emailing(?: me)?|the (?:emails|plans|plan|coaching)|my subscription))(?:\W+please)?\W*$/;
const STOP_ANYWHERE =
  /\b(?:unsubscribe|stop (?:sending|emailing|mailing)|remove me from|take me off|opt(?:ed|ing)? out|cancel (?:my|the) (?:subscription|membership|emails|plans?)|no more (?:e-?mails|plans|messages))\b/g;
const PAUSE =
  /\b(?:(?<!had to |needed to |a |quick |short |brief )paus(?:e|ing)(?! (?:the run|my run|mid|during|to (?:walk|stretch|catch|drink|tie|breathe|rest)|at|and (?:walk|stretch)|twice|once|a few times|several times|for (?:a (?:sec|second|moment|minute|bit|walk|drink|breather)|\d+ (?:sec|second|min|minute)s?)|(?:for )?(?:a )?(?:few|couple of) (?:sec|second|min|minute)s?))|take a break (?:from|for)|skip (?:next|this) week(?!'s)|(?:put|hold) (?:the plans?|the emails|it|everything|my plans?|things) on hold)\b/g;
const PAUSE_LENGTH =
  /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an?|a couple of|couple of|a few|few) (weeks?|wks?|months?|days?)\b/;
const RESUME =
  /\b(?:resume|unpause|un-pause|restart (?:the plans?|the emails|my plans?|the coaching|coaching)|start (?:again|back|up again|the plans? again|sending (?:again|the plans?))|begin again|back on (?:track|the plan)|i'm back|i am back|ready to (?:run|start|go|resume|begin)(?: running)? again|ready to resume|continue (?:the|my) plan|send (?:the |my )?plans? again|turn (?:it|the plans?|the emails) back on)\b/g;
const UNIT_NAME = '(km|kms|kilomet(?:er|re)s?|miles?|mi|minutes|mins|time|metric|imperial)';
const UNITS_SWITCH = new RegExp(
  `\\b(?:switch|change|convert|move|go|swap|set|put)(?: (?:it|them|the plans?|everything|my plans?|units?|distances?|it all|over|back))* (?:to|into|in) ${UNIT_NAME}\\b`,
  'g',
);
const UNITS_PREFER = new RegExp(
  `\\b(?:use|prefer|want|give me|i'd like|show)(?: the plans? in| it in| them in)? ${UNIT_NAME.replace('|time', '')}\\b`,
  'g',
);
const UNITS_PLEASE = new RegExp(
  `(?<![\\d.]\\s?)\\b${UNIT_NAME} (?:please|pls|instead please|from now on)\\b`,
  'g',
);
const UNITS_SENTENCE = new RegExp(`^\\W*(?:in )?${UNIT_NAME}(?: please| pls| instead)?\\W*$`);
const DAY_NAME =
  '(mondays?|tuesdays?|tues|wednesdays?|weds|thursdays?|thurs|fridays?|saturdays?|sundays?|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)';
const SEND_DAY = [
  new RegExp(
    `\\b(?:send|sending|email|e-mail|deliver|mail)\\b(?: (?:it|them|the plans?|the emails?|my plans?|my emails?|me|the weekly (?:plan|email)|plans|emails|out|instead|please))* (?:on (?:a )?|every |each )?${DAY_NAME}\\b`,
    'g',
  ),
  new RegExp(
    `\\b(?:move|switch|change|shift)\\b(?: (?:it|the plans?|the emails?|my plans?|the send day|the day|send day|delivery|day))* to ${DAY_NAME}\\b`,
    'g',
  ),
  new RegExp(
    `\\b(?:get|receive|have|prefer|like)(?: (?:it|them|the plans?|the emails?|my plans?))+ (?:on (?:a )?|every )?${DAY_NAME}\\b`,
    'g',
  ),
];
const HOUR =
  /\bat (\d{1,2})(?:[:.](\d{2}))? ?(am|pm|a\.m\.|p\.m\.|h\b|o'clock)?|\bat (noon|midday|midnight)\b|\b(\d{1,2}) ?(am|pm)\b/;
const WEEKDAY_OF: Record<string, Weekday> = {
  mon: 'mon',
  tue: 'tue',
  wed: 'wed',
  thu: 'thu',
  fri: 'fri',
  sat: 'sat',
  sun: 'sun',
  die: 'tue',
  mit: 'wed',
  don: 'thu',
  fre: 'fri',
  sam: 'sat',
  son: 'sun',
};

function commands(doc: Doc): ReplyCommand[] {
  const found: { at: number; command: ReplyCommand }[] = [];
  const add = (index: number, position: number, command: ReplyCommand) => {
    if (found.some((f) => f.command.kind === command.kind)) return;
    found.push({ at: (doc.offsets[index] ?? 0) + position, command });
  };
  doc.sentences.forEach((sentence, index) => {
    const text = sentence.text;
    if (STOP_SENTENCE.test(text)) add(index, 0, { kind: 'stop' });
    for (const match of text.matchAll(STOP_ANYWHERE)) {
      if (isNegated(doc, index, match.index, match.index + match[0].length)) continue;
      add(index, match.index, { kind: 'stop' });
    }
    let paused = false;
    for (const match of text.matchAll(PAUSE)) {
      if (isNegated(doc, index, match.index, match.index + match[0].length)) continue;
      paused = true;
      const weeks = match[0].startsWith('skip') ? 1 : pauseWeeks(text.slice(match.index));
      add(index, match.index, weeks === undefined ? { kind: 'pause' } : { kind: 'pause', weeks });
      break;
    }
    // "Pause for two weeks, then resume" asks for a pause; the resume is for later.
    if (!paused) {
      for (const match of text.matchAll(RESUME)) {
        if (isNegated(doc, index, match.index, match.index + match[0].length)) continue;
        add(index, match.index, { kind: 'resume' });
        break;
      }
    }
    for (const pattern of [UNITS_SWITCH, UNITS_PREFER, UNITS_PLEASE]) {
      for (const match of text.matchAll(pattern)) {
        if (isNegated(doc, index, match.index, match.index + match[0].length)) continue;
        const unit = unitOf(match[1] ?? '');
        if (unit) add(index, match.index, { kind: 'units', unit });
        break;
      }
    }
    const alone = UNITS_SENTENCE.exec(text);
    const aloneUnit = alone ? unitOf(alone[1] ?? '') : null;
    if (aloneUnit) add(index, 0, { kind: 'units', unit: aloneUnit });
    for (const pattern of SEND_DAY) {
      for (const match of text.matchAll(pattern)) {
        if (isNegated(doc, index, match.index, match.index + match[0].length)) continue;
        const day = WEEKDAY_OF[(match[1] ?? '').slice(0, 3)];
        if (!day) continue;
        const hour = sendHour(text);
        add(
          index,
          match.index,
          hour === undefined ? { kind: 'send-day', day } : { kind: 'send-day', day, hour },
        );
        break;
      }
    }
  });
  return found.sort((a, b) => a.at - b.at).map((f) => f.command);
}

function pauseWeeks(rest: string): number | undefined {
  const match = PAUSE_LENGTH.exec(rest.slice(0, 60));
  if (!match) return undefined;
  const amount = match[1] ?? '';
  const unit = match[2] ?? '';
  const count =
    amount === 'a' || amount === 'an'
      ? 1
      : amount.endsWith('couple of')
        ? 2
        : amount.endsWith('few')
          ? undefined
          : (NUMBER_WORDS[amount] ?? Number.parseInt(amount, 10));
  if (count === undefined || !Number.isFinite(count) || count <= 0) return undefined;
  const weeks = unit.startsWith('month') ? count * 4 : unit.startsWith('day') ? Math.ceil(count / 7) : count;
  return Math.min(52, Math.max(1, weeks));
}

function unitOf(word: string): Unit | null {
  if (/^(?:km|kms|kilomet|metric)/.test(word)) return 'km';
  if (/^(?:min|time)/.test(word)) return 'min';
  if (/^(?:mi|imperial)/.test(word)) return 'mi';
  return null;
}

function sendHour(text: string): number | undefined {
  const match = HOUR.exec(text);
  if (!match) return undefined;
  if (match[4]) return match[4] === 'midnight' ? 0 : 12;
  const raw = match[1] ?? match[5];
  const suffix = (match[3] ?? match[6] ?? '').replace(/\./g, '');
  let hour = Number.parseInt(raw ?? '', 10);
  if (!Number.isInteger(hour)) return undefined;
  if (suffix === 'pm' && hour < 12) hour += 12;
  if (suffix === 'am' && hour === 12) hour = 0;
  return hour >= 0 && hour <= 23 ? hour : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Pain score

interface Token {
  text: string;
  start: number;
  end: number;
}

type BodyPart = 'knee' | 'other' | null;

interface Candidate {
  value: number;
  part: BodyPart;
  lone: boolean;
}

const TOKEN = /\d+(?:[.,]\d{1,2})?|[a-zà-ÿ]+(?:'[a-z]+)?|\S/g;
const SCORE_CONTEXT = new Set([
  'pain',
  'pains',
  'painful',
  'hurt',
  'hurts',
  'hurting',
  'sore',
  'soreness',
  'ache',
  'aches',
  'aching',
  'achy',
  'discomfort',
  'niggle',
  'niggly',
  'twinge',
  'tender',
  'score',
  'rating',
  'rated',
  'rate',
  'level',
  'scale',
  'schmerz',
  'schmerzen',
  'douleur',
  'dolor',
  'dolore',
  'dor',
  'pijn',
  'smarta',
]);
const KNEE_WORDS = new Set([
  'knee',
  'knees',
  'kneecap',
  'kneecaps',
  'patella',
  'knie',
  'genou',
  'rodilla',
  'ginocchio',
  'joelho',
  'kna',
]);
const OTHER_PARTS = new Set([
  'hip',
  'hips',
  'ankle',
  'ankles',
  'shin',
  'shins',
  'calf',
  'calves',
  'foot',
  'feet',
  'heel',
  'heels',
  'hamstring',
  'hamstrings',
  'quad',
  'quads',
  'achilles',
  'itb',
  'groin',
  'glute',
  'glutes',
  'thigh',
  'thighs',
  'toe',
  'toes',
  'shoulder',
  'shoulders',
  'neck',
  'arch',
  'arches',
  'hufte',
]);
const UNIT_AFTER = new Set([
  'k',
  'km',
  'kms',
  'kilometer',
  'kilometers',
  'kilometre',
  'kilometres',
  'mi',
  'mile',
  'miles',
  'm',
  'meter',
  'meters',
  'metre',
  'metres',
  'min',
  'mins',
  'minute',
  'minutes',
  'h',
  'hr',
  'hrs',
  'hour',
  'hours',
  'sec',
  'secs',
  'second',
  'seconds',
  'time',
  'times',
  'x',
  'day',
  'days',
  'week',
  'weeks',
  'wk',
  'wks',
  'month',
  'months',
  'year',
  'years',
  'yr',
  'yrs',
  'run',
  'runs',
  'lap',
  'laps',
  'rep',
  'reps',
  'set',
  'sets',
  'session',
  'sessions',
  'am',
  'pm',
  "o'clock",
  'oclock',
  'percent',
  'kg',
  'kgs',
  'kilo',
  'kilos',
  'lb',
  'lbs',
  'pound',
  'pounds',
  'step',
  'steps',
  'spm',
  'bpm',
  'mph',
  'kph',
  'hill',
  'hills',
  'interval',
  'intervals',
  'sprint',
  'sprints',
  'strides',
  'st',
  'nd',
  'rd',
  'th',
  'more',
  'nights',
  'night',
  'mornings',
  'workouts',
  'workout',
  'people',
  '%',
  'kilometres',
]);
const EXCLUDED_BEFORE = new Set([
  'week',
  'weeks',
  'wk',
  'day',
  'days',
  'run',
  'runs',
  'ran',
  'did',
  'done',
  'mile',
  'miles',
  'km',
  'lap',
  'set',
  'rep',
  'pause',
  'paused',
  'every',
  'number',
  'size',
  'version',
  'gen',
  'step',
  'route',
  'stage',
  'zone',
  'hr',
  'bpm',
  'x',
  'all',
  'for',
  'first',
  'last',
  'next',
  'another',
  'at',
  'by',
  'from',
  'until',
  'till',
  'than',
  'after',
  'before',
  'over',
  'under',
  'within',
  '#',
  '$',
  '£',
  '€',
]);
const FILLERS = new Set([
  'a',
  'about',
  'around',
  'approx',
  'approximately',
  'roughly',
  'maybe',
  'probably',
  'perhaps',
  'like',
  "i'd",
  'i',
  'would',
  'say',
  'guess',
  'ish',
  'only',
  'just',
  '~',
  'pain',
  'score',
  'knee',
  'my',
  'is',
  'was',
  "it's",
  'it',
]);
const CONTEXT_BEFORE = 8;
/** How far back (in tokens) a body part still names what a score is about. */
const PART_LOOKBACK = 15;
const CONTEXT_AFTER = 3;

function painScore(doc: Doc): number | null {
  const candidates: Candidate[] = [];
  doc.sentences.forEach((sentence) => {
    candidates.push(...sentenceCandidates(sentence));
  });
  const lone = candidates.filter((c) => c.lone);
  // A lone number is only read as the score when it is the only one: inline answers may hold several.
  const usable = candidates.filter((c) => !c.lone || lone.length === 1);
  const knee = usable.filter((c) => c.part === 'knee');
  const general = usable.filter((c) => c.part === null);
  const chosen = knee.length > 0 ? knee : general;
  if (chosen.length > 0) return roundScore(Math.max(...chosen.map((c) => c.value)));
  return zeroScore(doc) ? 0 : null;
}

/** Halves are kept ("3.5/10"); anything finer rounds up to the next half, the cautious side. */
function roundScore(value: number): number {
  return Math.min(10, Math.max(0, Math.ceil(value * 2) / 2));
}

function tokenize(text: string): Token[] {
  return Array.from(text.matchAll(TOKEN), (m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

function numberValue(token: Token | undefined): number | null {
  if (token === undefined) return null;
  if (/^\d/.test(token.text)) return Number.parseFloat(token.text.replace(',', '.'));
  const word = NUMBER_WORDS[token.text];
  return word !== undefined && word <= 10 ? word : null;
}

function sentenceCandidates(sentence: Sentence): Candidate[] {
  const tokens = tokenize(sentence.text);
  const lone = loneCounter(sentence, tokens);
  const out: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    const value = numberValue(first);
    if (first === undefined || value === null) continue;
    const isDigit = /^\d/.test(first.text);
    // The scale itself ("/10", "out of 10", "0-10") and numbers glued to letters ("5k", "3rd") are not scores.
    const prev = tokens[i - 1];
    if (prev && (prev.text === '/' || prev.text === 'of' || prev.text === 'outta')) {
      if (RANGE_JOINERS.has(tokens[i + 1]?.text ?? '') && numberValue(tokens[i + 2]) !== null) i += 2;
      continue;
    }
    if (prev && RANGE_JOINERS.has(prev.text) && numberValue(tokens[i - 2]) !== null) continue;
    if (prev && prev.end === first.start && /^[a-zà-ÿ]/.test(prev.text)) continue;
    if (prev?.text === ':' && /^\d/.test(tokens[i - 2]?.text ?? '')) continue;

    // A range ("3-4", "3 to 4", "between 3 and 4") reads as its higher end.
    let last = i;
    let top = value;
    const joiner = tokens[i + 1]?.text;
    const second = numberValue(tokens[i + 2]);
    if (
      second !== null &&
      (joiner === '-' || joiner === 'to' || joiner === 'or' || (joiner === 'and' && prev?.text === 'between'))
    ) {
      if (second === 10 && value <= 1) {
        i += 2;
        continue;
      }
      if (second > value && second <= 10) {
        top = second;
        last = i + 2;
      }
    }
    const lastToken = tokens[last];
    const next = tokens[last + 1];
    if (
      lastToken &&
      next &&
      next.start === lastToken.end &&
      /^[a-zà-ÿ]/.test(next.text) &&
      next.text !== 'ish'
    ) {
      continue;
    }
    if (next?.text === ':' && /^\d/.test(tokens[last + 2]?.text ?? '')) continue;
    if (next?.text === '%' || (next?.text === '.' && /^\d/.test(tokens[last + 2]?.text ?? ''))) continue;

    const scaled = outOfTen(tokens, last + 1);
    if (scaled === 'date' || (scaled === '/' && prev && DATE_BEFORE.has(prev.text))) {
      i = last + 2;
      continue;
    }
    if (scaled === '/' && top > 10) continue;
    if (scaled === null) {
      if (top > 10) continue;
      if (prev && EXCLUDED_BEFORE.has(prev.text)) continue;
      if (UNIT_AFTER.has(next?.text ?? '') || UNIT_AFTER.has(tokens[last + 2]?.text ?? '')) continue;
      if (!isDigit && !wordNumberAllowed(tokens, i)) continue;
    }
    // "10 out of 10, would recommend" is praise, not pain.
    if (scaled !== null && top >= 10 && tokens.slice(last + 1, last + 8).some((t) => t.text === 'would'))
      continue;
    const context = scaled !== null || hasScoreContext(tokens, i, last);
    const isLone = !context && lone(i, last);
    if (!context && !isLone) continue;
    out.push({ value: Math.min(10, top), part: bodyPartOf(sentence, tokens, i, last), lone: isLone });
    i = last;
  }
  return out;
}

const RANGE_JOINERS = new Set(['-', 'to']);
const DATE_BEFORE = new Set(['on', 'since', 'from', 'until', 'till', 'by', 'before', 'after']);

/**
 * "3", "about a 3", "I'd say 2": the number is the only word in its clause that means something. Counts
 * the meaningful tokens of each clause once, so checking a number costs nothing more.
 */
function loneCounter(sentence: Sentence, tokens: Token[]): (first: number, last: number) => boolean {
  const clauseOf = tokens.map((token) => clauseAt(sentence, token.start));
  const meaningful = (token: Token) => /^[a-zà-ÿ\d]/.test(token.text) && !FILLERS.has(token.text);
  const counts = new Map<number, number>();
  tokens.forEach((token, j) => {
    if (meaningful(token)) counts.set(clauseOf[j] ?? 0, (counts.get(clauseOf[j] ?? 0) ?? 0) + 1);
  });
  return (first, last) => {
    let own = 0;
    for (let j = first; j <= last; j++) {
      const token = tokens[j];
      if (token && meaningful(token)) own++;
    }
    return (counts.get(clauseOf[first] ?? 0) ?? 0) === own;
  };
}

/** '/' for "4/10", 'of' for "4 out of 10", 'date' for "3/10/2026", null when no scale follows. */
function outOfTen(tokens: Token[], at: number): '/' | 'of' | 'date' | null {
  const a = tokens[at]?.text;
  const b = tokens[at + 1]?.text;
  const c = tokens[at + 2]?.text;
  if (a === '/' && b === '10') return tokens[at + 2]?.text === '/' ? 'date' : '/';
  if (a === 'out' && b === 'of' && (c === '10' || c === 'ten')) return 'of';
  if ((a === 'of' || a === 'outta') && (b === '10' || b === 'ten')) return 'of';
  if (a === 'on' && (b === 'a' || b === 'the') && (c === 'scale' || c === 'pain')) return 'of';
  return null;
}

/** Number words count only right after a pain word ("pain about two"), never as bare words ("one run"). */
function wordNumberAllowed(tokens: Token[], i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
    const text = tokens[j]?.text ?? '';
    if (SCORE_CONTEXT.has(text) || KNEE_WORDS.has(text)) return true;
    if (!FILLERS.has(text) && text !== ':' && text !== 'at' && text !== 'of') return false;
  }
  return false;
}

function hasScoreContext(tokens: Token[], first: number, last: number): boolean {
  for (let j = Math.max(0, first - CONTEXT_BEFORE); j < first; j++) {
    const text = tokens[j]?.text ?? '';
    if (SCORE_CONTEXT.has(text) || KNEE_WORDS.has(text) || OTHER_PARTS.has(text)) return true;
  }
  for (let j = last + 1; j <= Math.min(tokens.length - 1, last + CONTEXT_AFTER); j++) {
    const text = tokens[j]?.text ?? '';
    if (SCORE_CONTEXT.has(text) || KNEE_WORDS.has(text) || OTHER_PARTS.has(text)) return true;
  }
  return false;
}

/**
 * Which body part a score belongs to: the nearest part named before it in its clause, else before it in
 * the sentence, else right after it ("3/10 in my knee"); null when none is named.
 */
function bodyPartOf(sentence: Sentence, tokens: Token[], first: number, last: number): BodyPart {
  const at = tokens[first]?.start ?? 0;
  const clause = sentence.clauses[clauseAt(sentence, at)];
  const clauseStart = clause?.start ?? 0;
  const clauseEnd = clause?.end ?? sentence.text.length;
  let sentencePart: BodyPart = null;
  for (let j = first - 1; j >= Math.max(0, first - PART_LOOKBACK); j--) {
    const part = partOf(tokens, j);
    if (part === null) continue;
    if ((tokens[j]?.start ?? 0) >= clauseStart) return part;
    sentencePart ??= part;
    break;
  }
  // Past the scale ("/10", "out of 10") to a part named right after: "3/10 in my knee".
  for (let j = last + 1; j < Math.min(tokens.length, last + 9); j++) {
    if ((tokens[j]?.start ?? 0) >= clauseEnd) break;
    const part = partOf(tokens, j);
    if (part !== null) return part;
  }
  return sentencePart;
}

function partOf(tokens: Token[], j: number): BodyPart {
  const text = tokens[j]?.text ?? '';
  if (KNEE_WORDS.has(text)) return 'knee';
  if (OTHER_PARTS.has(text)) return 'other';
  if (text === 'band' && tokens[j - 1]?.text === 'it') return 'other';
  if (text === 'back' && /^(?:lower|upper|my)$/.test(tokens[j - 1]?.text ?? '')) return 'other';
  return null;
}

const PAIN_MENTION =
  /\b(?:pain|pains|painful|painless|hurt|hurts|hurting|sore|soreness|ache|aches|aching|achy|ached|discomfort|niggles?|twinges?|schmerz(?:en)?|douleurs?|dolor|dolore|dor|pijn)\b/g;
const PARTIAL_SCOPE =
  /\b(?:night|rest|resting|sleep|sitting|stairs|walking|during|while|when|at first|on the run|in the morning|next morning|next day)\b/;
const WHOLE_SCOPE =
  /\b(?:at all|whatsoever|during or after|before,? during or after|any more|anymore|all week)\b/;

/**
 * Zero only when every pain word about the knee (or about nothing named) is negated and at least one such
 * negation covers the whole run: "no pain at night, but sore after runs" is not pain-free.
 */
function zeroScore(doc: Doc): boolean {
  let negatedWhole = false;
  for (const [index, sentence] of doc.sentences.entries()) {
    const tokens = tokenize(sentence.text);
    const tokenAt = new Map(tokens.map((token, j) => [token.start, j]));
    for (const match of sentence.text.matchAll(PAIN_MENTION)) {
      const tokenIndex = tokenAt.get(match.index) ?? -1;
      const part = tokenIndex >= 0 ? bodyPartOf(sentence, tokens, tokenIndex, tokenIndex) : null;
      if (part === 'other') continue;
      const negated =
        match[0] === 'painless' || isNegated(doc, index, match.index, match.index + match[0].length);
      if (!negated) return false;
      const clause = sentence.clauses[clauseAt(sentence, match.index)];
      const clauseText = clause ? sentence.text.slice(clause.start, clause.end) : sentence.text;
      if (!PARTIAL_SCOPE.test(clauseText) || WHOLE_SCOPE.test(clauseText)) negatedWhole = true;
    }
  }
  return negatedWhole;
}

// ---------------------------------------------------------------------------------------------------------
// Settled by the next morning

const MORNING =
  /\b(?:(?:next|following) (?:morning|day)|by (?:the )?(?:next )?morning|overnight|when i woke(?: up)?|woke up|day after|by (?:the )?next day|after a night'?s? sleep|within (?:a few|an|a couple of|\d+|one|two|three) hours?|by bedtime|by (?:the )?evening|that evening|later that day|the same day|by the end of the day)\b/;
const STRONG_NOT_SETTLED =
  /\b(?:still (?:sore|hurting|hurts|hurt|painful|aching|achy|stiff|swollen|puffy|tender|there|niggly|bothering)|lingered|lingering|lasted (?:into|until|till|for|the whole|all|a couple|two|2|several)|(?:didn't|hasn't|has not|did not|wasn't|hadn't|won't|not) (?:fully |really |quite |completely )?(?:settle|settled|go away|gone away|gone|ease|eased|calm down|calmed down|clear|cleared|disappear|disappeared|fade|faded|improve|improved)|took (?:\w+ )?(?:days|two days|2 days) to settle)\b/;
const STRONG_SETTLED =
  /\b(?:settled(?! (?:in|into|on|for))|settles|gone|went away|disappeared|eased(?: off)?|cleared|wore off|faded|calmed down|back to normal|recovered)\b/;
const WEAK_NOT_SETTLED =
  /\b(?:sore|soreness|stiff|stiffness|painful|pain|hurt|hurting|hurts|ache|aching|achy|worse|swollen|tender|throbbing|niggly)\b/g;
const WEAK_SETTLED =
  /\b(?:fine|ok|okay|good|great|better|normal|alright|all right|perfect|nothing|pain[- ]free)\b/g;
const MORNING_SCORE = /\b(\d{1,2}(?:[.,]5)?) ?(?:\/|out of) ?10\b/;
const PAIN_SUBJECT = /\b(?:pain|sore|soreness|ache|aching|stiff|stiffness|knee|it|niggle|hurt)\b/;

/** true or false when the reply says whether the pain settled by the next morning; null when it does not. */
function settledNextMorning(doc: Doc): boolean | null {
  let result: boolean | null = null;
  for (const [index, sentence] of doc.sentences.entries()) {
    for (const clause of sentence.clauses) {
      const text = sentence.text.slice(clause.start, clause.end);
      const verdict = clauseSettled(doc, index, clause, text);
      if (verdict === false) return false;
      if (verdict === true) result = true;
    }
  }
  return result;
}

function clauseSettled(doc: Doc, index: number, clause: Clause, text: string): boolean | null {
  const morning = MORNING.test(text);
  const strongNot = STRONG_NOT_SETTLED.exec(text);
  const notStart = clause.start + (strongNot?.index ?? 0);
  if (strongNot && !isNegated(doc, index, notStart, notStart + strongNot[0].length)) {
    if (morning || PAIN_SUBJECT.test(text)) return false;
  }
  const strong = STRONG_SETTLED.exec(text);
  if (strong && !strongNot && (morning || PAIN_SUBJECT.test(text))) {
    if (!isNegated(doc, index, clause.start + strong.index, clause.start + strong.index + strong[0].length)) {
      return true;
    }
  }
  if (!morning) return null;
  let positive = false;
  let negative = false;
  for (const match of text.matchAll(WEAK_NOT_SETTLED)) {
    const start = clause.start + match.index;
    if (isNegated(doc, index, start, start + match[0].length)) positive = true;
    else negative = true;
  }
  for (const match of text.matchAll(WEAK_SETTLED)) {
    const start = clause.start + match.index;
    if (isNegated(doc, index, start, start + match[0].length)) negative = true;
    else positive = true;
  }
  // "Knee 3/10 the next morning": a score said of the morning is pain that had not settled ("0/10" had).
  // With "fine" or "gone" beside it ("knee 2/10, fine next morning") the score is the run's, not the morning's.
  const score = MORNING_SCORE.exec(text);
  if (score && !positive) {
    if (Number.parseFloat((score[1] ?? '0').replace(',', '.')) > 0) negative = true;
    else positive = true;
  }
  if (negative) return false;
  return positive ? true : null;
}
