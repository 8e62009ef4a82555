// Small timing helpers shared by the benchmark parts: warm up, then time many iterations.
import { performance } from 'node:perf_hooks';

export interface Timed {
  iterations: number;
  totalMs: number;
  msPerIteration: number;
}

/**
 * Runs `fn` `warmup` times untimed (so the JIT has compiled the hot paths), then repeatedly until both
 * `minIterations` and `minMs` are reached. One clock read per iteration is noise next to the work timed.
 */
export async function timeLoop(
  fn: (i: number) => unknown,
  options: { warmup: number; minIterations: number; minMs: number; maxIterations?: number },
): Promise<Timed> {
  for (let i = 0; i < options.warmup; i++) await fn(i);
  const max = options.maxIterations ?? Number.POSITIVE_INFINITY;
  const start = performance.now();
  let iterations = 0;
  let elapsed = 0;
  while ((iterations < options.minIterations || elapsed < options.minMs) && iterations < max) {
    await fn(iterations);
    iterations++;
    elapsed = performance.now() - start;
  }
  return { iterations, totalMs: elapsed, msPerIteration: elapsed / iterations };
}

/**
 * `timeLoop` in several rounds after one warm-up, reporting the median round: a round that met a slow garbage
 * collection (V8 re-deciding where to allocate the renderer's strings, now and then) does not move the figure.
 */
export async function timeRounds(
  fn: (i: number) => unknown,
  options: { warmup: number; rounds: number; minIterations: number; minMs: number },
): Promise<Timed & { roundsMs: number[] }> {
  for (let i = 0; i < options.warmup; i++) await fn(i);
  const rounds: Timed[] = [];
  for (let r = 0; r < options.rounds; r++) {
    rounds.push(
      await timeLoop(fn, { warmup: 0, minIterations: options.minIterations, minMs: options.minMs }),
    );
  }
  const roundsMs = rounds.map((t) => t.msPerIteration);
  return {
    iterations: rounds.reduce((sum, t) => sum + t.iterations, 0),
    totalMs: rounds.reduce((sum, t) => sum + t.totalMs, 0),
    msPerIteration: median(roundsMs),
    roundsMs,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs `tasks` with at most `limit` in flight. */
export async function withConcurrency<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
