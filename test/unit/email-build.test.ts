// The MJML build: strict validation passes, placeholders survive compilation, broken templates fail clearly.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CompiledTemplate,
  compileAll,
  GENERATED_FILE,
  generatedModule,
  TemplateBuildError,
} from '#bin/build-templates';

const placeholdersOf = (html: string) =>
  new Set([...html.matchAll(/\{\{\{?\s*([A-Za-z]\w*)\s*\}?\}\}/g)].map((m) => m[0]));

describe('build-templates', () => {
  let templates: CompiledTemplate[];

  beforeAll(async () => {
    templates = await compileAll();
  }, 30_000);

  it('compiles every template with zero MJML errors under strict validation', () => {
    // Assess
    expect(templates.map((t) => t.name)).toEqual(['confirm', 'note', 'weekly-plan']);
    for (const t of templates) expect(t.html).toMatch(/^<!doctype html>/i);
  });

  it('resolves the shared partials and keeps every placeholder intact', () => {
    // Prepare
    const byName = Object.fromEntries(templates.map((t) => [t.name, t.html]));

    // Assess
    for (const html of Object.values(byName)) {
      expect(html).not.toContain('mj-include');
      expect(html).toContain('Knee-friendly running coach'); // header partial
      expect(html).toContain('education, not medical advice'); // footer partial
      expect(html).toContain('{{operatorName}}');
      expect(html).toContain('{{{footerNote}}}');
      expect(html).toContain('<html lang="en"');
      expect(html).not.toContain('fonts.googleapis.com');
    }
    expect(placeholdersOf(byName['weekly-plan'] ?? '')).toEqual(
      new Set([
        '{{subject}}',
        '{{preheader}}',
        '{{weekLine}}',
        '{{{lastWeek}}}',
        '{{headline}}',
        '{{reason}}',
        '{{totalLine}}',
        '{{{weekRows}}}',
        '{{{walkRunNote}}}',
        '{{easyPace}}',
        '{{timeZone}}',
        '{{{calendarNote}}}',
        '{{{chart}}}',
        '{{{projection}}}',
        '{{{strength}}}',
        '{{tip}}',
        '{{{footerNote}}}',
        '{{operatorName}}',
        '{{operatorAddress}}',
      ]),
    );
    expect(byName.confirm).toContain('href="{{confirmUrl}}"');
  });

  it('the generated module is what the sources compile to now', () => {
    // Assess: a stale generated file would ship yesterday's templates
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(generatedModule(templates));
  });

  describe('a broken template', () => {
    let dir: string;

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'email-build-'));
    });

    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('fails with every MJML error listed', async () => {
      // Prepare
      writeFileSync(
        join(dir, 'bad.mjml'),
        '<mjml><mj-body><mj-section><mj-text colour="red">hi</mj-text></mj-section></mj-body></mjml>',
      );

      // Act
      const failure = await compileAll(dir).catch((e: unknown) => e);

      // Assess
      expect(failure).toBeInstanceOf(TemplateBuildError);
      const { message, problems } = failure as TemplateBuildError;
      expect(message).toContain('bad.mjml');
      expect(problems.join('\n')).toMatch(/mj-text cannot be used inside mj-section/);
      expect(problems.join('\n')).toMatch(/Attribute colour is illegal/);
    });

    it('fails on a placeholder the renderer would not understand', async () => {
      // Prepare
      writeFileSync(
        join(dir, 'bad.mjml'),
        '<mjml><mj-body><mj-section><mj-column><mj-text>{{first-name}}</mj-text></mj-column></mj-section></mj-body></mjml>',
      );

      // Act
      const failure = await compileAll(dir).catch((e: unknown) => e);

      // Assess
      expect(failure).toBeInstanceOf(TemplateBuildError);
      expect((failure as TemplateBuildError).message).toMatch(/malformed or mangled placeholder/);
    });
  });
});
