// Bundle size and cold import time per Lambda, bundled with esbuild the way lib/constructs/coach-function.ts does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { median } from './timing';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HANDLERS_DIR = join(projectRoot, 'lambdas', 'handlers');

// The same banner as the CDK construct: ESM output has no `require`, bundled CommonJS still calls it.
const REQUIRE_SHIM = [
  "import { createRequire as coachCreateRequire } from 'node:module';",
  'const require = coachCreateRequire(import.meta.url);',
].join(' ');

export interface BundleFigures {
  handler: string;
  /** The .mjs Lambda loads. */
  bundleBytes: number;
  /** The source map beside it (in the zip, read only when an error's stack is mapped). */
  sourceMapBytes: number;
  /** Median time to import the handler module in a fresh Node process, with Lambda's NODE_OPTIONS. */
  initMs: number;
  initRunsMs: number[];
}

export function handlerNames(): string[] {
  return readdirSync(HANDLERS_DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => basename(f, '.ts'))
    .sort();
}

/**
 * NodejsFunction's esbuild arguments for our bundling props: bundle, platform node, target node22 (from the
 * runtime), ESM, minify, linked source map without sources, mainFields module/main, the banner, nothing
 * external. The output is index.mjs, as CDK names ESM bundles.
 */
async function bundle(handler: string, outDir: string): Promise<string> {
  const outfile = join(outDir, handler, 'index.mjs');
  await build({
    entryPoints: [join(HANDLERS_DIR, `${handler}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_SHIM },
    external: [],
    absWorkingDir: projectRoot,
    logLevel: 'error',
  });
  return outfile;
}

// The handlers compose lazily (config is read on the first event), so importing needs no environment;
// the Lambda's own NODE_OPTIONS are set because --enable-source-maps changes how modules load.
const IMPORT_SCRIPT =
  'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';

function importOnce(file: string): number {
  const out = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', IMPORT_SCRIPT, pathToFileURL(file).href],
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
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  return figures;
}
