// Receiving email: authenticate a reply, understand it, store it on the week it answers, act, acknowledge.
// Also the sign-up by email (start@ or subject "subscribe"). Anything else is dropped with one log line.

import { addressHash, isValidEmailAddress, normalizeEmailAddress } from '../domain/email-address';
import { planWeek } from '../domain/plan';
import type { ReplyCommand, ReplyFindings } from '../domain/reply/interpret';
import { addWeeks, sendTimeForWeek } from '../domain/schedule';
import { TOKEN_LIFETIME_SECONDS, verifyAddressLocalPart, verifyReplyLocalPart } from '../domain/tokens';
import {
  type ChangeKind,
  confirmCapReached,
  DEFAULT_RAMP_RATE,
  nextConfirmSends,
  type Preferences,
  type RedFlag,
  type Subscriber,
  type Unit,
  type WeekPlan,
  type WeekReport,
} from '../domain/types';
import { convertVolume } from '../domain/units';
import { formatAmount, formatDate, formatSendTime } from '../email/format';
import { renderNoteEmail } from '../email/note';
import { DECISION_HEADLINES } from '../email/render';
import type { RawMailStore } from '../ports';
import { type CoachDeps, sendRendered } from './deps';
import { signedLink } from './links';
import { applyPauseToProfile, markLatestWeek } from './pause';
import { engineHistory } from './send-week';
import { unsubscribeById } from './unsubscribe';

/** What the coach needs from one inbound message, however it was encoded. */
const CONFIRM_LIFETIME_MS = TOKEN_LIFETIME_SECONDS.confirm * 1000;

export interface ReadMessage {
  from?: string;
  subject: string;
  /** Out-of-office and other automatic mail: never a report, never answered. */
  autoReply: boolean;
  /** Only what the person wrote: quotes and signatures removed. */
  text: string;
  findings: ReplyFindings;
}

export type MessageReader = (raw: Uint8Array) => Promise<ReadMessage | { error: string }>;

export interface InboundMail {
  messageId: string;
  /** Envelope recipients at our domain (from SES's receipt). */
  recipients: string[];
  bucket: string;
  key: string;
  verdicts: { spam?: string; virus?: string; spf?: string; dkim?: string };
}

export interface InboundDeps extends CoachDeps {
  rawMail: RawMailStore;
  readMessage: MessageReader;
  inbound: { requireSenderAuth: boolean; maxBytes: number };
}

export const MAX_INBOUND_BYTES = 10 * 1024 * 1024;

export type DropReason =
  | 'spam'
  | 'virus'
  | 'unauthenticated'
  | 'too-large'
  | 'missing'
  | 'malformed'
  | 'auto-reply'
  | 'unknown-recipient'
  | 'bad-token'
  | 'unknown-subscriber'
  | 'not-subscribed'
  | 'from-mismatch'
  | 'unknown-week'
  | 'invalid-sender';

export type InboundOutcome =
  | { kind: 'reply-accepted'; subscriberId: string; weekStart: string }
  | { kind: 'subscribe-started' | 'subscribe-ignored' }
  | { kind: 'unsubscribed'; subscriberId: string }
  | { kind: 'dropped'; reason: DropReason };

const drop = (reason: DropReason): InboundOutcome => ({ kind: 'dropped', reason });

/** Handles one received message. Never throws for anything the sender controls; logs one line. */
export async function receiveMail(deps: InboundDeps, mail: InboundMail): Promise<InboundOutcome> {
  const outcome = await receive(deps, mail);
  // One structured line per message, and never an address or a word of the reply in it.
  const fields = { messageId: mail.messageId, outcome: outcome.kind };
  if (outcome.kind === 'dropped')
    deps.log.warn('inbound mail dropped', { ...fields, reason: outcome.reason });
  else
    deps.log.info('inbound mail handled', {
      ...fields,
      ...('subscriberId' in outcome ? { subscriberId: outcome.subscriberId } : {}),
    });
  return outcome;
}

