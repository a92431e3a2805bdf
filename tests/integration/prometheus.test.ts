/**
 * Our Prometheus client against a real Prometheus 2.42 (Debian) holding NAB slices backfilled with promtool.
 * Fails (never skips) when the binaries are missing.
 */
import { nabToOpenMetrics } from '../../scripts/loaders/nabToOpenMetrics';
import type { LabelledSeries } from '../../scripts/loaders/nabToOpenMetrics';
import { LensError } from '../../src/backend/errors/LensError';
import { gridTimestamps, toGrid } from '../../src/backend/pipeline/fetchedSeries';
import { checkPrometheus } from '../../src/backend/upstreams/prometheus/checkPrometheus';
import { chooseStep } from '../../src/backend/upstreams/prometheus/chooseStep';
import {
  labelNames,
  labelValues,
  metricMetadata,
  seriesLabels,
} from '../../src/backend/upstreams/prometheus/prometheusResources';
import {
  prometheusSettingsFrom,
  type PrometheusSettings,
} from '../../src/backend/upstreams/prometheus/prometheusSettings';
import { queryRange } from '../../src/backend/upstreams/prometheus/queryRange';
import { loadNabSlices, promLookback, valueAt } from './helpers/nabTestSeries';
import {
  PROMETHEUS_TEST_PASSWORD,
  PROMETHEUS_TEST_USER,
  startPrometheus,
  type RunningPrometheus,
} from './helpers/startPrometheus';

jest.setTimeout(30_000);

const MIN = 60_000;
const HOUR = 60 * MIN;
const APR1 = Date.UTC(2014, 3, 1);
const FEB15 = Date.UTC(2014, 1, 15);
const SEP1 = Date.UTC(2015, 8, 1);

let prom: RunningPrometheus;
let slices: LabelledSeries[];
let settings: PrometheusSettings;

const byFile = (file: string) => slices.find((s) => s.labels.file === file)!;

beforeAll(async () => {
  slices = loadNabSlices();
  prom = await startPrometheus({ openMetrics: nabToOpenMetrics('nab_value', slices), basicAuth: true });
  settings = prometheusSettingsFrom({
    url: prom.url,
    basicAuthEnabled: true,
    basicAuthUser: PROMETHEUS_TEST_USER,
    decryptedSecureJsonData: { basicAuthPassword: PROMETHEUS_TEST_PASSWORD },
    jsonData: { timeout: 10 },
  });
});

afterAll(async () => {
  await prom?.stop();
});

