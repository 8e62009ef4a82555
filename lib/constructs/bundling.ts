// How every Lambda is bundled: shared by the CDK construct and by `npm run bench`, so the bench measures what ships.

/**
 * ESM output has no `require`; CommonJS dependencies bundled into it still call it, so provide one. The alias
 * keeps the import from clashing with a `createRequire` that bundled code may declare itself.
 */
export const REQUIRE_SHIM = [
  "import { createRequire as coachCreateRequire } from 'node:module';",
  'const require = coachCreateRequire(import.meta.url);',
].join(' ');

/**
 * The AWS SDK v3 is bundled: the versions in package-lock.json are the ones the tests ran against (the runtime's
 * copy changes under us without notice), and esbuild keeps only the clients and commands we import, which
 * imports about three times faster than the runtime's full packages (`npm run bench` measures both ways).
 *
 * One part is replaced: the credential providers the SDK's default chain loads with a dynamic `import()` only
 * when the ones before them found nothing. Lambda puts the function role's credentials in environment
 * variables, which the chain reads first, so on Lambda these are never loaded; bundled, they were a fifth of
 * the send-week bundle (the SSO, STS and OIDC clients inside them). Each is aliased to one small module,
 * lambdas/adapters/credentials-not-bundled.ts, whose providers throw `CredentialsNotInEnvironment`: should a
 * function ever run without those variables, the chain stops with that error (the SQS message is retried),
 * instead of loading whatever copy of the SDK the runtime has. test/integration/lambda-bundle.test.ts runs the
 * real bundles both ways.
 */
export const NEVER_LOADED_ON_LAMBDA = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
] as const;

/** The module that stands in for them, relative to the project root (esbuild resolves aliases from there). */
export const CREDENTIALS_STUB = './lambdas/adapters/credentials-not-bundled.ts';

/** esbuild's `alias` option: each never-loaded provider package → the stub. */
export const BUNDLE_ALIASES: Record<string, string> = Object.fromEntries(
  NEVER_LOADED_ON_LAMBDA.map((name) => [name, CREDENTIALS_STUB]),
);

/**
 * Modules a handler loads only when it needs them, each built as a file of its own beside index.mjs: the bundle
 * a cold start compiles stays small. The inbound Lambda's mail parser, quoted-text stripper and reply reader are
 * three quarters of its code and are needed only once a message is read (lambdas/compose/inbound.ts). The
 * handler's code names the chunk through the global `COACH_READER_CHUNK`, which only the bundle defines; tests
 * and the local stack import the source module instead.
 */
export interface LazyChunk {
  /** The source module, relative to the project root. */
  entry: string;
  /** The file beside index.mjs, imported as `./<file>`. */
  file: string;
  /** The global the handler reads the chunk's path from. */
  global: string;
  /** The chunk that imports this one, when not index.mjs itself. */
  loadedBy?: string;
  /** When it is first loaded, in words (for the bench's table). */
  loadedWhen: string;
}

export const LAZY_CHUNKS: Readonly<Record<string, readonly LazyChunk[]>> = {
  inbound: [
    {
      entry: 'lambdas/adapters/message-reader.ts',
      file: 'message-reader.mjs',
      global: 'COACH_READER_CHUNK',
      loadedWhen: 'on the first message',
    },
    // The watch-file readers (the FIT SDK and the XML parser), which the message reader loads only for a
    // message with a FIT, GPX or TCX attachment.
    {
      entry: 'lambdas/activity-files/index.ts',
      file: 'activity-files.mjs',
      global: 'COACH_ACTIVITY_FILES_CHUNK',
      loadedBy: 'message-reader.mjs',
      loadedWhen: 'on the first watch file',
    },
  ],
};

/**
 * esbuild `define` and `external` for a handler's lazy chunks (empty for handlers without any): each chunk's
 * global names its file, and its file is left out of the bundle. `except` leaves one chunk out (a chunk's own
 * build must bundle its own code, and may load the others).
 */
export function chunkSettings(
  handler: string,
  except?: string,
): { define: Record<string, string>; external: string[] } {
  const chunks = (LAZY_CHUNKS[handler] ?? []).filter((c) => c.file !== except);
  return {
    define: Object.fromEntries(chunks.map((c) => [c.global, JSON.stringify(`./${c.file}`)])),
    external: chunks.map((c) => `./${c.file}`),
  };
}

/**
 * The esbuild options NodejsFunction passes for CoachFunction's bundling props (ESM, minified, node22 from the
 * runtime, linked source map without sources, mainFields module/main, the banner, the aliases), for the bench
 * and the tests that build a handler the way CDK does. The output should be named index.mjs, as CDK names it.
 */
export function lambdaBuildOptions(projectRoot: string, handler: string, outfile: string) {
  return {
    ...chunkSettings(handler),
    entryPoints: [`${projectRoot}/lambdas/handlers/${handler}.ts`],
    outfile,
    bundle: true,
    platform: 'node' as const,
    target: 'node22',
    format: 'esm' as const,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_SHIM },
    alias: BUNDLE_ALIASES,
    absWorkingDir: projectRoot,
    logLevel: 'error' as const,
  };
}

/** The esbuild options for each of a handler's lazy chunks, written into `outdir` beside its index.mjs. */
export function chunkBuildOptions(projectRoot: string, handler: string, outdir: string) {
  return (LAZY_CHUNKS[handler] ?? []).map((chunk) => {
    const { define: _define, external: _external, ...base } = lambdaBuildOptions(projectRoot, handler, '');
    return {
      ...base,
      ...chunkSettings(handler, chunk.file),
      entryPoints: [`${projectRoot}/${chunk.entry}`],
      outfile: `${outdir}/${chunk.file}`,
    };
  });
}
