import fc from 'fast-check';
import { upstreamHttpSettingsFrom, type UpstreamLimits } from '../../http/upstreamHttpSettings';
import { LensError } from '../../../errors/LensError';
import type { UpstreamSeries } from '../../http/upstreamSeries';
import { parsePrometheusMatrix, readPrometheusEnvelope, type StepGrid } from '../parsePrometheusResponse';
import { readPrometheusMatrix } from '../readPrometheusMatrix';
import { scanPrometheusMatrix } from '../scanPrometheusMatrix';
import { bodySpec, bodyText, gridOf, START_MS, STEP_MS } from './matrixBodies';

const settings = upstreamHttpSettingsFrom({ url: 'http://127.0.0.1:9', jsonData: {} }, 'Prometheus');
const LIMITS: UpstreamLimits = { maxResponseBytes: 1 << 30, maxSeries: 1000, maxPoints: 2_000_000 };

type Outcome =
  | { ok: true; series: UpstreamSeries[]; warnings: string[] }
  | { ok: false; message: string; kind: string; status: number };

/** The JSON.parse path alone, as queryRange read every answer before the scanner. */
function viaJsonParse(body: string, grid: StepGrid, limits: UpstreamLimits, status = 200): Outcome {
  return outcome(() => {
    const env = readPrometheusEnvelope({ status, contentType: 'application/json', body }, { ...settings, limits });
    const series = parsePrometheusMatrix(env.data, grid, limits, { ...settings, limits });
    return { series, warnings: Array.isArray(env.warnings) ? env.warnings.map(String) : [] };
  });
}

function outcome(read: () => { series: UpstreamSeries[]; warnings: string[] }): Outcome {
  try {
    return { ok: true, ...read() };
  } catch (e) {
    if (!(e instanceof LensError)) {
      throw e; // anything else is a crash, not a worded error
    }
    return { ok: false, message: e.message, kind: e.kind, status: e.status };
  }
}

/** Same series (label entries in order, times, values bit for bit incl. NaN and −0) and warnings. */
function expectSame(a: Outcome, b: Outcome): void {
  if (!a.ok || !b.ok) {
    expect(a).toEqual(b);
    return;
  }
  expect(a.warnings).toEqual(b.warnings);
  expect(a.series.length).toBe(b.series.length);
  a.series.forEach((s, i) => {
    const t = b.series[i];
    expect(Object.entries(s.labels)).toEqual(Object.entries(t.labels));
    expect(Object.getPrototypeOf(s.labels)).toBe(Object.getPrototypeOf(t.labels));
    expect(Array.from(s.timesMs)).toEqual(Array.from(t.timesMs));
    expect(s.values.length).toBe(t.values.length);
    s.values.forEach((v, k) => {
      if (!Object.is(v, t.values[k])) {
        throw new Error(`series ${i} step ${k}: scanner ${v}, JSON.parse ${t.values[k]}`);
      }
    });
  });
}

const limitsArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant(LIMITS) },
  {
    weight: 2,
    arbitrary: fc.record({
      maxResponseBytes: fc.constant(1 << 30),
      maxSeries: fc.integer({ min: 1, max: 6 }),
      maxPoints: fc.integer({ min: 1, max: 60 }),
    }),
  }
);

