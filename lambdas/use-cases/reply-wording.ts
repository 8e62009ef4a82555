// The wording of the acknowledgment a reply gets: what we understood, what changed, what comes next.
import type { ReplyFindings, UnclearFigure } from '#domain/reply/interpret';
import type {
  ChangeKind,
  CrossTrainingKind,
  DoneSummary,
  Preferences,
  RedFlag,
  Unit,
  WeekPlan,
  WeekReport,
} from '#domain/types';
import { convertVolume } from '#domain/units';
import { count, formatAmount, formatDate, formatMinutes, formatSendTime } from '#email/format';
import { illnessPhrase } from '#email/last-week';
import { DECISION_HEADLINES } from '#email/render';

export interface Acknowledgment {
  subject: string;
  heading: string;
  paragraphs: string[];
}

const RED_FLAG_WORDS: Record<RedFlag, string> = {
  swelling: 'swelling',
  locking: 'your knee locking',
  'giving-way': 'your knee giving way',
  'cannot-bear-weight': 'not being able to put weight on it',
  'night-or-rest-pain': 'pain at night or at rest',
  'hot-red-fever': 'a hot or red knee with fever',
  'numbness-tingling': 'numbness or tingling',
};

const CHANGE_WORDS: Record<ChangeKind, string> = {
  shoes: 'new shoes',
  surface: 'a different surface',
  hills: 'hills',
  speed: 'speed work',
  'more-days': 'an extra running day',
};

const UNIT_WORDS: Record<Unit, string> = { min: 'minutes', km: 'kilometres', mi: 'miles' };

const CROSS_TRAINING_WORDS: Record<CrossTrainingKind, string> = {
  bike: 'biked',
  swim: 'swam',
  elliptical: 'used the cross-trainer',
  walk: 'walked',
  row: 'rowed',
  hike: 'hiked',
  other: 'cross-trained',
};

/** The week the reply answers, as planned, and what its report now says (after this reply). */
export interface AnsweredWeek {
  plan: Pick<WeekPlan, 'unit' | 'totalVolume' | 'runs' | 'decision'>;
  report: Pick<WeekReport, 'done' | 'illness' | 'away' | 'nextWeekRunDays' | 'request' | 'crossTraining'> & {
    /** A pain score an earlier reply about the same week gave: no need to ask for one again. */
    earlierPain?: boolean;
  };
}

/** A red flag: the plan is paused, and they are told to get the knee checked. */
export function redFlagAcknowledgment(redFlags: RedFlag[]): Acknowledgment {
  return {
    subject: 'Please rest your knee and get it checked',
    heading: 'Please rest your knee and get it checked',
    paragraphs: [
      `You mentioned ${redFlags.map((f) => RED_FLAG_WORDS[f]).join(' and ')}. That is a sign to stop running and have a doctor or physiotherapist look at your knee soon.`,
      'Your plan is paused from now: next week has no running. When you have been checked and feel ready, reply "resume" and we will ease you back in gently.',
      'If the pain is severe, you cannot put weight on the leg, or the knee is hot and red and you feel unwell, please seek care today.',
    ],
  };
}

/**
 * Any other reply: what we understood, what changed (`changeLines`), the next week, and a question when
 * the pain score or whether it settled is missing.
 */
export function replyAcknowledgment(
  findings: ReplyFindings,
  changeLines: string[],
  next: WeekPlan,
  preferences: Preferences,
  weekNumber: number,
  answered?: AnsweredWeek,
  /** The runs' amounts came from watch files: a figure in the words that could not be placed is not asked about. */
  amountsFromFiles = false,
): Acknowledgment {
  const understood = describeFindings(findings, answered, preferences.unit);
  const pause = findings.commands.some((c) => c.kind === 'pause');
  const resume = findings.commands.some((c) => c.kind === 'resume');
  const paragraphs = [
    understood.length > 0 ? `Got it: ${understood}.` : 'Thanks for your reply.',
    ...changeLines,
    nextWeekLine(next, preferences),
  ];
  const unclear = amountsFromFiles ? null : unclearQuestion(findings.unclear);
  if (unclear) paragraphs.push(unclear);
  if (!findings.pain && !pause && !resume && !answered?.report.earlierPain) {
    paragraphs.push(
      'We did not find a pain score. How did your knee feel, from 0 (no pain) to 10? Just reply with something like "knee 2/10, fine next morning".',
    );
  } else if (findings.pain && !findings.settledStated && findings.pain.score > 0) {
    paragraphs.push(
      'Had it settled by the next morning? Reply "settled" or "still sore" and we will take it into account.',
    );
  }
  paragraphs.push('Got something wrong? Just reply again: your latest reply for a week counts.');
  const subject = understood.length > 0 ? `Got it: ${understood}` : `Got your reply about week ${weekNumber}`;
  return { subject, heading: 'Thanks for telling us', paragraphs };
}

