// Tests for the cost arithmetic in bin/cost.ts: linearity, each assumption moving its own lines, totals adding up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ASSUMPTION_NOTES,
  type CostInput,
  type CostReport,
  DEFAULT_COST_INPUT,
  estimateMonthlyCost,
  formatCostReport,
  PRICES,
  type Prices,
  SERVICES,
} from '#bin/cost';

const lineUsd = (report: CostReport, item: string): number => {
  const line = report.lines.find((l) => l.item === item);
  if (!line) throw new Error(`no line "${item}"`);
  return line.usd;
};

/** The items whose cost differs between two reports. */
function changedItems(a: CostReport, b: CostReport): string[] {
  return a.lines.filter((l, i) => Math.abs(l.usd - (b.lines[i]?.usd ?? 0)) > 1e-12).map((l) => l.item);
}

/** Every price 1: the tests are about quantities, not about what AWS charges. */
const UNIT_PRICES = Object.fromEntries(Object.keys(PRICES).map((k) => [k, 1])) as unknown as Prices;

// The parts that do not grow with the list: the hourly runs (their requests, time and log lines) and the
// pollers' empty receives.
const NO_FIXED_COSTS: Partial<CostInput> = { dispatchRunsPerMonth: 0, sqsIdlePollRequestsPerMonth: 0 };

