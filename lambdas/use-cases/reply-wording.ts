// The wording of the acknowledgment a reply gets: what we understood, what changed, what comes next.
import type { ReplyFindings } from '#domain/reply/interpret';
import type { ChangeKind, Preferences, RedFlag, Unit, WeekPlan } from '#domain/types';
import { formatAmount, formatDate, formatSendTime } from '#email/format';
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
): Acknowledgment {
  const understood = describeFindings(findings);
  const pause = findings.commands.some((c) => c.kind === 'pause');
  const resume = findings.commands.some((c) => c.kind === 'resume');
  const paragraphs = [
    understood.length > 0 ? `Got it: ${understood.join(', ')}.` : 'Thanks for your reply.',
    ...changeLines,
    nextWeekLine(next, preferences),
  ];
  if (!findings.pain && !pause && !resume) {
    paragraphs.push(
      'We did not find a pain score. How did your knee feel, from 0 (no pain) to 10? Just reply with something like "knee 2/10, fine next morning".',
    );
  } else if (findings.pain && !findings.settledStated && findings.pain.score > 0) {
    paragraphs.push(
      'Had it settled by the next morning? Reply "settled" or "still sore" and we will take it into account.',
    );
  }
  paragraphs.push('Got something wrong? Just reply again: your latest reply for a week counts.');
  const subject =
    understood.length > 0 ? `Got it: ${understood.join(', ')}` : `Got your reply about week ${weekNumber}`;
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

function describeFindings(findings: ReplyFindings): string[] {
  const parts: string[] = [];
  if (findings.pain) {
    const settled = findings.settledStated
      ? findings.pain.settledNextMorning
        ? ', settled by morning'
        : ', not settled by the next morning'
      : '';
    parts.push(`knee ${findings.pain.score}/10${settled}`);
  }
  for (const change of findings.changes) parts.push(CHANGE_WORDS[change]);
  return parts;
}

function nextWeekLine(plan: WeekPlan, preferences: Preferences): string {
  if (plan.decision === 'pause') return 'Next week is a rest week: no running.';
  const total = formatAmount(plan.totalVolume, preferences.unit);
  const headline = DECISION_HEADLINES[plan.decision].toLowerCase();
  return `Next week (from ${formatDate(plan.weekStart)}): ${headline}, ${total} over ${plan.runs.length} run${plan.runs.length === 1 ? '' : 's'}.`;
}
