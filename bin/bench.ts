// npm run bench: rendering, engine, end-to-end and bundle figures beside their targets; --json writes them too.
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { type BundleFigures, measureBundles, measureSdkChoice, type SdkChoiceFigures } from './bench/bundles';
import { type EndToEndFigures, measureEndToEnd } from './bench/end-to-end';
import { comparePlans, formatComparison, type PlanComparison } from './bench/plans';
import { type EngineFigures, measureEngine, measureRendering, type RenderFigures } from './bench/rendering';
import { estimateMonthlyCost } from './cost';

const USAGE = `usage: npm run bench -- [--subscribers N] [--json <file>] [--skip end-to-end,bundles,...]

  --subscribers N  subscribers through the local stack (default 5000; a few hundred for a quick run)
  --json <file>    also write every figure as JSON
  --skip <parts>   leave out some of: rendering, engine, end-to-end, bundles, plans
`;

const PARTS = ['rendering', 'engine', 'end-to-end', 'bundles', 'plans'] as const;
type Part = (typeof PARTS)[number];

// The function whose size and start-up the targets are about: it runs for every subscriber every week.
const TARGET_FUNCTION = 'send-week';

export interface Target {
  figure: string;
  value: number | undefined;
  /** How the target reads, e.g. "≥ 50". */
  target: string;
  pass: boolean | undefined;
}

