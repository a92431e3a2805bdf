/**
 * The product path as NAB sees it: the exact function the backend runs for one series of a query
 * (`analyseSeries` with options resolved by `validateQuery`, as `runAnalysis` does), fed as a live dashboard or alert
 * rule sees the data: each point judged with the points up to it, nothing from later rows, the file's length or
 * its labels.
 *
 *  - A method the product documents as prefix-stable (`auto`) runs once over the file, and the run is checked:
 *    the outputs on three prefixes (40 %, 60 %, 80 % of the rows) must equal the whole run's on those rows, or
 *    the evaluation stops. Equal outputs on every prefix is what "judged with the points up to it" means.
 *  - Other methods are replayed like an alert rule: every `every` rows the query is evaluated on the rows so far
 *    (at most the last `maxPoints`), and only its last row counts; the rows in between carry no detection (score
 *    NaN, flag 0), exactly what an alert rule evaluated at that interval would see.
 */
import { analyseSeries } from '../src/backend/pipeline/analyseSeries';
import { OUTPUT_FIELDS } from '../src/shared/frameConventions';
import type { LensQuery } from '../src/shared/queryModel';
import { QUERY_SCHEMA_VERSION } from '../src/shared/queryModel';
import { validateQuery } from '../src/shared/validateQuery';

export interface ProductRun {
  score: Float64Array;
  flag: Float64Array;
}

/** Options of the query on top of the data source's defaults (e.g. `{}` for the default query, `{ method: 'stl' }`). */
export type ProductQueryOptions = Partial<Omit<LensQuery, 'refId'>>;

export interface ProductReplayOptions {
  /** Rows between two evaluations of a method that is not prefix-stable. Default 12. */
  every?: number;
  /** Rows each replayed evaluation sees at most (the history a query fetches). Default 2016. */
  maxPoints?: number;
}

/** The step of a series: its most common timestamp difference (NAB files are regular). */
export function stepOf(timestamps: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < timestamps.length; i++) {
    const d = timestamps[i] - timestamps[i - 1];
    if (d > 0) {
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
  }
  let best = 60_000;
  let bestCount = 0;
  for (const [d, c] of counts) {
    if (c > bestCount) {
      best = d;
      bestCount = c;
    }
  }
  return best;
}

/**
 * One call of the backend's per-series analysis with the query's resolved options. Rows before `visibleStart` are
 * the training history a query fetches before its range (methods that need a season of history look there).
 */
export function analyseWithQuery(
  values: Float64Array,
  timestamps: Float64Array,
  query: ProductQueryOptions,
  visibleStart = 0
): ProductRun {
  const o = validateQuery({
    refId: 'A',
    schemaVersion: QUERY_SCHEMA_VERSION,
    expr: 'nab',
    ...query,
    outputs: ['score', 'flag'],
  } as LensQuery);
  const a = analyseSeries({ timestamps, values, visibleStart, stepMs: stepOf(timestamps) }, o);
  const score = a.fields.get(OUTPUT_FIELDS.score);
  const flag = a.fields.get(OUTPUT_FIELDS.flag);
  if (!score || !flag) {
    throw new Error('the analysis returned no score or flag field');
  }
  return { score, flag };
}

function equalRuns(a: Float64Array, b: Float64Array, m: number): number {
  for (let i = 0; i < m; i++) {
    if (!(a[i] === b[i] || (a[i] !== a[i] && b[i] !== b[i]))) {
      return i;
    }
  }
  return -1;
}

/** Runs the product query over a file as a live dashboard sees it (see the file comment). */
export function runProductLive(
  values: Float64Array,
  timestamps: Float64Array,
  query: ProductQueryOptions,
  options: ProductReplayOptions = {}
): ProductRun {
  const n = values.length;
  const method = validateQuery({ refId: 'A', expr: 'nab', ...query } as LensQuery).method;
  if (method === 'auto') {
    const whole = analyseWithQuery(values, timestamps, query);
    for (const share of [0.4, 0.6, 0.8]) {
      const m = Math.floor(n * share);
      const part = analyseWithQuery(values.subarray(0, m), timestamps.subarray(0, m), query);
      const bad = Math.max(equalRuns(part.score, whole.score, m), equalRuns(part.flag, whole.flag, m));
      if (bad >= 0) {
        throw new Error(`method ${method} is not prefix-stable: row ${bad} differs once rows after ${m} are known`);
      }
    }
    return whole;
  }
  const every = Math.max(1, Math.floor(options.every ?? 12));
  const maxPoints = Math.max(2, Math.floor(options.maxPoints ?? 2016));
  const score = new Float64Array(n).fill(NaN);
  const flag = new Float64Array(n);
  for (let e = every; e <= n; e += every) {
    const from = Math.max(0, e - maxPoints);
    // Only the last row is visible; the rows before it are the history the query fetched.
    const r = analyseWithQuery(values.subarray(from, e), timestamps.subarray(from, e), query, e - from - 1);
    score[e - 1] = r.score[r.score.length - 1];
    flag[e - 1] = r.flag[r.flag.length - 1];
  }
  return { score, flag };
}

/** NAB detections of flags as emitted: one alert at the onset of each flagged event (a 0 → ±1 change). */
export function flagOnsets(flag: ArrayLike<number>): Float64Array {
  const out = new Float64Array(flag.length);
  for (let i = 0; i < flag.length; i++) {
    if (flag[i] !== 0 && (i === 0 || flag[i - 1] === 0)) {
      out[i] = 1;
    }
  }
  return out;
}
