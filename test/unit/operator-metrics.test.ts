// What the use cases count for the operator (plans sent, replies and whether they were understood, red flags,
// unsubscribes, bounces, complaints), that the handlers publish it once per invocation, and what the Powertools
// adapter writes: one embedded-metric-format line, with `service` as its only dimension.
import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryMetrics } from '#adapters/memory-metrics';
import { PowertoolsMetrics } from '#adapters/powertools-metrics';
import { interpretReply } from '#domain/reply/interpret';
import type { Subscriber } from '#domain/types';
import { makeApiHandler } from '#handlers/api';
import { makeFeedbackHandler } from '#handlers/feedback';
import { makeInboundHandler } from '#handlers/inbound';
import { makeSendWeekHandler } from '#handlers/send-week';
import { lambdaMetrics } from '#lambdas/compose/index';
import { METRIC_NAMES } from '#lambdas/metric-names';
import type { Metrics } from '#lambdas/ports';
import { simulatedSesEvent, snsFeedbackEvent } from '#lib/local/ses-simulator';
import { apiEvent } from '#test/support/api-events';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';
import { type MemoryDeps, memoryDeps } from '#test/support/memory-deps';
import { handleFeedback } from '#use-cases/feedback';
import type { InboundDeps } from '#use-cases/inbound-mail';
import { signedLink } from '#use-cases/links';
import { receiveReply } from '#use-cases/reply-to-plan';
import { sendWeeklyPlan } from '#use-cases/send-week';
import { unsubscribeById } from '#use-cases/unsubscribe';

const AT = new Date('2026-11-29T17:00:00.000Z'); // Sunday 18:00 in Berlin: the first plan is due
const EMAIL = 'ana@example.com';

async function activeSubscriber(deps: MemoryDeps, id = 'anasub', email = EMAIL): Promise<Subscriber> {
  const subscriber: Subscriber = {
    id,
    email,
    status: 'active',
    preferences: BERLIN_PREFERENCES,
    createdAt: '2026-11-20T10:00:00.000Z',
    confirmedAt: '2026-11-20T10:05:00.000Z',
    nextSendAt: AT.toISOString(),
    confirmSends: 1,
    version: 1,
  };
  await deps.store.createPending(subscriber, email);
  return subscriber;
}

/** The reply use case's deps: the message is handed to it already read, so no raw mail is needed. */
function inboundDeps(deps: MemoryDeps): InboundDeps {
  return {
    ...deps,
    rawMail: { get: async () => 'missing', put: async () => {} },
    readMessage: async () => ({ error: 'not used' }),
    inbound: { requireSenderAuth: false, maxBytes: 1_000_000 },
  };
}

/** Sends the first plan, then answers it with `text`. */
async function replyWith(text: string): Promise<MemoryDeps> {
  const deps = memoryDeps({ now: () => AT });
  await activeSubscriber(deps);
  expect(await sendWeeklyPlan(deps, 'anasub', AT, 'claim-1')).toBe('sent');
  const plan = deps.sent.at(-1);
  await receiveReply(inboundDeps(deps), plan?.replyTo?.split('@')[0] ?? '', {
    from: EMAIL,
    subject: `Re: ${plan?.subject}`,
    autoReply: false,
    text,
    findings: interpretReply(text, { today: '2026-12-06' }),
  });
  return deps;
}