describe('Prometheus queryRange against a real server', () => {
  it('returns the CSV values at every requested timestamp, with the labels as loaded', async () => {
    const r = await queryRange(
      { expr: 'nab_value{file="art_daily_jumpsup"}', fromMs: APR1, toMs: APR1 + 12 * HOUR, stepMs: 5 * MIN },
      settings
    );
    expect(r.series).toHaveLength(1);
    const [s] = r.series;
    expect(s.labels).toEqual({ __name__: 'nab_value', dataset: 'artificialWithAnomaly', file: 'art_daily_jumpsup' });
    expect(s.timesMs.length).toBe(145);
    const csv = byFile('art_daily_jumpsup');
    for (let k = 0; k < s.timesMs.length; k++) {
      expect(s.values[k]).toBe(valueAt(csv, s.timesMs[k]));
    }
  });

  it('returns one series per label set for a selector matching several', async () => {
    const r = await queryRange(
      { expr: 'nab_value{dataset="realAWSCloudwatch"}', fromMs: FEB15, toMs: FEB15 + 24 * HOUR, stepMs: 5 * MIN },
      settings
    );
    expect(r.series.map((s) => s.labels.instance).sort()).toEqual(['cc0c53', 'i-24ae8d']);
    for (const s of r.series) {
      const csv = byFile(s.labels.file);
      expect(Array.from(s.values)).toEqual(Array.from(s.timesMs, (t) => promLookback(csv, t)));
      // 24 h at 5 min = 289 steps, all covered by these regular series.
      expect(s.values.filter(Number.isFinite).length).toBe(289);
    }
  });

  it('follows Prometheus lookback on an irregular series: last sample within 5 minutes, NaN after a longer gap', async () => {
    const r = await queryRange(
      { expr: 'nab_value{file="speed_6005"}', fromMs: SEP1, toMs: SEP1 + 24 * HOUR, stepMs: MIN },
      settings
    );
    const csv = byFile('speed_6005');
    // Steps without a sample are absent from the answer; on the pipeline's grid (toGrid) they are NaN.
    const grid = gridTimestamps(SEP1, SEP1 + 24 * HOUR, MIN);
    const expected = Array.from(grid, (t) => promLookback(csv, t));
    expect(Array.from(toGrid(grid, MIN, r.series[0].timesMs, r.series[0].values))).toEqual(expected);
    expect(Array.from(r.series[0].values)).toEqual(Array.from(r.series[0].timesMs, (t) => promLookback(csv, t)));
    // The slice has gaps longer than the lookback, so some steps must be NaN, and most must not.
    const nan = expected.filter(Number.isNaN).length;
    expect(nan).toBeGreaterThan(0);
    expect(nan).toBeLessThan(expected.length / 2);
  });

  it('uses the step chooseStep picks and aligns the range to it', async () => {
    const fromMs = APR1 + 7 * MIN + 13_000;
    const toMs = APR1 + 48 * HOUR - 1;
    const stepMs = chooseStep(1000, 1000, fromMs, toMs); // 48 h / 1000 = 172.8 s → 2 m
    expect(stepMs).toBe(2 * MIN);
    const r = await queryRange({ expr: 'nab_value{file="art_daily_jumpsup"}', fromMs, toMs, stepMs }, settings);
    expect(r.startMs).toBe(APR1 + 6 * MIN);
    expect(r.endMs).toBe(APR1 + 48 * HOUR - 2 * MIN);
    const s = r.series[0];
    expect(s.timesMs[1] - s.timesMs[0]).toBe(stepMs);
    const csv = byFile('art_daily_jumpsup');
    expect(Array.from(s.values)).toEqual(Array.from(s.timesMs, (t) => promLookback(csv, t)));
    expect(s.values.every(Number.isFinite)).toBe(true);
  });

  it('sends Grafana macros already replaced', async () => {
    const r = await queryRange(
      { expr: 'vector($__interval_ms) + vector($__range_s)', fromMs: APR1, toMs: APR1 + HOUR, stepMs: 10 * MIN },
      settings
    );
    expect(r.expr).toBe('vector(600000) + vector(3600)');
    expect(Array.from(r.series[0].values)).toEqual(new Array(7).fill(603_600));
    const rate = await queryRange(
      {
        expr: 'count_over_time(nab_value{file="art_daily_jumpsup"}[$__rate_interval])',
        fromMs: APR1 + HOUR,
        toMs: APR1 + 2 * HOUR,
        stepMs: 5 * MIN,
      },
      settings
    );
    // $__rate_interval = max(5m + 15s, 4 × 15s) = 5m15s: two 5-minute samples in every window.
    expect(rate.expr).toContain('[5m15s]');
    expect(Array.from(rate.series[0].values)).toEqual(new Array(13).fill(2));
  });

  it('reports a PromQL syntax error as a downstream error with Prometheus message', async () => {
    const e = await queryRange({ expr: 'sum(nab_value', fromMs: APR1, toMs: APR1 + HOUR, stepMs: MIN }, settings).then(
      () => undefined,
      (err: unknown) => err
    );
    expect(e).toBeInstanceOf(LensError);
    expect(e).toMatchObject({ status: 400, errorSource: 'downstream', kind: 'query', upstreamErrorType: 'bad_data' });
    expect((e as Error).message).toMatch(/^Prometheus error \(bad_data\): .*parse error/);
  });

  it('reports wrong credentials as a clear auth error without the password', async () => {
    const wrong = prometheusSettingsFrom({
      url: prom.url,
      basicAuthEnabled: true,
      basicAuthUser: PROMETHEUS_TEST_USER,
      decryptedSecureJsonData: { basicAuthPassword: 'not-the-password' },
    });
    const e = (await queryRange({ expr: 'up', fromMs: APR1, toMs: APR1, stepMs: MIN }, wrong).catch(
      (err: unknown) => err
    )) as LensError;
    expect(e).toBeInstanceOf(LensError);
    expect(e).toMatchObject({ kind: 'auth', status: 401, errorSource: 'downstream' });
    expect(e.message).toContain(`Prometheus at ${prom.url} refused the credentials (HTTP 401)`);
    expect(e.message).not.toContain('not-the-password');
  });

  it('enforces the series limit on a real answer', async () => {
    const limited = prometheusSettingsFrom({
      url: prom.url,
      basicAuthEnabled: true,
      basicAuthUser: PROMETHEUS_TEST_USER,
      decryptedSecureJsonData: { basicAuthPassword: PROMETHEUS_TEST_PASSWORD },
      jsonData: { maxSeries: 1 },
    });
    await expect(
      queryRange(
        { expr: 'nab_value{dataset="realAWSCloudwatch"}', fromMs: FEB15, toMs: FEB15 + HOUR, stepMs: 5 * MIN },
        limited
      )
    ).rejects.toThrow('Query returned 2 series, over the limit of 1 (maxSeries)');
  });
});

