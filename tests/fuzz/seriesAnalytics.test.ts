/**
 * Fuzzes what the query pipeline hands to the analytics and to the frame encoder with series the demo upstream
 * never produces but real upstreams do: NaN, ±Infinity, ±1e308, subnormals, -0, constant runs, empty and
 * one-point series, and timestamps that are duplicated, unsorted, NaN or huge. Each case calls one entry point
 * (bands, forecasts, seasonality, peer outliers, change, correlation, flags, Prometheus matrix parsing, frames →
 * Arrow) and must return (arrays of the documented length, inputs untouched) or throw an Error with a message;
 * a TypeError/ReferenceError (a defect, not a clear refusal) or a case slower than the limit fails.
 * Case count: FUZZ_CASES (default 100,000), spread over the entry points.
 */
import fc from 'fast-check';

import { scoreToFlags } from '../../src/analytics/anomaly/scoreToFlags';
import { forecastBand } from '../../src/analytics/bands/forecastBand';
import { movingBand } from '../../src/analytics/bands/movingBand';
import { seasonalBand } from '../../src/analytics/bands/seasonalBand';
import { stlResidualBand } from '../../src/analytics/bands/stlResidualBand';
import { derivative, percentChange } from '../../src/analytics/change';
import { crossCorrelation, rankCorrelations } from '../../src/analytics/correlation';
import { forecastSeries } from '../../src/analytics/forecasting/forecastSeries';
import { linearForecast } from '../../src/analytics/forecasting/linearForecast';
import { dbscanOutliers, madOutliers, zScoreOutliers } from '../../src/analytics/outliers';
import { detectSeasonality } from '../../src/analytics/seasonality/detectSeasonality';
import { frameToArrow } from '../../src/backend/frames/frameToArrow';
import { timeSeriesFrames } from '../../src/backend/frames/timeSeriesFrames';
import { analyseSeries } from '../../src/backend/pipeline/analyseSeries';
import { BAND_METHODS, LENS_OUTPUTS, type LensQuery } from '../../src/shared/queryModel';
import { validateQuery } from '../../src/shared/validateQuery';
import {
  DEFAULT_UPSTREAM_LIMITS,
  upstreamHttpSettingsFrom,
} from '../../src/backend/upstreams/http/upstreamHttpSettings';
import { parsePrometheusMatrix } from '../../src/backend/upstreams/prometheus/parsePrometheusResponse';
import { seededRandom } from '../../src/analytics/stats/seededRandom';
import { check, fcParams, fuzzCases } from './support/fuzzBudget';

const PER_CASE_MS = 2000;
const T0 = 1_700_000_000_000;
const STEP = 60_000;

const SPECIALS = [NaN, Infinity, -Infinity, 1e308, -1e308, 5e-324, -0, 0, Number.MAX_SAFE_INTEGER + 2];

interface SeriesCase {
  values: Float64Array;
  timestamps: Float64Array;
  /** Parameters the entry point may use (window, period, k …), fuzzed too. */
  param: number;
}

/** Builds a series from a seed: a shape (noise, seasonal, constant, ramp, all special), then injected specials. */
function buildSeries(seed: number, length: number, shape: number, specialRate: number, timeFault: number): SeriesCase {
  const rnd = seededRandom(seed);
  const values = new Float64Array(length);
  const scale = [1, 1e-300, 1e300, 1e6][Math.floor(rnd() * 4)];
  for (let i = 0; i < length; i++) {
    let v: number;
    switch (shape) {
      case 0:
        v = (rnd() - 0.5) * scale;
        break;
      case 1:
        v = Math.sin((2 * Math.PI * i) / 24) * scale + rnd() * 0.1 * scale;
        break;
      case 2:
        v = 42;
        break;
      case 3:
        v = i * scale;
        break;
      default:
        v = SPECIALS[Math.floor(rnd() * SPECIALS.length)];
    }
    values[i] = rnd() < specialRate ? SPECIALS[Math.floor(rnd() * SPECIALS.length)] : v;
  }
  const timestamps = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    timestamps[i] = T0 + i * STEP;
  }
  if (length > 1) {
    const at = Math.floor(rnd() * (length - 1));
    switch (timeFault) {
      case 1: // duplicate
        timestamps[at + 1] = timestamps[at];
        break;
      case 2: // unsorted
        [timestamps[at], timestamps[at + 1]] = [timestamps[at + 1], timestamps[at]];
        break;
      case 3:
        timestamps[at] = NaN;
        break;
      case 4:
        timestamps[at] = 8.64e15 + 1; // past the last valid JS date
        break;
      case 5: // reversed
        timestamps.reverse();
        break;
    }
  }
  return { values, timestamps, param: Math.floor(rnd() * 64) - 8 };
}