async function receive(deps: InboundDeps, mail: InboundMail): Promise<InboundOutcome> {
  const v = mail.verdicts;
  if (v.virus === 'FAIL') return drop('virus');
  if (v.spam === 'FAIL') return drop('spam');
  if (deps.inbound.requireSenderAuth && v.spf !== 'PASS' && v.dkim !== 'PASS') return drop('unauthenticated');

  const raw = await deps.rawMail.get(mail.bucket, mail.key, deps.inbound.maxBytes);
  if (raw === 'too-large') return drop('too-large');
  if (raw === 'missing') return drop('missing');
  const message = await deps.readMessage(raw);
  if ('error' in message) return drop('malformed');
  if (message.autoReply) return drop('auto-reply');

  const domain = deps.settings.inboundDomain.toLowerCase();
  const ours = mail.recipients.map((r) => r.trim().toLowerCase()).filter((r) => r.endsWith(`@${domain}`));
  const unsubscribeTo = ours.find((r) => r.startsWith('unsubscribe+'));
  if (unsubscribeTo) return receiveUnsubscribe(deps, unsubscribeTo.slice(0, unsubscribeTo.lastIndexOf('@')));
  const replyTo = ours.find((r) => r.startsWith('reply+'));
  if (replyTo) return receiveReply(deps, replyTo.slice(0, replyTo.lastIndexOf('@')), message);
  if (ours.includes(`start@${domain}`) || /^\s*(re:\s*)?subscribe\b/i.test(message.subject)) {
    return subscribeByEmail(deps, message);
  }
  return drop('unknown-recipient');
}

/* ------------------------------------------------------- List-Unsubscribe mailto */

/**
 * A mail to the List-Unsubscribe mailto unsubscribes at once. The signed address is the proof (mail
 * clients send it from the account that got the email, and the address was only ever in that email), so
 * the From is not compared: forwarding services and aliases would otherwise keep someone subscribed.
 */
async function receiveUnsubscribe(deps: InboundDeps, localPart: string): Promise<InboundOutcome> {
  const claims = verifyAddressLocalPart('unsubscribe', localPart, deps.settings.tokenSecrets);
  if (!claims) return drop('bad-token');
  const outcome = await unsubscribeById(deps, claims.subscriberId);
  if (outcome === 'invalid') return drop('unknown-subscriber');
  return { kind: 'unsubscribed', subscriberId: claims.subscriberId };
}

/* ------------------------------------------------------------------ replies */

