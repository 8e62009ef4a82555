// The house Lambda: every coach function shares runtime, architecture, logging and bundling defaults.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE_VARIABLE, SERVICE_NAME } from '#lambdas/metric-names';
import { type EnvironmentPart, lambdaEnvironment } from '#lib/lambda-environment';
import { BUNDLE_ALIASES, chunkSettings, LAZY_CHUNKS, REQUIRE_SHIM } from './bundling';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * One thing a function is wired to, such as the table's items or the send queue: the variables that tell it
 * where the thing is, and the grant that lets it use it. A function's environment is that of its wirings.
 */
export interface Wiring {
  readonly environment: EnvironmentPart;
  readonly grant?: (fn: CoachFunction) => void;
}

export interface CoachFunctionProps {
  /** The handler file's base name under lambdas/handlers (it exports `handler`). */
  readonly handlerName: string;
  readonly description: string;
  readonly logRetention: RetentionDays;
  /** Everything the function reads or writes, in the order the grants should appear in its role's policy. */
  readonly wiring: readonly Wiring[];
  readonly timeout: Duration;
  readonly memorySize?: number;
  /** Where asynchronous invocations that keep failing are parked. */
  readonly deadLetterQueue?: IQueue;
}

export class CoachFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: CoachFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      // Logs carry no addresses or pain text and expire anyway; nothing worth keeping after a teardown.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role with a grant on its own log group, instead of AWSLambdaBasicExecutionRole,
    // which lets a function create and write to every log group in the account.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${props.handlerName} Lambda`,
    });
    logGroup.grantWrite(role);

    const chunks = chunkSettings(props.handlerName);
    super(scope, id, {
      entry: path.join(repoRoot, 'lambdas', 'handlers', `${props.handlerName}.ts`),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      deadLetterQueue: props.deadLetterQueue,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        // The operator's metrics go to a namespace named after the stack (the dashboard reads them there).
        [METRICS_NAMESPACE_VARIABLE]: Stack.of(scope).stackName,
        ...lambdaEnvironment(props.wiring.map((wiring) => wiring.environment)),
      },
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      bundling: {
        // Local esbuild only: synth must work offline, without Docker.
        forceDockerBundling: false,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: REQUIRE_SHIM,
        // The AWS SDK is bundled; the credential providers Lambda never reaches are a stub (see bundling.ts).
        // Lazy chunks (bundling.ts) stay out of index.mjs and are built beside it with the same settings.
        externalModules: chunks.external,
        define: chunks.define,
        esbuildArgs: { '--alias': Object.entries(BUNDLE_ALIASES).map(([from, to]) => `${from}=${to}`) },
        ...(LAZY_CHUNKS[props.handlerName]
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_inputDir: string, outputDir: string) => [
                  `cd "${repoRoot}" && node --import tsx bin/build-chunks.ts ${props.handlerName} "${outputDir}"`,
                ],
              },
            }
          : {}),
      },
    });
    for (const wiring of props.wiring) wiring.grant?.(this);
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The product pins Node.js 22 (docs/architecture.md), the runtime the code and its tests target; moving to a newer runtime is a deliberate upgrade, not a drive-by.',
    });
  }
}
