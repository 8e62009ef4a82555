// The coach's vocabulary: subscribers, their preferences and the weekly plan, shared by every layer.
import * as z from 'zod/mini';
import { isTimeZone } from './zoned-time';

export const UNITS = ['min', 'km', 'mi'] as const;
export type Unit = (typeof UNITS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const DEFAULT_RAMP_RATE = 0.025;

/** The largest weekly volume we accept per unit: beyond it the input is surely a typo. */
export const MAX_WEEKLY_VOLUME: Record<Unit, number> = { min: 1500, km: 250, mi: 160 };
/** The smallest weekly volume we plan from: below it there is nothing to split into runs. */
export const MIN_WEEKLY_VOLUME: Record<Unit, number> = { min: 5, km: 0.5, mi: 0.5 };

export const preferencesSchema = z
  .object({
    weeklyVolume: z.number({ error: 'must be a number' }).check(z.positive('must be a positive number')),
    unit: z.enum(UNITS, { error: 'must be one of min, km, mi' }),
    runDays: z
      .number()
      .check(z.int('must be a whole number'), z.gte(1, 'must be 1 to 7'), z.lte(7, 'must be 1 to 7')),
    timeZone: z.string().check(z.refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin')),
    sendDay: z.enum(WEEKDAYS, { error: 'must be one of mon, tue, wed, thu, fri, sat, sun' }),
    sendHour: z
      .number()
      .check(z.int('must be a whole hour'), z.gte(0, 'must be 0 to 23'), z.lte(23, 'must be 0 to 23')),
    rampRate: z._default(
      z.number().check(z.gte(0.01, 'must be 0.01 to 0.10'), z.lte(0.1, 'must be 0.01 to 0.10')),
      DEFAULT_RAMP_RATE,
    ),
    goalVolume: z.optional(z.number().check(z.positive('must be a positive number'))),
    /** The local hour the subscriber usually runs; calendar events are placed at it. */
    runHour: z._default(
      z
        .number()
        .check(z.int('must be a whole hour'), z.gte(0, 'must be 0 to 23'), z.lte(23, 'must be 0 to 23')),
      7,
    ),
  })
  .check(
    z.superRefine((p, ctx) => {
      if (p.weeklyVolume > 0 && p.weeklyVolume < MIN_WEEKLY_VOLUME[p.unit]) {
        ctx.addIssue({
          code: 'custom',
          path: ['weeklyVolume'],
          message: `must be at least ${MIN_WEEKLY_VOLUME[p.unit]} ${p.unit} a week (a few minutes of walk-run counts)`,
        });
      }
      if (p.weeklyVolume > MAX_WEEKLY_VOLUME[p.unit]) {
        ctx.addIssue({
          code: 'custom',
          path: ['weeklyVolume'],
          message: `must be at most ${MAX_WEEKLY_VOLUME[p.unit]} ${p.unit} a week`,
        });
      }
      if (p.goalVolume !== undefined && p.goalVolume <= p.weeklyVolume) {
        ctx.addIssue({
          code: 'custom',
          path: ['goalVolume'],
          message: 'must be more than weeklyVolume (leave it out to keep ramping slowly with no goal)',
        });
      }
      if (p.goalVolume !== undefined && p.goalVolume > MAX_WEEKLY_VOLUME[p.unit]) {
        ctx.addIssue({
          code: 'custom',
          path: ['goalVolume'],
          message: `must be at most ${MAX_WEEKLY_VOLUME[p.unit]} ${p.unit} a week`,
        });
      }
    }),
  );
export type Preferences = z.infer<typeof preferencesSchema>;

/** How many confirmation emails one pending address can receive while its last link is still valid. */
export function confirmCapReached(
  subscriber: Subscriber,
  max: number,
  now: Date,
  linkLifetimeMs: number,
): boolean {
  if (subscriber.status !== 'pending' || subscriber.confirmSends < max) return false;
  const last = subscriber.lastConfirmSentAt ? Date.parse(subscriber.lastConfirmSentAt) : Number.NaN;
  // Without a record of when (older profiles), or while the last link still works: capped.
  return Number.isNaN(last) || now.getTime() - last < linkLifetimeMs;
}

/** The next confirmation count: it starts again once the cap's window has passed. */
export function nextConfirmSends(
  subscriber: Subscriber,
  max: number,
  now: Date,
  linkLifetimeMs: number,
): number {
  if (subscriber.status !== 'pending') return 1;
  return subscriber.confirmSends >= max && !confirmCapReached(subscriber, max, now, linkLifetimeMs)
    ? 1
    : subscriber.confirmSends + 1;
}

export const SUBSCRIBER_STATUSES = ['pending', 'active', 'paused', 'unsubscribed', 'suppressed'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

export interface Subscriber {
  id: string;
  email: string;
  status: SubscriberStatus;
  preferences: Preferences;
  createdAt: string;
  confirmedAt?: string;
  unsubscribedAt?: string;
  /** UTC ISO instant of the next weekly send; present only while active. */
  nextSendAt?: string;
  /** Single-use secret the confirmation link must carry; removed once confirmed. */
  confirmNonce?: string;
  /** Signed up by email: the confirmation page asks for the running profile before activating. */
  needsProfile?: boolean;
  /** A pause they asked to end on its own: the Monday of the week the plan resumes (with a return week). */
  resumeAt?: string;
  /** How many confirmation emails were sent while pending (caps re-sends to one address). */
  confirmSends: number;
  /** When the last confirmation went out: the cap on re-sends lifts once that link has expired. */
  lastConfirmSentAt?: string;
  /** Soft bounces in a row; three suppress the address, a delivery resets it. */
  softBounces?: number;
  /** The SES message ids of the soft bounces in the current count, so a redelivered event is not counted twice. */
  softBounceMailIds?: string[];
  suppressedAt?: string;
  suppressedReason?: 'bounce' | 'complaint';
  /** Increments on every write, for optimistic concurrency. */
  version: number;
  /** The last weeks' plans and reports, keyed by week start: what the engine and the chart need. */
  recent?: Record<string, WeekSummary>;
}

export const DECISIONS = ['progress', 'hold', 'back-off', 'deload', 'pause', 'return', 'maintain'] as const;
export type Decision = (typeof DECISIONS)[number];

export const RUN_KINDS = ['easy', 'long', 'walk-run'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

export interface PlannedRun {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  /** Exact amount in the subscriber's unit; round only when showing it. */
  amount: number;
  kind: RunKind;
}

export interface CrossTraining {
  date: string;
  activity: string;
  minutes: number;
}

export interface StrengthExercise {
  name: string;
  sets: number;
  reps?: number;
  holdSeconds?: number;
  cue: string;
}

export interface StrengthSession {
  date: string;
  exercises: StrengthExercise[];
}

export interface Tip {
  topic: string;
  text: string;
}

export interface WeekPlan {
  /** Monday of the planned week, YYYY-MM-DD. */
  weekStart: string;
  /** 1 for the subscriber's first plan, then counting up. */
  weekNumber: number;
  decision: Decision;
  reason: string;
  unit: Unit;
  /** Exact weekly target in the subscriber's unit. */
  totalVolume: number;
  runs: PlannedRun[];
  restDays: string[];
  crossTraining: CrossTraining[];
  strength: StrengthSession[];
  tip: Tip;
  projection?: { goalVolume: number; weeksToGoal: number };
  /** The longest any single run may be this week: 110% of the longest run of the last 30 days. */
  maxSingleRun: number;
  /** During a return after a pause: which step of the return (0-based). */
  returnStep?: number;
}

export const CHANGE_KINDS = ['shoes', 'surface', 'hills', 'speed', 'more-days'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const RED_FLAGS = [
  'swelling',
  'locking',
  'giving-way',
  'cannot-bear-weight',
  'night-or-rest-pain',
  'hot-red-fever',
  'numbness-tingling',
] as const;
export type RedFlag = (typeof RED_FLAGS)[number];

export interface PainReport {
  /** 0 (none) to 10 (worst), the knee's score. */
  score: number;
  settledNextMorning: boolean;
}

/** What the subscriber told us about a week (from their reply); the latest reply for a week wins. */
export interface WeekReport {
  actualVolume?: number;
  pain?: PainReport;
  changes?: ChangeKind[];
  redFlags?: RedFlag[];
  /** True when, as of this report, they want the plan paused (asked to, or a red flag). */
  paused?: boolean;
  receivedAt: string;
}

/** What the next plans need of a past week, kept on the profile for the last weeks (no extra read per send). */
export interface WeekSummary {
  weekStart: string;
  plan: Pick<WeekPlan, 'weekNumber' | 'decision' | 'unit' | 'totalVolume' | 'runs' | 'returnStep'>;
  report?: WeekReport;
}

/** A week as stored: the plan that was sent, and later what the subscriber reported back. */
export interface WeekRecord {
  subscriberId: string;
  weekStart: string;
  plan: WeekPlan;
  status: 'claimed' | 'sent';
  claimId: string;
  claimedAt: string;
  sentAt?: string;
  messageId?: string;
  report?: WeekReport;
}