describe('scanPrometheusMatrix', () => {
  it('reads a well-formed answer exactly as JSON.parse + parsePrometheusMatrix do, or declines', () => {
    let scanned = 0;
    let runs = 0;
    fc.assert(
      fc.property(bodySpec, limitsArb, (spec, limits) => {
        runs++;
        const body = bodyText(spec);
        const grid = gridOf(spec);
        const fast = scanPrometheusMatrix(body, grid, limits);
        if (fast) {
          scanned++;
          const ref = viaJsonParse(body, grid, limits);
          expect(ref.ok).toBe(true);
          expectSame({ ok: true, ...fast }, ref);
        }
      }),
      { seed: 20261122, numRuns: 3000 }
    );
    // Most generated bodies are well-formed answers: the scanner must take them, or the check above is empty.
    expect(scanned / runs).toBeGreaterThan(0.5);
  });

  it('leaves the answer and every error to the JSON path when it declines (readPrometheusMatrix = JSON.parse path)', () => {
    fc.assert(
      fc.property(bodySpec, limitsArb, fc.constantFrom(200, 200, 200, 400, 503), (spec, limits, status) => {
        const body = bodyText(spec);
        const grid = gridOf(spec);
        const s = { ...settings, limits };
        const res = { status, contentType: 'application/json', body };
        expectSame(
          outcome(() => readPrometheusMatrix(res, grid, s)),
          viaJsonParse(body, grid, limits, status)
        );
      }),
      { seed: 7, numRuns: 3000 }
    );
  });

  it('takes Prometheus-shaped answers with any key order, whitespace, escapes, NaN/±Inf, warnings and infos', () => {
    const t = (k: number) => (START_MS + k * STEP_MS) / 1000;
    const body = `
      { "warnings" : ["partial \\"answer\\""], "infos": ["PromQL info: metric might not be a counter"],
        "data": { "result": [
          { "values": [[${t(0)}, "1.5"], [${t(1)}.000, "NaN"], [${t(2)}, "+Inf"], [${t(3)}, "-Inf"], [${t(4)}, "-0"]],
            "metric": { "__name__": "up", "path": "C:\\\\x\\u00e9\\ud83d\\ude00", "job": "a\\nb" } },
          {"metric":{},"values":[]}
        ], "resultType": "matrix", "stats": {"x": [1, true, null, {"y": -2.5e-3}]} },
        "status": "success" }`;
    const grid = { startMs: START_MS, endMs: START_MS + 5 * STEP_MS, stepMs: STEP_MS };
    const fast = scanPrometheusMatrix(body, grid, LIMITS);
    expect(fast).toBeDefined();
    expect(fast!.warnings).toEqual(['partial "answer"']);
    expect(fast!.series[0].labels).toEqual({ __name__: 'up', path: 'C:\\x\u00e9\u{1f600}', job: 'a\nb' });
    expect(Array.from(fast!.series[0].timesMs)).toEqual([0, 1, 2, 3, 4].map((k) => START_MS + k * STEP_MS));
    expect(Array.from(fast!.series[0].values)).toEqual([1.5, NaN, Infinity, -Infinity, -0]);
    expect(Object.is(fast!.series[0].values[4], -0)).toBe(true);
    expect(Array.from(fast!.series[1].values)).toEqual([]);
    expectSame({ ok: true, ...fast! }, viaJsonParse(body, grid, LIMITS));
  });

  it('declines error envelopes, other result types, histograms, off-grid samples, over-limit answers and bad JSON', () => {
    const grid = { startMs: START_MS, endMs: START_MS + STEP_MS, stepMs: STEP_MS };
    const ok = (result: string, extra = '') =>
      `{"status":"success","data":{"resultType":"matrix","result":${result}}${extra}}`;
    const one = `[{"metric":{"a":"1"},"values":[[${START_MS / 1000},"1"]]}]`;
    expect(scanPrometheusMatrix(ok(one), grid, LIMITS)).toBeDefined();
    const declined = [
      '{"status":"error","errorType":"bad_data","error":"parse error"}',
      '{"status":"success","data":{"resultType":"vector","result":[]}}',
      ok(`[{"metric":{},"histograms":[[${START_MS / 1000},{"count":"1"}]]}]`),
      ok(`[{"metric":{},"values":[[${START_MS / 1000 + 0.5},"1"]]}]`),
      ok(`[{"metric":{},"values":[[${START_MS / 1000},1]]}]`),
      ok(`[{"metric":{"a":1},"values":[]}]`),
      ok(one, ',"status":"success"'), // repeated key: JSON.parse keeps the last, the scanner does not guess
      ok(one).slice(0, -1),
      ok(one) + ' x',
      '\ufeff' + ok(one),
      ok(`[{"metric":{"a":"\u0001"},"values":[]}]`), // raw control character inside a string
      ok(`[{"metric":{"a":"1"},"values":[[01,"1"]]}]`), // leading zero: not JSON
    ];
    for (const body of declined) {
      expect(scanPrometheusMatrix(body, grid, LIMITS)).toBeUndefined();
    }
    expect(
      scanPrometheusMatrix(ok(`${one.slice(0, -1)},${one.slice(1)}`), grid, { ...LIMITS, maxSeries: 1 })
    ).toBeUndefined();
    expect(scanPrometheusMatrix(ok(one), grid, { ...LIMITS, maxPoints: 1 })).toBeUndefined();
  });

  it('reads sample values with the exact rounding of Number()', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.integer({ min: 0, max: 17 }), (v, digits) => {
        const texts = [String(v), Number.isFinite(v) && Math.abs(v) < 1e21 ? v.toFixed(digits) : 'NaN'];
        for (const text of texts) {
          const body = `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[${START_MS / 1000},"${text}"]]}]}}`;
          const fast = scanPrometheusMatrix(body, { startMs: START_MS, endMs: START_MS, stepMs: STEP_MS }, LIMITS);
          const want = text === 'NaN' ? NaN : Number(text);
          expect(Object.is(fast!.series[0].values[0], want)).toBe(true);
        }
      }),
      { seed: 3, numRuns: 5000 }
    );
  });
});
