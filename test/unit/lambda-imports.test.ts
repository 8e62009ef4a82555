// How the Lambda code imports zod decides what esbuild can leave out of every bundle: zod/mini, as a namespace,
// so each bundle keeps only the schema types and checks it uses.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const lambdasDir = join(import.meta.dirname, '../../lambdas');

function lambdaSources(): { file: string; text: string }[] {
  return readdirSync(lambdasDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((file) => ({ file, text: readFileSync(join(lambdasDir, file), 'utf8') }));
}

describe('zod in the Lambdas', () => {
  it('is zod/mini, imported as a namespace, in every file a Lambda bundles', () => {
    // Prepare
    const sources = lambdaSources();
    const usingZod = sources.filter(({ text }) => /from\s+['"]zod(\/mini)?['"]/.test(text));

    // Assess
    expect(usingZod.length).toBeGreaterThan(5);
    for (const { file, text } of usingZod) {
      // Every statement that names zod (imports, re-exports, default imports) is the namespace import. Only
      // the `coach plan` input (read by the CLI, in no Lambda) may use the full build.
      const statements = text.match(/^(?:import|export)\b[^;]*?from\s*['"]zod(?:\/[^'"]*)?['"];?/gms) ?? [];
      expect(statements.length, file).toBeGreaterThan(0);
      const expected = file.endsWith('plan-input.ts')
        ? "import * as z from 'zod';"
        : "import * as z from 'zod/mini';";
      for (const statement of statements) expect(statement, file).toBe(expected);
    }
  });

  it('bundles without its locales or JSON Schema code when imported as a namespace', async () => {
    // Prepare: the named import keeps every export of the `z` object, the namespace only what is used.
    const entry = (importLine: string) =>
      `${importLine}\nexport const schema = z.object({ at: z.iso.datetime(), n: z.number().int() });`;
    const size = async (contents: string) => {
      const out = await build({
        stdin: { contents, resolveDir: lambdasDir, loader: 'ts' },
        bundle: true,
        platform: 'node',
        format: 'esm',
        minify: true,
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      // Files esbuild read but left out entirely still appear in the metafile, with nothing in the output.
      const kept = Object.values(out.metafile.outputs).flatMap((o) =>
        Object.entries(o.inputs)
          .filter(([, input]) => input.bytesInOutput > 0)
          .map(([file]) => file),
      );
      return { bytes: out.outputFiles[0]?.contents.byteLength ?? 0, inputs: kept };
    };

    // Act
    const named = await size(entry("import { z } from 'zod';"));
    const namespace = await size(entry("import * as z from 'zod';"));

    // Assess
    expect(named.inputs.some((f) => f.includes('/locales/ru.js'))).toBe(true);
    expect(namespace.inputs.some((f) => f.includes('/locales/ru.js'))).toBe(false);
    expect(namespace.bytes).toBeLessThan(named.bytes / 3);
  }, 30_000);
});
