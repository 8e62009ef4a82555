// Rendering and engine figures: our build-time-compiled email against compiling MJML per email, and plans/second.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { type compileTemplate, TEMPLATES_DIR } from '#bin/build-templates';
import { buildPersonas } from '#bin/personas';
import { type HistoryWeek, type PlanInput, type PlanProfile, planWeek } from '#domain/plan';
import { interpretReply } from '#domain/reply/interpret';
import { visibleText } from '#domain/reply/visible-text';
import { addWeeks } from '#domain/schedule';
import { CHANGE_KINDS, type RedFlag, UNITS } from '#domain/types';
import { weeklyPlanHtml } from '#email/compiled/templates.generated';
import { renderWeeklyPlanEmail } from '#email/render';
import { parseTemplate, type Template } from '#email/template';
import type { WeeklyPlanEmailInput } from '#email/types';
import { HOSTILE_REPLIES } from '#test/support/hostile-replies';
import { timeLoop, timeRounds } from './timing';

export interface RenderFigures {
  renderMsPerEmail: number;
  mjmlMsPerEmail: number;
  /** The MJML side less our renderer's share: filling and compiling the MJML alone. */
  mjmlCompileMsPerEmail: number;
  renderSpeedup: number;
  renderIterations: number;
  /** Whether compiling MJML per email gave byte-for-byte the HTML our renderer gives (same data, same work). */
  mjmlSameHtml: boolean;
  mjmlIterations: number;
  /** Sizes of what one weekly email carries, averaged over the personas (feeds the cost model). */
  htmlBytes: number;
  textBytes: number;
  attachmentBytes: number;
}

type Mjml2Html = NonNullable<Parameters<typeof compileTemplate>[1]>;

// What bin/build-templates.ts passes to mjml2html, so both sides compile the same way.
const MJML_OPTIONS = {
  validationLevel: 'strict',
  ignoreIncludes: false,
  keepComments: false,
  fonts: {},
  minify: true,
  minifyOptions: { minifyCss: false },
} as const;

/**
 * Reads each slot's value back out of an email filled from `template`: between one static chunk and the next.
 * Two slots with nothing between them come back as one (the second gets both); either way the same text ends
 * up in the same place, which is all the MJML side needs. Throws if the email does not match the template.
 */
export function slotValues(template: Template, filled: string): Record<string, string> {
  const { chunks, slots } = template;
  const values: Record<string, string> = {};
  const first = chunks[0] ?? '';
  if (!filled.startsWith(first))
    throw new Error(`${template.name}: the email does not start like the template`);
  let pos = first.length;
  for (let i = 0; i < slots.length; i++) {
    const key = (slots[i] as { key: string }).key;
    const next = chunks[i + 1] ?? '';
    const last = i === slots.length - 1;
    let end: number;
    if (last) end = filled.length - next.length;
    else if (next === '')
      end = filled.length; // taken by the following slot's search below
    else end = filled.indexOf(next, pos);
    if (end < pos) throw new Error(`${template.name}: cannot find the text after {{${key}}}`);
    const value = next === '' && !last ? '' : filled.slice(pos, end);
    values[key] ??= value;
    if (next !== '' || last) pos = end + next.length;
  }
  return values;
}

/** The template with its `<mj-include>`s replaced by the partials' contents, minus their wrapper tags. */
export function inlineIncludes(sourcePath: string): string {
  return readFileSync(sourcePath, 'utf8').replace(/<mj-include\s+path="([^"]+)"\s*\/>/g, (_, path: string) =>
    readFileSync(resolve(dirname(sourcePath), path), 'utf8').replace(
      /<\/?(?:mjml|mj-head|mj-body)\b[^>]*>/g,
      '',
    ),
  );
}

/** Equal but for whitespace after a tag, which MJML trims when a slot at the start of a text is empty. */
function sameMarkup(a: string, b: string): boolean {
  const squeeze = (s: string) => s.replace(/>\s+/g, '>');
  return squeeze(a) === squeeze(b);
}