describe('what the use cases count', () => {
  it('counts a plan once when it goes out, not again for a duplicate delivery, nothing when none is due', async () => {
    // Prepare
    const deps = memoryDeps({ now: () => AT });
    await activeSubscriber(deps);

    // Act
    const first = await sendWeeklyPlan(deps, 'anasub', AT, 'claim-1');
    const duplicate = await sendWeeklyPlan(deps, 'anasub', AT, 'claim-2');

    // Assess
    expect([first, duplicate]).toEqual(['sent', 'not-due']);
    expect(deps.metrics.counted).toEqual({ PlansSent: 1 });
  });

  it('counts a reply with a pain score as received and understood', async () => {
    // Act
    const deps = await replyWith('knee 3/10, fine next morning');

    // Assess
    expect(deps.metrics.counted).toEqual({ PlansSent: 1, RepliesReceived: 1, RepliesUnderstood: 1 });
  });

  it('counts a reply without a score as received, and as one without a score', async () => {
    // Act
    const deps = await replyWith('Went well, thanks!');

    // Assess
    expect(deps.metrics.counted).toEqual({ PlansSent: 1, RepliesReceived: 1, RepliesWithoutScore: 1 });
  });

  it('counts a red flag beside the reply it came in', async () => {
    // Act
    const deps = await replyWith('My knee is swollen and gave way on the stairs, 6/10.');

    // Assess
    expect(deps.metrics.counted).toEqual({
      PlansSent: 1,
      RepliesReceived: 1,
      RepliesUnderstood: 1,
      RedFlags: 1,
    });
  });

  it('counts a "stop" reply as an unsubscribe, not as a report', async () => {
    // Act
    const deps = await replyWith('stop');

    // Assess
    expect(deps.metrics.counted).toEqual({ PlansSent: 1, Unsubscribes: 1 });
  });

  it('counts an unsubscribe once, however often it is asked for', async () => {
    // Prepare
    const deps = memoryDeps({ now: () => AT });
    await activeSubscriber(deps);

    // Act
    const outcomes = [await unsubscribeById(deps, 'anasub'), await unsubscribeById(deps, 'anasub')];

    // Assess
    expect(outcomes).toEqual(['unsubscribed', 'already-unsubscribed']);
    expect(deps.metrics.counted).toEqual({ Unsubscribes: 1 });
  });

  it('counts bounces (hard and soft) and complaints per recipient, and no delivery', async () => {
    // Prepare
    const deps = memoryDeps({ now: () => AT });
    await activeSubscriber(deps, 'anasub', EMAIL);
    await activeSubscriber(deps, 'bensub', 'ben@example.com');

    // Act
    await handleFeedback(deps, { kind: 'bounce', permanent: true, recipients: [EMAIL, 'ben@example.com'] });
    await handleFeedback(deps, { kind: 'bounce', permanent: false, recipients: ['cleo@example.com'] });
    await handleFeedback(deps, { kind: 'complaint', recipients: ['dan@example.com'] });
    await handleFeedback(deps, { kind: 'delivery', recipients: [EMAIL] });

    // Assess
    expect(deps.metrics.counted).toEqual({ Bounces: 3, Complaints: 1 });
  });
});

describe('the handlers publish what was counted once per invocation', () => {
  /** Metrics that remember each flush and what it held. */
  function recordingMetrics(): MemoryMetrics & { published: object[] } {
    const metrics = new MemoryMetrics() as MemoryMetrics & { published: object[] };
    metrics.published = [];
    const flush = metrics.flush.bind(metrics);
    metrics.flush = () => {
      metrics.published.push({ ...metrics.pending });
      flush();
    };
    return metrics;
  }

  it('send-week: one flush for the whole batch, with the plans it sent', async () => {
    // Prepare
    const deps = memoryDeps({ now: () => AT });
    const metrics = recordingMetrics();
    await activeSubscriber(deps, 'anasub', EMAIL);
    await activeSubscriber(deps, 'bensub', 'ben@example.com');
    const record = (id: string, subscriberId: string) => ({
      messageId: id,
      body: JSON.stringify({ subscriberId, at: AT.toISOString() }),
    });
    const event = { Records: [record('m1', 'anasub'), record('m2', 'bensub'), record('m3', 'x')] };

    // Act
    const handler = makeSendWeekHandler(async () => ({ ...deps, metrics }));
    await handler(event as unknown as SQSEvent);

    // Assess
    expect(metrics.published).toEqual([{ PlansSent: 2 }]);
  });

  it('api: flushes after the answer, and after a failure too', async () => {
    // Prepare
    const deps = memoryDeps({ now: () => AT });
    const metrics = recordingMetrics();
    const failing: Metrics & { flushes: number } = {
      flushes: 0,
      count: () => {},
      flush() {
        this.flushes += 1;
      },
    };

    // Act
    const ok = await makeApiHandler(async () => ({ ...deps, metrics }))(apiEvent('GET', '/'));
    const token = new URL(signedLink(deps.settings, '/unsubscribe', 'unsubscribe', 'anasub', AT))
      .searchParams;
    vi.spyOn(deps.store, 'get').mockRejectedValue(new Error('throttled'));
    const broken = await makeApiHandler(async () => ({ ...deps, metrics: failing }))(
      apiEvent('POST', '/unsubscribe', { query: { token: token.get('token') ?? '' } }),
    );

    // Assess
    expect(ok.statusCode).toBe(200);
    expect(metrics.published).toEqual([{}]);
    expect(broken.statusCode).toBe(500);
    expect(failing.flushes).toBe(1);
  });

  it('feedback: flushes even when the store fails and Lambda will retry the event', async () => {
    // Prepare
    const deps = memoryDeps({ now: () => AT });
    const metrics = recordingMetrics();
    vi.spyOn(deps.store, 'findIdByEmail').mockRejectedValue(new Error('throttled'));
    const handler = makeFeedbackHandler(() => ({ ...deps, metrics }));

    // Act
    const run = handler(snsFeedbackEvent(simulatedSesEvent('complaint', EMAIL)));

    // Assess
    await expect(run).rejects.toThrow('throttled');
    expect(metrics.published).toEqual([{}]);
  });

  it('feedback: publishes a complaint with the invocation that handled it', async () => {
    // Prepare
    const deps = memoryDeps({ now: () => AT });
    const metrics = recordingMetrics();
    await activeSubscriber(deps);

    // Act
    await makeFeedbackHandler(() => ({ ...deps, metrics }))(
      snsFeedbackEvent(simulatedSesEvent('complaint', EMAIL)),
    );

    // Assess
    expect(metrics.published).toEqual([{ Complaints: 1 }]);
  });

  it('inbound: flushes once for the event, and when reading the mail fails', async () => {
    // Prepare
    const deps = memoryDeps({ now: () => AT });
    const metrics = recordingMetrics();
    const failing = {
      ...inboundDeps({ ...deps, metrics }),
      rawMail: { get: () => Promise.reject(new Error('s3 down')), put: async () => {} },
    };
    const event = {
      Records: [
        {
          eventSource: 'aws:ses',
          ses: { mail: { messageId: 'msg-1' }, receipt: { recipients: ['start@reply.coach.test'] } },
        },
      ],
    };

    // Act
    const handler = makeInboundHandler(async () => ({ deps: failing, bucket: 'b', prefix: 'p/' }));

    // Assess
    await expect(handler(event)).rejects.toThrow('s3 down');
    expect(metrics.published).toEqual([{}]);
  });
});

