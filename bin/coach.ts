// The `coach` CLI: start the local stack, run the weekly job, inspect plans and replies, send replies and SES events.
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readWatchFiles } from '#adapters/message-reader';
import { planAhead, planWeek } from '#domain/plan';
import { parsePlanInput } from '#domain/plan-input';
import { isReplyError, understandReply } from '#domain/reply/index';
import { isTimeZone, wallClock } from '#domain/zoned-time';
import { makeFeedbackHandler } from '#handlers/feedback';
import { ConfigError, SIGN_UP_LIMIT_DEFAULTS } from '#lambdas/config';
import { ENV } from '#lambdas/env-names';
import { sendLocalReply } from '#lib/local/reply-client';
import { LocalStackError } from '#lib/local/services';
import { SIMULATIONS, type Simulation, simulatedSesEvent, snsFeedbackEvent } from '#lib/local/ses-simulator';
import { connectLocalStack, consoleLog, PORT_ENV, portsFromEnv, startLocalStack } from '#lib/local/stack';
import { estimateMonthlyCost, formatCostReport } from './cost';
import { planAsText, plansAsTable } from './plan-text';
import { STATS_HELP, statsCommand } from './stats';

// The Lambdas run on Node 22; locally Node 20 is supported, so the SDK's reminder is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const PROJECT_ROOT = resolve(import.meta.dirname, '..');
const DATA_DIR = process.env.COACH_DATA_DIR ?? join(PROJECT_ROOT, '.local');

const HELP = `coach: the knee-friendly running coach, locally

Usage:
  coach start [--fresh] [--manual]
                               start the local stack (DynamoDB Local, SES emulator, S3, API) until Ctrl-C;
                               --manual: no hourly weekly job, only the runs you start with run-week
  coach run-week [--at <ISO>]  run the weekly dispatcher as of a time (default: now) against the running stack
  coach reply --to <reply address> "<text>" [--from <address>] [--attach FILE ...]
                               answer a weekly email through the local SMTP server, as a mail client would;
                               --attach adds a file (a watch's .fit, .gpx or .tcx, gzipped or not), once per file
  coach simulate bounce|soft-bounce|complaint|delivery <email>
                               feed an SES feedback event for an address to the feedback handler (local stack)
${STATS_HELP}
  coach cost [--subscribers N]  estimate the monthly AWS cost for a list of N subscribers (default 1,000,000)
  coach parse-reply [--file F] [--zone Z] [--at T]
                               read a reply (raw .eml or plain text) on stdin and print what the coach
                               understands; dates in it ("next week") count from the message's Date (or
                               --at, default now) in zone Z (default UTC); watch files attached to it
                               are read and listed under "files"
  coach plan [--file F] [--format json|text] [--weeks N]
                               plan one week from a JSON input on stdin (or a file) and print it;
                               with --weeks N, the next N weeks, each assumed run as planned with no
                               pain (a JSON array, or a table with --format text)
  coach help                   show this help

Options:
  --fresh        start with empty data (otherwise data persists in ${DATA_DIR})
  --manual       coach start: do not run the weekly job every hour (weeks go out only with run-week)
  --at <time>    an ISO 8601 date-time, e.g. 2026-12-06T18:00:00+01:00
  --file F       read the plan input from F instead of stdin
  --format F     json (default) or text
  --json         coach stats: print the figures as JSON

Plan input (JSON):
  {"profile":{"unit":"min","weeklyVolume":90,"runDays":3,"rampRate":0.025,"goalVolume":150},
   "history":[{"weekStart":"2026-11-23","runs":[{"date":"2026-11-23","amount":30}],
               "actualVolume":85,"pain":{"score":3,"settledNextMorning":true},"changes":["shoes"]}],
   "weekStart":"2026-11-30"}

Ports (environment): ${Object.values(PORT_ENV)
  .map((p) => `${p.name} (default ${p.default})`)
  .join(', ')}
Sign-up limits (environment): ${Object.entries(SIGN_UP_LIMIT_DEFAULTS)
  .map(([key, value]) => `${ENV[key as keyof typeof SIGN_UP_LIMIT_DEFAULTS]} (default ${value})`)
  .join(', ')}
`;

