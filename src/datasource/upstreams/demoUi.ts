/** The frontend of the demo upstream: synthetic series generated inside the plugin, queried in PromQL's shape. */
import { MetricsResponse, RESOURCE_PATHS } from '../../shared/resources';
import type { UpstreamUi } from './UpstreamUi';

export const demoUi: UpstreamUi = {
  kind: 'demo',
  option: { label: 'Demo', description: 'Built-in synthetic series; no connection needed' },
  note:
    'The demo upstream generates deterministic synthetic series inside the plugin (HTTP and database latency, ' +
    'Kafka bytes-in, consumer lag, CPU) with incidents and their causes. It needs no connection settings.',

  language: 'promql',
  exprPlaceholder: 'demo_http_latency_seconds{service="checkout"}',
  exprHelp: 'PromQL or a demo selector; Ctrl+Space completes metrics, labels and values. Shift+Enter runs',
  metricPicker: true,
  validatesExpr: true,
  metricsBrowser: true,
  exportRules: true,

  async metrics(cached) {
    const r = await cached<MetricsResponse>(RESOURCE_PATHS.metrics);
    return r.metrics.map((m) => ({ name: m.name, help: m.help }));
  },
  labels: true,
  measurements: false,
  variableMetrics: async (lookups) => (await lookups.metrics()).map((m) => m.name),
};
