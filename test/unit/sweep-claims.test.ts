// No week is dropped: a week claimed and never sent (its worker killed, its message lost or parked in the
// dead-letter queue) is found by the next dispatch's sweep once the stale window has passed and sent exactly
// once, through the real dispatch and send-week handlers over the in-memory store.
import type { SQSEvent } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Subscriber } from '#domain/types';
import { makeDispatchHandler } from '#handlers/dispatch';
import { makeSendWeekHandler } from '#handlers/send-week';
import { dispatchDepsOf } from '#lambdas/compose/index';
import type { SendWeekMessage } from '#lambdas/ports';
import { BERLIN_PREFERENCES } from '#test/support/fixtures';
import { type MemoryDeps, memoryDeps } from '#test/support/memory-deps';
import { resumeClaimedWeek } from '#use-cases/send-week';
import { sweepOpenClaims } from '#use-cases/sweep-claims';

// Sunday 6 December 2026, 18:00 in Berlin: the plan for the week of Monday 7 December is due.
const AT = new Date('2026-12-06T17:00:00.000Z');
const WEEK = '2026-12-07';
const STALE_MS = 15 * 60_000;

/** What happened to a subscriber's message in the first run. */
type Fate = 'ok' | 'killed-after-claim' | 'parked' | 'lost-before-claim';

function activeSubscriber(id: string): Subscriber {
  return {
    id,
    email: `${id}@example.com`,
    status: 'active',
    preferences: BERLIN_PREFERENCES,
    createdAt: '2026-11-20T10:00:00.000Z',
    confirmedAt: '2026-11-20T10:05:00.000Z',
    nextSendAt: AT.toISOString(),
    confirmSends: 1,
    version: 1,
  };
}

interface World {
  deps: MemoryDeps;
  setNow(ms: number): void;
  queued: SendWeekMessage[];
  /** Sends that fail with an error, by subscriber id (the mailer refuses them). */
  failing: Set<string>;
  /** Sends that never return, by subscriber id: the worker froze or was killed mid-send. */
  hanging: Set<string>;
}

function world(): World {
  let now = AT.getTime();
  const deps = memoryDeps({ now: () => new Date(now) });
  deps.settings.staleClaimMs = STALE_MS;
  const failing = new Set<string>();
  const hanging = new Set<string>();
  const inner = deps.mailer;
  deps.mailer = {
    async send(email) {
      const id = email.to.replace(/@example\.com$/, '');
      if (hanging.has(id)) return new Promise<string>(() => undefined);
      if (failing.has(id)) throw new Error('SES throttled');
      return inner.send(email);
    },
  };
  return { deps, setNow: (ms) => (now = ms), queued: [], failing, hanging };
}

function dispatcher(w: World) {
  return makeDispatchHandler(() =>
    dispatchDepsOf(w.deps, { enqueue: async (messages) => void w.queued.push(...messages) }),
  );
}

// A message keeps its id across redeliveries, as on SQS (the same object queued again is a redelivery).
const messageIds = new WeakMap<SendWeekMessage, string>();
let messageCount = 0;
function sqsEvent(messages: SendWeekMessage[]): SQSEvent {
  const idOf = (m: SendWeekMessage) => {
    const id = messageIds.get(m) ?? `m-${++messageCount}`;
    messageIds.set(m, id);
    return id;
  };
  return {
    Records: messages.map((m) => ({ messageId: idOf(m), body: JSON.stringify(m) })),
  } as unknown as SQSEvent;
}

const sendWeek = (w: World) => makeSendWeekHandler(async () => w.deps);

