// One way to build a Lambda's environment: parts keyed by their name in ENV (lambdas/env-names.ts), merged once.
import { ENV } from '#lambdas/env-names';

/** Set by the local stack only (the raw secret, the stand-ins' endpoints): never in a deployed function. */
const LOCAL_ONLY = ['tokenSecret', 'dynamoEndpoint', 'sesEndpoint', 's3Endpoint'] as const;

export type EnvironmentKey = Exclude<keyof typeof ENV, (typeof LOCAL_ONLY)[number]>;

/** Some of a function's variables, such as where the table is; values may be CDK tokens. */
export type EnvironmentPart = Partial<Record<EnvironmentKey, string>>;

/** The variables of all the parts under their ENV names; a variable two parts set differently is a mistake. */
export function lambdaEnvironment(parts: readonly EnvironmentPart[]): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if ((LOCAL_ONLY as readonly string[]).includes(key) || !(key in ENV)) {
        throw new Error(`"${key}" is not a variable a deployed coach function reads`);
      }
      if (value === undefined) continue;
      const name = ENV[key as EnvironmentKey];
      if (name in environment && environment[name] !== value) {
        throw new Error(`${name} is set twice, to different values`);
      }
      environment[name] = value;
    }
  }
  return environment;
}
