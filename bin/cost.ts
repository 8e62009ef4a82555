// The monthly AWS cost of running the coach for a list size: pure arithmetic over named assumptions and list prices.

/**
 * us-east-1 list prices. ASSUMPTIONS: taken from the public AWS pricing pages named beside each, as we
 * assume them to stand in January 2026; check the pages before quoting a figure. Free tiers are left out,
 * so small lists come out a little dearer than their bill.
 */
export const PRICES = {
  /** aws.amazon.com/lambda/pricing: Arm, first 7.5 billion GB-seconds a month. */
  lambdaArmGbSecond: 0.0000133334,
  /** aws.amazon.com/lambda/pricing: per request. */
  lambdaRequest: 0.2 / 1e6,
  /** aws.amazon.com/dynamodb/pricing/on-demand: per write request unit (1 KB; transactional writes take 2). */
  dynamoWriteUnit: 0.625 / 1e6,
  /** aws.amazon.com/dynamodb/pricing/on-demand: per read request unit (4 KB strongly consistent, 8 KB eventually). */
  dynamoReadUnit: 0.125 / 1e6,
  /** aws.amazon.com/dynamodb/pricing/on-demand: Standard table class storage, per GB-month. */
  dynamoStorageGbMonth: 0.25,
  /** aws.amazon.com/sqs/pricing: standard queue, per request (each 64 KB of payload counts as one). */
  sqsRequest: 0.4 / 1e6,
  /** aws.amazon.com/ses/pricing: per outbound email. */
  sesOutboundEmail: 0.1 / 1000,
  /** aws.amazon.com/ses/pricing: per GB of attachments sent. */
  sesAttachmentGb: 0.12,
  /** aws.amazon.com/ses/pricing: per inbound email received. */
  sesInboundEmail: 0.1 / 1000,
  /** aws.amazon.com/ses/pricing: per 256 KB chunk of inbound mail. */
  sesInboundChunk: 0.09 / 1000,
  /** aws.amazon.com/s3/pricing: S3 Standard, first 50 TB, per GB-month. */
  s3StorageGbMonth: 0.023,
  /** aws.amazon.com/s3/pricing: PUT, COPY, POST, LIST requests. */
  s3PutRequest: 0.005 / 1000,
  /** aws.amazon.com/s3/pricing: GET and other requests. */
  s3GetRequest: 0.0004 / 1000,
  /** aws.amazon.com/sns/pricing: standard topic publishes (deliveries to Lambda are free). */
  snsPublish: 0.5 / 1e6,
  /** aws.amazon.com/cloudwatch/pricing: Standard log class ingestion, per GB. */
  logsIngestionGb: 0.5,
  /** aws.amazon.com/cloudwatch/pricing: log storage per GB-month. */
  logsStorageGbMonth: 0.03,
} as const;

export type Prices = { readonly [K in keyof typeof PRICES]: number };

/** Every assumption the estimate rests on; each is documented in ASSUMPTION_NOTES and printed with the report. */
export interface CostInput {
  subscribers: number;
  weeksPerMonth: number;
  replyRate: number;
  signupShare: number;
  dispatchRunsPerMonth: number;
  dispatchMemoryMb: number;
  dispatchMsPerRun: number;
  dispatchMsPerSubscriber: number;
  sendWeekMemoryMb: number;
  sendWeekMsPerEmail: number;
  sqsBatchSize: number;
  sqsMessageBytes: number;
  sqsIdlePollRequestsPerMonth: number;
  inboundMemoryMb: number;
  inboundMsPerReply: number;
  feedbackMemoryMb: number;
  feedbackMsPerEvent: number;
  feedbackEventsPerEmail: number;
  profileItemBytes: number;
  weekItemBytes: number;
  emailItemBytes: number;
  sendExtraReadsPerEmail: number;
  dueIndexWritesPerSend: number;
  retainedWeeks: number;
  inboundReadUnitsPerReply: number;
  inboundWriteUnitsPerReply: number;
  feedbackReadUnitsPerEvent: number;
  attachmentBytes: number;
  rawReplyBytes: number;
  rawMailRetentionDays: number;
  logBytesPerInvocation: number;
  logBytesPerEmail: number;
  logBytesPerReply: number;
  logBytesPerFeedbackEvent: number;
  logRetentionDays: number;
}