const seriesCase = fc
  .tuple(
    fc.integer(),
    fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(0, 1, 2, 3) },
      { weight: 6, arbitrary: fc.integer({ min: 4, max: 120 }) },
      { weight: 1, arbitrary: fc.integer({ min: 121, max: 400 }) }
    ),
    fc.integer({ min: 0, max: 4 }),
    fc.constantFrom(0, 0, 0.01, 0.2, 1),
    fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: fc.integer({ min: 1, max: 5 }) })
  )
  .map(([seed, length, shape, rate, fault]) => buildSeries(seed, length, shape, rate, fault));

type Entry = { name: string; run(c: SeriesCase, peers: Float64Array[]): unknown };

/** Lengths every array of a band result must have. */
function bandLengths(
  n: number,
  r: { expected: Float64Array; lower: Float64Array; upper: Float64Array; score: Float64Array }
) {
  for (const k of ['expected', 'lower', 'upper', 'score'] as const) {
    check(r[k].length === n, `band ${k} has ${r[k].length} points for ${n}`);
  }
}

const promSettings = upstreamHttpSettingsFrom({ url: 'http://127.0.0.1:9', jsonData: {} }, 'Prometheus');

/** A Prometheus matrix answer from a series: string values as Prometheus writes them, seconds timestamps. */
function promValue(v: number): string {
  return Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v);
}

/** Every output with each band method: the option sets the pipeline resolves for a version-2 query. */
const PIPELINE_OPTIONS = BAND_METHODS.map((method) =>
  validateQuery({
    refId: 'A',
    schemaVersion: 2,
    expr: 'm',
    outputs: LENS_OUTPUTS.filter((o) => o !== 'outliers'),
    method,
    threshold: { value: 1 },
  } as unknown as LensQuery)
);

const ENTRIES: Entry[] = [
  {
    name: 'analyseSeries (pipeline)',
    run: (c) => {
      const n = c.values.length;
      const visibleStart = Math.min(n, Math.max(0, c.param));
      const a = analyseSeries(
        { timestamps: c.timestamps, values: c.values, visibleStart, stepMs: STEP },
        PIPELINE_OPTIONS[Math.abs(c.param) % PIPELINE_OPTIONS.length]
      );
      for (const [field, values] of a.fields) {
        check(values.length === n - visibleStart, `field ${field} has ${values.length} points for ${n - visibleStart}`);
      }
    },
  },
  {
    name: 'movingBand',
    run: (c) => {
      const r = movingBand(c.values, { window: Math.max(2, c.param) });
      bandLengths(c.values.length, r);
    },
  },
  {
    name: 'seasonalBand',
    run: (c) => bandLengths(c.values.length, seasonalBand(c.values, { period: c.param })),
  },
  {
    name: 'stlResidualBand',
    run: (c) => bandLengths(c.values.length, stlResidualBand(c.values, { period: c.param })),
  },
  {
    name: 'forecastBand',
    // Holt–Winters fits by Nelder–Mead: keep this entry's series short so the run stays bounded.
    run: (c) => {
      const y = c.values.subarray(0, 60);
      bandLengths(y.length, forecastBand(y, c.param > 1 && c.param < y.length / 2 ? { period: c.param } : {}));
    },
  },
  { name: 'detectSeasonality', run: (c) => detectSeasonality(c.values, { stepMs: STEP }) },
  {
    name: 'linearForecast',
    run: (c) => {
      const r = linearForecast(c.values, { horizon: Math.max(1, c.param) });
      check(r.fitted.length === c.values.length, 'fitted length');
    },
  },
  {
    name: 'forecastSeries',
    // Holt–Winters inside the seasonal candidates fits by Nelder–Mead: keep the series short.
    run: (c) => {
      const y = c.values.subarray(0, 120);
      const horizon = Math.max(1, c.param);
      const r = forecastSeries(y, { horizon, periods: c.param > 1 ? [c.param] : [] });
      check(r.point.length === horizon && r.lower.length === horizon && r.upper.length === horizon, 'lengths');
    },
  },
  { name: 'madOutliers', run: (c, peers) => madOutliers([c.values, ...peers]) },
  { name: 'zScoreOutliers', run: (c, peers) => zScoreOutliers([c.values, ...peers]) },
  { name: 'dbscanOutliers', run: (c, peers) => dbscanOutliers([c.values, ...peers]) },
  {
    name: 'derivative',
    run: (c) => {
      const smoothing = [
        { method: 'none' as const },
        { method: 'ewma' as const, halfLifeMs: c.param * STEP },
        { method: 'savitzkyGolay' as const, halfWindow: Math.max(1, c.param % 8), order: 2 },
      ][Math.abs(c.param) % 3];
      const r = derivative(c.values, c.timestamps, { smoothing });
      check(r.length === c.values.length, 'derivative length');
    },
  },
  { name: 'percentChange', run: (c) => percentChange(c.values, { lag: Math.max(1, c.param) }) },
  {
    name: 'crossCorrelation',
    run: (c, peers) => crossCorrelation(c.values, peers[0] ?? c.values, { maxLag: c.param }),
  },
  { name: 'rankCorrelations', run: (c, peers) => rankCorrelations(c.values, peers) },
  { name: 'scoreToFlags', run: (c) => check(scoreToFlags(c.values).length === c.values.length, 'flags length') },
  {
    name: 'parsePrometheusMatrix',
    run: (c) => {
      const n = c.values.length;
      const samples = Array.from(c.values, (v, i) => [c.timestamps[i] / 1000, promValue(v)]);
      const grid = { startMs: T0, endMs: T0 + Math.max(0, n - 1) * STEP, stepMs: STEP };
      parsePrometheusMatrix(
        { resultType: 'matrix', result: [{ metric: { __name__: 'm', job: 'j' }, values: samples }] },
        grid,
        DEFAULT_UPSTREAM_LIMITS,
        promSettings
      );
    },
  },
  {
    name: 'timeSeriesFrames+frameToArrow',
    run: (c) => {
      const frames = timeSeriesFrames(
        [{ name: 'm', labels: { job: 'j' }, timestamps: c.timestamps, values: c.values }],
        { refId: 'A', intervalMs: STEP }
      );
      frames.forEach(frameToArrow);
    },
  },
];

