// The dispatch Lambda: run hourly by EventBridge Scheduler, it queues every subscriber whose plan is due.
import { SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod/mini';
import { DynamoSubscriberStore } from '../adapters/dynamo-subscriber-store';
import { SqsSendQueue } from '../adapters/sqs-send-queue';
import { dynamoClient, lambdaLog, systemClock } from '../compose';
import { loadBaseConfig } from '../config';
import { ENV } from '../env-names';
import type { Clock, SendQueue, SubscriberStore } from '../ports';
import type { Log } from '../use-cases/deps';
import { type DispatchResult, dispatchDue } from '../use-cases/dispatch';

/** The schedule sends an empty object; an explicit `at` replays a run as of that time. */
export const dispatchEventSchema = z.looseObject({
  at: z.optional(z.iso.datetime({ offset: true })),
});

export interface DispatchDeps {
  store: SubscriberStore;
  queue: SendQueue;
  log: Log;
  clock: Clock;
  dueShards: number;
}

export function makeDispatchHandler(getDeps: () => Promise<DispatchDeps> | DispatchDeps) {
  return async (event: unknown): Promise<DispatchResult> => {
    const deps = await getDeps();
    const parsed = dispatchEventSchema.safeParse(event ?? {});
    if (!parsed.success) {
      deps.log.error('dispatch event rejected', { issues: parsed.error.issues.map((i) => i.message) });
      throw new Error('invalid dispatch event: "at" must be an ISO date-time');
    }
    const at = parsed.data.at ? new Date(parsed.data.at) : deps.clock.now();
    return dispatchDue(deps, at);
  };
}

let composed: DispatchDeps | undefined;
export const handler = makeDispatchHandler(() => {
  if (composed) return composed;
  const config = loadBaseConfig();
  const queueUrl = z.url().parse(process.env[ENV.queueUrl]);
  composed = {
    store: new DynamoSubscriberStore(dynamoClient(config), config.tableName, config.dueShards),
    queue: new SqsSendQueue(new SQSClient({}), queueUrl),
    log: lambdaLog('dispatch'),
    clock: systemClock,
    dueShards: config.dueShards,
  };
  return composed;
});