export const DEFAULT_COST_INPUT: CostInput = {
  subscribers: 1_000_000,
  weeksPerMonth: 52.18 / 12,
  replyRate: 0.3,
  signupShare: 0.05,
  // One run per due-index shard every hour: 24 × 30 × 16 (the default dueShards).
  dispatchRunsPerMonth: 11_520,
  dispatchMemoryMb: 1769, // one vCPU, as the stack sets it (lib/constructs/weekly-send.ts)
  dispatchMsPerRun: 300,
  dispatchMsPerSubscriber: 0.15,
  sendWeekMemoryMb: 512,
  sendWeekMsPerEmail: 150,
  sqsBatchSize: 10,
  sqsMessageBytes: 3000,
  sqsIdlePollRequestsPerMonth: 5 * 3 * 60 * 730,
  inboundMemoryMb: 512,
  inboundMsPerReply: 500,
  feedbackMemoryMb: 256,
  feedbackMsPerEvent: 40,
  feedbackEventsPerEmail: 1.02,
  profileItemBytes: 3000,
  weekItemBytes: 2200,
  emailItemBytes: 100,
  sendExtraReadsPerEmail: 0,
  dueIndexWritesPerSend: 2,
  retainedWeeks: Math.ceil(400 / 7),
  inboundReadUnitsPerReply: 4,
  inboundWriteUnitsPerReply: 16,
  feedbackReadUnitsPerEvent: 2,
  attachmentBytes: 2600,
  rawReplyBytes: 60_000,
  rawMailRetentionDays: 30,
  logBytesPerInvocation: 700,
  logBytesPerEmail: 350,
  logBytesPerReply: 1000,
  logBytesPerFeedbackEvent: 300,
  logRetentionDays: 30,
};

/** What each assumption means and where its default comes from; printed under the report. */
export const ASSUMPTION_NOTES: Record<keyof CostInput, string> = {
  subscribers: 'active subscribers on the list',
  weeksPerMonth: 'weekly plans per subscriber per month (52.18 weeks / 12)',
  replyRate: 'share of plan emails answered; each reply is received, stored in S3 and acknowledged by email',
  signupShare: 'new sign-ups a month as a share of the list; each gets one confirmation email',
  dispatchRunsPerMonth: 'dispatcher runs: one per due-index shard every hour (24 × 30 × 16 shards)',
  dispatchMemoryMb: 'dispatch Lambda memory (lib/constructs/weekly-send.ts)',
  dispatchMsPerRun:
    "dispatch time per run before any subscriber (start, the shard's claim query and first due query)",
  dispatchMsPerSubscriber:
    'dispatch time per due subscriber: its share of a due-index page and of a SendMessageBatch (npm run bench measures the query part locally)',
  sendWeekMemoryMb: 'send-week Lambda memory (CoachFunction default)',
  sendWeekMsPerEmail:
    'send-week time per plan: claim, plan, render, SES call, mark sent (stated, not measured on AWS: SES ~60–100 ms, DynamoDB ~10 ms per write)',
  sqsBatchSize: 'messages per SQS batch, both sent by dispatch and received by send-week',
  sqsMessageBytes:
    'bytes per send message (the profile snapshot rides along); every 64 KB of a batch is one request',
  sqsIdlePollRequestsPerMonth:
    'receives of Lambda’s pollers while the queue is empty (5 pollers, 20 s long polls, 730 h)',
  inboundMemoryMb: 'inbound Lambda memory (lib/constructs/inbound-mail.ts)',
  inboundMsPerReply:
    'inbound time per reply: S3 read, MIME parse, a few DynamoDB calls, the acknowledgment send',
  feedbackMemoryMb: 'feedback Lambda memory (lib/constructs/sending-identity.ts)',
  feedbackMsPerEvent: 'feedback time per SES event (two reads, rarely a write)',
  feedbackEventsPerEmail:
    'SES events per email sent: one delivery, plus a few per cent bounces and complaints',
  profileItemBytes:
    'profile item size with 8 weeks of history on it (npm run bench measures it after 1 and 2 weeks)',
  weekItemBytes: 'week item size: the plan sent and, later, the report (npm run bench measures it)',
  emailItemBytes: 'the item reserving an address',
  sendExtraReadsPerEmail:
    'profile reads per send besides the dispatcher’s page (0: the dispatcher hands send-week a snapshot)',
  dueIndexWritesPerSend:
    'due-index writes per send: moving nextSendAt (the index sort key) deletes and re-puts the projected profile',
  retainedWeeks: 'week items kept per subscriber (400-day TTL; steady state, everyone a year in)',
  inboundReadUnitsPerReply: 'read units per reply (profile, the week, the latest week)',
  inboundWriteUnitsPerReply:
    'write units per reply (the report on the week and the profile in one transaction, the due-index copy)',
  feedbackReadUnitsPerEvent: 'read units per SES event (address item, profile)',
  attachmentBytes: 'the .ics attached to each plan email (npm run bench measures it)',
  rawReplyBytes: 'raw size of a reply, quoting the plan email below it',
  rawMailRetentionDays: 'days raw replies stay in S3 (lifecycle rule)',
  logBytesPerInvocation: 'Lambda platform log lines per invocation (START, END, REPORT, JSON format)',
  logBytesPerEmail: 'application log bytes per plan sent',
  logBytesPerReply: 'application log bytes per reply handled',
  logBytesPerFeedbackEvent: 'application log bytes per SES event',
  logRetentionDays: 'days CloudWatch keeps the logs',
};

