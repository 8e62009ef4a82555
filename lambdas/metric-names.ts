// The operator's metrics: what the Lambdas count (CloudWatch embedded metric format, through Powertools), what the
// stack's dashboard shows and what `coach stats` prints locally. One source of truth for the names.

/** Every metric is a count, summed per period; none carries a subscriber's id, address or words. */
export const METRICS = {
  PlansSent: 'weekly plans sent',
  RepliesReceived: 'replies to a plan, stored as the report of the week they answer',
  RepliesUnderstood: 'replies with a knee pain score found in them',
  RepliesWithoutScore: 'replies with no pain score found (the note is kept for a person to read)',
  RedFlags: 'replies that reported a red flag (the plan is paused)',
  Unsubscribes: 'subscribers who unsubscribed (link, List-Unsubscribe mail or a "stop" reply)',
  Bounces: 'bounces SES reported, hard and soft (one per recipient)',
  Complaints: 'complaints SES reported (one per recipient)',
} as const;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/**
 * The metrics' namespace when POWERTOOLS_METRICS_NAMESPACE is not set (locally, tests); the stack sets that
 * variable to its own name, so two stacks in one account keep their figures apart.
 */
export const DEFAULT_METRICS_NAMESPACE = 'KneeCoach';
export const METRICS_NAMESPACE_VARIABLE = 'POWERTOOLS_METRICS_NAMESPACE';

/** The metrics' one dimension, `service`, and the service name in every function's logs. */
export const SERVICE_NAME = 'knee-coach';