class UsageError extends Error {}

async function start(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { fresh: { type: 'boolean', default: false }, manual: { type: 'boolean', default: false } },
    strict: true,
  });
  const ports = portsFromEnv();
  const stack = await startLocalStack({
    ports,
    dataDir: DATA_DIR,
    fresh: values.fresh,
    hourlyDispatch: !values.manual,
    log: consoleLog(),
    progress: (line) => console.log(line),
  });
  console.log(`
Knee Coach is running locally.
  Subscribe:   open ${stack.urls.api} in a browser, or
               curl -X POST ${stack.urls.api}/subscribe -H 'content-type: application/json' \\
                 -d '{"email":"ana@example.com","weeklyVolume":90,"unit":"min","runDays":3,"timeZone":"Europe/Berlin","sendDay":"sun","sendHour":18}'
  API:         ${stack.urls.api}
  Mailbox:     ${stack.urls.mailbox}   (every email sent; open it in a browser)
  Weekly job:  ${
    values.manual
      ? 'runs only when you run  npx coach run-week [--at <ISO time>]  (started with --manual)'
      : 'runs every hour by itself; run it now with  npx coach run-week [--at <ISO time>]'
  }
  Replies:     SMTP on ${stack.urls.smtp}; try  npx coach reply --to <Reply-To of a plan email> "knee 3/10, fine next morning"
  Data:        ${DATA_DIR}${values.fresh ? ' (started fresh)' : ' (kept between runs; --fresh to start empty)'}
Press Ctrl-C to stop.
`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await stack.stop();
    console.log('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

function parseAt(text: string): Date {
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(at.getTime())) {
    throw new UsageError(`--at must be an ISO date-time such as 2026-12-06T18:00:00Z, got "${text}"`);
  }
  return at;
}

async function runWeekCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { at: { type: 'string' } }, strict: true });
  const at = values.at === undefined ? undefined : parseAt(values.at);
  const ports = portsFromEnv();
  const deps = await connectLocalStack(ports, DATA_DIR, consoleLog());
  const { runWeek } = await import('#lib/local/stack');
  try {
    const report = await runWeek(deps, at, join(DATA_DIR, 'dead-letters.jsonl'));
    console.log(
      `weekly run as of ${report.at}: ${report.due} due${
        report.resumed > 0 ? `, ${report.resumed} unsent week(s) from an earlier run resumed` : ''
      }, ${report.sent} plan email(s) sent${
        report.parked > 0 ? `, ${report.parked} parked in ${join(DATA_DIR, 'dead-letters.jsonl')}` : ''
      }`,
    );
    if (report.parked > 0) process.exitCode = 1;
  } catch (error) {
    if (isConnectionRefused(error)) {
      throw new LocalStackError(
        `The local stack is not running on port ${ports.dynamodb}: start it with \`npm start\` in another terminal.`,
      );
    }
    throw error;
  }
}

