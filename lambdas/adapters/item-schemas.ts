// zod schemas for the items read back from DynamoDB: stored data is input too, and is checked like any other.
import * as z from 'zod';
import {
  CHANGE_KINDS,
  DECISIONS,
  preferencesSchema,
  RED_FLAGS,
  RUN_KINDS,
  SUBSCRIBER_STATUSES,
  UNITS,
} from '../domain/types';

const dateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const weekPlanSchema = z.object({
  weekStart: dateString,
  weekNumber: z.number().int().positive(),
  decision: z.enum(DECISIONS),
  reason: z.string(),
  unit: z.enum(UNITS),
  totalVolume: z.number().nonnegative(),
  runs: z.array(z.object({ date: dateString, amount: z.number().nonnegative(), kind: z.enum(RUN_KINDS) })),
  restDays: z.array(dateString),
  crossTraining: z.array(z.object({ date: dateString, activity: z.string(), minutes: z.number() })),
  strength: z.array(
    z.object({
      date: dateString,
      exercises: z.array(
        z.object({
          name: z.string(),
          sets: z.number(),
          reps: z.number().optional(),
          holdSeconds: z.number().optional(),
          cue: z.string(),
        }),
      ),
    }),
  ),
  tip: z.object({ topic: z.string(), text: z.string() }),
  projection: z.object({ goalVolume: z.number(), weeksToGoal: z.number() }).optional(),
  maxSingleRun: z.number().nonnegative(),
  returnStep: z.number().int().nonnegative().optional(),
});

export const weekReportSchema = z.object({
  actualVolume: z.number().nonnegative().optional(),
  pain: z.object({ score: z.number().min(0).max(10), settledNextMorning: z.boolean() }).optional(),
  changes: z.array(z.enum(CHANGE_KINDS)).optional(),
  redFlags: z.array(z.enum(RED_FLAGS)).optional(),
  paused: z.boolean().optional(),
  receivedAt: z.string(),
});

export const weekSummarySchema = z.object({
  weekStart: dateString,
  plan: weekPlanSchema.pick({
    weekNumber: true,
    decision: true,
    unit: true,
    totalVolume: true,
    runs: true,
    returnStep: true,
  }),
  report: weekReportSchema.optional(),
});

export const profileItemSchema = z.object({
  id: z.string().min(1),
  email: z.string().min(3),
  status: z.enum(SUBSCRIBER_STATUSES),
  preferences: preferencesSchema,
  createdAt: z.string(),
  confirmedAt: z.string().optional(),
  unsubscribedAt: z.string().optional(),
  nextSendAt: z.string().optional(),
  confirmNonce: z.string().optional(),
  needsProfile: z.boolean().optional(),
  softBounces: z.number().int().nonnegative().optional(),
  softBounceMailIds: z.array(z.string()).optional(),
  suppressedAt: z.string().optional(),
  suppressedReason: z.enum(['bounce', 'complaint']).optional(),
  resumeAt: dateString.optional(),
  confirmSends: z.number().int().nonnegative(),
  lastConfirmSentAt: z.string().optional(),
  version: z.number().int().positive(),
  recent: z.record(dateString, weekSummarySchema).optional(),
});

export const weekItemSchema = z.object({
  subscriberId: z.string().min(1),
  weekStart: dateString,
  plan: weekPlanSchema,
  status: z.enum(['claimed', 'sent']),
  claimId: z.string(),
  claimedAt: z.string(),
  sentAt: z.string().optional(),
  messageId: z.string().optional(),
  report: weekReportSchema.optional(),
});

export const emailItemSchema = z.object({ subscriberId: z.string().min(1) });