export interface BenchResult {
  generatedAt: string;
  node: string;
  cpus: number;
  renderMsPerEmail?: number;
  mjmlMsPerEmail?: number;
  renderSpeedup?: number;
  plansPerSecond?: number;
  endToEnd?: EndToEndFigures;
  bundleBytes?: Record<string, number>;
  initMs?: Record<string, number>;
  rendering?: RenderFigures;
  engine?: EngineFigures;
  bundles?: Record<string, BundleFigures>;
  /** send-week with the AWS SDK bundled (as shipped) and with `@aws-sdk/*` external, for the choice in docs/scale.md. */
  sdkChoice?: SdkChoiceFigures;
  /** The cost model at 1,000,000 subscribers with the item and attachment sizes measured here. */
  costAt1M?: {
    totalUsd: number;
    perSubscriberUsd: number;
    byService: Record<string, number>;
    inputs: Record<string, number>;
  };
  /** The coach's beginner path and its path to 10K beside the published plans (anchor-plans.md). */
  plans?: PlanComparison;
  targets: Target[];
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      subscribers: { type: 'string', default: '5000' },
      json: { type: 'string' },
      skip: { type: 'string', default: '' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function parseOptions(argv: string[]): { subscribers: number; json?: string; skip: Set<Part> } {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const subscribers = Number(values.subscribers);
  if (!Number.isInteger(subscribers) || subscribers < 10) {
    throw new UsageError(`--subscribers must be a whole number of at least 10, got "${values.subscribers}"`);
  }
  const skip = new Set<Part>();
  for (const part of values.skip.split(',').filter((p) => p !== '')) {
    if (!(PARTS as readonly string[]).includes(part)) {
      throw new UsageError(`--skip takes ${PARTS.join(', ')}; got "${part}"`);
    }
    skip.add(part as Part);
  }
  return { subscribers, ...(values.json ? { json: values.json } : {}), skip };
}

class UsageError extends Error {}

export function targetsOf(result: BenchResult): Target[] {
  const e2e = result.endToEnd;
  const bundle = result.bundleBytes?.[TARGET_FUNCTION];
  const init = result.initMs?.[TARGET_FUNCTION];
  const check = (figure: string, value: number | undefined, target: string, ok: (v: number) => boolean) => ({
    figure,
    value,
    target,
    pass: value === undefined ? undefined : ok(value),
  });
  return [
    check('renderSpeedup', result.renderSpeedup, '≥ 50', (v) => v >= 50),
    check('endToEnd.ratioToFloor', e2e?.ratioToFloor, '≥ 0.7', (v) => v >= 0.7),
    check('endToEnd.dynamoOpsPerSubscriber', e2e?.dynamoOpsPerSubscriber, '≤ 3', (v) => v <= 3),
    check('endToEnd.sesCallsPerSubscriber', e2e?.sesCallsPerSubscriber, '= 1', (v) => v === 1),
    check(`bundleBytes.${TARGET_FUNCTION}`, bundle, '≤ 500 KB', (v) => v <= 500 * 1024),
    check(`initMs.${TARGET_FUNCTION}`, init, '< 150 ms', (v) => v < 150),
    // The inbound Lambda's cold import, its mail parser and reply reader loaded only with the first message.
    check('initMs.inbound', result.initMs?.inbound, '< 150 ms', (v) => v < 150),
    check('dispatch.minutesFor1M', e2e?.dispatch.withSqs?.minutesFor1M, '< 2 min', (v) => v < 2),
  ];
}

/* ---------------------------------------------------------------- the table */

const fmt = (v: number | undefined, digits = 2) =>
  v === undefined ? '–' : Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toFixed(digits);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** A target's value in its own unit, as the table shows it. */
function shown(t: Target): string {
  if (t.value === undefined) return '–';
  if (t.figure.startsWith('bundleBytes.')) return kb(t.value);
  if (t.figure.startsWith('initMs.')) return `${t.value.toFixed(0)} ms`;
  return fmt(t.value, 2);
}

export function formatTable(result: BenchResult): string {
  const rows: [string, string, string, string][] = [];
  const targets = new Map(result.targets.map((t) => [t.figure, t]));
  const status = (figure: string) => {
    const t = targets.get(figure);
    return t?.pass === undefined ? '' : t.pass ? 'PASS' : 'MISS';
  };
  const row = (figure: string, value: string, key = figure) =>
    rows.push([figure, value, targets.get(key)?.target ?? '', status(key)]);

  if (result.rendering) {
    const r = result.rendering;
    row('renderMsPerEmail (compiled template)', `${fmt(r.renderMsPerEmail, 3)} ms`);
    row('mjmlMsPerEmail (MJML compiled per email)', `${fmt(r.mjmlMsPerEmail, 2)} ms`);
    row('renderSpeedup', `${fmt(r.renderSpeedup, 1)}×`, 'renderSpeedup');
  }
  if (result.engine) {
    row('plansPerSecond (engine alone)', fmt(result.engine.plansPerSecond, 0));
    row('replyMsPerReply (a short reply read)', `${fmt(result.engine.replyMsPerReply, 3)} ms`);
    row('replyMsPer1MbWorst (hostile 1 MB replies)', `${fmt(result.engine.replyMsPer1MbWorst, 0)} ms`);
  }
  if (result.endToEnd) {
    const e = result.endToEnd;
    row(`endToEnd.subscribers`, fmt(e.subscribers, 0));
    row('endToEnd.emailsPerSecond', fmt(e.emailsPerSecond, 1));
    row('endToEnd.floorEmailsPerSecond', fmt(e.floorEmailsPerSecond, 1));
    row('endToEnd.ratioToFloor', fmt(e.ratioToFloor, 2));
    row(
      '  (floor sending full-size emails)',
      `${fmt(e.fullEmailFloorEmailsPerSecond, 1)}/s, ratio ${fmt(e.ratioToFullEmailFloor, 2)}`,
    );
    const sqs = e.dispatch.withSqs;
    if (sqs) {
      row(
        `dispatch.minutesFor1M (${sqs.deployedShards} shard Lambdas in parallel, one shard timed alone, SQS ${sqs.sqsLatencyMs} ms assumed)`,
        `${fmt(sqs.minutesFor1M, 2)} min`,
        'dispatch.minutesFor1M',
      );
      row('  (one SQS batch at a time per shard)', `${fmt(sqs.minutesFor1MOneAtATime, 2)} min`);
      row(`  (${sqs.shards} shard Lambdas in parallel)`, `${fmt(sqs.minutesFor1MAtLocalShards, 2)} min`);
      row(
        `  (all ${sqs.shards} shards in one invocation, the replay without a shard)`,
        `${fmt(sqs.minutesFor1MAllShardsInOneProcess, 2)} min`,
      );
    }
    row('endToEnd.dynamoOpsPerSubscriber', fmt(e.dynamoOpsPerSubscriber, 3));
    row('endToEnd.sesCallsPerSubscriber', fmt(e.sesCallsPerSubscriber, 3));
  }
  if (result.bundles) {
    for (const b of Object.values(result.bundles)) {
      row(`bundleBytes.${b.handler}`, kb(b.bundleBytes));
      row(`initMs.${b.handler}`, `${fmt(b.initMs, 0)} ms`);
      for (const l of b.lazy ?? []) {
        row(`  (${l.file}, ${l.loadedWhen})`, `${kb(l.bytes)}, ${fmt(l.firstUseMs, 0)} ms`);
      }
      if (b.whole)
        row(`  (${b.handler} all in one file)`, `${kb(b.whole.bundleBytes)}, ${fmt(b.whole.initMs, 0)} ms`);
    }
  }
  if (result.sdkChoice) {
    const x = result.sdkChoice.external;
    row(`  (${TARGET_FUNCTION} with @aws-sdk/* external)`, `${kb(x.bundleBytes)}, ${fmt(x.initMs, 0)} ms`);
  }
  const headers: [string, string, string, string] = ['figure', 'measured', 'target', ''];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const missed = result.targets.filter((t) => t.pass === false);
  out.push('');
  out.push(
    missed.length === 0
      ? 'Every target measured here is met.'
      : `MISSED: ${missed.map((t) => `${t.figure} (${shown(t)}, target ${t.target})`).join('; ')}`,
  );
  return `${out.join('\n')}\n`;
}

function details(result: BenchResult): string {
  const out: string[] = [];
  const e = result.endToEnd;
  if (e) {
    out.push(
      `End to end: ${e.sent} of ${e.subscribers} sent in ${e.seconds.toFixed(1)} s (week 2, after an untimed week 1), ` +
        `${e.parked} parked, ${e.errorsLogged} errors logged; floor ${e.floorSeconds.toFixed(1)} s for twice as many (a run before, a run after); ` +
        `${e.concurrency} sends in flight (one per due-index shard).`,
      `  per subscriber: ${e.sendMsPerSubscriber.toFixed(1)} ms here vs ${e.floorMsPerSubscriber.toFixed(1)} ms for the floor`,
      `  DynamoDB calls: ${Object.entries(e.dynamoOpsByCommand)
        .map(([k, v]) => `${k.replace(/Command$/, '')} ${v}`)
        .join(', ')}`,
      `  dispatcher alone: ${e.dispatch.pages} pages (${e.dispatch.itemsPerPage.toFixed(0)} subscribers each) in ` +
        `${e.dispatch.ms.toFixed(0)} ms: ${e.dispatch.msPerPage.toFixed(1)} ms a page, ` +
        `${((e.dispatch.msPerSubscriber * 1e6) / 1000 / 60).toFixed(1)} min per 1,000,000 subscribers at ${e.dispatch.shards} shards (queries only)`,
      ...(e.dispatch.withSqs
        ? [
            `  dispatch model: each of the ${e.dispatch.withSqs.shards} local shards dispatched alone (\`{ at, shard }\`, as one Lambda does) in this one process, ` +
              `${(e.dispatch.withSqs.msPerSubscriber * 1000).toFixed(0)} µs per subscriber (CPU ${(e.dispatch.withSqs.cpuMsPerSubscriber * 1000).toFixed(0)} µs); ` +
              `minutesFor1M = that × the largest of ${e.dispatch.withSqs.deployedShards} shards (${(e.dispatch.withSqs.largestShardShare * 1e6).toFixed(0)} of 1,000,000), ` +
              'the shards on separate Lambdas with a vCPU each, DynamoDB and SQS serving them in parallel; cold starts left out. ' +
              "DynamoDB Local and the stand-in SQS share this machine's cores with the dispatcher.",
          ]
        : []),
      `  item sizes: profile ${e.itemBytes.profileAfterWeek1.toFixed(0)} B after week 1, ${e.itemBytes.profile.toFixed(0)} B after week 2; week ${e.itemBytes.week.toFixed(0)} B`,
    );
  }
  if (result.rendering) {
    const r = result.rendering;
    out.push(
      `Rendering: ${r.renderIterations} emails compiled-template, ${r.mjmlIterations} with MJML per email` +
        ` (${r.mjmlSameHtml ? 'same HTML both ways' : 'HTML differs'}); an email is ${kb(r.htmlBytes)} HTML, ` +
        `${kb(r.textBytes)} text, ${kb(r.attachmentBytes)} .ics`,
    );
  }
  if (result.costAt1M) {
    out.push(
      `Cost at 1,000,000 subscribers with the sizes measured here (defaults for any not measured): $${Math.round(result.costAt1M.totalUsd).toLocaleString('en-US')} a month ` +
        `(${Object.entries(result.costAt1M.byService)
          .map(([k, v]) => `${k} $${v.toFixed(0)}`)
          .join(', ')}); see bin/cost.ts for the breakdown.`,
    );
  }
  return out.length === 0 ? '' : `\n${out.join('\n')}\n`;
}

/* ---------------------------------------------------------------- main */

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const progress = (line: string) => process.stderr.write(`· ${line}\n`);
  const result: BenchResult = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpus: availableParallelism(),
    targets: [],
  };

