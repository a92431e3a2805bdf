/**
 * Exported recording rules against a real Prometheus 2.42 (Debian): every exported group passes `promtool check
 * rules`, and the bands Prometheus records over backfilled history equal the plugin's own bands (the in-process
 * pipeline querying the same Prometheus) on the same data. Fails (never skips) when the binaries are missing.
 *
 * Tolerances: where the 30 points before t exist, the moving band agrees to 1e-9 relative (PromQL sums in another
 * order); the seasonal band is the same weighted median, to 1e-9, wherever all 12 same-phase samples exist. Beside
 * series b's 12-minute gap three things differ, and only there: (1) the ruler evaluates at an offset within each
 * interval (hashed from file and group name), so its `value` rule's 5-minute lookback ends up to one interval later
 * than the plugin's query step and may keep one more lookback-filled point at the gap's start; (2) where the gap
 * removed some same-phase samples the integer weights 6:4:3:2 only approximate 0.7^i; (3) `promtool tsdb
 * create-blocks-from rules` writes no staleness markers (a live ruler does), so inside the gap later rules still see
 * the last recorded value for the lookback. docs/scaling.md lists these.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { gaussian } from '../../src/analytics/bands/__tests__/bandTestKit';
import { readSettings } from '../../src/backend/settings/dataSourceSettings';
import { parseQueryJson } from '../../src/backend/query/parseQuery';
import { runAnalysis } from '../../src/backend/query/runAnalysis';
import type { Frame } from '../../src/backend/frames/frame';
import { recordingRuleGroup, type RecordingRuleExport } from '../../src/backend/rules/recordingRuleGroup';
import { ruleGroupYaml } from '../../src/backend/rules/ruleGroupYaml';
import type { LensQuery } from '../../src/shared/queryModel';
import { prometheusWithRecordedRules, ruleStages } from './helpers/prometheusWithRecordedRules';
import { run } from './helpers/serverProcess';
import { PROMTOOL_BIN, type RunningPrometheus } from './helpers/startPrometheus';
import { dataSourceInstance } from '../../src/backend/pipeline/DataSourceInstances';

jest.setTimeout(180_000);

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 0, 5);
const HOURS = 10;
/** The compared range: the last 5 h, after 5 h of history (4 seasons of 1 h plus margin). */
const FROM = T0 + 5 * HOUR;
const TO = T0 + HOURS * HOUR - MIN;
const METRIC = 'lens_rr_metric';
/** Series b's gap, as indices of the compared range (the range starts at point 300). */
const GAP = { from: 80, to: 91 };

/** Hourly season, noise, level shifts and spikes; series b has a 12-minute gap (longer than the 5 m lookback). */
function syntheticSeries(): Array<{ service: string; values: number[] }> {
  const out: Array<{ service: string; values: number[] }> = [];
  for (const [service, amp, seed] of [
    ['a', 20, 11],
    ['b', 5, 12],
  ] as const) {
    const noise = gaussian(seed);
    const values: number[] = [];
    for (let i = 0; i < HOURS * 60; i++) {
      const spike = i % 97 === 53 ? 8 * amp : 0;
      const shift = i >= 420 && i < 450 ? amp : 0;
      values.push(100 + amp * Math.sin((2 * Math.PI * i) / 60) + 2 * noise() + spike + shift);
    }
    if (service === 'b') {
      values.fill(NaN, 300 + GAP.from, 300 + GAP.to + 1);
    }
    out.push({ service, values });
  }
  return out;
}

function openMetrics(series: Array<{ service: string; values: number[] }>): string {
  const lines = [`# TYPE ${METRIC} gauge`];
  for (const s of series) {
    s.values.forEach((v, i) => {
      if (Number.isFinite(v)) {
        lines.push(`${METRIC}{service="${s.service}"} ${v} ${(T0 + i * MIN) / 1000}`);
      }
    });
  }
  lines.push('# EOF');
  return lines.join('\n') + '\n';
}

const base: LensQuery = {
  refId: 'A',
  schemaVersion: 2,
  expr: METRIC,
  outputs: ['raw', 'band', 'flag'],
  minStepMs: MIN,
  history: '5h',
};
const movingQuery: LensQuery = { ...base, method: 'moving', movingWindow: '30m' };
const seasonalQuery: LensQuery = { ...base, method: 'seasonal', seasonality: ['1h'], sensitivity: 2.5 };

let prom: RunningPrometheus;
let moving: RecordingRuleExport;
let seasonal: RecordingRuleExport;

beforeAll(async () => {
  moving = recordingRuleGroup(movingQuery);
  seasonal = recordingRuleGroup(seasonalQuery);
  prom = await prometheusWithRecordedRules(
    openMetrics(syntheticSeries()),
    [moving.group, seasonal.group],
    T0,
    TO + MIN
  );
});

afterAll(async () => {
  await prom?.stop();
});

