// Builds a handler's lazy chunks (lib/constructs/bundling.ts) into a folder beside its index.mjs: CDK's bundling
// runs it after esbuild for each function that has any. Usage: build-chunks <handler> <output folder>.
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chunkBuildOptions, LAZY_CHUNKS } from '#lib/constructs/bundling';

const [handler, outdir] = process.argv.slice(2);
if (!handler || !outdir || !LAZY_CHUNKS[handler]) {
  console.error(`usage: build-chunks <${Object.keys(LAZY_CHUNKS).join('|')}> <output folder>`);
  process.exit(2);
}
const projectRoot = resolve(import.meta.dirname, '..');
for (const options of chunkBuildOptions(projectRoot, handler, resolve(outdir))) await build(options);
