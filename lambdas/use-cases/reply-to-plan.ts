// A reply to a weekly plan: authenticate it, store what it reports on the week it answers, apply the
// commands in it (pause, resume, units, send day) and acknowledge it.

import { normalizeEmailAddress } from '#domain/email-address';
import { engineHistory } from '#domain/history';
import { planWeek } from '#domain/plan';
import { awayInReply, type ReplyCommand, type ReplyFindings, replyDay } from '#domain/reply/interpret';
import { addWeeks, sendTimeForWeek } from '#domain/schedule';
import { verifyReplyLocalPart } from '#domain/tokens';
import type { Subscriber, WeekActivity, WeekRecord, WeekReport } from '#domain/types';
import { convertPreferences } from '#domain/units';
import { type MergedActivities, mergeActivities } from '#domain/week-files';
import { reportFromFindings } from '#domain/week-report';
import { renderNoteEmail } from '#email/note';
import { sendRendered } from './deps';
import { filesLines } from './files-wording';
import { drop, type InboundDeps, type InboundOutcome, type ReadFile, type ReadMessage } from './inbound-mail';
import { signedLink } from './links';
import { countReply } from './metrics';
import { applyPauseToProfile, markLatestWeek } from './pause';
import { applyFileAmounts, takeFiles } from './reply-files';
import {
  type Acknowledgment,
  redFlagAcknowledgment,
  replyAcknowledgment,
  sendTimeChangedLine,
  unitsChangedLine,
} from './reply-wording';
import { CONFLICT, retryOnConflict } from './retry-on-conflict';
import { unsubscribeById } from './unsubscribe';