/** The data source pipeline querying the same Prometheus at a 1-minute step. */
async function pluginFrames(q: LensQuery): Promise<Frame[]> {
  const settings = dataSourceInstance(
    readSettings({
      orgId: 1,
      pluginId: 'seedlabs-anomalylens-datasource',
      dataSourceInstanceSettings: {
        id: 1,
        uid: 'rr',
        name: 'rr',
        url: prom.url,
        jsonData: Buffer.from(JSON.stringify({ upstream: 'prometheus', timeInterval: '1m' })),
        decryptedSecureJsonData: {},
        lastUpdatedMS: Date.now(),
      },
    } as never)
  );
  return runAnalysis(settings, parseQueryJson('A', JSON.stringify(q)), {
    fromMs: FROM,
    toMs: TO,
    intervalMs: MIN,
    maxDataPoints: 10_000,
  });
}

/** The plugin's own band per series and field. */
async function pluginFields(q: LensQuery): Promise<Map<string, Map<string, ArrayLike<number | null>>>> {
  const frames = await pluginFrames(q);
  const bySeries = new Map<string, Map<string, ArrayLike<number | null>>>();
  for (const f of frames) {
    const time = f.fields[0].values as ArrayLike<number>;
    expect(time[0]).toBe(FROM);
    const value = f.fields[1];
    const service = value.labels!.service;
    const fields = bySeries.get(service) ?? new Map();
    fields.set(value.name, value.values as ArrayLike<number | null>);
    bySeries.set(service, fields);
  }
  return bySeries;
}

/**
 * A recorded series on the plugin's grid. The ruler evaluates at T0 + j·interval + offset (offset < interval, from
 * the group's hash) and the value rule there sees the point at T0 + j·interval, so the recorded point j is read at
 * its own timestamp, and only there (no lookback filling the steps where nothing was recorded).
 */
async function recorded(name: string): Promise<Map<string, Float64Array>> {
  const probe = await promRange(`timestamp(${name})`, TO, TO);
  const offsetMs = Math.round(Number(probe[0].values[0][1]) * 1000) - (TO - MIN);
  expect(offsetMs).toBeGreaterThanOrEqual(0);
  expect(offsetMs).toBeLessThan(MIN);
  const series = await promRange(`${name} and (timestamp(${name}) == time())`, FROM + offsetMs, TO + offsetMs);
  const out = new Map<string, Float64Array>();
  for (const s of series) {
    const grid = new Float64Array((TO - FROM) / MIN + 1).fill(NaN);
    for (const [t, v] of s.values) {
      grid[(t * 1000 - offsetMs - FROM) / MIN] = Number(v);
    }
    out.set(s.metric.service, grid);
  }
  return out;
}

/** Prometheus' query_range as is (our client aligns the range to the step, which would drop the offset). */
async function promRange(
  expr: string,
  fromMs: number,
  toMs: number
): Promise<Array<{ metric: Record<string, string>; values: Array<[number, string]> }>> {
  const params = new URLSearchParams({
    query: expr,
    start: String(fromMs / 1000),
    end: String(toMs / 1000),
    step: '60',
  });
  const res = await fetch(`${prom.url}/api/v1/query_range?${params}`);
  const body = (await res.json()) as { status: string; data: { result: never[] } };
  expect(body.status).toBe('success');
  return body.data.result;
}

const num = (v: number | null) => (v === null ? NaN : v);

/** Indices where the plugin's field and the recorded series differ: one NaN and not the other, or > 1e-9 relative.
 * A flag the ruler did not record (band undefined) counts as 0, as the plugin says there. */
function differences(
  ours: ArrayLike<number | null>,
  recordedValues: Float64Array,
  field: string
): { differ: number[]; finite: number } {
  const theirs = field === 'flag' ? recordedValues.map((v) => (Number.isNaN(v) ? 0 : v)) : recordedValues;
  expect(ours.length).toBe(theirs.length);
  const differ: number[] = [];
  let finite = 0;
  for (let i = 0; i < theirs.length; i++) {
    const a = num(ours[i]);
    const b = theirs[i];
    if (Number.isNaN(a) || Number.isNaN(b)) {
      if (Number.isNaN(a) !== Number.isNaN(b)) {
        differ.push(i);
      }
    } else if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a))) {
      differ.push(i);
    } else {
      finite++;
    }
  }
  return { differ, finite };
}

