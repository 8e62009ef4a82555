// What the use cases count for the operator, in one place: a reply's three counts, SES feedback's two.
import type { ReplyFindings } from '#domain/reply/interpret';
import type { Metrics } from '#lambdas/ports';
import type { FeedbackEvent } from './feedback';

/** A reply stored as its week's report: received, understood or not (a pain score found), and any red flag. */
export function countReply(metrics: Metrics, findings: Pick<ReplyFindings, 'pain' | 'redFlags'>): void {
  metrics.count('RepliesReceived');
  metrics.count(findings.pain ? 'RepliesUnderstood' : 'RepliesWithoutScore');
  if (findings.redFlags.length > 0) metrics.count('RedFlags');
}

/** One recipient's bounce (hard or soft) or complaint; deliveries and the rest are not counted. */
export function countFeedback(metrics: Metrics, kind: FeedbackEvent['kind']): void {
  if (kind === 'bounce') metrics.count('Bounces');
  else if (kind === 'complaint') metrics.count('Complaints');
}
