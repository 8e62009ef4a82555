// `coach stats`: the operator's figures from the running local stack's table, as a readable table or JSON.
import { parseArgs } from 'node:util';
import { LOCAL_TABLE, portsFromEnv } from '#lib/local/stack';
import { localStats, type TableStats } from '#lib/local/stats';

export const STATS_HELP = `  coach stats [--json]         what the coach has done so far, from the running local stack's table: plans
                               sent, replies (understood or not), red flags, unsubscribes, suppressed
                               addresses (the figures the Lambdas count as CloudWatch metrics on AWS)`;

export async function statsCommand(args: string[], write: (text: string) => void): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    strict: true,
  });
  const ports = portsFromEnv();
  const stats = await localStats(`http://127.0.0.1:${ports.dynamodb}`, ports.dynamodb, LOCAL_TABLE);
  write(values.json ? `${JSON.stringify(stats, null, 2)}\n` : formatStats(stats));
}

/** The figures as a two-column table a person can read at a glance. */
export function formatStats(stats: TableStats): string {
  const rows: [string, number][] = [
    ['Weekly plans sent', stats.plansSent],
    ['Replies', stats.replies],
    ['  understood (pain score found)', stats.repliesUnderstood],
    ['  no pain score found', stats.repliesWithoutScore],
    ['Red flags', stats.redFlags],
    ['Unsubscribed', stats.unsubscribed],
    ['Suppressed after bounces', stats.suppressed.bounce],
    ['Suppressed after a complaint', stats.suppressed.complaint],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const numbers = Math.max(...rows.map(([, n]) => String(n).length));
  const s = stats.subscribers;
  return [
    'What the local coach has done so far',
    '',
    ...rows.map(([label, n]) => `  ${label.padEnd(width)}${String(n).padStart(numbers)}`),
    '',
    `  Subscribers: ${s.active} active, ${s.pending} pending, ${s.unsubscribed} unsubscribed, ${s.suppressed} suppressed`,
    '',
    'Replies count once per week: a later reply to the same week replaces the earlier one.',
    '',
  ].join('\n');
}