/** Delivers every queued message once; returns the ids whose delivery failed. */
async function deliverAll(w: World): Promise<string[]> {
  const messages = w.queued.splice(0);
  const result = await sendWeek(w)(sqsEvent(messages));
  return (result?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
}

const emailsTo = (w: World, id: string) => w.deps.sent.filter((e) => e.to === `${id}@example.com`).length;

/**
 * The first run as each fate has it: ok is delivered; killed-after-claim claims and its worker never comes
 * back (the send never returns, and its message is gone with it); parked fails every delivery until the
 * dead-letter queue takes it; lost-before-claim never reaches a worker.
 */
async function firstRun(w: World, fates: Map<string, Fate>): Promise<void> {
  await dispatcher(w)({ at: AT.toISOString() });
  const messages = w.queued.splice(0);
  for (const message of messages) {
    const fate = fates.get(message.subscriberId);
    if (fate === 'lost-before-claim') continue;
    if (fate === 'killed-after-claim') {
      w.hanging.add(message.subscriberId);
      void sendWeek(w)(sqsEvent([message]));
      for (let i = 0; i < 100 && !(await w.deps.store.getWeek(message.subscriberId, WEEK)); i++) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      w.hanging.delete(message.subscriberId);
      continue;
    }
    if (fate === 'parked') w.failing.add(message.subscriberId);
    const attempts = fate === 'parked' ? 5 : 1;
    for (let i = 0; i < attempts; i++) {
      w.queued.push(message);
      await deliverAll(w);
    }
    if (fate === 'parked') w.failing.delete(message.subscriberId);
  }
}

describe('the sweep of unsent claimed weeks', () => {
  it('sends a killed or parked week exactly once after the stale window, and not before', async () => {
    // Prepare
    const w = world();
    const fates = new Map<string, Fate>([
      ['okaysub', 'ok'],
      ['killsub', 'killed-after-claim'],
      ['parksub', 'parked'],
      ['lostsub', 'lost-before-claim'],
    ]);
    for (const id of fates.keys())
      await w.deps.store.createPending(activeSubscriber(id), `${id}@example.com`);
    await firstRun(w, fates);
    expect([...fates.keys()].map((id) => emailsTo(w, id))).toEqual([1, 0, 0, 0]);

    // Act: a run within the window leaves the killed worker's claim alone (it may still be at it) ...
    w.setNow(AT.getTime() + STALE_MS - 1000);
    const early = await dispatcher(w)({ at: AT.toISOString() });
    await deliverAll(w);
    const afterEarly = [...fates.keys()].map((id) => emailsTo(w, id));
    // ... the next after it finishes them.
    w.setNow(AT.getTime() + STALE_MS + 1000);
    const late = await dispatcher(w)({ at: AT.toISOString() });
    await deliverAll(w);
    const again = await dispatcher(w)({ at: AT.toISOString() });
    await deliverAll(w);

    // Assess
    // The parked week's failed sends marked its claim stale at once (nothing went out), so the first sweep
    // takes it; the never-claimed one is still due, so the due index finds it.
    expect(early).toMatchObject({ resumed: 1, enqueued: 1 });
    expect(afterEarly).toEqual([1, 0, 1, 1]);
    // The killed worker's claim is left to it until the window has passed.
    expect(late).toMatchObject({ resumed: 1, enqueued: 0 });
    expect([...fates.keys()].map((id) => emailsTo(w, id))).toEqual([1, 1, 1, 1]);
    expect(again).toMatchObject({ resumed: 0, enqueued: 0 });
    expect(await w.deps.store.queryOpenClaims(0, '9999')).toEqual({ items: [] });
    for (const id of fates.keys()) {
      expect((await w.deps.store.getWeek(id, WEEK))?.status).toBe('sent');
    }
    expect(w.deps.logged).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'unsent claimed weeks queued again',
        fields: expect.objectContaining({ requeued: 1 }),
      }),
    );
  });

  it('sends each subscriber exactly one email, whatever happened to their messages', async () => {
    const fate = fc.constantFrom<Fate>('ok', 'killed-after-claim', 'parked', 'lost-before-claim');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fate, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 3 }),
        async (fateList, sweeps) => {
          const w = world();
          const fates = new Map(fateList.map((f, i) => [`sub${String.fromCharCode(97 + i)}`, f] as const));
          for (const id of fates.keys()) {
            await w.deps.store.createPending(activeSubscriber(id), `${id}@example.com`);
          }
          await firstRun(w, fates);
          // Any number of later runs, each after the window; the sweep and a late redelivery may race.
          for (let i = 1; i <= sweeps; i++) {
            w.setNow(AT.getTime() + i * (STALE_MS + 60_000));
            await dispatcher(w)({ at: AT.toISOString() });
            const duplicate = [...w.queued];
            await deliverAll(w);
            w.queued.push(...duplicate);
            await deliverAll(w);
          }
          for (const id of fates.keys()) expect(emailsTo(w, id)).toBe(1);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps sweeping a week whose send keeps failing, and sends it once it can', async () => {
    const w = world();
    await w.deps.store.createPending(activeSubscriber('flaky'), 'flaky@example.com');
    w.failing.add('flaky');
    await firstRun(w, new Map([['flaky', 'ok']]));

    w.setNow(AT.getTime() + STALE_MS + 1000);
    await dispatcher(w)({ at: AT.toISOString() });
    const failed = await deliverAll(w);
    w.failing.delete('flaky');
    w.setNow(AT.getTime() + 2 * (STALE_MS + 1000));
    const retried = await dispatcher(w)({ at: AT.toISOString() });
    await deliverAll(w);

    expect(failed).toHaveLength(1);
    expect(retried.resumed).toBe(1);
    expect(emailsTo(w, 'flaky')).toBe(1);
  });
});

