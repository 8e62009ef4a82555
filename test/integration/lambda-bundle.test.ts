// The send-week bundle as Lambda runs it: built with the CDK construct's esbuild settings into a folder with no
// node_modules, imported by a plain `node`, credentials and endpoints from the environment only.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Subscriber } from '#domain/types';
import { ENV } from '#lambdas/env-names';
import { lambdaBuildOptions, NEVER_LOADED_ON_LAMBDA } from '#lib/constructs/bundling';
import {
  freshTable,
  localDynamo,
  ManualClock,
  mailbox,
  storeActiveSubscriber,
  TEST_SECRET,
  testDeps,
} from '#test/support/local';

const projectRoot = resolve(import.meta.dirname, '..', '..');
let workDir = '';
let bundleFile = '';

/** Bundles a handler with the CDK construct's esbuild settings (lib/constructs/bundling.ts). */
async function bundleHandler(handler: string, outfile: string) {
  return build({ ...lambdaBuildOptions(projectRoot, handler, outfile), metafile: true });
}

beforeAll(async () => {
  // Outside the project, so nothing the bundle imports can be found in a node_modules folder.
  workDir = mkdtempSync(join(tmpdir(), 'coach-lambda-bundle-'));
  bundleFile = join(workDir, 'send-week', 'index.mjs');
  await bundleHandler('send-week', bundleFile);
}, 60_000);

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

async function dueSubscriber(tableName: string): Promise<Subscriber> {
  const deps = await testDeps(tableName, new ManualClock(new Date()));
  return storeActiveSubscriber(deps.store, 'bundle', {
    nextSendAt: new Date(Date.now() - 60_000).toISOString(),
  });
}

// The handler's answer goes to a file: its log lines (Powertools writes JSON to stdout) stay apart.
const RUN_HANDLER = `
const { writeFileSync } = await import('node:fs');
const { handler } = await import(process.argv[1]);
writeFileSync(process.argv[3], JSON.stringify(await handler(JSON.parse(process.argv[2]))));
`;

/** Runs the bundled handler on one SQS record in a fresh `node`, with only the environment Lambda would give it. */
function invokeBundle(tableName: string, subscriberId: string, credentials: boolean) {
  const messageId = randomUUID();
  const event = {
    Records: [
      {
        messageId,
        receiptHandle: messageId,
        body: JSON.stringify({ subscriberId, at: new Date().toISOString() }),
        attributes: { ApproximateReceiveCount: '1' },
        messageAttributes: {},
        eventSource: 'aws:sqs',
      },
    ],
  };
  // No AWS config or credentials files: HOME and the file settings point at an empty folder.
  const home = mkdtempSync(join(workDir, 'home-'));
  const answerFile = join(home, 'answer.json');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_REGION: 'eu-west-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NODE_OPTIONS: '--enable-source-maps',
    // The SDK's own per-service endpoint settings; the coach's DYNAMODB_ENDPOINT/SES_ENDPOINT stay unset, so
    // the clients are built exactly as on AWS (no explicit credentials).
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_ENDPOINT_URL_SESV2: inject('sesEndpoint'),
    [ENV.tableName]: tableName,
    [ENV.fromAddress]: 'Knee Coach <coach@coach.test>',
    [ENV.inboundDomain]: 'reply.coach.test',
    [ENV.publicBaseUrl]: 'http://coach.test',
    [ENV.operatorAddress]: '1 Test Street, Testville',
    [ENV.tokenSecret]: TEST_SECRET,
    ...(credentials
      ? {
          // What Lambda sets from the function's role.
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_SESSION_TOKEN: 'local-session',
        }
      : {}),
  };
  const out = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      RUN_HANDLER,
      pathToFileURL(bundleFile).href,
      JSON.stringify(event),
      answerFile,
    ],
    { encoding: 'utf8', env, cwd: home, timeout: 30_000 },
  );
  const answer = out.status === 0 ? JSON.parse(readFileSync(answerFile, 'utf8')) : undefined;
  return { messageId, status: out.status, answer, stdout: out.stdout, logs: `${out.stdout}${out.stderr}` };
}

describe('the send-week bundle, run as Lambda runs it', () => {
  it('sends the plan with credentials from the environment, with no package to import beside it', async () => {
    // Prepare
    const tableName = await freshTable(localDynamo());
    const runner = await dueSubscriber(tableName);

    // Act
    const run = invokeBundle(tableName, runner.id, true);

    // Assess
    expect(run.status, run.logs).toBe(0);
    expect(run.answer).toEqual({ batchItemFailures: [] });
    const emails = await mailbox(runner.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.subject).toMatch(/^Week 1:/);
    // The plan is counted for the operator: one embedded-metric-format line, `service` its only dimension.
    const metricLines = run.stdout
      .split('\n')
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line));
    expect(metricLines).toEqual([
      {
        _aws: {
          Timestamp: expect.any(Number),
          CloudWatchMetrics: [
            {
              Namespace: 'KneeCoach',
              Dimensions: [['service']],
              Metrics: [{ Name: 'PlansSent', Unit: 'Count' }],
            },
          ],
        },
        service: 'knee-coach',
        PlansSent: 1,
      },
    ]);
  });

  it('without credentials in the environment, fails the record loudly so SQS retries it, and sends nothing', async () => {
    // Prepare
    const tableName = await freshTable(localDynamo());
    const runner = await dueSubscriber(tableName);

    // Act
    const run = invokeBundle(tableName, runner.id, false);

    // Assess
    expect(run.status, run.logs).toBe(0);
    expect(run.answer).toEqual({ batchItemFailures: [{ itemIdentifier: run.messageId }] });
    expect(run.logs).toContain('send-week record failed');
    expect(run.logs).toContain('"error":"CredentialsNotInEnvironment"');
    expect(await mailbox(runner.email)).toHaveLength(0);
    expect(run.stdout).not.toContain('"_aws"');
  });
});

describe('every Lambda bundle', () => {
  it('imports nothing at run time but Node built-ins, and carries the stub instead of the fallback providers', async () => {
    // Prepare
    const handlers = readdirSync(join(projectRoot, 'lambdas', 'handlers'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(handlers).toEqual(expect.arrayContaining(['api', 'dispatch', 'feedback', 'inbound', 'send-week']));

    for (const handler of handlers) {
      // Act
      const result = await bundleHandler(handler, join(workDir, 'all', handler, 'index.mjs'));

      // Assess
      const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
      const imports = (output?.imports ?? []).map((i) => i.path);
      expect(
        imports.filter((path) => !path.startsWith('node:') && !builtinModules.includes(path)),
        handler,
      ).toEqual([]);
      const inputs = Object.keys(result.metafile.inputs);
      for (const name of NEVER_LOADED_ON_LAMBDA) {
        expect(
          inputs.some((input) => input.includes(`node_modules/${name}/`)),
          `${handler}: ${name}`,
        ).toBe(false);
      }
      expect(inputs, handler).toContain('lambdas/adapters/credentials-not-bundled.ts');
      // zod/mini only: the full build's chainable methods would add about 60 KB to each bundle.
      expect(
        inputs.filter((input) => input.includes('node_modules/zod/v4/classic/')),
        handler,
      ).toEqual([]);
    }
  }, 120_000);
});
