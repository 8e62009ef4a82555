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
import { S3RawMailStore } from '#adapters/s3-raw-mail-store';
import type { Subscriber } from '#domain/types';
import { ENV } from '#lambdas/env-names';
import { LAZY_CHUNKS, lambdaBuildOptions, NEVER_LOADED_ON_LAMBDA } from '#lib/constructs/bundling';
import { sesReceiptEvent } from '#lib/local/smtp-inbound';
import { fitActivity, track } from '#test/support/activity-files';
import {
  freshTable,
  localDynamo,
  localS3,
  ManualClock,
  mailbox,
  storeActiveSubscriber,
  TEST_SECRET,
  testDeps,
} from '#test/support/local';
import { rawMessage } from '#test/support/mime';
import { sendWeeklyPlan } from '#use-cases/send-week';

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
/** The variables that move a process's clock under faketime, when set, so a child runs on the same clock. */
function movedClock(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        /^(LD_PRELOAD|FAKETIME\w*)$/.test(entry[0]) && entry[1] !== undefined,
    ),
  );
}

const RUN_HANDLER = `
const { writeFileSync } = await import('node:fs');
const { handler } = await import(process.argv[1]);
writeFileSync(process.argv[3], JSON.stringify((await handler(JSON.parse(process.argv[2]))) ?? null));
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
      // Besides built-ins, only the handler's own lazy chunks it loads itself, built beside it (bundling.ts).
      const chunks = (LAZY_CHUNKS[handler] ?? []).filter((c) => !c.loadedBy).map((c) => `./${c.file}`);
      expect(
        imports.filter((path) => !path.startsWith('node:') && !builtinModules.includes(path)),
        handler,
      ).toEqual(chunks);
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

describe('the inbound bundle, run as Lambda runs it', () => {
  it('reads a reply and its watch file through its lazily loaded chunks, built beside it by the script CDK runs', async () => {
    // Prepare: the bundle, then its reader chunk by bin/build-chunks.ts (CDK's afterBundling hook runs the same).
    const dir = join(workDir, 'inbound');
    await bundleHandler('inbound', join(dir, 'index.mjs'));
    const chunk = spawnSync(process.execPath, ['--import', 'tsx', 'bin/build-chunks.ts', 'inbound', dir], {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(chunk.status, chunk.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'activity-files.mjs',
      'activity-files.mjs.map',
      'index.mjs',
      'index.mjs.map',
      'message-reader.mjs',
      'message-reader.mjs.map',
    ]);
    const index = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(index).not.toContain('simpleParser');
    expect(index).toContain('import("./message-reader.mjs")');
    // The reader loads the file readers only for a watch file; the FIT SDK is in their chunk alone.
    const reader = readFileSync(join(dir, 'message-reader.mjs'), 'utf8');
    expect(reader).toContain('import("./activity-files.mjs")');
    const FIT_SDK_MARK = 'timestampCorrelation';
    expect(reader).not.toContain(FIT_SDK_MARK);
    expect(readFileSync(join(dir, 'activity-files.mjs'), 'utf8')).toContain(FIT_SDK_MARK);

    const tableName = await freshTable(localDynamo());
    const deps = await testDeps(tableName, new ManualClock(new Date()));
    // The plan for a week that is over (sent 8 days ago), so the run in the file has happened.
    const sentAt = new Date(Date.now() - 8 * 86_400_000);
    const runner = await storeActiveSubscriber(deps.store, 'bundled-reply', {
      nextSendAt: new Date(sentAt.getTime() - 60_000).toISOString(),
    });
    expect(await sendWeeklyPlan(deps, runner.id, sentAt, 'bundle-claim')).toBe('sent');
    const [plan] = await mailbox(runner.email);
    const replyTo = plan?.replyTo?.[0] ?? '';
    expect(replyTo).toMatch(/^reply\+/);
    const messageId = randomUUID();
    // A run of the planned week: its Monday at noon UTC (before now), 6 km in 36 minutes, as the watch's FIT file.
    const planned = (await deps.store.recentWeeks(runner.id, 1))[0];
    const runStart = `${planned?.weekStart ?? ''}T12:00:00.000Z`;
    const points = track(runStart, [{ move: 2160, speed: 6000 / 2160, every: 10 }]);
    const rawReply = await rawMessage({
      from: `Runner <${runner.email}>`,
      to: replyTo,
      subject: 'Re: your plan',
      messageId: `<${messageId}@mail.example.com>`,
      date: new Date(),
      text: 'Knee 2/10 after the long run, fine the next morning.',
      attachments: [
        {
          filename: 'Morning_Run.fit',
          content: fitActivity([{ sport: 'running', points, timerS: 2160, distanceM: 6000 }]),
        },
      ],
    });
    await new S3RawMailStore(localS3()).put('coach-inbound-mail', `inbound/${messageId}`, rawReply);
    const event = sesReceiptEvent(messageId, [replyTo], runner.email);

    // Act
    const home = mkdtempSync(join(workDir, 'home-'));
    const answerFile = join(home, 'answer.json');
    const run = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        RUN_HANDLER,
        pathToFileURL(join(dir, 'index.mjs')).href,
        JSON.stringify(event),
        answerFile,
      ],
      {
        encoding: 'utf8',
        cwd: home,
        timeout: 30_000,
        env: {
          PATH: process.env.PATH ?? '',
          // A clock moved for the test run (faketime) moves the handler's too: the run in the file stays in its past.
          ...movedClock(),
          HOME: home,
          AWS_CONFIG_FILE: join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
          AWS_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          NODE_OPTIONS: '--enable-source-maps',
          AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
          AWS_ENDPOINT_URL_SESV2: inject('sesEndpoint'),
          [ENV.s3Endpoint]: inject('s3Endpoint'),
          [ENV.tableName]: tableName,
          [ENV.fromAddress]: 'Knee Coach <coach@coach.test>',
          [ENV.inboundDomain]: 'reply.coach.test',
          [ENV.publicBaseUrl]: 'http://coach.test',
          [ENV.operatorAddress]: '1 Test Street, Testville',
          [ENV.tokenSecret]: TEST_SECRET,
          [ENV.inboundBucket]: 'coach-inbound-mail',
          [ENV.inboundPrefix]: 'inbound/',
          [ENV.requireSenderAuth]: 'false',
        },
      },
    );

    // Assess
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('inbound mail handled');
    const week = (await deps.store.recentWeeks(runner.id, 1))[0];
    expect(week?.report?.pain).toMatchObject({ score: 2, settledNextMorning: true });
    // The plan is in minutes: the file's 36 moving minutes are the week's running.
    expect(week?.plan.unit).toBe('min');
    expect(week?.report?.done).toEqual({ runs: 1, volume: 36, longestRun: 36 });
  }, 120_000);
});