export type Service = 'Lambda' | 'DynamoDB' | 'SQS' | 'SES' | 'S3' | 'SNS' | 'CloudWatch Logs';
export const SERVICES: readonly Service[] = [
  'Lambda',
  'DynamoDB',
  'SQS',
  'SES',
  'S3',
  'SNS',
  'CloudWatch Logs',
];

export interface CostLine {
  service: Service;
  /** What is paid for, e.g. "send-week duration". */
  item: string;
  quantity: number;
  /** What the quantity counts, e.g. "GB-s". */
  unit: string;
  /** Price per one unit. */
  unitPrice: number;
  usd: number;
}

export interface CostVolumes {
  planEmails: number;
  replies: number;
  acknowledgments: number;
  confirmations: number;
  emailsSent: number;
  sendWeekInvocations: number;
  feedbackEvents: number;
}

export interface CostReport {
  input: CostInput;
  volumes: CostVolumes;
  lines: CostLine[];
  byService: Record<Service, number>;
  totalUsd: number;
  perSubscriberUsd: number;
  perThousandEmailsUsd: number;
}

const GB = 1024 ** 3;
const KB = 1024;

/** GB-seconds of `count` invocations of `ms` each at `memoryMb`. */
const gbSeconds = (count: number, ms: number, memoryMb: number) => count * (ms / 1000) * (memoryMb / 1024);
/** DynamoDB rounds each item up to whole units: 1 KB per write unit, 4 KB per read unit. */
const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / KB));

