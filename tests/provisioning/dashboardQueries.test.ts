/**
 * Every Anomaly Lens target of the provisioned dashboards, run through the BUILT executable against what the demo
 * stack would have: a real Prometheus backfilled with the demo workload's history (Debian's prometheus, as the
 * integration tests use) and a real influxd with the same series written as line protocol. The data source
 * settings are the provisioned ones with the URL pointed at the local servers. Each target must answer without
 * error, with frames, over the panel's time range at a fixed "now".
 */
import { openMetricsHistory } from '../../demo/workload/openMetrics';
import { WORKLOAD_METRICS, workloadSamples } from '../../demo/workload/workloadSeries';
import { decodeFrame } from '../conformance/support/decodeFrame';
import { launchPlugin, RunningPlugin, stopPlugin } from '../conformance/support/launchPlugin';
import { connect, PluginClients } from '../conformance/support/pluginClients';
import { RunningInfluxd, startInfluxd } from '../integration/helpers/startInfluxd';
import { RunningPrometheus, startPrometheus } from '../integration/helpers/startPrometheus';
import { panelQuery, SourceTarget } from '../../src/extensions/panelQuery';
import { interpolateDashboardVariables } from './support/dashboardVariables';
import { provisionedDataSourceContext } from './support/provisionedDataSourceContext';
import { readmeRanking } from './support/readmeRanking';
import { influxMeasurements, writeWorkloadToInflux } from './support/writeWorkloadToInflux';
import {
  allPanels,
  Dashboard,
  dashboardFiles,
  DataSourceEntry,
  dataSourceEntries,
  Panel,
} from './support/provisioningFiles';

