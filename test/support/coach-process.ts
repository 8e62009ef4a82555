// `coach start` as a user runs it, for the end-to-end tests: spawned, ready once it prints its banner,
// stopped with Ctrl-C (SIGINT).
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export const COACH = join(resolve(import.meta.dirname, '../..'), 'bin/coach.mjs');

export interface StartedCoach {
  child: ChildProcess;
  output: () => string;
}

/** Starts `coach start [args]` with `env` and resolves once it is ready; rejects with its output if it exits. */
export async function startCoach(env: NodeJS.ProcessEnv, args: string[] = []): Promise<StartedCoach> {
  const child = spawn(process.execPath, [COACH, 'start', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  await new Promise<void>((resolveReady, reject) => {
    const timer = setInterval(() => {
      if (output.includes('Press Ctrl-C to stop.')) {
        clearInterval(timer);
        resolveReady();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`coach start exited with ${code}: ${output}`));
    });
  });
  return { child, output: () => output };
}

/** Ctrl-C, and the exit code once it has stopped. */
export async function stopCoach(started: StartedCoach): Promise<number | null> {
  if (started.child.exitCode !== null) return started.child.exitCode;
  const exited = new Promise<number | null>((r) => started.child.once('exit', (code) => r(code)));
  started.child.kill('SIGINT');
  return exited;
}