describe('estimateMonthlyCost', () => {
  it('grows linearly with subscribers once the fixed costs are set aside', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 2, max: 20 }), (n, k) => {
        const one = estimateMonthlyCost({ ...NO_FIXED_COSTS, subscribers: n });
        const many = estimateMonthlyCost({ ...NO_FIXED_COSTS, subscribers: n * k });
        expect(many.totalUsd).toBeCloseTo(one.totalUsd * k, 6);
        many.lines.forEach((line, i) => {
          expect(line.usd).toBeCloseTo((one.lines[i]?.usd ?? 0) * k, 6);
        });
      }),
    );
  });

  it('with the fixed costs, adds the same amount for every further subscriber (affine)', () => {
    const at = (subscribers: number) => estimateMonthlyCost({ subscribers }).totalUsd;
    expect(at(2_000_000) - at(1_000_000)).toBeCloseTo(at(3_000_000) - at(2_000_000), 6);
    // With nobody on the list, only the hourly runs cost anything: their time, requests, polls and logs.
    const empty = estimateMonthlyCost({ subscribers: 0 });
    expect(empty.lines.filter((l) => l.usd > 0).map((l) => l.item)).toEqual([
      'dispatch duration',
      'requests',
      'empty polls',
      'ingestion',
      'storage (uncompressed, an upper bound)',
    ]);
  });

  it('adds up: lines to services, services to the total, and the per-unit figures', () => {
    const report = estimateMonthlyCost({ subscribers: 123_456 });
    const sum = report.lines.reduce((s, l) => s + l.usd, 0);
    expect(report.totalUsd).toBeCloseTo(sum, 9);
    expect(SERVICES.reduce((s, svc) => s + report.byService[svc], 0)).toBeCloseTo(report.totalUsd, 9);
    for (const line of report.lines) expect(line.usd).toBeCloseTo(line.quantity * line.unitPrice, 12);
    expect(report.perSubscriberUsd).toBeCloseTo(report.totalUsd / 123_456, 12);
    expect(report.perThousandEmailsUsd).toBeCloseTo((report.totalUsd / report.volumes.emailsSent) * 1000, 12);
  });

  it('counts the emails: weekly plans, an acknowledgment per reply, a confirmation per sign-up', () => {
    const report = estimateMonthlyCost({
      subscribers: 1000,
      weeksPerMonth: 4,
      replyRate: 0.25,
      signupShare: 0.1,
    });
    expect(report.volumes).toMatchObject({
      planEmails: 4000,
      replies: 1000,
      acknowledgments: 1000,
      confirmations: 100,
      emailsSent: 5100,
      sendWeekInvocations: 400,
    });
    const line = report.lines.find((l) => l.item === 'emails sent');
    expect(line?.quantity).toBe(5100);
  });

  it('prices DynamoDB per send as one page share, a two-item transaction, the index move and one update', () => {
    // 1 KB items: the claim is 2 × (1 + 1) units, the due-index move 2 × 1, marking the week sent 1.
    const report = estimateMonthlyCost(
      {
        subscribers: 1,
        weeksPerMonth: 1,
        profileItemBytes: 1024,
        weekItemBytes: 1024,
        dueIndexWritesPerSend: 2,
      },
      UNIT_PRICES,
    );
    expect(lineUsd(report, 'writes: weekly sends')).toBe(7);
    // A profile read eventually consistently in a page: 1 KB of an 8 KB unit.
    expect(lineUsd(report, 'reads: weekly sends')).toBeCloseTo(1 / 8, 12);
    // 1.5 KB rounds up to 2 units per item.
    const bigger = estimateMonthlyCost(
      {
        subscribers: 1,
        weeksPerMonth: 1,
        profileItemBytes: 1536,
        weekItemBytes: 1536,
        dueIndexWritesPerSend: 2,
      },
      UNIT_PRICES,
    );
    expect(lineUsd(bigger, 'writes: weekly sends')).toBe(14);
  });

  it('sizes storage from items, their overhead, the index copy and the retained weeks', () => {
    const report = estimateMonthlyCost(
      {
        subscribers: 1024 ** 3 / 1000,
        profileItemBytes: 100,
        emailItemBytes: 100,
        weekItemBytes: 100,
        retainedWeeks: 3,
      },
      UNIT_PRICES,
    );
    // 2 × (100 + 100) + (100 + 100) + 3 × (100 + 100) = 1,200 bytes a subscriber.
    expect(lineUsd(report, 'storage')).toBeCloseTo(1.2, 9);
  });

  it('counts SQS requests per batch of ten, three kinds, and 64 KB chunks', () => {
    const base = { subscribers: 100, weeksPerMonth: 1, sqsBatchSize: 10 };
    const small = estimateMonthlyCost({ ...base, sqsMessageBytes: 1000 }, UNIT_PRICES);
    expect(lineUsd(small, 'send, receive, delete')).toBe(30);
    const large = estimateMonthlyCost({ ...base, sqsMessageBytes: 10_000 }, UNIT_PRICES);
    expect(lineUsd(large, 'send, receive, delete')).toBe(60);
  });

  const cases: [keyof CostInput, number, string[]][] = [
    ['sendWeekMsPerEmail', 300, ['send-week duration']],
    ['sendWeekMemoryMb', 1024, ['send-week duration']],
    ['dispatchMsPerSubscriber', 1, ['dispatch duration']],
    ['dispatchMsPerRun', 1000, ['dispatch duration']],
    ['inboundMsPerReply', 900, ['inbound duration']],
    ['feedbackMsPerEvent', 80, ['feedback duration']],
    ['attachmentBytes', 10_000, ['attachments']],
    ['rawReplyBytes', 30_000, ['raw mail storage']],
    ['rawMailRetentionDays', 7, ['raw mail storage']],
    ['retainedWeeks', 10, ['storage']],
    ['sqsIdlePollRequestsPerMonth', 0, ['empty polls']],
    ['inboundWriteUnitsPerReply', 2, ['writes: replies']],
    ['inboundReadUnitsPerReply', 9, ['reads: replies and SES events']],
    ['feedbackReadUnitsPerEvent', 5, ['reads: replies and SES events']],
    ['sendExtraReadsPerEmail', 1, ['reads: weekly sends']],
    ['dueIndexWritesPerSend', 0, ['writes: weekly sends']],
    ['weekItemBytes', 5000, ['writes: weekly sends', 'storage']],
    ['logRetentionDays', 90, ['storage (uncompressed, an upper bound)']],
    ['logBytesPerEmail', 1000, ['ingestion', 'storage (uncompressed, an upper bound)']],
  ];
  it.each(cases)('changing %s moves only its own lines', (key, value, expected) => {
    const base = estimateMonthlyCost();
    const changed = estimateMonthlyCost({ [key]: value });
    expect(changed.input[key]).toBe(value);
    expect(changedItems(base, changed).sort()).toEqual([...expected].sort());
  });

  it('a higher reply rate costs more in exactly the reply-driven lines', () => {
    const base = estimateMonthlyCost();
    const chatty = estimateMonthlyCost({ replyRate: DEFAULT_COST_INPUT.replyRate * 2 });
    const moved = changedItems(base, chatty);
    for (const item of [
      'inbound duration',
      'emails received',
      'received mail chunks',
      'PUT requests',
      'GET requests',
    ]) {
      expect(moved).toContain(item);
    }
    expect(moved).toContain('emails sent'); // the acknowledgments
    for (const item of ['send-week duration', 'dispatch duration', 'writes: weekly sends', 'attachments']) {
      expect(moved).not.toContain(item);
    }
    for (const item of moved) expect(lineUsd(chatty, item)).toBeGreaterThan(lineUsd(base, item));
  });

  it('a bigger SQS batch means fewer send-week invocations and queue requests, nothing else per email', () => {
    const base = estimateMonthlyCost({ sqsBatchSize: 5, sqsMessageBytes: 1000 });
    const bigger = estimateMonthlyCost({ sqsBatchSize: 10, sqsMessageBytes: 1000 });
    expect(bigger.volumes.sendWeekInvocations).toBeCloseTo(base.volumes.sendWeekInvocations / 2, 6);
    expect(lineUsd(bigger, 'send, receive, delete')).toBeCloseTo(
      lineUsd(base, 'send, receive, delete') / 2,
      9,
    );
    expect(lineUsd(bigger, 'send-week duration')).toBe(lineUsd(base, 'send-week duration'));
  });

  it('refuses negative or non-numeric assumptions, and a batch size below one', () => {
    expect(() => estimateMonthlyCost({ subscribers: -1 })).toThrow(/subscribers/);
    expect(() => estimateMonthlyCost({ replyRate: Number.NaN })).toThrow(/replyRate/);
    expect(() => estimateMonthlyCost({ sqsBatchSize: 0 })).toThrow(/sqsBatchSize/);
  });

  it('documents every assumption', () => {
    expect(Object.keys(ASSUMPTION_NOTES).sort()).toEqual(Object.keys(DEFAULT_COST_INPUT).sort());
  });
});

describe('formatCostReport', () => {
  it('shows each service, the total, and every assumption with its value', () => {
    const report = estimateMonthlyCost({ subscribers: 1_000_000 });
    const text = formatCostReport(report);
    expect(text).toContain('1,000,000 subscribers');
    for (const service of SERVICES) expect(text).toMatch(new RegExp(`^${service} `, 'm'));
    expect(text).toMatch(/^Total\s+\$[\d,]+$/m);
    for (const key of Object.keys(ASSUMPTION_NOTES)) expect(text).toContain(`  ${key} = `);
    expect(text).toContain('replyRate = 0.3');
    expect(text).toMatch(/assumed/);
  });
});
