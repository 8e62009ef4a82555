// The plan engine's input contract (the `coach plan` CLI's JSON), validated with zod: every bad field named.
import * as z from 'zod';
import type { PlanInput } from './plan';
import { ILLNESS_KINDS, PLAN_REQUESTS } from './plan-decision';
import {
  CHANGE_KINDS,
  DECISIONS,
  GOAL_DISTANCES,
  MAX_WEEKLY_VOLUME,
  MIN_WEEKLY_VOLUME,
  RED_FLAGS,
  RUN_KINDS,
  STARTS,
  UNITS,
} from './types';

const isoDate = z
  .string({ error: 'must be a date like 2026-11-30' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-11-30', abort: true })
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: 'must be a real calendar date',
    },
  );
const monday = isoDate.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, 'must be a Monday');
const volume = z
  .number({ error: 'must be a number' })
  .nonnegative('must be 0 or more')
  .max(10_000, 'is too large');

const profileSchema = z
  .object({
    unit: z.enum(UNITS, { error: 'must be one of min, km, mi' }),
    weeklyVolume: z.number({ error: 'must be a number' }).positive('must be a positive number'),
    runDays: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be 1 to 7')
      .max(7, 'must be 1 to 7'),
    rampRate: z
      .number({ error: 'must be a number' })
      .min(0.01, 'must be 0.01 to 0.10')
      .max(0.1, 'must be 0.01 to 0.10')
      .optional(),
    goalVolume: z.number({ error: 'must be a number' }).positive('must be a positive number').optional(),
    start: z.enum(STARTS, { error: `must be one of ${STARTS.join(', ')}` }).optional(),
    goal: z
      .object(
        {
          distance: z.union(
            [
              z.enum(GOAL_DISTANCES),
              z.object({ km: z.number().min(1).max(100) }).strict(),
              z.object({ mi: z.number().min(1).max(62) }).strict(),
            ],
            { error: 'must be 5k, 10k, half, marathon, {"km": N} (1 to 100) or {"mi": N} (1 to 62)' },
          ),
          date: isoDate.optional(),
        },
        { error: 'must be an object like {"distance": "10k", "date": "2027-05-02"}' },
      )
      .optional(),
  })
  .superRefine((p, ctx) => {
    if (p.weeklyVolume < MIN_WEEKLY_VOLUME[p.unit] || p.weeklyVolume > MAX_WEEKLY_VOLUME[p.unit]) {
      ctx.addIssue({
        code: 'custom',
        path: ['weeklyVolume'],
        message: `must be ${MIN_WEEKLY_VOLUME[p.unit]} to ${MAX_WEEKLY_VOLUME[p.unit]} ${p.unit} a week`,
      });
    }
    if (p.start === 'new' && p.unit !== 'min') {
      ctx.addIssue({
        code: 'custom',
        path: ['unit'],
        message: 'must be min when starting from zero (walk-run sessions are timed)',
      });
    }
  });