jest.setTimeout(300_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Friday 2026-03-06 12:00 UTC; the stack "started" two hours earlier (the schedule anchor). */
const NOW = Date.UTC(2026, 2, 6, 12);
const ANCHOR = NOW - 2 * HOUR;
/** History available: 4 days (3 days of band history + the longest panel range). */
const HISTORY_FROM = NOW - 4 * DAY;
/** The job/instance labels Prometheus gives the live scrapes and the backfill copies (demo/workload/main.ts). */
const SCRAPE_LABELS = { job: 'workload', instance: 'workload:9464' };

const dataSources = new Map(dataSourceEntries().map((d) => [d.uid, d]));

interface Case {
  where: string;
  panel: Panel;
  target: Record<string, unknown> & { refId: string };
  ds: DataSourceEntry;
  fromMs: number;
  dashboard: Dashboard;
}

function rangeMs(text: string): number {
  const m = /^(?:now-)?(\d+)([mhd])$/.exec(text);
  if (!m) {
    throw new Error(`time range "${text}" is not now-<n>m|h|d`);
  }
  return Number(m[1]) * { m: MINUTE, h: HOUR, d: DAY }[m[2] as 'm' | 'h' | 'd'];
}

const LENS_TYPE = 'seedlabs-anomalylens-datasource';

const allCases: Case[] = dashboardFiles().flatMap(({ json }) =>
  allPanels(json.panels).flatMap((panel) =>
    (panel.targets ?? []).map((target) => {
      const uid = target.datasource?.uid ?? panel.datasource?.uid ?? '';
      const ds = dataSources.get(uid);
      if (!ds) {
        throw new Error(`${json.uid} / ${panel.title}: data source ${uid} is not provisioned`);
      }
      const span = panel.timeFrom ? rangeMs(panel.timeFrom) : rangeMs(json.time?.from ?? 'now-6h');
      return {
        where: `${json.uid} / ${panel.title} / ${target.refId}`,
        panel,
        target,
        ds,
        fromMs: NOW - span,
        dashboard: json,
      };
    })
  )
);

/** Anomaly Lens targets go through the plugin; the plain panels' targets (the "Start here" dashboard) straight to Prometheus. */
const cases = allCases.filter((c) => c.ds.type === LENS_TYPE);
const plainCases = allCases.filter((c) => c.ds.type !== LENS_TYPE);

describe('provisioned dashboard queries through the built plugin against real Prometheus and InfluxDB', () => {
  let prometheus: RunningPrometheus;
  let influx: RunningInfluxd;
  let plugin: RunningPlugin;
  let clients: PluginClients;

  beforeAll(async () => {
    const om = [
      ...openMetricsHistory(
        WORKLOAD_METRICS,
        (t) => workloadSamples(t, ANCHOR).map((s) => ({ ...s, labels: { ...s.labels, ...SCRAPE_LABELS } })),
        HISTORY_FROM,
        NOW,
        MINUTE
      ),
    ].join('');
    [prometheus, influx, plugin] = await Promise.all([
      startPrometheus({ openMetrics: om }),
      startInfluxd(),
      launchPlugin(),
    ]);
    clients = connect(plugin.address);
    // Only the measurements InfluxDB-backed panels read.
    const measurements = influxMeasurements(
      cases.filter((c) => c.ds.jsonData?.upstream === 'influxdb').map((c) => String(c.target.expr))
    );
    await writeWorkloadToInflux(influx.url, measurements, HISTORY_FROM, NOW, ANCHOR);
  });
  afterAll(async () => {
    clients?.close();
    await stopPlugin(plugin);
    await Promise.all([prometheus?.stop(), influx?.stop()]);
  });

  function context(ds: DataSourceEntry): object {
    const upstream = ds.jsonData?.upstream ?? 'demo';
    return provisionedDataSourceContext(
      ds,
      upstream === 'prometheus' ? prometheus.url : upstream === 'influxdb' ? influx.url : ds.url
    );
  }

  async function run(c: Case) {
    const maxDataPoints = 1000;
    const intervalMs = Math.max(1000, Math.ceil((NOW - c.fromMs) / maxDataPoints / 1000) * 1000);
    const res = await clients.queryData({
      pluginContext: context(c.ds),
      queries: [
        {
          refId: c.target.refId,
          maxDataPoints,
          intervalMS: intervalMs,
          timeRange: { fromEpochMS: c.fromMs, toEpochMS: NOW },
          json: Buffer.from(
            JSON.stringify({
              ...interpolateDashboardVariables(c.target, c.dashboard, c.fromMs, NOW),
              intervalMs,
              maxDataPoints,
            })
          ),
        },
      ],
    });
    return res.responses[c.target.refId];
  }

  it.each(plainCases.map((c) => [c.where, c] as const))(
    '%s (a plain Prometheus panel) answers from Prometheus and offers "Analyse with Anomaly Lens"',
    async (_, c) => {
      expect(c.ds.type).toBe('prometheus');
      const q = new URLSearchParams({
        query: String(c.target.expr),
        start: String(c.fromMs / 1000),
        end: String(NOW / 1000),
        step: '60',
      });
      const body = (await (await fetch(`${prometheus.url}/api/v1/query_range?${q}`)).json()) as {
        status: string;
        data: { result: unknown[] };
      };
      expect(body.status).toBe('success');
      expect(body.data.result.length).toBeGreaterThan(0);
      // The panel menu link is shown for it, with this very expression.
      expect(panelQuery(c.panel.targets as SourceTarget[])).toEqual({
        kind: 'prometheus',
        dataSourceUid: c.ds.uid,
        expr: c.target.expr,
      });
    }
  );

  it('there are Prometheus- and InfluxDB-backed targets among them', () => {
    expect(plainCases.length).toBeGreaterThan(0);
    const upstreams = cases.map((c) => c.ds.jsonData?.upstream);
    expect(upstreams).toEqual(expect.arrayContaining(['prometheus', 'influxdb']));
  });

  it.each(cases.map((c) => [c.where, c] as const))('%s answers with frames', async (_, c) => {
    const r = await run(c);
    expect({ error: r.error, status: r.status }).toEqual({ error: '', status: 200 });
    expect(r.frames.length).toBeGreaterThan(0);
    const frames = r.frames.map((f) => decodeFrame(f));
    // every returned value field has points in the range
    for (const f of frames) {
      expect(f.rows).toBeGreaterThan(0);
    }
  });

  it('the overview flags kafka-3 as the peer outlier and no other broker', async () => {
    const c = cases.find((x) => ((x.target.outputs as string[] | undefined) ?? []).includes('outliers'))!;
    const frames = (await run(c)).frames.map((f) => decodeFrame(f));
    const outliers = frames
      .filter((f) => (f.meta?.custom as { isOutlier?: boolean } | undefined)?.isOutlier)
      .map((f) => f.fields[1].labels?.broker);
    expect(new Set(outliers)).toEqual(new Set(['kafka-3']));
  });

  it('the capacity dashboard forecasts the WAL volume full within the day', async () => {
    const c = cases.find(
      (x) =>
        ((x.target.outputs as string[] | undefined) ?? []).includes('timeToThreshold') &&
        String(x.target.expr).includes('filesystem')
    )!;
    const frames = (await run(c)).frames.map((f) => decodeFrame(f));
    const values = frames[0].fields[1].values as number[];
    const last = values[values.length - 1];
    // 80 % at the anchor + 2 %/h → 84 % now; 95 % is 5.5 h away
    expect(last / 3600).toBeGreaterThan(4.5);
    expect(last / 3600).toBeLessThan(6.5);
  });

  it('the investigate dashboard ranks on top the cause two hops away and the service the README names', async () => {
    const { stack } = readmeRanking();
    const c = cases.find((x) => x.target.queryType === 'correlations')!;
    const frames = (await run(c)).frames.map((f) => decodeFrame(f));
    const table = frames.find((f) => f.name === 'correlations')!;
    const series = table.fields.find((f) => f.name === 'series')!.values as string[];
    const lags = table.fields.find((f) => f.name === 'lag_seconds')!.values as number[];
    const top3 = series.slice(0, 3);
    expect(top3.some((s) => s.includes(stack.db))).toBe(true);
    expect(top3.some((s) => s.endsWith(`http_latency_p99_seconds ${stack.service}`))).toBe(true);
    // Both lead checkout: the db by two hops, the service by one.
    const db = series.findIndex((s) => s.includes(stack.db));
    expect(lags[db]).toBeGreaterThan(0);
  });
});
