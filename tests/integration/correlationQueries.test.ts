/**
 * Correlations and anomaly-window queries through the BUILT plugin executable, as Grafana runs it (gRPC QueryData,
 * Arrow frames decoded): over the demo upstream, whose causal incident (orders-db query latency leads each checkout
 * spike by 2 minutes, src/backend/upstreams/demo/demoCatalog.ts) the ranking must find; and over a real Prometheus
 * (Debian, backfilled by promtool with the same demo series), where series carry `__name__`. Fails (never skips)
 * when the build or the binaries are missing.
 */
import { nabToOpenMetrics } from '../../scripts/loaders/nabToOpenMetrics';
import { DEMO_METRICS } from '../../src/backend/upstreams/demo/demoCatalog';
import { ANOMALY_WINDOW_FRAME, CORRELATION_FRAME, OVERLAY_ROLE_LABEL } from '../../src/shared/queryTypes';
import { decodeFrame, DecodedFrame } from '../conformance/support/decodeFrame';
import { launchPlugin, RunningPlugin, stopPlugin } from '../conformance/support/launchPlugin';
import { connect, demoPluginContext, PluginClients } from '../conformance/support/pluginClients';
import { startPrometheus, RunningPrometheus } from './helpers/startPrometheus';

jest.setTimeout(90_000);

const MIN = 60_000;
const HOUR = 60 * MIN;
// A checkout latency spike of the demo (every 53 h from 2024-01-01T07:00Z; k = 10): 09:00–09:20, peak 09:10.
const SPIKE = Date.UTC(2024, 0, 23, 9);
const CHECKOUT = 'demo_http_latency_seconds{service="checkout"}';
const CAUSE = 'demo_db_query_latency_seconds{db="orders-db"}';

let plugin: RunningPlugin;
let client: PluginClients;
let prom: RunningPrometheus;

