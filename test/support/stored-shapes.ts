// fast-check generators of stored shapes: every field of a subscriber, each present or left out.
import fc from 'fast-check';
import {
  CHANGE_KINDS,
  CROSS_TRAINING_KINDS,
  DECISIONS,
  ILLNESS_KINDS,
  PLAN_REQUESTS,
  RED_FLAGS,
  RUN_KINDS,
  SKIPPED_RUNS,
  SUBSCRIBER_STATUSES,
  type Subscriber,
  UNITS,
  WEEKDAYS,
  type WeekReport,
  type WeekSummary,
} from '#domain/types';

const date = fc
  .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const instant = fc
  .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
/** Amounts as stored: non-negative, a few decimals (the store keeps them exactly). */
const amount = fc.integer({ min: 0, max: 20_000 }).map((n) => n / 100);
const text = fc.string({ minLength: 1, maxLength: 12 });

const preferences = fc.record(
  {
    weeklyVolume: fc.integer({ min: 20, max: 100 }),
    unit: fc.constant('km' as const),
    runDays: fc.integer({ min: 1, max: 7 }),
    timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'),
    sendDay: fc.constantFrom(...WEEKDAYS),
    sendHour: fc.integer({ min: 0, max: 23 }),
    rampRate: fc.integer({ min: 1, max: 10 }).map((n) => n / 100),
    goalVolume: fc.integer({ min: 101, max: 250 }),
    runHour: fc.integer({ min: 0, max: 23 }),
  },
  {
    requiredKeys: [
      'weeklyVolume',
      'unit',
      'runDays',
      'timeZone',
      'sendDay',
      'sendHour',
      'rampRate',
      'runHour',
    ],
  },
);

const report: fc.Arbitrary<WeekReport> = fc.record(
  {
    actualVolume: amount,
    pain: fc.record({ score: fc.integer({ min: 0, max: 10 }), settledNextMorning: fc.boolean() }),
    changes: fc.uniqueArray(fc.constantFrom(...CHANGE_KINDS), { minLength: 1 }),
    redFlags: fc.uniqueArray(fc.constantFrom(...RED_FLAGS), { minLength: 1 }),
    paused: fc.boolean(),
    receivedAt: instant,
    done: fc.record(
      {
        runs: fc.integer({ min: 0, max: 14 }),
        volume: amount,
        longestRun: amount,
        skipped: fc.uniqueArray(fc.constantFrom(...SKIPPED_RUNS), { minLength: 1 }),
        none: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    illness: fc.record(
      { days: fc.integer({ min: 1, max: 7 }), kind: fc.constantFrom(...ILLNESS_KINDS) },
      { requiredKeys: [] },
    ),
    away: fc.array(fc.record({ from: date, to: date }), { minLength: 1, maxLength: 3 }),
    nextWeekRunDays: fc.integer({ min: 1, max: 7 }),
    request: fc.constantFrom(...PLAN_REQUESTS),
    crossTraining: fc.array(
      fc.record(
        { activity: fc.constantFrom(...CROSS_TRAINING_KINDS), minutes: fc.integer({ min: 1, max: 300 }) },
        { requiredKeys: ['activity'] },
      ),
      { minLength: 1, maxLength: 3 },
    ),
  },
  { requiredKeys: ['receivedAt'] },
);

const summary = (weekStart: string): fc.Arbitrary<WeekSummary> =>
  fc.record(
    {
      weekStart: fc.constant(weekStart),
      plan: fc.record(
        {
          weekNumber: fc.integer({ min: 1, max: 500 }),
          decision: fc.constantFrom(...DECISIONS),
          unit: fc.constantFrom(...UNITS),
          totalVolume: amount,
          runs: fc.array(fc.record({ date, amount, kind: fc.constantFrom(...RUN_KINDS) }), { maxLength: 4 }),
          returnStep: fc.integer({ min: 0, max: 3 }),
        },
        { requiredKeys: ['weekNumber', 'decision', 'unit', 'totalVolume', 'runs'] },
      ),
      report,
    },
    { requiredKeys: ['weekStart', 'plan'] },
  );

const recent = fc
  .uniqueArray(date, { maxLength: 3 })
  .chain((weeks) => fc.tuple(...weeks.map(summary)))
  .map((summaries) => Object.fromEntries(summaries.map((s) => [s.weekStart, s])));

/**
 * Subscribers with any of the optional fields. A stored profile keeps `nextSendAt` only while active (the
 * store drops it otherwise), so only active ones get one.
 */
export function arbitrarySubscriber(id: fc.Arbitrary<string>): fc.Arbitrary<Subscriber> {
  return fc
    .record(
      {
        id,
        email: fc.emailAddress(),
        status: fc.constantFrom(...SUBSCRIBER_STATUSES),
        preferences,
        createdAt: instant,
        confirmedAt: instant,
        unsubscribedAt: instant,
        nextSendAt: instant,
        confirmNonce: text,
        earlierConfirmNonces: fc.array(fc.record({ nonce: text, expiresAt: instant }), { maxLength: 3 }),
        needsProfile: fc.boolean(),
        softBounces: fc.integer({ min: 0, max: 3 }),
        softBounceMailIds: fc.array(text, { maxLength: 3 }),
        suppressedAt: instant,
        suppressedReason: fc.constantFrom('bounce' as const, 'complaint' as const),
        resumeAt: date,
        confirmSends: fc.integer({ min: 0, max: 5 }),
        lastConfirmSentAt: instant,
        version: fc.integer({ min: 1, max: 1000 }),
        recent,
      },
      { requiredKeys: ['id', 'email', 'status', 'preferences', 'createdAt', 'confirmSends', 'version'] },
    )
    .map((s) => {
      if (s.status === 'active') return s;
      const { nextSendAt: _dropped, ...rest } = s;
      return rest;
    });
}
