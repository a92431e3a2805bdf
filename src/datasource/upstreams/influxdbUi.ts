/** The frontend of an InfluxDB upstream, queried in InfluxQL over the v1 /query API. */
import { SecretKey, withoutSecrets } from '../components/configEditorProps';
import type { UpstreamUi } from './UpstreamUi';

export const influxdbUi: UpstreamUi = {
  kind: 'influxdb',
  option: { label: 'InfluxDB', description: 'InfluxQL over the v1 /query API' },
  connection: {
    server: 'InfluxDB server (InfluxQL over the v1 /query API)',
    urlHelp: 'The server’s address, e.g. http://influxdb:8086',
    database: true,
    httpMethod: {
      key: 'httpMode',
      default: 'GET',
      help: 'POST fits long queries; only read statements are sent either way. Default: GET.',
    },
    auth: {
      methods: [
        { value: 'none', label: 'No authentication' },
        { value: 'influxUser', label: 'User and password', description: 'InfluxDB 1.x' },
        { value: 'influxToken', label: 'Token', description: 'InfluxDB 2.x/3.x v1-compatibility API' },
      ],
      stored({ options }) {
        const token = Boolean(options.secureJsonFields?.influxToken || options.secureJsonData?.influxToken);
        return token ? 'influxToken' : options.user ? 'influxUser' : 'none';
      },
      choose(props, m) {
        const { options } = props;
        const unused: SecretKey[] =
          m === 'influxToken' ? ['password'] : m === 'influxUser' ? ['influxToken'] : ['password', 'influxToken'];
        return { ...options, user: m === 'influxUser' ? options.user : '', ...withoutSecrets(props, unused) };
      },
    },
  },
  // InfluxDB has no points-per-series bound of its own, so the backend allows more there (queryLimits.ts).
  maxPointsPerSeriesDefault: '100,000',

  language: 'influxql',
  exprPlaceholder: 'SELECT mean("value") FROM "cpu" WHERE $timeFilter GROUP BY time($__interval), "host"',
  exprHelp: 'InfluxQL; $timeFilter and $__interval work. Ctrl+Space completes measurements, fields and tags',
  metricPicker: false,
  validatesExpr: false,
  metricsBrowser: false,
  exportRules: false,

  labels: false,
  measurements: true,
  // As Grafana's InfluxDB data source, `metrics()` lists measurements.
  variableMetrics: (lookups) => lookups.measurements(),
};