/** Exit code 2 with one line per problem: bad input is the caller's to fix, not a crash. */
class InputError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function replyCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      to: { type: 'string' },
      from: { type: 'string' },
      attach: { type: 'string', multiple: true },
    },
    allowPositionals: true,
    strict: true,
  });
  if (!values.to) throw new UsageError('--to <reply address> is required (the Reply-To of a weekly email)');
  const text = positionals.join(' ').trim();
  const attachments = await readAttachments(values.attach ?? []);
  if (!text && attachments.length === 0)
    throw new UsageError(
      'write the reply text after the options, e.g. "knee 3/10, fine next morning", or attach a file with --attach',
    );
  const ports = portsFromEnv();
  const deps = await connectLocalStack(
    ports,
    DATA_DIR,
    consoleLog(() => {}),
  );
  try {
    const result = await sendLocalReply(deps, ports, values.to, text, {
      ...(values.from ? { from: values.from } : {}),
      attachments,
    });
    const sent = attachments.length > 0 ? ` with ${attachments.map((a) => a.filename).join(', ')}` : '';
    console.log(`reply sent from ${result.from} to ${values.to}${sent}`);
    if (result.acknowledgment) {
      console.log(
        `\nacknowledgment: ${result.acknowledgment.subject}\n${result.acknowledgment.text.split('\n--')[0]?.trim()}`,
      );
    } else {
      console.log(`no acknowledgment yet: look in the mailbox at http://localhost:${ports.mailbox}`);
    }
  } catch (error) {
    if (isConnectionRefused(error)) {
      throw new LocalStackError(
        'The local stack is not running: start it with `npm start` in another terminal.',
      );
    }
    if (error instanceof Error && /reply address|no subscriber/.test(error.message)) {
      throw new UsageError(error.message);
    }
    if ((error as { responseCode?: number }).responseCode !== undefined) {
      throw new LocalStackError(`the SMTP server refused the reply: ${(error as Error).message}`);
    }
    throw error;
  }
}

/** The files for --attach, read whole; a missing or unreadable one stops before anything is sent. */
async function readAttachments(paths: string[]): Promise<{ filename: string; content: Buffer }[]> {
  const files: { filename: string; content: Buffer }[] = [];
  for (const path of paths) {
    try {
      files.push({ filename: basename(path), content: await readFile(path) });
    } catch (error) {
      throw new InputError([`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`]);
    }
  }
  return files;
}

async function simulateCommand(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
  const [kind, email] = positionals;
  if (!SIMULATIONS.includes(kind as Simulation) || !email || positionals.length !== 2) {
    throw new UsageError(`usage: coach simulate ${SIMULATIONS.join('|')} <email>`);
  }
  const ports = portsFromEnv();
  const deps = await connectLocalStack(
    ports,
    DATA_DIR,
    consoleLog(() => {}),
  );
  const outcomes: string[] = [];
  const handler = makeFeedbackHandler(() => ({
    ...deps,
    log: { ...deps.log, info: (_m, fields) => outcomes.push(String(fields?.outcome ?? '')) },
  }));
  try {
    await handler(snsFeedbackEvent(simulatedSesEvent(kind as Simulation, email)));
  } catch (error) {
    if (isConnectionRefused(error)) {
      throw new LocalStackError(
        'The local stack is not running: start it with `npm start` in another terminal.',
      );
    }
    throw error;
  }
  console.log(`${kind} for ${email}: ${outcomes.join(', ') || 'nothing to do'}`);
}

async function costCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { subscribers: { type: 'string', default: '1000000' } },
    strict: true,
  });
  const subscribers = Number(values.subscribers?.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(subscribers) || subscribers < 0) {
    throw new UsageError(`--subscribers must be a whole number, got "${values.subscribers}"`);
  }
  process.stdout.write(formatCostReport(estimateMonthlyCost({ subscribers })));
}

