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
 * One part is left out: the credential providers the SDK's default chain loads with a dynamic `import()` only
 * when the ones before them found nothing. Lambda puts the function role's credentials in environment
 * variables, which the chain reads first, so on Lambda these are never imported; bundled, they were a fifth of
 * the send-week bundle (the SSO, STS and OIDC clients inside them). Should a function ever run without those
 * variables, the import would fail loudly ("Cannot find package"), never fall back silently.
 * test/integration/lambda-bundle.test.ts runs a real bundle with credentials from the environment.
 */
export const NEVER_LOADED_ON_LAMBDA = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
] as const;
