// Stands in, inside the Lambda bundles, for the AWS SDK credential providers the default chain tries only after
// the environment has none (see lib/constructs/bundling.ts). On Lambda the function role's credentials are in
// environment variables, which the chain reads first, so none of these is ever called there. If one is, the
// chain stops here with an error that says why, instead of loading some other copy of the SDK.

export class CredentialsNotInEnvironment extends Error {
  override readonly name = 'CredentialsNotInEnvironment';
}

function notBundled(source: string) {
  return (_init?: unknown) =>
    async (_properties?: unknown): Promise<never> => {
      throw new CredentialsNotInEnvironment(
        `No AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), and ${source} ` +
          'is not part of this bundle: on Lambda, the function role provides them.',
      );
    };
}

// The names the SDK's default chain imports from the packages this module replaces.
export const fromIni = notBundled('credentials from shared config files');
export const fromSSO = notBundled('SSO credentials');
export const fromProcess = notBundled('credential_process');
export const fromTokenFile = notBundled('web identity credentials');
export const fromHttp = notBundled('container credentials');
export const fromContainerMetadata = notBundled('container metadata credentials');
export const fromInstanceMetadata = notBundled('instance metadata credentials');
export const ENV_CMDS_FULL_URI = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
export const ENV_CMDS_RELATIVE_URI = 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI';
