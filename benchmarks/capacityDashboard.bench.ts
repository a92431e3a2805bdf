/**
 * The capacity dashboard (provisioning/dashboards/json/anomalylens-capacity-forecast.json) as Grafana asks for
 * it: every Anomaly Lens target, with the panel's range (12 h at 1,000 points) and the provisioned data source
 * settings, through the BUILT executable against a real Prometheus backfilled with the demo workload's history and
 * a real influxd holding the same series (as tests/provisioning/dashboardQueries.test.ts sets them up).
 *
 * Per target: the first query (history fetched, forecast model chosen), then repeated queries measured in
 * alternation with the same target asking only for `raw` (the fetch and frames a plain panel costs: the reference
 * in the same run). Aim (issue 16): each capacity query under 200 ms. Needs `npm run build` first.
 *
 *   npm run bench -- capacityDashboard
 *   CAPACITY_IN_PROCESS=1 …    run the queries in this process (executeQueries) instead, e.g. under --cpu-prof
 *   CAPACITY_ONLY=lag …        only the panels whose title contains this
 *   CAPACITY_EXECUTABLE=<file> …  another build of the executable (e.g. before a change), launched beside this one's:
 *                              both answer every query in alternation, so both see the same machine load
 */
import { performance } from 'node:perf_hooks';
import { openMetricsHistory } from '../demo/workload/openMetrics';
import { WORKLOAD_METRICS, workloadSamples } from '../demo/workload/workloadSeries';
import { executeQueries } from '../src/backend/query/executeQueries';
import { createLogger } from '../src/backend/server/logger';
import { PluginMetrics } from '../src/backend/server/metrics';
import { launchPlugin, stopPlugin } from '../tests/conformance/support/launchPlugin';
import { connect, type DataQueryMessage } from '../tests/conformance/support/pluginClients';
import { startInfluxd } from '../tests/integration/helpers/startInfluxd';
import { startPrometheus } from '../tests/integration/helpers/startPrometheus';
import { interpolateDashboardVariables } from '../tests/provisioning/support/dashboardVariables';
import { provisionedDataSourceContext } from '../tests/provisioning/support/provisionedDataSourceContext';
import { allPanels, dashboardFiles, dataSourceEntries } from '../tests/provisioning/support/provisioningFiles';
import { influxMeasurements, writeWorkloadToInflux } from '../tests/provisioning/support/writeWorkloadToInflux';
import { timeInterleavedAsync, type Timing } from './harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The fixed "now" of the dashboard test: Friday 2026-03-06 12:00 UTC, the stack started two hours earlier. */
const NOW = Date.UTC(2026, 2, 6, 12);
const ANCHOR = NOW - 2 * HOUR;
const HISTORY_FROM = NOW - 4 * DAY;
const SCRAPE_LABELS = { job: 'workload', instance: 'workload:9464' };
const IN_PROCESS = process.env.CAPACITY_IN_PROCESS === '1';
const OTHER_EXECUTABLE = process.env.CAPACITY_EXECUTABLE || undefined;
const RUNS = Number(process.env.CAPACITY_RUNS ?? 9);

interface Target {
  title: string;
  target: Record<string, unknown> & { refId: string };
  upstream: string;
  ds: ReturnType<typeof dataSourceEntries>[number];
}

const dashboard = dashboardFiles().find(({ path }) => path.endsWith('anomalylens-capacity-forecast.json'))!.json;
const dataSources = new Map(dataSourceEntries().map((d) => [d.uid, d]));
const ONLY = process.env.CAPACITY_ONLY;
const targets: Target[] = allPanels(dashboard.panels)
  .filter((panel) => !ONLY || (panel.title ?? '').includes(ONLY))
  .flatMap((panel) =>
    (panel.targets ?? []).map((target) => {
      const ds = dataSources.get(target.datasource?.uid ?? panel.datasource?.uid ?? '')!;
      return { title: panel.title ?? '', target, upstream: String(ds.jsonData?.upstream ?? 'demo'), ds };
    })
  );