  if (!options.skip.has('rendering')) {
    const r = await measureRendering(progress);
    Object.assign(result, {
      rendering: r,
      renderMsPerEmail: r.renderMsPerEmail,
      mjmlMsPerEmail: r.mjmlMsPerEmail,
      renderSpeedup: r.renderSpeedup,
    });
  }
  if (!options.skip.has('engine')) {
    const engine = await measureEngine(progress);
    Object.assign(result, { engine, plansPerSecond: engine.plansPerSecond });
  }
  if (!options.skip.has('bundles')) {
    const bundles = await measureBundles(progress);
    result.bundles = bundles;
    result.bundleBytes = Object.fromEntries(Object.values(bundles).map((b) => [b.handler, b.bundleBytes]));
    result.initMs = Object.fromEntries(Object.values(bundles).map((b) => [b.handler, b.initMs]));
    result.sdkChoice = await measureSdkChoice(progress);
  }
  if (!options.skip.has('end-to-end')) {
    result.endToEnd = await measureEndToEnd(options.subscribers, progress);
  }

  // The cost model fed with what was measured: item sizes (the profile projected to the 8 weeks of history
  // it settles at, growing by what one week added) and the .ics size.
  const inputs: Record<string, number> = { subscribers: 1_000_000 };
  if (result.endToEnd) {
    const { profileAfterWeek1, profile, week } = result.endToEnd.itemBytes;
    inputs.profileItemBytes = Math.round(profile + 6 * Math.max(0, profile - profileAfterWeek1));
    inputs.weekItemBytes = Math.round(week);
  }
  if (result.rendering) inputs.attachmentBytes = Math.round(result.rendering.attachmentBytes);
  const cost = estimateMonthlyCost(inputs);
  result.costAt1M = {
    totalUsd: cost.totalUsd,
    perSubscriberUsd: cost.perSubscriberUsd,
    byService: cost.byService,
    inputs,
  };

  if (!options.skip.has('plans')) {
    progress('plans: the coach against Couch to 5K and Hal Higdon Novice 5K and 10K');
    result.plans = comparePlans();
  }

  result.targets = targetsOf(result);
  process.stdout.write(`\n${formatTable(result)}${details(result)}`);
  if (result.plans) {
    process.stdout.write(
      `\nThe road to a race, against the published plans:\n\n${formatComparison(result.plans)}\n`,
    );
  }
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`\nFigures written to ${options.json}\n`);
  }
  // Figures, not a test: a missed target is reported above and the exit code stays 0.
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
