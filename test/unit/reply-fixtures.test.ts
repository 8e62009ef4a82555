// Every reply fixture under test/fixtures/replies understood exactly as its sibling *.expected.json says.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isReplyError, type UnderstoodReply, understandReply } from '#domain/reply/index';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'replies');
const CLI_FIELDS = ['text', 'pain', 'changes', 'commands', 'redFlags'] as const;

interface Meta {
  client: string;
  language: string;
  format: string;
  layout: string;
  signature: string;
  encoding?: string;
  charset?: string;
}

interface Fixture {
  file: string;
  raw: Buffer;
  meta: Meta;
  expected: Record<string, unknown>;
}

function loadFixtures(): Fixture[] {
  return readdirSync(DIR)
    .filter((file) => /\.(eml|txt)$/.test(file))
    .sort()
    .map((file) => {
      const { meta, ...expected } = JSON.parse(
        readFileSync(join(DIR, file.replace(/\.(eml|txt)$/, '.expected.json')), 'utf8'),
      ) as { meta: Meta } & Record<string, unknown>;
      return { file, raw: readFileSync(join(DIR, file)), meta, expected };
    });
}

const fixtures = loadFixtures();

describe('reply fixtures', () => {
  it.each(fixtures.map((f) => [f.file, f] as const))('%s', async (_file, fixture) => {
    // Act
    const result = await understandReply(fixture.raw);

    // Assess
    if (isReplyError(result)) throw new Error(`${fixture.file}: ${result.error.message}`);
    for (const field of CLI_FIELDS) expect(fixture.expected).toHaveProperty(field);
    const actual = Object.fromEntries(
      Object.keys(fixture.expected).map((key) => [key, result[key as keyof typeof result]]),
    );
    expect(actual).toEqual(fixture.expected);
  });
});

describe('the fixture set', () => {
  const count = (pick: (m: Meta) => string) => new Set(fixtures.map((f) => pick(f.meta)));

  it('has at least 60 fixtures, each with its expected result', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(60);
  });

  it('covers the clients, languages, formats and layouts the issue names', () => {
    const clients = count((m) => m.client);
    for (const client of [
      'gmail',
      'outlook-desktop',
      'outlook-web',
      'outlook-ios',
      'outlook-android',
      'apple-mail',
      'apple-mail-ios',
      'yahoo',
      'thunderbird',
      'samsung-email',
      'plain-text',
    ]) {
      expect(clients).toContain(client);
    }
    const languages = count((m) => m.language);
    for (const language of ['en', 'de', 'fr', 'es', 'nl', 'it', 'pt', 'sv'])
      expect(languages).toContain(language);
    const formats = count((m) => m.format);
    for (const format of ['plain', 'html', 'plain+html']) expect(formats).toContain(format);
    const layouts = count((m) => m.layout);
    for (const layout of ['top', 'inline', 'bottom', 'forwarded']) expect(layouts).toContain(layout);
    const signatures = count((m) => m.signature);
    for (const signature of ['none', 'dash-dash', 'device', 'sign-off', 'signature-block']) {
      expect(signatures).toContain(signature);
    }
    const encodings = count((m) => m.encoding ?? '');
    for (const encoding of ['base64', 'quoted-printable']) expect(encodings).toContain(encoding);
    expect(count((m) => m.charset ?? '')).toContain('iso-8859-1');
  });

  it('covers every red flag, change and command kind at least once', async () => {
    // Prepare
    const results = await Promise.all(fixtures.map((f) => understandReply(f.raw)));
    const ok = results.filter((r): r is UnderstoodReply => !isReplyError(r));

    // Assess
    const flags = new Set(ok.flatMap((r) => r.redFlags));
    const changes = new Set(ok.flatMap((r) => r.changes));
    const commands = new Set(ok.flatMap((r) => r.commands.map((c) => c.kind)));
    expect([...flags].sort()).toEqual(
      [
        'cannot-bear-weight',
        'giving-way',
        'hot-red-fever',
        'locking',
        'night-or-rest-pain',
        'numbness-tingling',
        'swelling',
      ].sort(),
    );
    expect([...changes].sort()).toEqual(['hills', 'more-days', 'shoes', 'speed', 'surface']);
    expect([...commands].sort()).toEqual(['pause', 'resume', 'send-day', 'stop', 'units']);
    expect(ok.some((r) => r.pain === null && r.note !== null)).toBe(true);
    expect(ok.some((r) => r.pain?.score === 0)).toBe(true);
    expect(ok.some((r) => r.settledStated && r.pain?.settledNextMorning === true)).toBe(true);
    expect(ok.some((r) => r.settledStated && r.pain?.settledNextMorning === false)).toBe(true);
  });
});
