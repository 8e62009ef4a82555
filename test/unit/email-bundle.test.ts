// The renderer as a Lambda ships it: bundled with esbuild, small, with no MJML compiler or test-only parser inside.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const lambdasDir = join(import.meta.dirname, '../../lambdas');
const emailDir = join(lambdasDir, 'email');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.[cm]?[jt]s$/.test(f));
}

describe('email renderer bundle', () => {
  it('bundles render.ts without mjml, ical.js or any other package, under 200 KB', async () => {
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
    // Zones and dates come from our own Intl-based module (lambdas/domain/zoned-time.ts): no date library.
    const packages = new Set(
      inputs
        .filter((path) => path.includes('node_modules/'))
        .map((path) => path.split('node_modules/')[1]?.split('/')[0]),
    );
    expect([...packages]).toEqual([]);
    expect(inputs.some((path) => path.endsWith('zoned-time.ts'))).toBe(true);
    expect(inputs.some((path) => path.endsWith('templates.generated.ts'))).toBe(true);
    expect(code).not.toMatch(/mjml/i);
    expect(code).not.toMatch(/ical\.js|ICAL\./);
    expect(code).toContain('renderWeeklyPlanEmail');
    expect(Buffer.byteLength(code)).toBeGreaterThan(10_000);
    expect(Buffer.byteLength(code)).toBeLessThan(200 * 1024);
  }, 30_000);

  it('no source file in lambdas/email imports mjml or ical.js', () => {
    // Prepare
    const sources = sourcesUnder(emailDir);

    // Assess
    expect(sources).toContain('render.ts');
    for (const file of sources) {
      expect(readFileSync(join(emailDir, file), 'utf8'), file).not.toMatch(
        /from\s+['"](mjml|ical\.js)|require\(\s*['"](mjml|ical\.js)/,
      );
    }
  });

  it('no source file under lambdas/ imports luxon (it is a test-only oracle)', () => {
    // Prepare
    const sources = sourcesUnder(lambdasDir);
    const importsLuxon = /(?:from|import\s*\(?|require\s*\()\s*['"]luxon(?:\/[^'"]*)?['"]/;

    // Assess
    expect(sources).toContain('domain/schedule.ts');
    expect(sources.length).toBeGreaterThan(20);
    expect(importsLuxon.test("import { DateTime } from 'luxon';")).toBe(true);
    expect(importsLuxon.test('const { DateTime } = require("luxon");')).toBe(true);
    expect(importsLuxon.test("await import('luxon')")).toBe(true);
    expect(importsLuxon.test("import 'luxon/src/luxon.js';")).toBe(true);
    expect(importsLuxon.test('// the same data luxon reads')).toBe(false);
    for (const file of sources) {
      expect(readFileSync(join(lambdasDir, file), 'utf8'), file).not.toMatch(importsLuxon);
    }
  });
});
