// The deploy settings: CDK context (cdk.json or -c key=value) parsed with zod, with defaults and clear errors.
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import * as z from 'zod';
import { SIGN_UP_LIMIT_DEFAULTS, SIGN_UP_LIMIT_MAX, STALE_CLAIM_SECONDS_MAX } from '#lambdas/config';

/** Deploy settings read from CDK context; cdk.json carries the same defaults, visible and editable. */
export const DEPLOY_DEFAULTS = {
  sendingDomain: 'coach.example.com',
  fromAddress: 'Knee Coach <coach@coach.example.com>',
  inboundDomain: 'reply.coach.example.com',
  operatorName: 'Knee Coach',
  operatorAddress: 'Knee Coach, 1 Example Street, Example City 00000, Country',
  dueShards: 16,
  sendConcurrency: 10,
  // A claimed week whose email is not out this many seconds later is queued again by the next hourly dispatch.
  staleClaimSeconds: 900,
  logRetentionDays: 30,
  rawMailRetentionDays: 30,
  // Empty: no email subscription on the alarm topic.
  alarmEmail: '',
  // Sign-ups an hour per source address and per email address; confirmation emails per pending address.
  ...SIGN_UP_LIMIT_DEFAULTS,
} as const;

export type DeploySettingKey = keyof typeof DEPLOY_DEFAULTS;

const DOMAIN_PATTERN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
// `Display Name <local@domain>` or a bare `local@domain`.
const FROM_PATTERN = /^(?:[^<>]+<([^<>@\s]+@[^<>@\s]+)>|([^<>@\s]+@[^<>@\s]+))$/;
const RETENTION_DAYS = new Set<number>(
  Object.values(RetentionDays).filter((days): days is number => typeof days === 'number' && days !== 9999),
);

const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(DOMAIN_PATTERN, { error: 'must be a domain name such as coach.example.com' });
const nonEmptyText = z.string().trim().min(1, { error: 'must not be empty' });
const wholeNumber = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const deploySettingsSchema = z
  .object({
    sendingDomain: domainName,
    fromAddress: z.string().trim().regex(FROM_PATTERN, {
      error: 'must be an address such as "Knee Coach <coach@coach.example.com>"',
    }),
    inboundDomain: domainName,
    operatorName: nonEmptyText,
    // Postal address printed in every email's footer (CAN-SPAM asks for one).
    operatorAddress: nonEmptyText,
    dueShards: wholeNumber(1, 64),
    // SQS event sources accept a maximum concurrency from 2 to 1000.
    sendConcurrency: wholeNumber(2, 1000),
    // Above the send-week timeout (60 s), so a running send is never taken over; at most a day.
    staleClaimSeconds: wholeNumber(120, STALE_CLAIM_SECONDS_MAX),
    logRetentionDays: z.coerce
      .number()
      .refine((days) => RETENTION_DAYS.has(days), {
        error: `must be one of the CloudWatch Logs retention periods: ${[...RETENTION_DAYS].join(', ')}`,
      })
      .transform((days) => days as RetentionDays),
    // Raw replies hold health data and are read within seconds of arrival: keep them a short while only.
    rawMailRetentionDays: wholeNumber(1, 365),
    // Where alarm notifications go; SNS emails a confirmation link first. Empty for none.
    alarmEmail: z
      .string()
      .trim()
      .refine((address) => address === '' || z.email().safeParse(address).success, {
        error: 'must be an email address such as ops@example.com, or "" for none',
      })
      .transform((address) => address || undefined),
    // The api and inbound Lambdas get these as environment variables (lambdas/config.ts reads them).
    signupsPerSourcePerHour: wholeNumber(1, SIGN_UP_LIMIT_MAX.signupsPerSourcePerHour),
    signupsPerAddressPerHour: wholeNumber(1, SIGN_UP_LIMIT_MAX.signupsPerAddressPerHour),
    maxConfirmSends: wholeNumber(1, SIGN_UP_LIMIT_MAX.maxConfirmSends),
  })
  .superRefine((settings, ctx) => {
    const match = FROM_PATTERN.exec(settings.fromAddress);
    const domain = (match?.[1] ?? match?.[2] ?? '').split('@')[1]?.toLowerCase();
    // SES only sends from a verified identity, and the stack verifies just the sending domain.
    if (domain !== settings.sendingDomain) {
      ctx.addIssue({
        code: 'custom',
        path: ['fromAddress'],
        message: `must be an address at the sending domain "${settings.sendingDomain}"`,
      });
    }
  });

export type DeploySettings = z.output<typeof deploySettingsSchema>;

/** Reads the deploy settings from context, falling back to the defaults; throws naming every bad key. */
export function readDeploySettings(node: Node): DeploySettings {
  const raw = Object.fromEntries(
    (Object.keys(DEPLOY_DEFAULTS) as DeploySettingKey[]).map((key) => [
      key,
      node.tryGetContext(key) ?? DEPLOY_DEFAULTS[key],
    ]),
  ) as Record<DeploySettingKey, unknown>;
  const parsed = deploySettingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? 'context') as DeploySettingKey;
    return `  - "${key}" ${issue.message} (got ${JSON.stringify(raw[key])})`;
  });
  throw new Error(
    `Invalid CDK context for the knee coach stack:\n${problems.join('\n')}\n` +
      'Fix it in cdk.json under "context", or pass it with -c <key>=<value>.',
  );
}
