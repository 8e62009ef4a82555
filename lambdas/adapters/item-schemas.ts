// zod schemas for the items read back from DynamoDB: stored data is input too, and is checked like any other.
import * as z from 'zod/mini';
import {
  CHANGE_KINDS,
  DECISIONS,
  preferencesSchema,
  RED_FLAGS,
  RUN_KINDS,
  SUBSCRIBER_STATUSES,
  UNITS,
} from '../domain/types';

const dateString = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const weekPlanSchema = z.object({
  weekStart: dateString,
  weekNumber: z.number().check(z.int(), z.positive()),
  decision: z.enum(DECISIONS),
  reason: z.string(),
  unit: z.enum(UNITS),
  totalVolume: z.number().check(z.nonnegative()),
  runs: z.array(
    z.object({ date: dateString, amount: z.number().check(z.nonnegative()), kind: z.enum(RUN_KINDS) }),
  ),
  restDays: z.array(dateString),
  crossTraining: z.array(z.object({ date: dateString, activity: z.string(), minutes: z.number() })),
  strength: z.array(
    z.object({
      date: dateString,
      exercises: z.array(
        z.object({
          name: z.string(),
          sets: z.number(),
          reps: z.optional(z.number()),
          holdSeconds: z.optional(z.number()),
          cue: z.string(),
        }),
      ),
    }),
  ),
  tip: z.object({ topic: z.string(), text: z.string() }),
  projection: z.optional(z.object({ goalVolume: z.number(), weeksToGoal: z.number() })),
  maxSingleRun: z.number().check(z.nonnegative()),
  returnStep: z.optional(z.number().check(z.int(), z.nonnegative())),
});

export const weekReportSchema = z.object({
  actualVolume: z.optional(z.number().check(z.nonnegative())),
  pain: z.optional(
    z.object({ score: z.number().check(z.gte(0), z.lte(10)), settledNextMorning: z.boolean() }),
  ),
  changes: z.optional(z.array(z.enum(CHANGE_KINDS))),
  redFlags: z.optional(z.array(z.enum(RED_FLAGS))),
  paused: z.optional(z.boolean()),
  receivedAt: z.string(),
});

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

export const profileItemSchema = z.object({
  id: z.string().check(z.minLength(1)),
  email: z.string().check(z.minLength(3)),
  status: z.enum(SUBSCRIBER_STATUSES),
  preferences: preferencesSchema,
  createdAt: z.string(),
  confirmedAt: z.optional(z.string()),
  unsubscribedAt: z.optional(z.string()),
  nextSendAt: z.optional(z.string()),
  confirmNonce: z.optional(z.string()),
  needsProfile: z.optional(z.boolean()),
  softBounces: z.optional(z.number().check(z.int(), z.nonnegative())),
  softBounceMailIds: z.optional(z.array(z.string())),
  suppressedAt: z.optional(z.string()),
  suppressedReason: z.optional(z.enum(['bounce', 'complaint'])),
  resumeAt: z.optional(dateString),
  confirmSends: z.number().check(z.int(), z.nonnegative()),
  lastConfirmSentAt: z.optional(z.string()),
  version: z.number().check(z.int(), z.positive()),
  recent: z.optional(z.record(dateString, weekSummarySchema)),
});

export const weekItemSchema = z.object({
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

export const emailItemSchema = z.object({ subscriberId: z.string().check(z.minLength(1)) });