/** Puts already-escaped values into a template's slots as they are (they came out of a rendered email). */
export function fillVerbatim(template: Template, values: Record<string, string>): string {
  let out = template.chunks[0] ?? '';
  template.slots.forEach((slot, i) => {
    const value = values[slot.key];
    if (value === undefined) throw new Error(`${template.name}: no value for {{${slot.key}}}`);
    out += value + (template.chunks[i + 1] ?? '');
  });
  return out;
}

/** The personas' emails as send-week would render them, preferences link included. */
function emailInputs(): WeeklyPlanEmailInput[] {
  return buildPersonas().map((p) => ({
    ...p.input,
    preferencesUrl: 'https://coach.example/preferences?t=bench',
  }));
}

export async function measureRendering(progress: (line: string) => void): Promise<RenderFigures> {
  const inputs = emailInputs();
  const pick = (i: number) => inputs[i % inputs.length] as WeeklyPlanEmailInput;

  let sink = 0;
  const render = await timeRounds(
    (i) => {
      sink += renderWeeklyPlanEmail(pick(i)).html.length;
    },
    { warmup: 500, rounds: 5, minIterations: 500, minMs: 400 },
  );
  progress(
    `rendering: ${render.iterations} emails with the compiled template, median of 5 rounds (${render.roundsMs.map((ms) => ms.toFixed(3)).join(', ')} ms)`,
  );

  // The alternative: fill templates/weekly-plan.mjml with the same values and compile it for each email
  // (same options as the build). The values are the ones our renderer put in each persona's email, read back
  // from its HTML; the text part and calendar are the same work either way, so each MJML email also runs our
  // renderer for them. The partials are inlined once beforehand (they hold placeholders too), which spares the
  // MJML side its include reads: if anything, that flatters it.
  const mjml2html = createRequire(import.meta.url)('mjml') as Mjml2Html;
  const sourcePath = join(TEMPLATES_DIR, 'weekly-plan.mjml');
  const source = parseTemplate('weekly-plan.mjml', inlineIncludes(sourcePath));
  const compiled = parseTemplate('weekly-plan', weeklyPlanHtml);
  const values = inputs.map((input) => slotValues(compiled, renderWeeklyPlanEmail(input).html));
  const options = { ...MJML_OPTIONS, filePath: sourcePath, includePath: TEMPLATES_DIR };
  let sameHtml = true;
  const mjml = await timeLoop(
    async (i) => {
      const email = renderWeeklyPlanEmail(pick(i));
      const filled = fillVerbatim(source, values[i % values.length] as Record<string, string>);
      const out = await mjml2html(filled, options);
      if (out.errors.length > 0) throw new Error(`MJML: ${out.errors[0]?.formattedMessage}`);
      if (i < values.length && !sameMarkup(out.html, email.html)) sameHtml = false;
      sink += out.html.length + email.text.length;
    },
    { warmup: 3, minIterations: 20, minMs: 4000, maxIterations: 200 },
  );
  progress(
    `rendering: ${mjml.iterations} emails compiling MJML each time (${sameHtml ? 'the same HTML as ours' : 'HTML differs from ours'})`,
  );

  const rendered = inputs.map((input) => renderWeeklyPlanEmail(input));
  const avg = (f: (e: (typeof rendered)[number]) => number) =>
    rendered.reduce((sum, e) => sum + f(e), 0) / rendered.length;
  if (sink < 0) console.log(sink); // keeps the work observable so nothing is optimized away
  return {
    renderMsPerEmail: render.msPerIteration,
    mjmlMsPerEmail: mjml.msPerIteration,
    mjmlCompileMsPerEmail: mjml.msPerIteration - render.msPerIteration,
    renderSpeedup: mjml.msPerIteration / render.msPerIteration,
    renderIterations: render.iterations,
    mjmlSameHtml: sameHtml,
    mjmlIterations: mjml.iterations,
    htmlBytes: avg((e) => Buffer.byteLength(e.html)),
    textBytes: avg((e) => Buffer.byteLength(e.text)),
    attachmentBytes: avg((e) => (e.attachments ?? []).reduce((s, a) => s + a.content.byteLength, 0)),
  };
}

/* ---------------------------------------------------------------- engine */

