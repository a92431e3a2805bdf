/** The frontend of a Prometheus-compatible upstream (Prometheus, Mimir, Thanos, Cortex, VictoriaMetrics). */
import { LabelValuesResponse, MetadataResponse, RESOURCE_PATHS } from '../../shared/resources';
import { withoutSecrets } from '../components/configEditorProps';
import { PrometheusSection } from '../components/PrometheusSection';
import type { UpstreamUi } from './UpstreamUi';

export const prometheusUi: UpstreamUi = {
  kind: 'prometheus',
  option: { label: 'Prometheus', description: 'Prometheus-compatible HTTP API' },
  connection: {
    server: 'Prometheus-compatible server (Prometheus, Mimir, Thanos, Cortex, VictoriaMetrics)',
    urlHelp: 'The server’s address, e.g. http://prometheus:9090 (no query string: use custom query parameters)',
    database: false,
    httpMethod: {
      key: 'httpMethod',
      default: 'POST',
      help: 'GET for read-only proxies that refuse POST. Default: POST.',
    },
    auth: {
      methods: [
        { value: 'none', label: 'No authentication' },
        { value: 'basic', label: 'Basic authentication' },
        { value: 'bearer', label: 'Bearer token' },
      ],
      stored({ options }) {
        const bearer = Boolean(options.secureJsonFields?.bearerToken || options.secureJsonData?.bearerToken);
        return options.basicAuth ? 'basic' : bearer ? 'bearer' : 'none';
      },
      choose(props, m) {
        return {
          ...props.options,
          basicAuth: m === 'basic',
          ...(m === 'bearer' ? {} : withoutSecrets(props, ['bearerToken'])),
        };
      },
    },
    section: PrometheusSection,
  },

  language: 'promql',
  exprPlaceholder: 'sum by (service) (rate(http_requests_total[$__rate_interval]))',
  exprHelp: 'PromQL or a demo selector; Ctrl+Space completes metrics, labels and values. Shift+Enter runs',
  metricPicker: false,
  validatesExpr: false,
  metricsBrowser: true,
  exportRules: true,

  async metrics(cached) {
    const names = await cached<LabelValuesResponse>(RESOURCE_PATHS.labelValues, { label: '__name__' });
    // Metadata is a nicety: a server without it still completes names.
    const meta = await cached<MetadataResponse>(RESOURCE_PATHS.metadata).catch(() => undefined);
    return names.values.map((name) => ({ name, help: meta?.metadata[name]?.help || undefined }));
  },
  labels: true,
  measurements: false,
  variableMetrics: async (lookups) => (await lookups.metrics()).map((m) => m.name),
};