describe('resuming a claimed week', () => {
  async function claimedAndLeft(): Promise<World> {
    const w = world();
    await w.deps.store.createPending(activeSubscriber('leftsub'), 'leftsub@example.com');
    await firstRun(w, new Map([['leftsub', 'killed-after-claim']]));
    w.setNow(AT.getTime() + STALE_MS + 1000);
    return w;
  }

  it('releases, without sending, the week of someone who unsubscribed meanwhile', async () => {
    const w = await claimedAndLeft();
    const profile = await w.deps.store.get('leftsub');
    if (!profile) throw new Error('no profile');
    await w.deps.store.update(
      { ...profile, status: 'unsubscribed', version: profile.version + 1 },
      profile.version,
    );

    const outcome = await resumeClaimedWeek(w.deps, 'leftsub', WEEK, AT, 'sweep-1');
    const next = await dispatcher(w)({ at: AT.toISOString() });

    expect(outcome).toBe('claim-released');
    expect(emailsTo(w, 'leftsub')).toBe(0);
    expect(next.resumed).toBe(0);
    expect(w.deps.logged).toContainEqual(
      expect.objectContaining({
        message: 'unsent claimed week released',
        fields: expect.objectContaining({ reason: 'not-active' }),
      }),
    );
  });

  it('releases a week that is over instead of sending a stale plan', async () => {
    const w = await claimedAndLeft();

    const tenDaysOn = new Date(AT.getTime() + 10 * 86_400_000);
    const outcome = await resumeClaimedWeek(w.deps, 'leftsub', WEEK, tenDaysOn, 'sweep-1');

    expect(outcome).toBe('claim-released');
    expect(emailsTo(w, 'leftsub')).toBe(0);
    expect((await w.deps.store.queryOpenClaims(0, '9999')).items).toEqual([]);
  });

  it('leaves a claim taken over by another worker to it, and a sent week alone', async () => {
    const w = await claimedAndLeft();
    const week = await w.deps.store.getWeek('leftsub', WEEK);
    if (!week) throw new Error('no week');
    const now = w.deps.clock.now().toISOString();
    await w.deps.store.takeOverClaim('leftsub', WEEK, week.claimedAt, 'other-worker', now);

    const whileOthers = await resumeClaimedWeek(w.deps, 'leftsub', WEEK, AT, 'sweep-1');
    await w.deps.store.markWeekSent('leftsub', WEEK, 'msg-x', now);
    const afterSent = await resumeClaimedWeek(w.deps, 'leftsub', WEEK, AT, 'sweep-2');

    expect(whileOthers).toBe('not-due');
    expect(afterSent).toBe('already-sent');
    expect(emailsTo(w, 'leftsub')).toBe(0);
  });

  it('sends once when two resumes of the same claim race', async () => {
    const w = await claimedAndLeft();

    const outcomes = await Promise.all([
      resumeClaimedWeek(w.deps, 'leftsub', WEEK, AT, 'sweep-a'),
      resumeClaimedWeek(w.deps, 'leftsub', WEEK, AT, 'sweep-b'),
    ]);

    expect(outcomes.sort()).toEqual(['already-sent', 'sent']);
    expect(emailsTo(w, 'leftsub')).toBe(1);
  });

  it('queues nothing when no claim is older than the window', async () => {
    const w = await claimedAndLeft();
    w.setNow(AT.getTime() + 60_000);

    const requeued = await sweepOpenClaims(
      {
        store: w.deps.store,
        queue: { enqueue: async (m) => void w.queued.push(...m) },
        log: w.deps.log,
        clock: w.deps.clock,
        dueShards: 4,
        staleClaimMs: STALE_MS,
      },
      AT,
    );

    expect(requeued).toBe(0);
    expect(w.queued).toEqual([]);
  });
});