describe('exported recording rules in a real Prometheus', () => {
  it('pass promtool check rules for every method, direction, sensitivity and interval', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-rules-check-'));
    try {
      const variants: Array<[LensQuery, string]> = [];
      for (const q of [movingQuery, seasonalQuery, { ...seasonalQuery, seasonality: ['1d', '1w'] }]) {
        for (const direction of ['both', 'above', 'below'] as const) {
          for (const interval of ['15s', '1m', '5m']) {
            variants.push([{ ...q, direction, sensitivity: 1.5 }, interval]);
          }
        }
      }
      variants.push([{ ...movingQuery, expr: 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))' }, '1m']);
      variants.push([{ ...movingQuery, expr: 'histogram_quantile(0.99, sum by (le) (rate(req_bucket[5m])))' }, '1m']);
      const file = path.join(dir, 'all.rules.yml');
      const groups = variants.map(([q, interval], i) => ({
        ...recordingRuleGroup(q, { interval, metric: `variant_${i}` }).group,
        name: `variant_${i}`,
      }));
      fs.writeFileSync(file, ruleGroupYaml(groups, ['exported by the recording-rules test']));
      const out = await run(PROMTOOL_BIN, ['check', 'rules', file]);
      expect(out).toContain('SUCCESS');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('evaluates in dependency stages: value first, flag last', () => {
    const stages = ruleStages([seasonal.group]).map((s) =>
      s.flatMap((g) => g.rules.map((r) => r.record.split('_').pop()))
    );
    expect(stages).toEqual([
      ['value'],
      ['sample'],
      ['expected'],
      ['deviation'],
      ['sigma'],
      ['lower', 'upper'],
      ['flag'],
    ]);
  });

  it('records the moving band the plugin computes, to 1e-9 relative, and the same flags', async () => {
    const plugin = await pluginFields(movingQuery);
    const names = moving.names;
    const recordedFields = await Promise.all([names.expected, names.lower, names.upper, names.flag].map(recorded));
    expect([...recordedFields[0].keys()].sort()).toEqual(['a', 'b']);
    const fields = ['expected', 'lower', 'upper', 'flag'];
    // Series b: the lookback boundary at the gap's edges may differ by one point (see the file header), which
    // reaches the 30 points after the gap.
    const affected = (i: number) => i >= GAP.from && i <= GAP.to + 30;
    let compared = 0;
    for (const service of ['a', 'b']) {
      fields.forEach((field, f) => {
        const { differ, finite } = differences(
          plugin.get(service)!.get(field)!,
          recordedFields[f].get(service)!,
          field
        );
        expect([service, field, differ.filter((i) => service === 'a' || !affected(i))]).toEqual([service, field, []]);
        compared += finite;
      });
    }
    expect(compared).toBeGreaterThan(2000);
    expect(Array.from(plugin.get('a')!.get('flag')!).filter((v) => v !== 0).length).toBeGreaterThan(3);
  });

  it('records the seasonal band the plugin computes: equal wherever all 12 same-phase samples exist', async () => {
    const plugin = await pluginFields(seasonalQuery);
    const names = seasonal.names;
    const recordedFields = await Promise.all([names.expected, names.lower, names.upper, names.flag].map(recorded));
    const fields = ['expected', 'lower', 'upper', 'flag'];
    // Series b: the points whose same-phase samples (±1) fall in the gap 1–4 seasons back lack some of the 12, and
    // there the integer weights only approximate 0.7^i; inside the gap itself the backfilled rules still see the last
    // recorded value for the 5-minute lookback (see the file header).
    const affected = (i: number) =>
      (i >= GAP.from && i <= GAP.to + 5) ||
      [1, 2, 3, 4].some((s) => i - 60 * s >= GAP.from - 1 && i - 60 * s <= GAP.to + 1);
    let differing = 0;
    for (const service of ['a', 'b']) {
      fields.forEach((field, f) => {
        const { differ } = differences(plugin.get(service)!.get(field)!, recordedFields[f].get(service)!, field);
        expect([service, field, differ.filter((i) => service === 'a' || !affected(i))]).toEqual([service, field, []]);
        differing += differ.length;
      });
    }
    expect(Array.from(plugin.get('a')!.get('flag')!).filter((v) => v !== 0).length).toBeGreaterThan(3);
    // eslint-disable-next-line no-console
    console.log(`seasonal band: ${differing} of ${4 * 2 * 300} points differ, all beside the gap of series b`);
  });

  it.each([
    ['moving', () => movingQuery, (i: number) => i >= GAP.from && i <= GAP.to + 30],
    [
      'seasonal',
      () => seasonalQuery,
      (i: number) =>
        (i >= GAP.from && i <= GAP.to + 5) ||
        [1, 2, 3, 4].some((s) => i - 60 * s >= GAP.from - 1 && i - 60 * s <= GAP.to + 1),
    ],
  ] as const)(
    'reads the recorded %s band back with the same frames and field config as the computed band',
    async (_, query, affected) => {
      const computed = await pluginFrames(query());
      const read = await pluginFrames({ ...query(), bandSource: 'recorded' });
      const shape = (frames: Frame[]) =>
        frames.map((f) => ({
          name: f.name,
          fields: f.fields.map((x) => ({ name: x.name, type: x.type, labels: x.labels, config: x.config })),
          custom: { ...(f.meta?.custom as object), trainingPoints: undefined },
        }));
      expect(shape(read)).toEqual(shape(computed));
      expect(read[0].meta?.notices?.map((x) => x.text).join(' ')).toContain('Band read from the recording rules');
      let compared = 0;
      computed.forEach((f, k) => {
        const value = f.fields[1];
        const service = value.labels!.service;
        const { differ, finite } = differences(
          value.values as ArrayLike<number | null>,
          Float64Array.from(read[k].fields[1].values as ArrayLike<number | null>, (v) => (v === null ? NaN : v)),
          value.name
        );
        expect([service, value.name, differ.filter((i) => service === 'a' || !affected(i))]).toEqual([
          service,
          value.name,
          [],
        ]);
        compared += finite;
      });
      expect(compared).toBeGreaterThan(1500);
    }
  );
});