async function receiveReply(
  deps: InboundDeps,
  localPart: string,
  message: ReadMessage,
): Promise<InboundOutcome> {
  const claims = verifyReplyLocalPart(localPart, deps.settings.tokenSecrets);
  if (!claims) return drop('bad-token');
  const { subscriberId, weekStart } = claims;
  const subscriber = await deps.store.get(subscriberId);
  if (!subscriber) return drop('unknown-subscriber');
  if (subscriber.status !== 'active' && subscriber.status !== 'paused') return drop('not-subscribed');
  if (!message.from || normalizeEmailAddress(message.from) !== subscriber.email) return drop('from-mismatch');
  const week = await deps.store.getWeek(subscriberId, weekStart);
  if (!week) return drop('unknown-week');

  // "Ran 3 days" is only a change when it is more days than the plan has.
  const daysRun = message.findings.daysRun;
  const findings: ReplyFindings = {
    ...message.findings,
    changes: message.findings.changes.filter(
      (c) =>
        c !== 'more-days' ||
        daysRun === null ||
        daysRun === undefined ||
        daysRun > subscriber.preferences.runDays,
    ),
  };
  const now = deps.clock.now();
  const lines: string[] = [];

  if (findings.commands.some((c) => c.kind === 'stop')) {
    // Honoured at once, and nothing more is sent: not even a goodbye.
    await unsubscribeById(deps, subscriberId);
    return { kind: 'unsubscribed', subscriberId };
  }

  // The report for the week it answers: the latest reply wins, field by field.
  const report: WeekReport = { ...(week.report ?? {}), receivedAt: now.toISOString() };
  if (findings.pain) report.pain = findings.pain;
  if (findings.changes.length > 0) report.changes = findings.changes;
  if (findings.redFlags.length > 0) {
    report.redFlags = findings.redFlags;
    report.paused = true; // a red flag pauses the plan at once
  }
  const latest = (await deps.store.recentWeeks(subscriberId, 1))[0] ?? week;
  const pause = findings.commands.find((c) => c.kind === 'pause');
  const resume = findings.commands.some((c) => c.kind === 'resume');
  if (pause) report.paused = true;
  if (resume && findings.redFlags.length === 0) report.paused = false;
  await deps.store.saveReport(subscriberId, weekStart, report);
  // Pause and resume act on the newest week, which is the one the next plan builds on.
  if (latest.weekStart !== weekStart && (pause || resume || findings.redFlags.length > 0)) {
    await markLatestWeek(deps, latest, report.paused === true, now);
  }

  const updated = await updateProfile(deps, subscriber, findings.commands, latest.weekStart, lines);
  const nextWeek = addWeeks(latest.weekStart, 1);
  const history = engineHistory(await deps.store.recentWeeks(subscriberId, 8), updated, nextWeek);
  const next = planWeek({ profile: updated.preferences, history, weekStart: nextWeek });

  const understood = describeFindings(findings);
  if (findings.redFlags.length > 0) {
    await sendAck(
      deps,
      updated,
      'Please rest your knee and get it checked',
      'Please rest your knee and get it checked',
      [
        `You mentioned ${findings.redFlags.map((f) => RED_FLAG_WORDS[f]).join(' and ')}. That is a sign to stop running and have a doctor or physiotherapist look at your knee soon.`,
        'Your plan is paused from now: next week has no running. When you have been checked and feel ready, reply "resume" and we will ease you back in gently.',
        'If the pain is severe, you cannot put weight on the leg, or the knee is hot and red and you feel unwell, please seek care today.',
      ],
    );
    return { kind: 'reply-accepted', subscriberId, weekStart };
  }
  const paragraphs = [
    understood.length > 0 ? `Got it: ${understood.join(', ')}.` : 'Thanks for your reply.',
    ...lines,
    nextWeekLine(next, updated.preferences),
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
    understood.length > 0
      ? `Got it: ${understood.join(', ')}`
      : `Got your reply about week ${week.plan.weekNumber}`;
  await sendAck(deps, updated, subject, 'Thanks for telling us', paragraphs);
  return { kind: 'reply-accepted', subscriberId, weekStart };
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

/** Applies pause, resume, unit and send-day commands to the profile (optimistic, retried). */
async function updateProfile(
  deps: InboundDeps,
  subscriber: Subscriber,
  commands: ReplyCommand[],
  latestWeek: string,
  lines: string[],
): Promise<Subscriber> {
  let current = subscriber;
  for (let attempt = 0; attempt < 5; attempt++) {
    const next: Subscriber = {
      ...current,
      preferences: { ...current.preferences },
      version: current.version + 1,
    };
    lines.length = 0;
    for (const command of commands) {
      if (command.kind === 'pause' || command.kind === 'resume') {
        lines.push(applyPauseToProfile(next, command, latestWeek));
      } else if (command.kind === 'units' && command.unit !== next.preferences.unit) {
        next.preferences = convertPreferences(next.preferences, command.unit);
        lines.push(
          `From now on your plans are in ${UNIT_WORDS[command.unit]}.${
            command.unit === 'min' || current.preferences.unit === 'min'
              ? ' We converted using an easy pace of about 7 minutes per km; your reports will fine-tune it.'
              : ''
          }`,
        );
      } else if (command.kind === 'send-day') {
        next.preferences.sendDay = command.day;
        if (command.hour !== undefined) next.preferences.sendHour = command.hour;
        if (next.status === 'active') {
          next.nextSendAt = sendTimeForWeek(addWeeks(latestWeek, 1), next.preferences).toISOString();
        }
        lines.push(
          `Your plan will now arrive ${formatSendTime(next.preferences.sendDay, next.preferences.sendHour)}.`,
        );
      }
    }
    if (lines.length === 0) return current;
    if (await deps.store.update(next, current.version)) return next;
    const fresh = await deps.store.get(subscriber.id);
    if (!fresh) return current;
    current = fresh;
  }
  throw new Error('reply: the subscriber kept changing; the message will be retried');
}

const UNIT_WORDS: Record<Unit, string> = { min: 'minutes', km: 'kilometres', mi: 'miles' };

function convertPreferences(p: Preferences, unit: Unit): Preferences {
  return {
    ...p,
    unit,
    weeklyVolume: convertVolume(p.weeklyVolume, p.unit, unit),
    ...(p.goalVolume === undefined ? {} : { goalVolume: convertVolume(p.goalVolume, p.unit, unit) }),
  };
}

async function sendAck(
  deps: InboundDeps,
  subscriber: Subscriber,
  subject: string,
  heading: string,
  paragraphs: string[],
): Promise<void> {
  const email = renderNoteEmail({
    subject,
    preheader: paragraphs[0] ?? subject,
    heading,
    paragraphs,
    footerNote: 'You got this email because you replied to your weekly plan.',
    preferencesUrl: signedLink(deps.settings, '/preferences', 'preferences', subscriber.id, deps.clock.now()),
    unsubscribeUrl: signedLink(deps.settings, '/unsubscribe', 'unsubscribe', subscriber.id, deps.clock.now()),
    operator: deps.settings.operator,
  });
  await sendRendered(deps, subscriber.email, email);
}

/* ------------------------------------------------------------ sign-up by email */

/** Placeholder answers for an email sign-up: the confirmation page asks for the real ones before anything is sent. */
const EMAIL_SIGNUP_DEFAULTS: Preferences = {
  weeklyVolume: 30,
  unit: 'min',
  runDays: 3,
  timeZone: 'UTC',
  sendDay: 'sun',
  sendHour: 18,
  rampRate: DEFAULT_RAMP_RATE,
  runHour: 7,
};

async function subscribeByEmail(deps: InboundDeps, message: ReadMessage): Promise<InboundOutcome> {
  const from = message.from?.trim() ?? '';
  if (!isValidEmailAddress(from)) return drop('invalid-sender');
  const normalized = normalizeEmailAddress(from);
  if (await deps.store.isSuppressed(addressHash(normalized))) return { kind: 'subscribe-ignored' };
  const existingId = await deps.store.findIdByEmail(normalized);
  const existing = existingId === undefined ? undefined : await deps.store.get(existingId);
  if (existing && existing.status !== 'unsubscribed' && existing.status !== 'pending')
    return { kind: 'subscribe-ignored' };
  if (
    existing &&
    confirmCapReached(existing, deps.settings.maxConfirmSends, deps.clock.now(), CONFIRM_LIFETIME_MS)
  ) {
    return { kind: 'subscribe-ignored' };
  }
  const now = deps.clock.now();
  let subscriber: Subscriber;
  if (existing) {
    subscriber = {
      ...existing,
      status: 'pending',
      needsProfile: existing.status === 'unsubscribed' ? true : (existing.needsProfile ?? false),
      confirmNonce: deps.ids.newId(),
      confirmSends: nextConfirmSends(existing, deps.settings.maxConfirmSends, now, CONFIRM_LIFETIME_MS),
      lastConfirmSentAt: now.toISOString(),
      version: existing.version + 1,
    };
    delete subscriber.nextSendAt;
    if (!(await deps.store.update(subscriber, existing.version))) return { kind: 'subscribe-ignored' };
  } else {
    subscriber = {
      id: deps.ids.newId(),
      email: normalized,
      status: 'pending',
      preferences: EMAIL_SIGNUP_DEFAULTS,
      needsProfile: true,
      createdAt: now.toISOString(),
      confirmNonce: deps.ids.newId(),
      confirmSends: 1,
      lastConfirmSentAt: now.toISOString(),
      version: 1,
    };
    if ((await deps.store.createPending(subscriber, normalized)) !== 'created')
      return { kind: 'subscribe-ignored' };
  }
  const url = signedLink(deps.settings, '/confirm', 'confirm', subscriber.id, now, subscriber.confirmNonce);
  const email = renderNoteEmail({
    subject: 'Finish setting up your knee-friendly running plan',
    preheader: 'Two minutes to tell us how much you run now.',
    heading: 'Almost there',
    paragraphs: [
      'Thanks for writing to us. To build your first plan we need a few facts: how much you run now, how many days a week you can run, and when you would like your weekly plan.',
      "Open the link below to fill them in. Nothing is sent to you until you do, and if this wasn't you, just ignore this email.",
    ],
    button: { url, label: 'Set up my plan' },
    footerNote: 'You got this one email because this address wrote to our sign-up address.',
    operator: deps.settings.operator,
  });
  await sendRendered(deps, subscriber.email, email);
  return { kind: 'subscribe-started' };
}