/** The line for a switch of units; a switch to or from minutes says which pace it assumed. */
export function unitsChangedLine(unit: Unit, previous: Unit): string {
  return `From now on your plans are in ${UNIT_WORDS[unit]}.${
    unit === 'min' || previous === 'min'
      ? ' We converted using an easy pace of about 7 minutes per km; your reports will fine-tune it.'
      : ''
  }`;
}

export function sendTimeChangedLine(preferences: Preferences): string {
  return `Your plan will now arrive ${formatSendTime(preferences.sendDay, preferences.sendHour)}.`;
}

/**
 * What we understood, in the reply's order of importance: what was run (and cross-training, illness, days
 * away, a request), then the knee and the changes. Groups are joined by "; ", their parts by ", ".
 */
function describeFindings(findings: ReplyFindings, answered: AnsweredWeek | undefined, unit: Unit): string {
  const week: string[] = answered ? describeWeek(answered, unit) : [];
  const knee: string[] = [];
  if (findings.pain) {
    const settled = findings.settledStated
      ? findings.pain.settledNextMorning
        ? ', settled by morning'
        : ', not settled by the next morning'
      : '';
    knee.push(`knee ${findings.pain.score}/10${settled}`);
  }
  for (const change of findings.changes) knee.push(CHANGE_WORDS[change]);
  return [week.join(', '), knee.join(', ')].filter((group) => group !== '').join('; ');
}

/** What the report says of the week, only what was said: never a count or an amount that was not. */
function describeWeek({ plan, report }: AnsweredWeek, unit: Unit): string[] {
  const parts: string[] = [];
  const shown = (amount: number) => formatAmount(convertVolume(amount, plan.unit, unit), unit);
  const planned = plan.runs.filter((r) => r.amount > 0).length;
  const done = report.done;
  if (done) parts.push(...describeDone(done, planned, shown));
  for (const c of report.crossTraining ?? []) {
    parts.push(
      `${CROSS_TRAINING_WORDS[c.activity]}${c.minutes === undefined ? '' : ` ${formatMinutes(c.minutes)}`}`,
    );
  }
  if (report.illness) parts.push(illnessPhrase(report.illness));
  for (const range of report.away ?? []) {
    parts.push(
      range.from === range.to
        ? `away on ${formatDate(range.from)}`
        : `away ${formatDate(range.from)} to ${formatDate(range.to)}`,
    );
  }
  if (report.nextWeekRunDays !== undefined) {
    parts.push(`running on at most ${count(report.nextWeekRunDays, 'day')} next week`);
  }
  if (report.request === 'repeat-week') parts.push('the same level again, as you asked');
  if (report.request === 'easier') parts.push('an easier week, as you asked');
  return parts;
}

function describeDone(done: DoneSummary, planned: number, shown: (amount: number) => string): string[] {
  if (done.none || done.runs === 0) return ['no runs'];
  const parts: string[] = [];
  if (done.runs !== undefined) {
    parts.push(
      planned > 0 && done.runs <= planned
        ? done.runs === planned
          ? planned === 1
            ? 'the 1 run planned'
            : `all ${count(planned, 'run')}`
          : `${done.runs} of ${count(planned, 'run')}`
        : count(done.runs, 'run'),
    );
  } else if (done.skipped?.includes('long')) {
    parts.push('the long run skipped');
  }
  if (done.volume !== undefined) parts.push(`about ${shown(done.volume)}`);
  if (done.longestRun !== undefined) parts.push(`longest run ${shown(done.longestRun)}`);
  return parts;
}

/** A figure we could not place, asked about rather than guessed. */
function unclearQuestion(unclear: UnclearFigure[]): string | null {
  const first = unclear[0];
  if (!first) return null;
  const figures = unclear.map((u) => `"${u.text}"`).join(' and ');
  const question =
    first.why === 'unit' && unclear.every((u) => u.why === 'unit')
      ? 'was that kilometres, miles or minutes?'
      : 'was that one run or the whole week, and in kilometres, miles or minutes?';
  return `You wrote ${figures}: ${question} We left it out until we know. Just reply with something like "28 km in total" or "long run 12 km".`;
}

function nextWeekLine(plan: WeekPlan, preferences: Preferences): string {
  if (plan.decision === 'pause') return 'Next week is a rest week: no running.';
  const total = formatAmount(plan.totalVolume, preferences.unit);
  const headline = DECISION_HEADLINES[plan.decision].toLowerCase();
  return `Next week (from ${formatDate(plan.weekStart)}): ${headline}, ${total} over ${count(plan.runs.length, 'run')}. ${plan.reason}`;
}
