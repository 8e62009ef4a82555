// The Metrics port on Powertools: counts become one CloudWatch embedded-metric-format line on stdout per flush,
// which CloudWatch Logs turns into metrics (no API call, no extra permission).
import { MetricUnit, Metrics as PowertoolsClient } from '@aws-lambda-powertools/metrics';
import type { MetricName } from '#lambdas/metric-names';
import type { Metrics } from '#lambdas/ports';

export class PowertoolsMetrics implements Metrics {
  private readonly client: PowertoolsClient;
  /** Summed here, so the line carries one figure per metric however often it was counted. */
  private counts = new Map<MetricName, number>();

  /** `service` is the only dimension: no id or address ever becomes one. */
  constructor(options: { namespace: string; service: string }) {
    this.client = new PowertoolsClient({ namespace: options.namespace, serviceName: options.service });
  }

  count(name: MetricName, value = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + value);
  }

  /** Writes nothing when nothing was counted (Powertools would warn about an empty flush). */
  flush(): void {
    const counts = this.counts;
    this.counts = new Map();
    if (counts.size === 0) return;
    for (const [name, value] of counts) this.client.addMetric(name, MetricUnit.Count, value);
    this.client.publishStoredMetrics();
  }
}
