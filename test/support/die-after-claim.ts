// A send-week worker that is killed (SIGKILL) between claiming a week and sending it: run as a child process
// by the fault tests, so the claim is left exactly as a crashed Lambda would leave it.
import { buildCoachDeps } from '#lambdas/compose/index';
import { sendWeeklyPlan } from '#use-cases/send-week';
import { testConfigFrom } from './config';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}
const [tableName, dynamoEndpoint, sesEndpoint, subscriberId, at] = [
  'tableName',
  'dynamoEndpoint',
  'sesEndpoint',
  'subscriberId',
  'at',
].map(required) as [string, string, string, string, string];
// The parent's clock, not the system's: the claim must carry the same instant the test reasons about.
const deps = await buildCoachDeps(testConfigFrom(tableName, dynamoEndpoint, sesEndpoint), {
  log: { info: () => {}, warn: () => {}, error: () => {} },
  clock: { now: () => new Date(at) },
});
await sendWeeklyPlan(
  {
    ...deps,
    mailer: {
      send: async () => {
        process.kill(process.pid, 'SIGKILL');
        return new Promise<string>(() => undefined);
      },
    },
  },
  subscriberId,
  new Date(at),
  'worker-killed',
);