async function readInput(file: string | undefined, what: string): Promise<Buffer> {
  if (file !== undefined) {
    try {
      return await readFile(file);
    } catch (error) {
      throw new InputError([`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`]);
    }
  }
  if (process.stdin.isTTY) throw new UsageError(`pipe ${what} into the command, or pass --file F`);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

async function parseReplyCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { file: { type: 'string' }, zone: { type: 'string' }, at: { type: 'string' } },
    strict: true,
  });
  if (values.zone !== undefined && !isTimeZone(values.zone)) {
    throw new UsageError(`--zone must be an IANA time zone such as Europe/Berlin, got "${values.zone}"`);
  }
  const at = values.at === undefined ? new Date() : parseAt(values.at);
  const raw = await readInput(values.file, 'a reply (a raw message or plain text)');
  if (raw.toString('utf8').trim() === '') {
    throw new InputError(['the input is empty: pipe a raw message (.eml) or the text of a reply']);
  }
  const understood = await understandReply(raw, {
    ...(values.zone === undefined ? {} : { timeZone: values.zone }),
    now: at,
  });
  if (isReplyError(understood)) throw new InputError([`cannot read the reply: ${understood.error.message}`]);
  const { text, pain, changes, commands, redFlags, done, illness, away, runDays, crossTraining, unclear } =
    understood;
  const files = (await readWatchFiles(understood.attachments)).map((file) => ({
    ...file,
    activities: file.activities.map((a) => ({
      ...a,
      ...(values.zone === undefined ? {} : { localStart: localStart(a.startedAt, values.zone) }),
    })),
  }));
  const printed = {
    text,
    pain,
    changes,
    commands,
    redFlags,
    done,
    illness,
    away,
    runDays,
    crossTraining,
    unclear,
    files,
  };
  process.stdout.write(`${JSON.stringify(printed, null, 2)}\n`);
}

/** An activity's start as the wall clock in a zone showed it: "2026-12-01 07:00". */
function localStart(startedAt: string, zone: string): string {
  const c = wallClock(new Date(startedAt), zone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${c.year}-${two(c.month)}-${two(c.day)} ${two(c.hour)}:${two(c.minute)}`;
}

async function planCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      file: { type: 'string' },
      format: { type: 'string', default: 'json' },
      weeks: { type: 'string' },
    },
    strict: true,
  });
  if (values.format !== 'json' && values.format !== 'text') {
    throw new UsageError(`--format must be json or text, got "${values.format}"`);
  }
  const weeks = values.weeks === undefined ? undefined : Number(values.weeks);
  if (weeks !== undefined && !(Number.isInteger(weeks) && weeks >= 1 && weeks <= 156)) {
    throw new UsageError(`--weeks must be a whole number from 1 to 156, got "${values.weeks}"`);
  }
  let text: string;
  if (values.file !== undefined) {
    try {
      text = await readFile(values.file, 'utf8');
    } catch (error) {
      throw new InputError([
        `cannot read ${values.file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      ]);
    }
  } else {
    if (process.stdin.isTTY)
      throw new UsageError('pipe the plan input JSON into `coach plan`, or pass --file F');
    text = await readAll(process.stdin);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InputError([`input is not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = parsePlanInput(raw);
  if (!parsed.ok) throw new InputError(parsed.errors);
  if (weeks !== undefined) {
    const plans = planAhead(parsed.input, weeks);
    process.stdout.write(
      values.format === 'text' ? plansAsTable(plans) : `${JSON.stringify(plans, null, 2)}\n`,
    );
    return;
  }
  const plan = planWeek(parsed.input);
  process.stdout.write(values.format === 'text' ? planAsText(plan) : `${JSON.stringify(plan, null, 2)}\n`);
}

function isConnectionRefused(error: unknown): boolean {
  const text = String((error as { code?: string })?.code ?? '') + String((error as Error)?.message ?? '');
  return /ECONNREFUSED|connect/i.test(text);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return start(rest);
    case 'run-week':
      return runWeekCommand(rest);
    case 'plan':
      return planCommand(rest);
    case 'reply':
      return replyCommand(rest);
    case 'parse-reply':
      return parseReplyCommand(rest);
    case 'simulate':
      return simulateCommand(rest);
    case 'cost':
      return costCommand(rest);
    case 'stats':
      return statsCommand(rest, (text) => process.stdout.write(text));
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`coach: ${(error as Error).message}\nRun \`npx coach help\` for usage.`);
    process.exit(2);
  }
  if (error instanceof InputError) {
    for (const line of error.lines) console.error(line);
    process.exit(2);
  }
  if (error instanceof ConfigError) {
    console.error(`coach: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof LocalStackError) {
    console.error(`coach: ${error.message}`);
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