export function estimateMonthlyCost(overrides: Partial<CostInput> = {}, prices: Prices = PRICES): CostReport {
  const input: CostInput = { ...DEFAULT_COST_INPUT, ...overrides };
  const bad = Object.entries(input).filter(([, v]) => typeof v !== 'number' || !Number.isFinite(v) || v < 0);
  if (bad.length > 0)
    throw new RangeError(`cost inputs must be non-negative numbers: ${bad.map(([k]) => k).join(', ')}`);
  if (input.sqsBatchSize < 1) throw new RangeError('sqsBatchSize must be at least 1');
  const n = input.subscribers;

  const planEmails = n * input.weeksPerMonth;
  const replies = planEmails * input.replyRate;
  const acknowledgments = replies;
  const confirmations = n * input.signupShare;
  const emailsSent = planEmails + acknowledgments + confirmations;
  const sendWeekInvocations = planEmails / input.sqsBatchSize;
  const feedbackEvents = emailsSent * input.feedbackEventsPerEmail;
  const volumes: CostVolumes = {
    planEmails,
    replies,
    acknowledgments,
    confirmations,
    emailsSent,
    sendWeekInvocations,
    feedbackEvents,
  };

  const lines: CostLine[] = [];
  const line = (service: Service, item: string, quantity: number, unit: string, unitPrice: number) =>
    lines.push({ service, item, quantity, unit, unitPrice, usd: quantity * unitPrice });

  // Lambda: duration per function, and requests.
  const dispatchGbS =
    gbSeconds(input.dispatchRunsPerMonth, input.dispatchMsPerRun, input.dispatchMemoryMb) +
    gbSeconds(planEmails, input.dispatchMsPerSubscriber, input.dispatchMemoryMb);
  line('Lambda', 'dispatch duration', dispatchGbS, 'GB-s', prices.lambdaArmGbSecond);
  line(
    'Lambda',
    'send-week duration',
    gbSeconds(planEmails, input.sendWeekMsPerEmail, input.sendWeekMemoryMb),
    'GB-s',
    prices.lambdaArmGbSecond,
  );
  line(
    'Lambda',
    'inbound duration',
    gbSeconds(replies, input.inboundMsPerReply, input.inboundMemoryMb),
    'GB-s',
    prices.lambdaArmGbSecond,
  );
  line(
    'Lambda',
    'feedback duration',
    gbSeconds(feedbackEvents, input.feedbackMsPerEvent, input.feedbackMemoryMb),
    'GB-s',
    prices.lambdaArmGbSecond,
  );
  const invocations = input.dispatchRunsPerMonth + sendWeekInvocations + replies + feedbackEvents;
  line('Lambda', 'requests', invocations, 'requests', prices.lambdaRequest);

  // DynamoDB on demand. Per plan: the dispatcher's page read (eventually consistent, 8 KB a unit, so the
  // page's items share units), the claim (week + profile in one transaction: 2 units per KB each), the
  // due-index copy moving, and the update marking the week sent.
  const profileUnits = writeUnits(input.profileItemBytes);
  const weekUnits = writeUnits(input.weekItemBytes);
  const readsPerPlan =
    input.profileItemBytes / (8 * KB) +
    input.sendExtraReadsPerEmail * Math.max(1, Math.ceil(input.profileItemBytes / (4 * KB)));
  const writesPerPlan =
    2 * (weekUnits + profileUnits) + input.dueIndexWritesPerSend * profileUnits + weekUnits;
  line('DynamoDB', 'reads: weekly sends', planEmails * readsPerPlan, 'read units', prices.dynamoReadUnit);
  line(
    'DynamoDB',
    'reads: replies and SES events',
    replies * input.inboundReadUnitsPerReply + feedbackEvents * input.feedbackReadUnitsPerEvent,
    'read units',
    prices.dynamoReadUnit,
  );
  line('DynamoDB', 'writes: weekly sends', planEmails * writesPerPlan, 'write units', prices.dynamoWriteUnit);
  line(
    'DynamoDB',
    'writes: replies',
    replies * input.inboundWriteUnitsPerReply,
    'write units',
    prices.dynamoWriteUnit,
  );
  // Storage: each item carries 100 bytes of overhead; the due index holds a second copy of each profile.
  const perSubscriberBytes =
    2 * (input.profileItemBytes + 100) +
    (input.emailItemBytes + 100) +
    input.retainedWeeks * (input.weekItemBytes + 100);
  line('DynamoDB', 'storage', (n * perSubscriberBytes) / GB, 'GB-month', prices.dynamoStorageGbMonth);

  // SQS: dispatch sends batches, Lambda's pollers receive and delete them; plus the empty polls.
  const requestsPerBatch = Math.max(1, Math.ceil((input.sqsBatchSize * input.sqsMessageBytes) / (64 * KB)));
  const batches = planEmails / input.sqsBatchSize;
  line('SQS', 'send, receive, delete', batches * requestsPerBatch * 3, 'requests', prices.sqsRequest);
  line('SQS', 'empty polls', input.sqsIdlePollRequestsPerMonth, 'requests', prices.sqsRequest);

  // SES: every email out (plans, acknowledgments, confirmations), the plans' .ics, and replies in.
  line('SES', 'emails sent', emailsSent, 'emails', prices.sesOutboundEmail);
  line('SES', 'attachments', (planEmails * input.attachmentBytes) / GB, 'GB', prices.sesAttachmentGb);
  line('SES', 'emails received', replies, 'emails', prices.sesInboundEmail);
  line(
    'SES',
    'received mail chunks',
    replies * Math.max(1, Math.ceil(input.rawReplyBytes / (256 * KB))),
    'chunks',
    prices.sesInboundChunk,
  );

  // S3: SES writes each reply, the inbound Lambda reads it, the lifecycle rule deletes it (free).
  line(
    'S3',
    'raw mail storage',
    (replies * input.rawReplyBytes * (input.rawMailRetentionDays / (365.25 / 12))) / GB,
    'GB-month',
    prices.s3StorageGbMonth,
  );
  line('S3', 'PUT requests', replies, 'requests', prices.s3PutRequest);
  line('S3', 'GET requests', replies, 'requests', prices.s3GetRequest);

  // SNS: SES publishes each sending event to the feedback topic; deliveries to Lambda are free.
  line('SNS', 'SES event publishes', feedbackEvents, 'publishes', prices.snsPublish);

  // CloudWatch Logs: platform lines per invocation and our own lines per unit of work.
  const logGb =
    (invocations * input.logBytesPerInvocation +
      planEmails * input.logBytesPerEmail +
      replies * input.logBytesPerReply +
      feedbackEvents * input.logBytesPerFeedbackEvent) /
    GB;
  line('CloudWatch Logs', 'ingestion', logGb, 'GB', prices.logsIngestionGb);
  line(
    'CloudWatch Logs',
    'storage (uncompressed, an upper bound)',
    logGb * (input.logRetentionDays / (365.25 / 12)),
    'GB-month',
    prices.logsStorageGbMonth,
  );

  const byService = Object.fromEntries(SERVICES.map((s) => [s, 0])) as Record<Service, number>;
  for (const l of lines) byService[l.service] += l.usd;
  const totalUsd = lines.reduce((sum, l) => sum + l.usd, 0);
  return {
    input,
    volumes,
    lines,
    byService,
    totalUsd,
    perSubscriberUsd: n > 0 ? totalUsd / n : 0,
    perThousandEmailsUsd: emailsSent > 0 ? (totalUsd / emailsSent) * 1000 : 0,
  };
}