/** The demo series of two metrics, 4 h around the spike at 1-minute resolution, as one OpenMetrics text. */
function demoOpenMetrics(): string {
  const texts = ['demo_http_latency_seconds', 'demo_db_query_latency_seconds'].map((name) => {
    const metric = DEMO_METRICS.find((m) => m.name === name)!;
    return nabToOpenMetrics(
      name,
      metric.series.map((s) => {
        const timesMs: number[] = [];
        const values: number[] = [];
        for (let t = SPIKE - 2 * HOUR; t <= SPIKE + 2 * HOUR; t += MIN) {
          timesMs.push(t);
          values.push(s.value(t));
        }
        return { labels: s.labels, series: { timesMs, values } };
      }) as Parameters<typeof nabToOpenMetrics>[1]
    );
  });
  // One exposition: every family, then a single # EOF.
  return texts.map((t) => t.replace(/# EOF\n$/, '')).join('') + '# EOF\n';
}

beforeAll(async () => {
  plugin = await launchPlugin();
  client = connect(plugin.address);
  prom = await startPrometheus({ openMetrics: demoOpenMetrics() });
});

afterAll(async () => {
  client?.close();
  await stopPlugin(plugin);
  await prom?.stop();
});

function prometheusContext(url: string): object {
  return {
    orgId: 1,
    pluginId: 'seedlabs-anomalylens-datasource',
    dataSourceInstanceSettings: {
      id: 2,
      uid: 'lens-prom-correlations',
      name: 'Lens on Prometheus',
      url,
      jsonData: Buffer.from(JSON.stringify({ upstream: 'prometheus', timeInterval: '1m' })),
      decryptedSecureJsonData: {},
      lastUpdatedMS: 1,
    },
    grafanaConfig: {},
  };
}

async function query(
  context: object,
  body: Record<string, unknown>,
  from = SPIKE - HOUR,
  to = SPIKE + HOUR
): Promise<DecodedFrame[]> {
  const res = await client.queryData({
    pluginContext: context,
    queries: [
      {
        refId: 'A',
        maxDataPoints: 1000,
        intervalMS: MIN,
        timeRange: { fromEpochMS: from, toEpochMS: to },
        json: Buffer.from(JSON.stringify({ refId: 'A', schemaVersion: 2, ...body })),
        queryType: '',
      },
    ],
  });
  const r = res.responses.A;
  if (r.error) {
    throw new Error(`query failed (${r.status}): ${r.error}`);
  }
  return r.frames.map((b) => decodeFrame(b));
}

const values = (f: DecodedFrame, name: string) => f.fields.find((x) => x.name === name)!.values;

const correlations = (expr: string) => ({
  queryType: 'correlations',
  expr,
  correlate: {
    target: CHECKOUT,
    // As the frontend sends an interpolated ${__from}: epoch ms as text.
    window: { from: String(SPIKE - 10 * MIN), to: String(SPIKE + 30 * MIN) },
    maxLag: '10m',
    overlays: 3,
  },
});

describe('correlations through the built executable', () => {
  it('ranks the demo cause in the top 3 with a positive lag (it leads the target)', async () => {
    const [table, target, ...overlays] = await query(demoPluginContext(), correlations('{__name__=~"demo_.*"}'));
    expect(table.name).toBe(CORRELATION_FRAME.name);
    expect(table.fields.map((f) => f.name)).toEqual(Object.values(CORRELATION_FRAME.fields));
    const series = values(table, 'series');
    const at = series.indexOf(CAUSE);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(3);
    expect(values(table, 'lag_seconds')[at]).toBeGreaterThan(0);
    expect(values(table, 'lag_seconds')[at]).toBe(120);
    expect(values(table, 'direction')[at]).toBe('with');
    expect(table.meta).toMatchObject({
      preferredVisualisationType: 'table',
      custom: { target: CHECKOUT, stepMs: MIN },
    });
    expect(target.fields[1].labels![OVERLAY_ROLE_LABEL]).toBe('correlation_target');
    expect(overlays).toHaveLength(3);
  });

  it('finds the same cause over a real Prometheus and links Explore to its exact selector', async () => {
    const frames = await query(
      prometheusContext(prom.url),
      correlations('{__name__=~"demo_http_latency_seconds|demo_db_query_latency_seconds"}')
    );
    const table = frames[0];
    const labels = values(table, 'labels') as string[];
    // Prometheus series carry __name__; the target (same label set) is not its own candidate.
    expect(labels).toHaveLength(7);
    const at = labels.indexOf('{__name__="demo_db_query_latency_seconds", db="orders-db"}');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(3);
    expect(values(table, 'lag_seconds')[at]).toBe(120);
    expect(values(table, 'explore_expr')[at]).toBe(CAUSE);
  });
});

describe('anomaly windows through the built executable', () => {
  it('returns a window over the demo checkout spike whose text names the expected value and σ', async () => {
    const [table] = await query(
      demoPluginContext(),
      { queryType: 'anomalyWindows', expr: CHECKOUT, method: 'moving', sensitivity: 4, direction: 'above' },
      SPIKE - 2 * HOUR,
      SPIKE + HOUR
    );
    expect(table.name).toBe(ANOMALY_WINDOW_FRAME.name);
    expect(table.fields.map((f) => f.name)).toEqual(Object.values(ANOMALY_WINDOW_FRAME.fields));
    const ns = BigInt(1_000_000);
    const start = (values(table, 'time') as bigint[]).map((t) => Number(t / ns));
    const end = (values(table, 'timeEnd') as bigint[]).map((t) => Number(t / ns));
    const i = start.findIndex((s, k) => s <= SPIKE + 10 * MIN && end[k] >= SPIKE + 5 * MIN);
    expect(i).toBeGreaterThanOrEqual(0);
    const text = values(table, 'text')[i] as string;
    expect(text).toMatch(/expected \d+(\.\d+)? ms/);
    expect(text).toMatch(/\+\d+\.\dσ/);
    expect(values(table, 'tags')[i]).toBe('anomaly,above,moving');
  });
});
