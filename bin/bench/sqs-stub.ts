// A stand-in for SQS's SendMessageBatch for the bench (no SQS emulator runs locally): it answers the real SDK
// client's JSON protocol after a fixed delay, the round trip an in-region call takes on AWS (an assumption the
// bench prints), and counts the calls and messages. It runs in a process of its own, so its work is not counted
// as the dispatcher's (on AWS it is SQS's): `startSqsStubProcess` starts it and reads its figures over HTTP.
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SqsStub {
  url: string;
  calls: number;
  messages: number;
  /** Most requests the stub held at once. */
  maxInFlight: number;
  close(): Promise<void>;
}

export async function startSqsStub(latencyMs: number): Promise<SqsStub> {
  let inFlight = 0;
  const stub: SqsStub = {
    url: '',
    calls: 0,
    messages: 0,
    maxInFlight: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      inFlight++;
      stub.maxInFlight = Math.max(stub.maxInFlight, inFlight);
      const target = String(req.headers['x-amz-target'] ?? '');
      if (req.url === '/stats') {
        res.end(
          JSON.stringify({ calls: stub.calls, messages: stub.messages, maxInFlight: stub.maxInFlight }),
        );
        return;
      }
      const reply = (status: number, body: unknown) => {
        inFlight--;
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify(body));
      };
      setTimeout(() => {
        if (target !== 'AmazonSQS.SendMessageBatch') {
          reply(400, {
            __type: 'com.amazonaws.sqs#InvalidAction',
            message: `the stub answers only SendMessageBatch, not ${target}`,
          });
          return;
        }
        const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          Entries: { Id: string; MessageBody: string }[];
        };
        stub.calls++;
        stub.messages += request.Entries.length;
        reply(200, {
          Successful: request.Entries.map((e) => ({
            Id: e.Id,
            MessageId: randomUUID(),
            MD5OfMessageBody: createHash('md5').update(e.MessageBody, 'utf8').digest('hex'),
          })),
          Failed: [],
        });
      }, latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return stub;
}

export interface SqsStubProcess {
  url: string;
  stats(): Promise<{ calls: number; messages: number; maxInFlight: number }>;
  close(): Promise<void>;
}

/** Starts the stand-in in a child process and resolves once it listens. */
export async function startSqsStubProcess(latencyMs: number): Promise<SqsStubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, String(latencyMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the SQS stand-in exited (${code})`)));
    child.stdout?.once('data', (d: Buffer) => resolve(d.toString().trim()));
  });
  return {
    url,
    stats: async () =>
      (await (await fetch(`${url}/stats`)).json()) as Awaited<ReturnType<SqsStubProcess['stats']>>,
    close: async () => {
      child.removeAllListeners('exit');
      child.kill();
    },
  };
}

if (process.argv[1] === import.meta.filename) {
  const stub = await startSqsStub(Number(process.argv[2] ?? '15'));
  process.stdout.write(`${stub.url}\n`);
}