const historyWeekSchema = z.object({
  weekStart: monday,
  weekNumber: z.number().int().positive().optional(),
  decision: z.enum(DECISIONS, { error: `must be one of ${DECISIONS.join(', ')}` }).optional(),
  runs: z.array(
    z.object({
      date: isoDate,
      amount: volume,
      kind: z.enum(RUN_KINDS, { error: 'must be easy, long, walk-run or race' }).optional(),
      intervals: z
        .object(
          {
            repeats: z.number().int().positive(),
            runMinutes: z.number().positive(),
            walkMinutes: z.number().nonnegative(),
          },
          { error: 'must be like {"repeats": 8, "runMinutes": 1, "walkMinutes": 2}' },
        )
        .optional(),
    }),
    { error: 'must be a list of runs' },
  ),
  totalVolume: volume.optional(),
  actualVolume: volume.optional(),
  done: z
    .object(
      {
        runs: z
          .number({ error: 'must be a number' })
          .int('must be a whole number')
          .min(0, 'must be 0 to 14')
          .max(14, 'must be 0 to 14')
          .optional(),
        volume: volume.optional(),
        longestRun: volume.optional(),
      },
      { error: 'must be an object like {"runs": 2, "volume": 41, "longestRun": 20}' },
    )
    .superRefine((d, ctx) => {
      if (d.volume !== undefined && d.longestRun !== undefined && d.longestRun > d.volume) {
        ctx.addIssue({ code: 'custom', path: ['longestRun'], message: 'must not be more than volume' });
      }
    })
    .optional(),
  illDays: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 to 7')
    .max(7, 'must be 0 to 7')
    .optional(),
  nextWeekRunDays: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be 1 to 7')
    .max(7, 'must be 1 to 7')
    .optional(),
  request: z.enum(PLAN_REQUESTS, { error: `must be one of ${PLAN_REQUESTS.join(', ')}` }).optional(),
  illness: z.enum(ILLNESS_KINDS, { error: `must be one of ${ILLNESS_KINDS.join(', ')}` }).optional(),
  away: z
    .array(
      z
        .object(
          { from: isoDate, to: isoDate },
          { error: 'must be a range like {"from": "2026-12-14", "to": "2026-12-20"}' },
        )
        .refine((r) => r.from <= r.to, { path: ['to'], message: 'must be on or after from' }),
      { error: 'must be a list of date ranges' },
    )
    .optional(),
  pain: z
    .object({
      score: z.number({ error: 'must be a number' }).min(0, 'must be 0 to 10').max(10, 'must be 0 to 10'),
      settledNextMorning: z.boolean({ error: 'must be true or false' }),
    })
    .optional(),
  changes: z.array(z.enum(CHANGE_KINDS, { error: `must be one of ${CHANGE_KINDS.join(', ')}` })).optional(),
  redFlags: z.array(z.enum(RED_FLAGS, { error: `must be one of ${RED_FLAGS.join(', ')}` })).optional(),
  paused: z.boolean({ error: 'must be true or false' }).optional(),
  returnStep: z.number().int().nonnegative().optional(),
});

export const planInputSchema = z
  .object({
    profile: profileSchema,
    history: z.array(historyWeekSchema, { error: 'must be a list of weeks' }).default([]),
    weekStart: monday,
    today: isoDate.optional(),
  })
  .superRefine((input, ctx) => {
    const monday = Date.parse(`${input.weekStart}T00:00:00Z`);
    const sunday = Number.isFinite(monday)
      ? new Date(monday + 6 * 86_400_000).toISOString().slice(0, 10)
      : '';
    if (input.today !== undefined && sunday !== '' && input.today > sunday) {
      ctx.addIssue({
        code: 'custom',
        path: ['today'],
        message: 'must be no later than the last day of the week to plan',
      });
    }
    input.history.forEach((week, i) => {
      const previous = input.history[i - 1];
      if (previous && week.weekStart <= previous.weekStart) {
        ctx.addIssue({
          code: 'custom',
          path: ['history', i, 'weekStart'],
          message: 'weeks must be oldest first',
        });
      }
      if (week.weekStart >= input.weekStart) {
        ctx.addIssue({
          code: 'custom',
          path: ['history', i, 'weekStart'],
          message: 'must be before the week to plan',
        });
      }
    });
  });

export type PlanInputParse = { ok: true; input: PlanInput } | { ok: false; errors: string[] };

/** Parses untrusted input into the engine's contract; errors are one line per invalid field. */
export function parsePlanInput(raw: unknown): PlanInputParse {
  const result = planInputSchema.safeParse(raw, { reportInput: true });
  if (result.success) return { ok: true, input: result.data as PlanInput };
  const errors = result.error.issues.map((issue) => {
    const path = issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    return `${path || 'input'}: ${missing ? 'is required' : issue.message}`;
  });
  return { ok: false, errors };
}
