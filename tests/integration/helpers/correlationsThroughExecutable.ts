/**
 * What the yardstick system tests share: series laid out as OpenMetrics for a backfilled Prometheus, and one
 * `correlations` query through the built executable's QueryData with the table frame decoded. Our own test helper.
 */
import { nabToOpenMetrics } from '../../../scripts/loaders/nabToOpenMetrics';
import { decodeFrame, DecodedFrame } from '../../conformance/support/decodeFrame';
import { launchPlugin, RunningPlugin, stopPlugin } from '../../conformance/support/launchPlugin';
import { connect, PluginClients } from '../../conformance/support/pluginClients';
import { RunningPrometheus, startPrometheus } from './startPrometheus';

export interface NamedSeries {
  name: string;
  labels: Record<string, string>;
  timesMs: number[];
  values: number[];
}

/** One OpenMetrics text of every series, a gauge family per metric name. */
export function openMetricsOf(series: readonly NamedSeries[]): string {
  const families = new Map<string, NamedSeries[]>();
  for (const s of series) {
    families.set(s.name, [...(families.get(s.name) ?? []), s]);
  }
  const texts = [...families.entries()].map(([name, members]) =>
    nabToOpenMetrics(
      name,
      members.map((s) => ({ labels: s.labels, series: { timesMs: s.timesMs, values: s.values } })) as Parameters<
        typeof nabToOpenMetrics
      >[1]
    )
  );
  return texts.map((t) => t.replace(/# EOF\n$/, '')).join('') + '# EOF\n';
}

/** `name{k="v",…}` of a series (values with `"` or `\` are not expected in the yardsticks). */
export function selectorOf(name: string, labels: Record<string, string>): string {
  return `${name}{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}}`;
}

export interface PluginOverPrometheus {
  client: PluginClients;
  prometheusUrl: string;
}

/**
 * Registers the file's beforeAll/afterAll: the built executable, and a Prometheus backfilled with `openMetrics()`.
 * The returned object is filled in by beforeAll.
 */
export function pluginOverPrometheus(openMetrics: () => string): PluginOverPrometheus {
  const env = {} as PluginOverPrometheus;
  let plugin: RunningPlugin;
  let prom: RunningPrometheus | undefined;
  beforeAll(async () => {
    plugin = await launchPlugin();
    env.client = connect(plugin.address);
    prom = await startPrometheus({ openMetrics: openMetrics() });
    env.prometheusUrl = prom.url;
  });
  afterAll(async () => {
    env.client?.close();
    await stopPlugin(plugin);
    await prom?.stop();
  });
  return env;
}

export interface CorrelationsRequest {
  client: PluginClients;
  prometheusUrl: string;
  /** Data source uid (one per test file, so instances do not share caches across files). */
  uid: string;
  fromMs: number;
  toMs: number;
  stepMs: number;
  expr: string;
  correlate: Record<string, unknown>;
}

/** The table frame of one `correlations` query; throws with the status when the query failed. */
export async function correlationsThroughExecutable(req: CorrelationsRequest): Promise<DecodedFrame> {
  const res = await req.client.queryData({
    pluginContext: {
      orgId: 1,
      pluginId: 'seedlabs-anomalylens-datasource',
      dataSourceInstanceSettings: {
        id: 3,
        uid: req.uid,
        name: 'Lens on Prometheus',
        url: req.prometheusUrl,
        jsonData: Buffer.from(
          JSON.stringify({ upstream: 'prometheus', timeInterval: `${Math.round(req.stepMs / 1000)}s` })
        ),
        decryptedSecureJsonData: {},
        lastUpdatedMS: 1,
      },
      grafanaConfig: {},
    },
    queries: [
      {
        refId: 'A',
        maxDataPoints: 1000,
        intervalMS: req.stepMs,
        timeRange: { fromEpochMS: req.fromMs, toEpochMS: req.toMs },
        json: Buffer.from(
          JSON.stringify({
            refId: 'A',
            schemaVersion: 2,
            queryType: 'correlations',
            expr: req.expr,
            correlate: req.correlate,
          })
        ),
        queryType: '',
      },
    ],
  });
  const r = res.responses.A;
  if (r.error) {
    throw new Error(`query failed (${r.status}): ${r.error}`);
  }
  return decodeFrame(r.frames[0]);
}