function isClearRefusal(e: unknown): boolean {
  return (
    e instanceof Error &&
    !(e instanceof TypeError) &&
    !(e instanceof ReferenceError) &&
    typeof e.message === 'string' &&
    e.message.trim().length > 10
  );
}

function sameBits(a: Float64Array, b: Float64Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

describe('series content fuzzing (analytics and frames, in process)', () => {
  const numRuns = fuzzCases();

  it(`${ENTRIES.length} entry points answer ${numRuns} awkward series with a result or a clear error`, () => {
    const tally = new Map<string, { ok: number; refused: number; worstMs: number; example?: string }>(
      ENTRIES.map((e) => [e.name, { ok: 0, refused: 0, worstMs: 0 }])
    );
    let caseNo = 0;
    fc.assert(
      fc.property(seriesCase, fc.array(seriesCase, { maxLength: 3 }), (c, peerCases) => {
        const entry = ENTRIES[caseNo++ % ENTRIES.length];
        // Peers the same length as the target mostly (a peer group), sometimes not.
        const peers = peerCases.map((p, i) =>
          i === 0 && p.values.length % 7 === 0
            ? p.values
            : Float64Array.from(
                { length: c.values.length },
                (_, k) => p.values[k % Math.max(1, p.values.length)] ?? NaN
              )
        );
        const before = [c.values.slice(), c.timestamps.slice(), ...peers.map((p) => p.slice())];
        const t = tally.get(entry.name)!;
        const started = performance.now();
        try {
          entry.run(c, peers);
          t.ok++;
        } catch (e) {
          if (!isClearRefusal(e)) {
            throw new Error(`${entry.name} failed without a clear error: ${(e as Error)?.stack ?? String(e)}`);
          }
          t.refused++;
          t.example ??= (e as Error).message.slice(0, 120);
        }
        const ms = performance.now() - started;
        t.worstMs = Math.max(t.worstMs, ms);
        check(ms < PER_CASE_MS, `${entry.name} took ${ms.toFixed(0)} ms on ${c.values.length} points`);
        check(sameBits(before[0], c.values) && sameBits(before[1], c.timestamps), `${entry.name} mutated its input`);
        peers.forEach((p, i) => check(sameBits(before[2 + i], p), `${entry.name} mutated a peer series`));
      }),
      fcParams(numRuns)
    );
    for (const [name, t] of tally) {
      // Every entry point must both answer and refuse somewhere in the run, or the generator misses a branch.
      if (numRuns >= 10_000) {
        expect({ name, answered: t.ok > 0 }).toEqual({ name, answered: true });
      }
    }
    process.stdout.write(
      `series fuzz: ${numRuns} cases\n` +
        [...tally]
          .map(
            ([n, t]) =>
              `  ${n}: ${t.ok} results, ${t.refused} refusals, slowest ${t.worstMs.toFixed(1)} ms${t.example ? `; e.g. "${t.example}"` : ''}`
          )
          .join('\n') +
        '\n'
    );
  }, 600_000);
});
