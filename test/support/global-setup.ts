// Starts the real local services once per test run, on free ports, so tests never clash with `npm start`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, startDynamoLocal, startS3, startSesEmulator } from '#lib/local/services';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sesEndpoint: string;
    s3Endpoint: string;
  }
}

export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const s3Dir = mkdtempSync(join(tmpdir(), 'coach-test-s3-'));
  const [dynamoPort, sesPort, s3Port] = [await freePort(), await freePort(), await freePort()];
  const dynamo = await startDynamoLocal(dynamoPort);
  const ses = await startSesEmulator(sesPort);
  const s3 = await startS3(s3Port, s3Dir, ['coach-inbound-mail']);
  project.provide('dynamoEndpoint', dynamo.url);
  project.provide('sesEndpoint', ses.url);
  project.provide('s3Endpoint', s3.url);
  return async () => {
    await s3.stop();
    await ses.stop();
    await dynamo.stop();
    rmSync(s3Dir, { recursive: true, force: true });
  };
}