describe('Prometheus look-ups against a real server', () => {
  const window = { fromMs: Date.UTC(2014, 0, 1), toMs: Date.UTC(2016, 0, 1) };

  it('lists label names and values', async () => {
    expect(await labelNames(settings, window)).toEqual(['__name__', 'dataset', 'file', 'instance']);
    expect(await labelValues(settings, '__name__', window)).toEqual(['nab_value']);
    expect(await labelValues(settings, 'file', window)).toEqual([
      'art_daily_jumpsup',
      'ec2_cpu_utilization_24ae8d',
      'rds_cpu_utilization_cc0c53',
      'speed_6005',
    ]);
    expect(await labelValues(settings, 'instance', { ...window, matchers: ['nab_value{instance=~"i-.*"}'] })).toEqual([
      'i-24ae8d',
    ]);
  });

  it('lists the series of a selector', async () => {
    const series = await seriesLabels(settings, ['nab_value{dataset="realAWSCloudwatch"}'], window);
    expect(series.map((s) => s.file).sort()).toEqual(['ec2_cpu_utilization_24ae8d', 'rds_cpu_utilization_cc0c53']);
    expect(series[0].__name__).toBe('nab_value');
  });

  it('returns no metadata for backfilled series (metadata comes from scrapes)', async () => {
    expect(await metricMetadata(settings)).toEqual({});
  });
});

describe('Prometheus health check against a real server', () => {
  it('is ok with the right credentials', async () => {
    expect(await checkPrometheus(settings)).toEqual({
      ok: true,
      message: `Prometheus at ${prom.url} is reachable and answers PromQL queries`,
    });
  });

  it('sends the custom query parameters to the server, and names the configured type and version', async () => {
    const base = {
      url: prom.url,
      basicAuthEnabled: true,
      basicAuthUser: PROMETHEUS_TEST_USER,
      decryptedSecureJsonData: { basicAuthPassword: PROMETHEUS_TEST_PASSWORD },
    };
    // Prometheus reads `timeout` on its query endpoints: a valid one passes, a malformed one is refused by name.
    const ok = prometheusSettingsFrom({
      ...base,
      jsonData: { prometheusType: 'Thanos', prometheusVersion: '0.35.0', customQueryParameters: 'timeout=30s' },
    });
    expect(await checkPrometheus(ok)).toEqual({
      ok: true,
      message: `Thanos at ${prom.url} is reachable and answers PromQL queries (configured as version 0.35.0)`,
    });
    const bad = await checkPrometheus(
      prometheusSettingsFrom({ ...base, jsonData: { customQueryParameters: 'timeout=soon' } })
    );
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('invalid parameter "timeout"');
  });

  it('is not ok, with the auth error, without credentials', async () => {
    const health = await checkPrometheus(prometheusSettingsFrom({ url: prom.url }));
    expect(health.ok).toBe(false);
    expect(health.message).toContain('refused the credentials (HTTP 401)');
  });
});
