// The layers' rules, checked on every import: the domain imports nothing outside it, handlers reach adapters only
// through the composition root, and rendering does no I/O. A new import that breaks a rule fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };

const ROOT = join(import.meta.dirname, '../..');

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((file) => !file.includes('/compiled/'));
}

const SPECIFIER =
  /(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** What a file imports: project files as paths from the root (no extension), packages by name. */
function importsOf(file: string): { modules: string[]; packages: string[] } {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const modules: string[] = [];
  const packages: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = (match[1] ?? match[2]) as string;
    if (specifier.startsWith('.')) {
      modules.push(normalize(join(dirname(file), specifier)).replace(/\.ts$/, ''));
    } else if (specifier.startsWith('#')) {
      modules.push(resolveSubpath(specifier));
    } else {
      packages.push(specifier);
    }
  }
  return { modules, packages };
}

/** The project files a file imports statically (`import … from`), leaving out `import()`. */
function staticModulesOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const dynamic = new Set([...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[0]));
  return [...text.matchAll(SPECIFIER)]
    .filter((match) => !dynamic.has(match[0].trim()))
    .map((match) => match[1])
    .filter((specifier): specifier is string => specifier !== undefined && /^[.#]/.test(specifier))
    .map((specifier) =>
      specifier.startsWith('.')
        ? normalize(join(dirname(file), specifier)).replace(/\.ts$/, '')
        : resolveSubpath(specifier),
    );
}

function resolveSubpath(specifier: string): string {
  for (const [pattern, target] of Object.entries(packageJson.imports as Record<string, string>)) {
    const prefix = pattern.replace('*', '');
    if (specifier.startsWith(prefix)) {
      return normalize(target.replace('*', specifier.slice(prefix.length))).replace(/\.ts$/, '');
    }
  }
  throw new Error(`${specifier} matches no entry of package.json "imports"`);
}

function violations(
  folder: string,
  bad: (imported: string, kind: 'module' | 'package') => boolean,
): string[] {
  return sources(folder).flatMap((file) => {
    const { modules, packages } = importsOf(file);
    return [
      ...modules.filter((m) => bad(m, 'module')).map((m) => `${file} imports ${m}`),
      ...packages.filter((p) => bad(p, 'package')).map((p) => `${file} imports ${p}`),
    ];
  });
}

// Pure libraries the domain may use: validation, HMAC, and the text and MIME parsers the reply reader is built on.
const DOMAIN_PACKAGES = new Set([
  'zod',
  'zod/mini',
  'node:crypto',
  'html-to-text',
  'email-reply-parser',
  'mailparser',
]);
// Rendering turns data into text: no network, no files, no AWS, no process.
const IO_PACKAGES =
  /^(node:(fs|net|http|https|child_process|dgram|dns|tls|worker_threads)|@aws-sdk\/|fs$|http$)/;

describe('architecture', () => {
  it('reads the imports it checks (the rules below would pass vacuously otherwise)', () => {
    expect(sources('lambdas/domain').length).toBeGreaterThan(10);
    expect(importsOf('lambdas/handlers/api.ts').modules.length).toBeGreaterThan(0);
  });

  it('the domain imports nothing outside the domain but pure libraries', () => {
    expect(
      violations('lambdas/domain', (imported, kind) =>
        kind === 'module' ? !imported.startsWith('lambdas/domain/') : !DOMAIN_PACKAGES.has(imported),
      ),
    ).toEqual([]);
  });

  it('handlers never import adapters: the composition root builds them', () => {
    expect(violations('lambdas/handlers', (imported) => imported.startsWith('lambdas/adapters/'))).toEqual(
      [],
    );
  });

  it('use cases reach the outside world only through ports', () => {
    expect(
      violations('lambdas/use-cases', (imported, kind) =>
        kind === 'module'
          ? /^lambdas\/(adapters|handlers|compose)/.test(imported)
          : IO_PACKAGES.test(imported) || imported.startsWith('@aws-sdk/'),
      ),
    ).toEqual([]);
  });

  it('rendering does no I/O: emails and pages import no adapters, use cases or I/O modules', () => {
    const io = (imported: string, kind: 'module' | 'package') =>
      kind === 'module'
        ? /^lambdas\/(adapters|use-cases|handlers|compose|config)/.test(imported)
        : IO_PACKAGES.test(imported);
    // The api routes (lambdas/http/routes) are the handler's side and call use cases; the pages themselves do not.
    const pages = violations('lambdas/http', io).filter((line) => !line.startsWith('lambdas/http/routes/'));
    expect([...violations('lambdas/email', io), ...pages]).toEqual([]);
  });

  it('the activity-file reader is pure: bytes in, data out, no adapters, use cases, handlers or I/O modules', () => {
    expect(
      violations('lambdas/activity-files', (imported, kind) =>
        kind === 'module'
          ? !imported.startsWith('lambdas/activity-files/')
          : IO_PACKAGES.test(imported) || imported.startsWith('@aws-sdk/'),
      ),
    ).toEqual([]);
  });

  it('the activity-file parsers load only when a file needs them, and the app loads the reader lazily', () => {
    // Prepare: the files index.ts reaches through static imports, within the folder.
    const staticallyReached = (from: string) => {
      const reached = new Set<string>();
      const visit = (module: string) => {
        if (reached.has(module)) return;
        reached.add(module);
        for (const next of staticModulesOf(`${module}.ts`)) visit(next);
      };
      visit(from);
      return reached;
    };
    const reached = staticallyReached('lambdas/activity-files/index');
    const parserPackages = [...reached].flatMap((module) =>
      importsOf(`${module}.ts`).packages.filter((p) => p === '@garmin/fitsdk' || p === 'saxes'),
    );
    const outside = sources('lambdas').filter((file) => !file.startsWith('lambdas/activity-files/'));
    // The one module the app may import statically: telling a watch file from other attachments.
    const detect = staticallyReached('lambdas/activity-files/detect');

    // Assess
    expect(reached.size).toBeGreaterThan(2);
    expect(parserPackages).toEqual([]);
    expect([...detect].filter((m) => /\/(fit|gpx|tcx|xml|track)$/.test(m))).toEqual([]);
    expect(
      outside.flatMap((file) =>
        staticModulesOf(file)
          .filter((m) => m.startsWith('lambdas/activity-files/') && m !== 'lambdas/activity-files/detect')
          .map((m) => `${file} imports ${m} statically`),
      ),
    ).toEqual([]);
  });

  it('the Lambdas never import the infrastructure, the local stack or the tests', () => {
    expect(violations('lambdas', (imported) => /^(lib|bin|test)\//.test(imported))).toEqual([]);
  });
});