export async function receiveReply(
  deps: InboundDeps,
  localPart: string,
  message: ReadMessage,
): Promise<InboundOutcome> {
  const claims = verifyReplyLocalPart(localPart, deps.settings.tokenSecrets);
  if (!claims) return drop('bad-token');
  const { subscriberId, weekStart } = claims;
  const subscriber = await deps.store.get(subscriberId);
  if (!subscriber) return drop('unknown-subscriber');
  if (subscriber.status !== 'active') return drop('not-subscribed');
  if (!message.from || normalizeEmailAddress(message.from) !== subscriber.email) return drop('from-mismatch');
  const week = await deps.store.getWeek(subscriberId, weekStart);
  if (!week) return drop('unknown-week');

  // "Ran 3 days" is only a change when it is more days than the plan has. Days away ("next week") count
  // from the day the reply was written in the subscriber's zone, not in UTC, and an English slashed date
  // is month first in a US zone.
  const daysRun = message.findings.daysRun;
  const today = replyDay(message.date ?? null, {
    timeZone: subscriber.preferences.timeZone,
    now: deps.clock.now(),
  });
  const findings: ReplyFindings = {
    ...message.findings,
    away: today === undefined ? [] : awayInReply(message.text, today, subscriber.preferences.timeZone),
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

  // Watch files: each activity on the week it was done in, once. The other planned weeks are saved first.
  const files = await readFiles(deps, subscriberId, message);
  const taken = await takeFiles(deps, subscriberId, week, files, subscriber.preferences.timeZone, now);
  const pause = findings.commands.find((c) => c.kind === 'pause');
  const resume = findings.commands.some((c) => c.kind === 'resume');

  // The report for the week it answers: the latest reply wins, field by field; the files win for amounts.
  // Saved only over the report it was built on: a reply processed at the same time is re-read, not lost.
  const { report, merged, said } = await retryOnConflict(
    'reply report',
    async (attempt) => {
      const current = attempt === 0 ? week : ((await deps.store.getWeek(subscriberId, weekStart)) ?? week);
      const built = buildReport(current, taken.answered, findings, now);
      if (pause) built.report.paused = true;
      if (resume && findings.redFlags.length === 0) built.report.paused = false;
      const saved = await deps.store.saveReport(
        subscriberId,
        weekStart,
        built.report,
        current.report?.receivedAt ?? null,
      );
      return saved === 'changed' ? CONFLICT : built;
    },
    3,
  );
  const latest = (await deps.store.recentWeeks(subscriberId, 1))[0] ?? week;
  countReply(deps.metrics, findings);
  // Pause and resume act on the newest week, which is the one the next plan builds on.
  if (latest.weekStart !== weekStart && (pause || resume || findings.redFlags.length > 0)) {
    await markLatestWeek(deps, latest, report.paused === true, now);
  }

  const updated = await updateProfile(deps, subscriber, findings.commands, latest.weekStart, lines);
  const fileLines =
    files.length === 0
      ? []
      : filesLines(taken.outcomeFor(merged), updated.preferences.unit, updated.preferences.timeZone);
  const nextWeek = addWeeks(latest.weekStart, 1);
  const history = engineHistory(await deps.store.recentWeeks(subscriberId, 8), updated, nextWeek);
  const next = planWeek({ profile: updated.preferences, history, weekStart: nextWeek });

  if (findings.redFlags.length > 0) {
    // The safety advice first; what became of the files after it, so nothing sent goes unmentioned.
    const ack = redFlagAcknowledgment(findings.redFlags);
    await sendAck(deps, updated, { ...ack, paragraphs: [...ack.paragraphs, ...fileLines] });
    return { kind: 'reply-accepted', subscriberId, weekStart };
  }
  await sendAck(
    deps,
    updated,
    replyAcknowledgment(
      findings,
      [...fileLines, ...lines],
      next,
      updated.preferences,
      week.plan.weekNumber,
      {
        plan: week.plan,
        report: { ...said, ...pickAmounts(report), ...(week.report?.pain ? { earlierPain: true } : {}) },
      },
      report.activities?.some((a) => a.sport === 'run') === true,
    ),
  );
  return { kind: 'reply-accepted', subscriberId, weekStart };
}

/** A week's report with this reply in it: its words, and its files' activities merged into the week's. */
function buildReport(
  week: WeekRecord,
  incoming: WeekActivity[],
  findings: ReplyFindings,
  now: Date,
): { report: WeekReport; merged: MergedActivities; said: Partial<WeekReport> } {
  const merged = mergeActivities(week.report?.activities ?? [], incoming);
  const report: WeekReport = { ...(week.report ?? {}), receivedAt: now.toISOString() };
  const said = reportFromFindings(findings, week.plan);
  Object.assign(report, said);
  if (merged.activities.length > 0) report.activities = merged.activities;
  applyFileAmounts(report, week.plan.unit);
  if (findings.pain) report.pain = findings.pain;
  if (findings.changes.length > 0) report.changes = findings.changes;
  if (findings.redFlags.length > 0) {
    report.redFlags = findings.redFlags;
    report.paused = true; // a red flag pauses the plan at once
  }
  return { report, merged, said };
}

/**
 * The message's watch files, read now that the reply is known to be theirs. Should the readers fail to load,
 * the reply counts without them (one error line), rather than being lost.
 */
async function readFiles(deps: InboundDeps, subscriberId: string, message: ReadMessage): Promise<ReadFile[]> {
  if (!message.readFiles) return [];
  try {
    return await message.readFiles();
  } catch (error) {
    deps.log.error('activity files not read', {
      subscriberId,
      error: error instanceof Error ? error.name : 'unknown',
    });
    return [];
  }
}

/** The amounts of a report (from the files when it has any), for the acknowledgment's "Got it" line. */
function pickAmounts(report: WeekReport): Partial<WeekReport> {
  if (!report.activities?.length) return {};
  return {
    ...(report.done ? { done: report.done } : {}),
    ...(report.crossTraining ? { crossTraining: report.crossTraining } : {}),
  };
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
  return retryOnConflict('reply', async (attempt): Promise<Subscriber | typeof CONFLICT> => {
    // After a lost write, read again; the first attempt uses the profile the reply was checked against.
    if (attempt > 0) {
      const fresh = await deps.store.get(subscriber.id);
      if (!fresh) return current;
      current = fresh;
    }
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
        lines.push(unitsChangedLine(command.unit, current.preferences.unit));
      } else if (command.kind === 'send-day') {
        next.preferences.sendDay = command.day;
        if (command.hour !== undefined) next.preferences.sendHour = command.hour;
        if (next.status === 'active') {
          next.nextSendAt = sendTimeForWeek(addWeeks(latestWeek, 1), next.preferences).toISOString();
        }
        lines.push(sendTimeChangedLine(next.preferences));
      }
    }
    if (lines.length === 0) return current;
    return (await deps.store.update(next, current.version)) ? next : CONFLICT;
  });
}

async function sendAck(deps: InboundDeps, subscriber: Subscriber, ack: Acknowledgment): Promise<void> {
  const email = renderNoteEmail({
    subject: ack.subject,
    preheader: ack.paragraphs[0] ?? ack.subject,
    heading: ack.heading,
    paragraphs: ack.paragraphs,
    footerNote: 'You got this email because you replied to your weekly plan.',
    preferencesUrl: signedLink(deps.settings, '/preferences', 'preferences', subscriber.id, deps.clock.now()),
    unsubscribeUrl: signedLink(deps.settings, '/unsubscribe', 'unsubscribe', subscriber.id, deps.clock.now()),
    operator: deps.settings.operator,
  });
  await sendRendered(deps, subscriber.email, email);
}
