// Bundle size and cold import time per Lambda, bundled with esbuild the way lib/constructs/coach-function.ts does.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chunkBuildOptions, LAZY_CHUNKS, lambdaBuildOptions } from '#lib/constructs/bundling';
import { median } from './timing';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HANDLERS_DIR = join(projectRoot, 'lambdas', 'handlers');
const TARGET = 'send-week';

export interface BundleFigures {
  handler: string;
  /** The .mjs Lambda loads. */
  bundleBytes: number;
  /** The source map beside it (in the zip, read only when an error's stack is mapped). */
  sourceMapBytes: number;
  /** Median time to import the handler module in a fresh Node process, with Lambda's NODE_OPTIONS. */
  initMs: number;
  initRunsMs: number[];
  /** Modules loaded only when first needed (the inbound reader), each with its size and its first import. */
  lazy?: {
    file: string;
    /** When the handler first loads it, in words. */
    loadedWhen: string;
    bytes: number;
    /** Median time the first message that needs it waits to import it (once per Lambda instance). */
    firstUseMs: number;
  }[];
  /** The same handler with its lazy modules in the one file: what its cold import would cost without them. */
  whole?: { bundleBytes: number; initMs: number };
}

export function handlerNames(): string[] {
  return readdirSync(HANDLERS_DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => basename(f, '.ts'))
    .sort();
}

/**
 * NodejsFunction's esbuild arguments for our bundling props: bundle, platform node, target node22 (from the
 * runtime), ESM, minify, linked source map without sources, mainFields module/main, the banner, and the
 * credential providers Lambda never loads aliased to their stub. The output is index.mjs, as CDK names ESM bundles.
 */
async function bundle(handler: string, outDir: string, external: readonly string[] = []): Promise<string> {
  const outfile = join(outDir, handler, 'index.mjs');
  const options = lambdaBuildOptions(projectRoot, handler, outfile);
  await build({ ...options, external: [...options.external, ...external] });
  // The lazy chunks beside it, as CDK's afterBundling hook builds them (bin/build-chunks.ts).
  for (const chunk of chunkBuildOptions(projectRoot, handler, dirname(outfile))) await build(chunk);
  return outfile;
}

/** The handler with its lazy chunks folded back in: one file, everything compiled at import, for comparison. */
async function bundleWhole(handler: string, outDir: string): Promise<string> {
  const outfile = join(outDir, `${handler}-whole`, 'index.mjs');
  const {
    define: _define,
    external: _external,
    ...options
  } = lambdaBuildOptions(projectRoot, handler, outfile);
  await build(options);
  return outfile;
}

// The handlers compose lazily (config is read on the first event), so importing needs no environment;
// the Lambda's own NODE_OPTIONS are set because --enable-source-maps changes how modules load.
const IMPORT_SCRIPT =
  'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';
// The handler first (untimed), then its lazy chunk: what the first message that needs the chunk waits for.
const CHUNK_SCRIPT =
  'await import(process.argv[1]); const t = performance.now(); await import(process.argv[2]); process.stdout.write(String(performance.now() - t));';

function importOnce(file: string, chunk?: string): number {
  const out = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      chunk === undefined ? IMPORT_SCRIPT : CHUNK_SCRIPT,
      pathToFileURL(file).href,
      ...(chunk === undefined ? [] : [pathToFileURL(chunk).href]),
    ],
    {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        NODE_OPTIONS: '--enable-source-maps',
        AWS_REGION: 'us-east-1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    },
  );
  const ms = Number(out.stdout);
  if (out.status !== 0 || !Number.isFinite(ms)) {
    throw new Error(`importing ${file} failed (exit ${out.status}): ${out.stderr.trim().slice(-400)}`);
  }
  return ms;
}

export async function measureBundles(
  progress: (line: string) => void,
  runs = 5,
): Promise<Record<string, BundleFigures>> {
  const outDir = mkdtempSync(join(tmpdir(), 'coach-bench-bundles-'));
  const figures: Record<string, BundleFigures> = {};
  try {
    for (const handler of handlerNames()) {
      const file = await bundle(handler, outDir);
      // One untimed import first, so the file is in the page cache like a warm Lambda host's disk.
      importOnce(file);
      const initRunsMs = Array.from({ length: runs }, () => importOnce(file));
      figures[handler] = {
        handler,
        bundleBytes: statSync(file).size,
        sourceMapBytes: statSync(`${file}.map`).size,
        initMs: median(initRunsMs),
        initRunsMs,
      };
      progress(
        `bundle ${handler}: ${(statSync(file).size / 1024).toFixed(0)} KB, import ${median(initRunsMs).toFixed(0)} ms`,
      );
      const chunks = LAZY_CHUNKS[handler] ?? [];
      if (chunks.length > 0) {
        const lazy = chunks.map((c) => {
          const chunkFile = join(dirname(file), c.file);
          importOnce(file, chunkFile);
          const firstUseMs = median(Array.from({ length: runs }, () => importOnce(file, chunkFile)));
          return { file: c.file, loadedWhen: c.loadedWhen, bytes: statSync(chunkFile).size, firstUseMs };
        });
        const wholeFile = await bundleWhole(handler, outDir);
        importOnce(wholeFile);
        const whole = {
          bundleBytes: statSync(wholeFile).size,
          initMs: median(Array.from({ length: runs }, () => importOnce(wholeFile))),
        };
        Object.assign(figures[handler], { lazy, whole });
        progress(
          `bundle ${handler}: ${lazy.map((l) => `${l.file} ${(l.bytes / 1024).toFixed(0)} KB loads on first use in ${l.firstUseMs.toFixed(0)} ms`).join(', ')}; ` +
            `all in one file it would be ${(whole.bundleBytes / 1024).toFixed(0)} KB, import ${whole.initMs.toFixed(0)} ms`,
        );
      }
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  return figures;
}

export interface SdkChoiceFigures {
  /** send-week as shipped: the SDK bundled (see lib/constructs/bundling.ts). */
  bundled: { bundleBytes: number; initMs: number };
  /** send-week with every `@aws-sdk/*` package external, imported from node_modules as Lambda's runtime copy would be. */
  external: { bundleBytes: number; initMs: number };
}

/**
 * The figures behind bundling the SDK: send-week both ways. The external build is written under node_modules so
 * its `@aws-sdk/*` imports resolve to the installed packages, the way they resolve to the runtime's on Lambda.
 */
export async function measureSdkChoice(
  progress: (line: string) => void,
  runs = 5,
): Promise<SdkChoiceFigures> {
  const outDir = mkdtempSync(join(tmpdir(), 'coach-bench-sdk-'));
  const cacheDir = join(projectRoot, 'node_modules', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const externalDir = mkdtempSync(join(cacheDir, 'coach-bench-sdk-external-'));
  try {
    const measure = async (dir: string, external: readonly string[]) => {
      const file = await bundle(TARGET, dir, external);
      importOnce(file);
      return {
        bundleBytes: statSync(file).size,
        initMs: median(Array.from({ length: runs }, () => importOnce(file))),
      };
    };
    const bundled = await measure(outDir, []);
    const external = await measure(externalDir, ['@aws-sdk/*']);
    progress(
      `${TARGET} with @aws-sdk/* external: ${(external.bundleBytes / 1024).toFixed(0)} KB, import ${external.initMs.toFixed(0)} ms ` +
        `(bundled: ${(bundled.bundleBytes / 1024).toFixed(0)} KB, ${bundled.initMs.toFixed(0)} ms)`,
    );
    return { bundled, external };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
    rmSync(externalDir, { recursive: true, force: true });
  }
}