async function main(): Promise<void> {
  const fromMs = NOW - 12 * HOUR;
  const maxDataPoints = 1000;
  const intervalMs = Math.max(1000, Math.ceil((NOW - fromMs) / maxDataPoints / 1000) * 1000);
  const om = [
    ...openMetricsHistory(
      WORKLOAD_METRICS,
      (t) => workloadSamples(t, ANCHOR).map((s) => ({ ...s, labels: { ...s.labels, ...SCRAPE_LABELS } })),
      HISTORY_FROM,
      NOW,
      MINUTE
    ),
  ].join('');
  const [prometheus, influx] = await Promise.all([startPrometheus({ openMetrics: om }), startInfluxd()]);
  const plugin = IN_PROCESS ? undefined : await launchPlugin();
  const clients = plugin ? connect(plugin.address) : undefined;
  const other = OTHER_EXECUTABLE ? await launchPlugin({ executable: OTHER_EXECUTABLE }) : undefined;
  const otherClients = other ? connect(other.address) : undefined;
  const deps = { logger: createLogger({ level: 'error', write: () => undefined }), metrics: new PluginMetrics() };
  try {
    const measurements = influxMeasurements(
      targets.filter((t) => t.upstream === 'influxdb').map((t) => String(t.target.expr))
    );
    await writeWorkloadToInflux(influx.url, measurements, HISTORY_FROM, NOW, ANCHOR);
    const request = (t: Target, target: Record<string, unknown>) => {
      const url = t.upstream === 'prometheus' ? prometheus.url : t.upstream === 'influxdb' ? influx.url : t.ds.url;
      const query: DataQueryMessage = {
        refId: t.target.refId,
        maxDataPoints,
        intervalMS: intervalMs,
        timeRange: { fromEpochMS: fromMs, toEpochMS: NOW },
        queryType: '',
        json: Buffer.from(
          JSON.stringify({
            ...interpolateDashboardVariables(target, dashboard, fromMs, NOW),
            intervalMs,
            maxDataPoints,
          })
        ),
      };
      return { ctx: provisionedDataSourceContext(t.ds, url), query };
    };
    type Engine = (ctx: object, query: DataQueryMessage) => Promise<unknown>;
    const engines: Array<{ name: string; ask: Engine }> = [
      {
        name: IN_PROCESS ? 'in process' : 'built executable',
        ask: async (ctx, query) =>
          IN_PROCESS
            ? (await executeQueries(ctx as never, [query as never], deps)).responses[query.refId]
            : (await clients!.queryData({ pluginContext: ctx, queries: [query] })).responses[query.refId],
      },
    ];
    if (otherClients) {
      engines.push({
        name: OTHER_EXECUTABLE!,
        ask: async (ctx, query) =>
          (await otherClients.queryData({ pluginContext: ctx, queries: [query] })).responses[query.refId],
      });
    }
    const run = async (ask: Engine, t: Target, target: Record<string, unknown>): Promise<void> => {
      const { ctx, query } = request(t, target);
      const r = await ask(ctx, query);
      const error = (r as { error?: string } | undefined)?.error;
      if (!r || error) {
        throw new Error(`${t.title}: ${error ?? 'no response'}`);
      }
    };
    console.log(
      `capacity dashboard, ${targets.length} targets, 12 h at ${intervalMs / 1000} s; engines: ` +
        `${engines.map((e) => e.name).join(' | ')}; reference: the same target asking only for raw`
    );
    const worst = engines.map(() => ({ repeated: 0, first: 0 }));
    for (const t of targets) {
      const rawTarget = { ...t.target, outputs: ['raw'] };
      const firsts: number[] = [];
      for (const e of engines) {
        const t0 = performance.now();
        await run(e.ask, t, t.target);
        firsts.push(performance.now() - t0);
      }
      const timings = await timeInterleavedAsync(
        engines.flatMap((e) => [() => run(e.ask, t, t.target), () => run(e.ask, t, rawTarget)]),
        RUNS,
        1
      );
      engines.forEach((e, k) => {
        const ours: Timing = timings[2 * k];
        const raw: Timing = timings[2 * k + 1];
        worst[k].repeated = Math.max(worst[k].repeated, ours.medianMs);
        worst[k].first = Math.max(worst[k].first, firsts[k]);
        console.log(
          `${(k === 0 ? t.title : `  ${e.name}`).slice(0, 44).padEnd(44)} first ${firsts[k].toFixed(1).padStart(8)} ms` +
            `   then median ${ours.medianMs.toFixed(1).padStart(7)} ms (min ${ours.minMs.toFixed(1)})` +
            `   raw only ${raw.medianMs.toFixed(1).padStart(6)} ms   ×${(ours.medianMs / raw.medianMs).toFixed(2)} of raw`
        );
      });
    }
    engines.forEach((e, k) =>
      console.log(
        `aim: each capacity query under 200 ms (${e.name}): slowest repeated query ` +
          `${worst[k].repeated.toFixed(1)} ms, slowest first query ${worst[k].first.toFixed(1)} ms`
      )
    );
  } finally {
    clients?.close();
    otherClients?.close();
    for (const p of [plugin, other]) {
      if (p) {
        await stopPlugin(p);
      }
    }
    await Promise.all([prometheus.stop(), influx.stop()]);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
