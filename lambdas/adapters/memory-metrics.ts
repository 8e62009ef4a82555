// The Metrics port in memory: for tests, and for the local stack, where `coach stats` reads the table instead.
import type { MetricName } from '#lambdas/metric-names';
import type { Metrics } from '#lambdas/ports';

export class MemoryMetrics implements Metrics {
  /** Everything counted since this was made, flushed or not. */
  readonly counted: Partial<Record<MetricName, number>> = {};
  /** Counted since the last flush. */
  pending: Partial<Record<MetricName, number>> = {};
  /** How many flushes published something. */
  flushes = 0;

  count(name: MetricName, value = 1): void {
    this.counted[name] = (this.counted[name] ?? 0) + value;
    this.pending[name] = (this.pending[name] ?? 0) + value;
  }

  flush(): void {
    if (Object.keys(this.pending).length > 0) this.flushes += 1;
    this.pending = {};
  }
}
