// The Lambda entry files stay thin: each parses its event, calls a use case and maps the result.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const HANDLERS = resolve(import.meta.dirname, '..', '..', 'lambdas', 'handlers');
const entryFiles = readdirSync(HANDLERS).filter((f) => f.endsWith('.ts'));

describe('the Lambda entry files', () => {
  it('are all there', () => {
    expect(entryFiles.map((f) => f.replace(/\.ts$/, ''))).toEqual(
      expect.arrayContaining(['api', 'dispatch', 'feedback', 'inbound', 'send-week']),
    );
  });

  it.each(entryFiles)('%s has at most 60 lines', (file) => {
    const lines = readFileSync(join(HANDLERS, file), 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(60);
  });

  it.each(entryFiles)('%s builds no adapter and reads no environment itself', (file) => {
    const source = readFileSync(join(HANDLERS, file), 'utf8');
    expect(source).not.toMatch(/process\.env|@aws-sdk\/|\.\.\/adapters\/(?!item-schemas)/);
  });
});
