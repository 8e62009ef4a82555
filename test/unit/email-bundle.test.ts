// The renderer as a Lambda ships it: bundled with esbuild, small, with no MJML compiler or test-only parser inside.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const emailDir = join(import.meta.dirname, '../../lambdas/email');

describe('email renderer bundle', () => {
  it('bundles render.ts without mjml or ical.js, with luxon its only package, under 200 KB', async () => {
    // Act
    const result = await build({
      entryPoints: [join(emailDir, 'render.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });

    // Assess
    const code = result.outputFiles[0]?.text ?? '';
    const inputs = Object.keys(result.metafile.inputs);
    // luxon places calendar events in the subscriber's zone (the Lambdas already ship it for the schedule).
    const packages = new Set(
      inputs
        .filter((path) => path.includes('node_modules/'))
        .map((path) => path.split('node_modules/')[1]?.split('/')[0]),
    );
    expect([...packages]).toEqual(['luxon']);
    expect(inputs.some((path) => path.endsWith('templates.generated.ts'))).toBe(true);
    expect(code).not.toMatch(/mjml/i);
    expect(code).not.toMatch(/ical\.js|ICAL\./);
    expect(code).toContain('renderWeeklyPlanEmail');
    expect(Buffer.byteLength(code)).toBeGreaterThan(10_000);
    expect(Buffer.byteLength(code)).toBeLessThan(200 * 1024);
  }, 30_000);

  it('no source file in lambdas/email imports mjml or ical.js', () => {
    // Prepare
    const sources = readdirSync(emailDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    );

    // Assess
    expect(sources).toContain('render.ts');
    for (const file of sources) {
      expect(readFileSync(join(emailDir, file), 'utf8'), file).not.toMatch(
        /from\s+['"](mjml|ical\.js)|require\(\s*['"](mjml|ical\.js)/,
      );
    }
  });
});