describe('the Powertools adapter', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** What the adapter writes to stdout while `act` runs, line by line. */
  function stdoutOf(act: () => void): string[] {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    });
    act();
    vi.restoreAllMocks();
    return lines;
  }

  it('writes one EMF line per flush: the namespace, the counts, and `service` as the only dimension', () => {
    // Prepare
    const metrics = new PowertoolsMetrics({ namespace: 'KneeCoachTest', service: 'knee-coach' });

    // Act
    const lines = stdoutOf(() => {
      metrics.count('PlansSent');
      metrics.count('PlansSent');
      metrics.count('Bounces', 3);
      metrics.flush();
    });

    // Assess
    expect(lines).toHaveLength(1);
    const emf = JSON.parse(lines[0] as string);
    expect(emf._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'KneeCoachTest',
        Dimensions: [['service']],
        Metrics: [
          { Name: 'PlansSent', Unit: 'Count' },
          { Name: 'Bounces', Unit: 'Count' },
        ],
      },
    ]);
    // One figure per metric and flush, however often it was counted.
    expect(emf).toMatchObject({ service: 'knee-coach', PlansSent: 2, Bounces: 3 });
    // Nothing else rides along: no id, address or text of anyone.
    expect(Object.keys(emf).sort()).toEqual(['Bounces', 'PlansSent', '_aws', 'service']);
  });

  it('writes nothing, not even a warning, when nothing was counted; a flush starts afresh', () => {
    // Prepare
    const metrics = new PowertoolsMetrics({ namespace: 'KneeCoachTest', service: 'knee-coach' });
    const warn = vi.spyOn(console, 'warn');

    // Act
    const empty = stdoutOf(() => metrics.flush());
    const twice = stdoutOf(() => {
      metrics.count('Unsubscribes');
      metrics.flush();
      metrics.flush();
    });

    // Assess
    expect(empty).toEqual([]);
    expect(twice).toHaveLength(1);
    expect(JSON.parse(twice[0] as string).Unsubscribes).toBe(1);
    expect(warn).not.toHaveBeenCalled();
  });

  it('takes the namespace the stack sets, and falls back to KneeCoach', () => {
    // Act
    const named = stdoutOf(() => {
      const metrics = lambdaMetrics({ POWERTOOLS_METRICS_NAMESPACE: 'KneeCoachStaging' });
      metrics.count('RedFlags');
      metrics.flush();
    });
    const unnamed = stdoutOf(() => {
      const metrics = lambdaMetrics({});
      metrics.count('RedFlags');
      metrics.flush();
    });

    // Assess
    const namespaceOf = (line: string | undefined) =>
      JSON.parse(line ?? '{}')._aws.CloudWatchMetrics[0].Namespace as string;
    expect(namespaceOf(named[0])).toBe('KneeCoachStaging');
    expect(namespaceOf(unnamed[0])).toBe('KneeCoach');
  });

  it('knows every metric the dashboard shows', () => {
    // Prepare
    const metrics = new PowertoolsMetrics({ namespace: 'KneeCoachTest', service: 'knee-coach' });

    // Act
    const lines = stdoutOf(() => {
      for (const name of METRIC_NAMES) metrics.count(name);
      metrics.flush();
    });

    // Assess
    const emf = JSON.parse(lines[0] as string);
    expect(emf._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name)).toEqual(METRIC_NAMES);
  });
});