/** What the estimate leaves out, and why; printed with the report. */
export const NOT_INCLUDED = [
  'free tiers (Lambda, SQS, SNS, DynamoDB storage): a real bill is lower by up to a few dollars',
  'API Gateway and the api Lambda: sign-ups and link clicks are a trickle next to the weekly sends',
  'EventBridge Scheduler (720 invocations), Secrets Manager (one secret, read at cold start), KMS, alarms',
  'data transfer: SES includes delivery; everything else stays inside the region',
  'a dedicated SES IP or Virtual Deliverability Manager, if you add them',
];

const usd = (v: number) =>
  v >= 100
    ? `$${Math.round(v).toLocaleString('en-US')}`
    : v >= 0.01
      ? `$${v.toFixed(2)}`
      : v > 0
        ? '<$0.01'
        : '$0';

function quantity(v: number): string {
  if (v >= 1e6) return `${(v / 1e6).toFixed(v >= 1e8 ? 0 : 2)}M`;
  if (v >= 1000) return `${(v / 1000).toFixed(1)}k`;
  return v >= 10 ? v.toFixed(0) : v.toFixed(2);
}

/** A price in the unit people quote it in: per one, per 1,000 or per million. */
function priceText(unitPrice: number, unit: string): string {
  const singular = unit.replace(/s$/, '');
  // Data is priced per GB (or GB-second) however small the price; counts per 1,000 or per million.
  if (unitPrice >= 0.001 || unit.startsWith('GB')) return `$${unitPrice.toPrecision(3)} per ${singular}`;
  if (unitPrice * 1000 >= 0.01) return `$${(unitPrice * 1000).toPrecision(3)} per 1,000 ${unit}`;
  return `$${(unitPrice * 1e6).toPrecision(3)} per 1M ${unit}`;
}

function assumptionValue(key: keyof CostInput, v: number): string {
  return Number.isInteger(v) ? v.toLocaleString('en-US') : key === 'weeksPerMonth' ? v.toFixed(2) : String(v);
}

/** The report as text for a terminal: lines by service, totals, then every assumption and the prices used. */
export function formatCostReport(report: CostReport): string {
  const { input, volumes } = report;
  const out: string[] = [
    `Monthly AWS cost for ${input.subscribers.toLocaleString('en-US')} subscribers (us-east-1, list prices; estimates, not quotes)`,
    '',
    `  ${quantity(volumes.planEmails)} plan emails, ${quantity(volumes.acknowledgments)} acknowledgments, ${quantity(volumes.confirmations)} confirmations, ${quantity(volumes.replies)} replies received`,
    '',
  ];
  const width = Math.max(...report.lines.map((l) => l.item.length));
  for (const service of SERVICES) {
    const lines = report.lines.filter((l) => l.service === service);
    out.push(`${service.padEnd(width + 4)}${usd(report.byService[service]).padStart(10)}`);
    for (const l of lines) {
      out.push(
        `    ${l.item.padEnd(width)}${usd(l.usd).padStart(10)}   ${quantity(l.quantity)} ${l.unit} at ${priceText(l.unitPrice, l.unit)}`,
      );
    }
  }
  out.push(
    '',
    `${'Total'.padEnd(width + 4)}${usd(report.totalUsd).padStart(10)}`,
    `  per subscriber: $${report.perSubscriberUsd.toFixed(4)} a month; per 1,000 emails sent: $${report.perThousandEmailsUsd.toFixed(3)}`,
    '',
    'Assumptions (each can be changed):',
  );
  for (const key of Object.keys(ASSUMPTION_NOTES) as (keyof CostInput)[]) {
    out.push(`  ${key} = ${assumptionValue(key, input[key])}: ${ASSUMPTION_NOTES[key]}`);
  }
  out.push(
    '',
    'Prices: us-east-1 list prices from the AWS pricing pages (Lambda, DynamoDB on-demand, SQS, SES, S3, SNS,',
    'CloudWatch), as assumed for January 2026; check them before quoting. See PRICES in bin/cost.ts.',
    '',
    'Not included:',
    ...NOT_INCLUDED.map((n) => `  - ${n}`),
  );
  return `${out.join('\n')}\n`;
}
