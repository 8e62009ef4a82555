// The coach's vocabulary: subscribers, their preferences and the weekly plan, shared by every layer.
import * as z from 'zod/mini';
import { isTimeZone } from './zoned-time';

export const UNITS = ['min', 'km', 'mi'] as const;
export type Unit = (typeof UNITS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const DEFAULT_RAMP_RATE = 0.025;

/** Where a runner starts: not running yet, running a little, running regularly, or back after a break. */
export const STARTS = ['new', 'some', 'regular', 'returning'] as const;
export type Start = (typeof STARTS)[number];

/** Race distances a goal can name; a custom distance is `{km}` or `{mi}`. */
export const GOAL_DISTANCES = ['5k', '10k', 'half', 'marathon'] as const;
export type NamedDistance = (typeof GOAL_DISTANCES)[number];

const isCalendarDate = (d: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

export const raceGoalSchema = z.object({
  distance: z.union([
    z.enum(GOAL_DISTANCES, { error: 'must be 5k, 10k, half, marathon, {"km": N} or {"mi": N}' }),
    z.object({ km: z.number().check(z.gte(1, 'must be 1 to 100 km'), z.lte(100, 'must be 1 to 100 km')) }),
    z.object({ mi: z.number().check(z.gte(1, 'must be 1 to 62 mi'), z.lte(62, 'must be 1 to 62 mi')) }),
  ]),
  /** The race day, YYYY-MM-DD, when there is one. */
  date: z.optional(z.string().check(z.refine(isCalendarDate, 'must be a date like 2027-05-02'))),
});
export type RaceGoal = z.infer<typeof raceGoalSchema>;

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
    /** Where they start (absent on profiles stored before it existed: read as running regularly). */
    start: z.optional(z.enum(STARTS, { error: 'must be one of new, some, regular, returning' })),
    /** A race distance, with an optional date, to plan toward. */
    goal: z.optional(raceGoalSchema),
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

export const DECISIONS = ['progress', 'hold', 'back-off', 'deload', 'pause', 'return', 'maintain'] as const;
export type Decision = (typeof DECISIONS)[number];

export const RUN_KINDS = ['easy', 'long', 'walk-run', 'race'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

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

/** What they asked of the next week: the same level again, or one week a step lighter. */
export const PLAN_REQUESTS = ['repeat-week', 'easier'] as const;
export type PlanRequest = (typeof PLAN_REQUESTS)[number];

/** A cold "above the neck" (easy runs allowed), or fever, chest or stomach (no running until it is gone). */
export const ILLNESS_KINDS = ['mild', 'systemic'] as const;
export type IllnessKind = (typeof ILLNESS_KINDS)[number];

/** Cross-training they report doing. */
export const CROSS_TRAINING_KINDS = ['bike', 'swim', 'elliptical', 'walk', 'row', 'hike', 'other'] as const;
export type CrossTrainingKind = (typeof CROSS_TRAINING_KINDS)[number];

/** A run they say they skipped: the long one, the short ones, or the run on a weekday. */
export const SKIPPED_RUNS = ['long', 'short', ...WEEKDAYS] as const;

// The stored shapes below are each defined once, as a schema, and their types derived from it: a field
// added to a type is then also kept by the read that parses it (z.object drops keys it does not know).

const dateString = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const intervalsSchema = z.object({
  repeats: z.number().check(z.int(), z.positive()),
  runMinutes: z.number().check(z.positive()),
  walkMinutes: z.number().check(z.nonnegative()),
});
export type Intervals = z.infer<typeof intervalsSchema>;

export const plannedRunSchema = z.object({
  /** Local calendar date, YYYY-MM-DD. */
  date: dateString,
  /** Exact amount in the subscriber's unit; round only when showing it. */
  amount: z.number().check(z.nonnegative()),
  kind: z.enum(RUN_KINDS),
  /** A walk-run session's intervals (its `amount` is then the running minutes only). */
  intervals: z.optional(intervalsSchema),
  /** A brisk walk before the session, and after it, in minutes. */
  warmupMinutes: z.optional(z.number().check(z.nonnegative())),
  cooldownMinutes: z.optional(z.number().check(z.nonnegative())),
});
export type PlannedRun = z.infer<typeof plannedRunSchema>;

export const crossTrainingSchema = z.object({ date: dateString, activity: z.string(), minutes: z.number() });
export type CrossTraining = z.infer<typeof crossTrainingSchema>;

export const strengthExerciseSchema = z.object({
  name: z.string(),
  sets: z.number(),
  reps: z.optional(z.number()),
  holdSeconds: z.optional(z.number()),
  cue: z.string(),
});
export type StrengthExercise = z.infer<typeof strengthExerciseSchema>;

export const strengthSessionSchema = z.object({
  date: dateString,
  exercises: z.array(strengthExerciseSchema),
});
export type StrengthSession = z.infer<typeof strengthSessionSchema>;

export const tipSchema = z.object({ topic: z.string(), text: z.string() });
export type Tip = z.infer<typeof tipSchema>;

export const weekPlanSchema = z.object({
  /** Monday of the planned week, YYYY-MM-DD. */
  weekStart: dateString,
  /** 1 for the subscriber's first plan, then counting up. */
  weekNumber: z.number().check(z.int(), z.positive()),
  decision: z.enum(DECISIONS),
  reason: z.string(),
  unit: z.enum(UNITS),
  /** Exact weekly target in the subscriber's unit. */
  totalVolume: z.number().check(z.nonnegative()),
  runs: z.array(plannedRunSchema),
  restDays: z.array(dateString),
  crossTraining: z.array(crossTrainingSchema),
  strength: z.array(strengthSessionSchema),
  tip: tipSchema,
  projection: z.optional(
    z.object({
      goalVolume: z.optional(z.number()),
      weeksToGoal: z.optional(z.number()),
      /** A race goal: when the runner will be ready for the distance under the usual rules, and if in time. */
      goal: z.optional(
        z.object({
          distanceKm: z.number(),
          raceDate: z.optional(dateString),
          readyBy: z.optional(dateString),
          onTime: z.optional(z.boolean()),
        }),
      ),
      /** The road ahead: the longest run a few weeks on, each week assumed run as planned. */
      ahead: z.optional(
        z.object({
          weeks: z.number(),
          amount: z.number(),
          kind: z.enum(RUN_KINDS),
          intervals: z.optional(intervalsSchema),
        }),
      ),
    }),
  ),
  /** The longest any single run may be this week: 110% of the longest run of the last 30 days. */
  maxSingleRun: z.number().check(z.nonnegative()),
  /** During a return after a pause: which step of the return (0-based). */
  returnStep: z.optional(z.number().check(z.int(), z.nonnegative())),
});
export type WeekPlan = z.infer<typeof weekPlanSchema>;

export const painReportSchema = z.object({
  /** 0 (none) to 10 (worst), the knee's score. */
  score: z.number().check(z.gte(0), z.lte(10)),
  settledNextMorning: z.boolean(),
});
export type PainReport = z.infer<typeof painReportSchema>;

/**
 * What they said they ran in a week, each part only when said; amounts in the unit of that week's plan.
 * `skipped` is kept as said ("skipped the long run"); what it implies is worked out when planning.
 */
export const doneSchema = z.object({
  runs: z.optional(z.number().check(z.int(), z.gte(0), z.lte(14))),
  volume: z.optional(z.number().check(z.nonnegative())),
  longestRun: z.optional(z.number().check(z.nonnegative())),
  skipped: z.optional(z.array(z.enum(SKIPPED_RUNS))),
  /** Nothing was run. */
  none: z.optional(z.boolean()),
});
export type DoneSummary = z.infer<typeof doneSchema>;

export const illnessSchema = z.object({
  /** Days ill, when said. */
  days: z.optional(z.number().check(z.int(), z.gte(1), z.lte(7))),
  /** "Most of the week", with no number of days. */
  most: z.optional(z.boolean()),
  /** Absent: not said which (planned for as the careful reading, `systemic`). */
  kind: z.optional(z.enum(ILLNESS_KINDS)),
});
export type IllnessSummary = z.infer<typeof illnessSchema>;

export const dateRangeSchema = z.object({ from: dateString, to: dateString });

/** How an activity from a watch file counts: a run, a walk, or cross-training. */
export const ACTIVITY_SPORTS = ['run', 'walk', 'cross-training'] as const;

/** The most activities kept on one week from watch files; files bringing more are counted up to it. */
export const MAX_WEEK_ACTIVITIES = 30;

/** One activity read from a watch file, kept on the week it belongs to (so the same one sent again counts once). */
export const weekActivitySchema = z.object({
  /** Its start, an ISO instant in UTC. */
  startedAt: z.string(),
  sport: z.enum(ACTIVITY_SPORTS),
  /** For walks and cross-training: the kind it counts as. */
  activity: z.optional(z.enum(CROSS_TRAINING_KINDS)),
  distanceKm: z.number().check(z.nonnegative()),
  movingMinutes: z.number().check(z.nonnegative()),
  fingerprint: z.string(),
});
export type WeekActivity = z.infer<typeof weekActivitySchema>;

/** What the subscriber told us about a week (from their reply); the latest reply for a week wins. */
export const weekReportSchema = z.object({
  /** The week's volume run, in the plan's unit (also `done.volume` when said in a reply). */
  actualVolume: z.optional(z.number().check(z.nonnegative())),
  done: z.optional(doneSchema),
  illness: z.optional(illnessSchema),
  /** Days away they named (often of a later week): those days get no run. */
  away: z.optional(z.array(dateRangeSchema)),
  /** The most days they said they can run the week after this one ("only 2 days next week"). */
  nextWeekRunDays: z.optional(z.number().check(z.int(), z.gte(1), z.lte(7))),
  /** What they asked of the next week. */
  request: z.optional(z.enum(PLAN_REQUESTS)),
  crossTraining: z.optional(
    z.array(
      z.object({
        activity: z.enum(CROSS_TRAINING_KINDS),
        minutes: z.optional(z.number().check(z.positive())),
      }),
    ),
  ),
  /**
   * The activities read from watch files sent about this week. When there are any, the amounts (done, actual
   * volume, cross-training) come from them, not from the words.
   */
  activities: z.optional(z.array(weekActivitySchema).check(z.maxLength(MAX_WEEK_ACTIVITIES))),
  pain: z.optional(painReportSchema),
  changes: z.optional(z.array(z.enum(CHANGE_KINDS))),
  redFlags: z.optional(z.array(z.enum(RED_FLAGS))),
  /** True when, as of this report, they want the plan paused (asked to, or a red flag). */
  paused: z.optional(z.boolean()),
  receivedAt: z.string(),
});
export type WeekReport = z.infer<typeof weekReportSchema>;

/** What the next plans need of a past week, kept on the profile for the last weeks (no extra read per send). */
export const weekSummarySchema = z.object({
  weekStart: dateString,
  plan: z.pick(weekPlanSchema, {
    weekNumber: true,
    decision: true,
    unit: true,
    totalVolume: true,
    runs: true,
    returnStep: true,
  }),
  report: z.optional(weekReportSchema),
});
export type WeekSummary = z.infer<typeof weekSummarySchema>;

/** The most confirmation emails one address may be allowed while its links work (the cap is a setting up to this). */
export const MAX_CONFIRM_SENDS_LIMIT = 10;

/**
 * Where a subscriber is in their life with us. A pause is not a status: it is an active subscriber whose
 * newest week is marked paused (and, for a pause that ends by itself, a `resumeAt`).
 */
export const SUBSCRIBER_STATUSES = ['pending', 'active', 'unsubscribed', 'suppressed'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

export const subscriberSchema = z.object({
  id: z.string().check(z.minLength(1)),
  email: z.string().check(z.minLength(3)),
  status: z.enum(SUBSCRIBER_STATUSES),
  preferences: preferencesSchema,
  createdAt: z.string(),
  confirmedAt: z.optional(z.string()),
  unsubscribedAt: z.optional(z.string()),
  /** UTC ISO instant of the next weekly send; present only while active. */
  nextSendAt: z.optional(z.string()),
  /** Single-use secret the newest confirmation link carries; removed once confirmed. */
  confirmNonce: z.optional(z.string()),
  /**
   * The secrets of confirmation links sent before the newest one and not yet expired, newest first: each
   * still confirms, once. Absent on profiles stored before it existed (their one link is `confirmNonce`).
   */
  earlierConfirmNonces: z.optional(
    z
      .array(z.object({ nonce: z.string(), expiresAt: z.string() }))
      .check(z.maxLength(MAX_CONFIRM_SENDS_LIMIT)),
  ),
  /** Signed up by email: the confirmation page asks for the running profile before activating. */
  needsProfile: z.optional(z.boolean()),
  /** Soft bounces in a row; three suppress the address, a delivery resets it. */
  softBounces: z.optional(z.number().check(z.int(), z.nonnegative())),
  /** The SES message ids of the soft bounces in the current count, so a redelivered event is not counted twice. */
  softBounceMailIds: z.optional(z.array(z.string())),
  suppressedAt: z.optional(z.string()),
  suppressedReason: z.optional(z.enum(['bounce', 'complaint'])),
  /** A pause they asked to end on its own: the Monday of the week the plan resumes (with a return week). */
  resumeAt: z.optional(dateString),
  /** How many confirmation emails were sent while pending (caps re-sends to one address). */
  confirmSends: z.number().check(z.int(), z.nonnegative()),
  /** When the last confirmation went out: the cap on re-sends lifts once that link has expired. */
  lastConfirmSentAt: z.optional(z.string()),
  /** Increments on every write, for optimistic concurrency. */
  version: z.number().check(z.int(), z.positive()),
  /** The last weeks' plans and reports, keyed by week start: what the engine and the chart need. */
  recent: z.optional(z.record(dateString, weekSummarySchema)),
});
export type Subscriber = z.infer<typeof subscriberSchema>;

/** A week as stored: the plan that was sent, and later what the subscriber reported back. */
export const weekRecordSchema = z.object({
  subscriberId: z.string().check(z.minLength(1)),
  weekStart: dateString,
  plan: weekPlanSchema,
  status: z.enum(['claimed', 'sent']),
  claimId: z.string(),
  claimedAt: z.string(),
  sentAt: z.optional(z.string()),
  messageId: z.optional(z.string()),
  report: z.optional(weekReportSchema),
});
export type WeekRecord = z.infer<typeof weekRecordSchema>;
