/**
 * A backtest through the BUILT executable over gRPC, as Grafana runs it, against what the demo stack has: a real
 * Prometheus backfilled with the demo workload's history (demo/workload), queried through the provisioned
 * `anomalylens-prometheus` data source. The workload's incidents are known by construction (its schedules), so
 * the firings, the per-day counts and precision/recall are checked against values worked out by hand from them.
 */
import { openMetricsHistory } from '../../demo/workload/openMetrics';
import { INCIDENTS, nextIncidentStart, WORKLOAD_METRICS, workloadSamples } from '../../demo/workload/workloadSeries';
import { decodeFrame, DecodedFrame } from '../conformance/support/decodeFrame';
import { launchPlugin, RunningPlugin, stopPlugin } from '../conformance/support/launchPlugin';
import { connect, PluginClients } from '../conformance/support/pluginClients';
import { provisionedDataSourceContext } from '../provisioning/support/provisionedDataSourceContext';
import { dataSourceEntries } from '../provisioning/support/provisioningFiles';
import { RunningPrometheus, startPrometheus } from './helpers/startPrometheus';

jest.setTimeout(300_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Friday 2026-03-06 12:00 UTC; the stack started six days earlier (the schedules' anchor). */
const NOW = Date.UTC(2026, 2, 6, 12);
const ANCHOR = NOW - 6 * DAY;
/** The backtest: the last two days; the default detector's history is 3 days before the rule's hour. */
const FROM = NOW - 2 * DAY;
const HISTORY_FROM = FROM - 3 * DAY - 2 * HOUR;
const SCRAPE_LABELS = { job: 'workload', instance: 'workload:9464' };
const EXPR = 'node_cpu_utilization{host="web-2"}';

/** The web-2 CPU saturations (30 min every 11 h from the anchor + 40 min) that start within the backtest. */
function saturations(): Array<{ from: number; to: number }> {
  const s = INCIDENTS.cpuSaturation;
  const out = [];
  for (let t = nextIncidentStart(FROM, ANCHOR, s); t <= NOW; t += s.periodMs) {
    out.push({ from: t, to: t + s.durationMs });
  }
  return out;
}

describe('backtest through the built plugin on the demo stack (Prometheus with the workload history)', () => {
  let prometheus: RunningPrometheus;
  let plugin: RunningPlugin;
  let clients: PluginClients;

  beforeAll(async () => {
    const cpu = WORKLOAD_METRICS.filter((m) => m.name === 'node_cpu_utilization');
    const om = [
      ...openMetricsHistory(
        cpu,
        (t) =>
          workloadSamples(t, ANCHOR)
            .filter((s) => s.metric === 'node_cpu_utilization')
            .map((s) => ({ ...s, labels: { ...s.labels, ...SCRAPE_LABELS } })),
        HISTORY_FROM,
        NOW,
        MINUTE
      ),
    ].join('');
    [prometheus, plugin] = await Promise.all([startPrometheus({ openMetrics: om }), launchPlugin()]);
    clients = connect(plugin.address);
  });
  afterAll(async () => {
    clients?.close();
    await stopPlugin(plugin);
    await prometheus?.stop();
  });

  async function backtest(json: Record<string, unknown>): Promise<DecodedFrame[]> {
    const ds = dataSourceEntries().find((d) => d.uid === 'anomalylens-prometheus')!;
    const res = await clients.queryData({
      pluginContext: provisionedDataSourceContext(ds, prometheus.url),
      queries: [
        {
          refId: 'B',
          maxDataPoints: 1000,
          intervalMS: MINUTE,
          timeRange: { fromEpochMS: FROM, toEpochMS: NOW },
          json: Buffer.from(JSON.stringify({ refId: 'B', schemaVersion: 2, queryType: 'backtest', ...json })),
        },
      ],
    });
    const r = res.responses.B;
    expect(r.error ?? '').toBe('');
    return r.frames.map((f) => decodeFrame(f));
  }

  /** A field's values as numbers (time fields decode as nanosecond bigints: converted to milliseconds). */
  const values = (f: DecodedFrame, name: string) =>
    f.fields
      .find((x) => x.name === name)!
      .values.map((v) => (typeof v === 'bigint' ? Number(v / BigInt(1_000_000)) : v)) as number[];

  it('scores the default detector and the moving band against the web-2 CPU saturations by the stated rule', async () => {
    const incidents = saturations();
    // Anchor 2026-02-28T12:00, saturations at 12:40 + k·11 h: k = 8 is 4 March 04:40 (before the range; 2026 is
    // not a leap year), so k = 9…13 start within 2026-03-04T12:00 … 2026-03-06T12:00.
    expect(incidents.map((i) => new Date(i.from).toISOString())).toEqual([
      '2026-03-04T15:40:00.000Z',
      '2026-03-05T02:40:00.000Z',
      '2026-03-05T13:40:00.000Z',
      '2026-03-06T00:40:00.000Z',
      '2026-03-06T11:40:00.000Z',
    ]);
    const frames = await backtest({
      expr: EXPR,
      minStepMs: MINUTE,
      direction: 'above',
      backtest: {
        incidents: incidents.map((i, k) => ({ ...i, label: `saturation ${k + 1}` })),
        variants: [{ name: 'default' }, { name: 'moving', method: 'moving' }],
      },
    });
    const [summary, daily] = frames;
    expect(frames.map((f) => f.name)).toEqual(['backtest', 'backtest_daily', 'backtest_windows', 'backtest_windows']);
    expect(summary.fields.find((f) => f.name === 'variant')!.values).toEqual(['default', 'moving']);
    const fired = values(summary, 'fired');
    const firstWindows = frames[2];
    const movingWindows = frames[3];
    expect(firstWindows.meta?.custom).toEqual({ variant: 'default' });
    expect(movingWindows.meta?.custom).toEqual({ variant: 'moving' });

    // By hand, per variant: which incident each firing counts for (start within 15 min before or during it).
    const countsFor = (starts: number[]) =>
      starts.map((t) => incidents.findIndex((i) => t >= i.from - 15 * MINUTE && t <= i.to));
    ['default', 'moving'].forEach((name, v) => {
      const w = frames[2 + v];
      const starts = values(w, 'time');
      const counts = countsFor(starts);
      const caught = new Set(counts.filter((k) => k >= 0));
      expect(fired[v]).toBe(starts.length);
      expect(values(summary, 'fired_per_day')[v]).toBe(starts.length / 2);
      expect(values(summary, 'caught')[v]).toBe(caught.size);
      expect(values(summary, 'precision')[v]).toBeCloseTo(counts.filter((k) => k >= 0).length / starts.length, 12);
      expect(values(summary, 'recall')[v]).toBeCloseTo(caught.size / 5, 12);
      expect(w.fields.find((f) => f.name === 'incident')!.values).toEqual(
        counts.map((k) => (k >= 0 ? `saturation ${k + 1}` : ''))
      );
      // Per UTC day (4, 5, 6 March) by the firing's start.
      expect(values(daily, name)).toEqual(
        [0, 1, 2].map((d) => starts.filter((t) => Math.floor(t / DAY) === Math.floor(FROM / DAY) + d).length)
      );
    });

    // The default detector fires only at saturations, within three minutes of their onset (the evidence of a jump
    // to ~97 % adds up over the first evaluations), and until they end; it catches all five.
    const start = values(firstWindows, 'time');
    const end = values(firstWindows, 'timeEnd');
    expect(start).toHaveLength(5);
    start.forEach((s, k) => {
      expect(s - incidents[k].from).toBeGreaterThanOrEqual(0);
      expect(s - incidents[k].from).toBeLessThanOrEqual(3 * MINUTE);
    });
    end.forEach((e, k) => expect(e).toBe(Math.min(incidents[k].to, NOW)));
    expect(values(summary, 'precision')[0]).toBe(1);
    expect(values(summary, 'recall')[0]).toBe(1);
    expect(values(summary, 'median_delay_seconds')[0]).toBe(120);
    // The moving band catches all five but also fires on ordinary swings: more firings, lower precision.
    expect(values(summary, 'recall')[1]).toBe(1);
    expect(fired[1]).toBeGreaterThan(fired[0]);
    expect(values(summary, 'precision')[1]).toBeLessThan(1);
  });
});