/** A small deterministic PRNG (mulberry32), so every run plans the same varied histories. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RED_FLAG_SAMPLE: RedFlag[] = ['swelling', 'locking', 'giving-way'];

/**
 * Planning inputs as the engine meets them: every unit, 1–7 run days, with or without a goal, and 0–12 weeks
 * of history built by the engine itself with random reports (pain 0–8, silences, changes, red flags, pauses).
 */
export function variedPlanInputs(count: number, seed = 42): PlanInput[] {
  const random = seededRandom(seed);
  const pickOf = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const inputs: PlanInput[] = [];
  for (let n = 0; n < count; n++) {
    const unit = pickOf(UNITS);
    const base = unit === 'min' ? 40 + random() * 200 : unit === 'km' ? 8 + random() * 50 : 5 + random() * 30;
    const profile: PlanProfile = {
      unit,
      weeklyVolume: Math.round(base * 10) / 10,
      runDays: 1 + Math.floor(random() * 7),
      rampRate: 0.01 + Math.floor(random() * 10) / 100,
      ...(random() < 0.5 ? { goalVolume: Math.round(base * (1.2 + random())) } : {}),
    };
    const weeks = Math.floor(random() * 13);
    let weekStart = addWeeks('2026-11-30', -weeks);
    const history: HistoryWeek[] = [];
    for (let w = 0; w < weeks; w++) {
      const plan = planWeek({ profile, history: [...history], weekStart });
      const replied = random() < 0.7;
      const score = Math.floor(random() * 9);
      const flag = random() < 0.03;
      history.push({
        weekStart,
        weekNumber: plan.weekNumber,
        decision: plan.decision,
        runs: plan.runs,
        totalVolume: plan.totalVolume,
        ...(plan.returnStep === undefined ? {} : { returnStep: plan.returnStep }),
        ...(replied
          ? {
              actualVolume: plan.totalVolume * (0.7 + random() * 0.4),
              pain: { score, settledNextMorning: score < 5 || random() < 0.5 },
              ...(random() < 0.1 ? { changes: [pickOf(CHANGE_KINDS)] } : {}),
              ...(flag ? { redFlags: [pickOf(RED_FLAG_SAMPLE)], paused: true } : {}),
              ...(!flag && plan.decision === 'pause' && random() < 0.5 ? { paused: false } : {}),
            }
          : {}),
      });
      weekStart = addWeeks(weekStart, 1);
    }
    inputs.push({ profile, history, weekStart });
  }
  return inputs;
}

export interface EngineFigures {
  plansPerSecond: number;
  planInputs: number;
  plans: number;
  /** Reading a typical short reply (interpretReply), and the slowest of the 1 MB hostile replies. */
  replyMsPerReply: number;
  replyMsPer1MbWorst: number;
}

export async function measureEngine(progress: (line: string) => void): Promise<EngineFigures> {
  const inputs = variedPlanInputs(1000);
  let sink = 0;
  const timed = await timeLoop(
    (i) => {
      sink += planWeek(inputs[i % inputs.length] as PlanInput).runs.length;
    },
    { warmup: 2000, minIterations: 20_000, minMs: 2000 },
  );
  progress(`engine: ${timed.iterations} plans over ${inputs.length} varied histories`);
  const reply = 'Knee 3/10 after the long run, fine by the next morning. Neue Laufschuhe. Pause 2 weeks.';
  const replies = await timeLoop(
    () => {
      sink += interpretReply(reply).changes.length;
    },
    { warmup: 500, minIterations: 5000, minMs: 1000 },
  );
  let worst = 0;
  for (const [name, text] of HOSTILE_REPLIES) {
    const started = performance.now();
    sink += interpretReply(text).changes.length + visibleText(text).length;
    const ms = performance.now() - started;
    progress(`reply reader: 1 MB of ${name} in ${ms.toFixed(0)} ms`);
    worst = Math.max(worst, ms);
  }
  if (sink < 0) console.log(sink);
  return {
    plansPerSecond: 1000 / timed.msPerIteration,
    planInputs: inputs.length,
    plans: timed.iterations,
    replyMsPerReply: replies.msPerIteration,
    replyMsPer1MbWorst: worst,
  };
}
