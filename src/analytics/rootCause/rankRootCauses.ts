/**
 * Ranks candidate series as causes of a target's anomaly (our own; docs/algorithms/correlation.md, "Root-cause
 * ranking"). Three signals an SRE reads, each reported with the row:
 *  - change: how far the candidate left its own baseline in the window, as a robust z: the 90th percentile over the
 *    window of |x − median(baseline)| / spread, spread = max(1.4826·MAD, IQR/1.349, floor·|median|) of the
 *    baseline. The relative floor keeps a flat baseline (constant memory, a saturated gauge) finite: a move of 0.1 %
 *    of its level counts as one spread. When that is still zero (a baseline at 0 nearly everywhere: rare-event
 *    counts, a gauge that reads 0 while idle), the spread falls back to the baseline's standard deviation, and when
 *    the baseline is exactly constant at 0, to the largest |value| of baseline and window: any move off an all-zero
 *    baseline is then a change of 1, however large (there is no scale to measure it against), so that such series
 *    rank by their co-movement rather than by an arbitrary tiny divisor.
 *  - comovement: the lag-aware correlation of `rankCorrelations` (differenced data by default) inside the window
 *    (plus `contextBefore` steps, default none): what moved with the target during the anomaly. The step between the
 *    baseline and the window is a level change that `change` already scores; inside a Pearson correlation of
 *    differences that one step would outweigh every other pair.
 *  - onset: the first window step whose robust z exceeds `onsetThreshold`; `leads` when it is no later than the
 *    target's (a cause moves first, or at the same step at the data's resolution).
 * score = log(1 + change) + comovementWeight·r² + leadWeight·leads. The log keeps a hundredfold jump from
 * drowning every correlation while still ordering saturations above ordinary drift; r² (the share of the target's
 * in-window movement the candidate's accounts for) lets a near-perfect co-movement count almost fully while a
 * moderate one (a load that loosely follows latency) counts little. The weights were chosen on the evaluation's
 * settings half (docs/algorithms/correlation.md, "Root-cause ranking").
 *
 * Significance (honest confidence): each row gets an analytic p-value, the smaller of two Bonferroni-corrected tests
 * (×2): the change test treats the window's median shift |median(window) − median(baseline)| / spread as one normal
 * draw (autocorrelated windows carry about one independent observation of their level, so this is conservative), the
 * co-movement test is Fisher's z, atanh|r|·√(n − 3), corrected for the 2·maxLag + 1 lags searched. Rows are then
 * `significant` by Benjamini–Hochberg over all candidates at false-discovery rate `alpha`.
 *
 * NaN policy: NaN values are skipped in baseline and window statistics (and dropped pairwise in the correlation); a
 * candidate with no baseline or no window value has change NaN, onset −1, and ranks by its other parts (NaN parts
 * count 0). Inputs are never mutated. Sorted by score descending, ties by index.
 */
import { Candidates, rankCorrelations, RankCorrelationsOptions } from '../correlation/rankCorrelations';
import type { RowMajorMatrix } from '../outliers/peerGroup';
import { erfc } from '../stats/erfc';
import { collectNonNaN } from '../stats/collectNonNaN';
import { MAD_NORMAL_SCALE } from '../stats/mad';
import { meanVariance } from '../stats/meanVariance';
import { quantileOfBuffer } from '../stats/quantile';

export interface RankRootCausesOptions extends Pick<RankCorrelationsOptions, 'preprocess' | 'method' | 'maxLag'> {
  /** Anomaly window [start, end) of the shared axis. Required: the baseline is what lies before it. */
  window: { start: number; end: number };
  /** Steps before the window used as the baseline. Default: everything before the window. */
  baselineBefore?: number;
  /** Steps before the window included in the correlation. Default 0 (the window only). */
  contextBefore?: number;
  /** Weight of r² in the score. Default 8. */
  comovementWeight?: number;
  /** Weight of `leads` in the score. Default 0.5. */
  leadWeight?: number;
  /** Relative spread floor (fraction of the baseline's |median|). Default 1e−3. */
  relativeFloor?: number;
  /** Robust z that marks the onset. Default 3. */
  onsetThreshold?: number;
  /** False-discovery rate of `significant`. Default 0.05. */
  alpha?: number;
}

export interface RootCauseRow {
  /** Position of the candidate in the input. */
  index: number;
  score: number;
  /** Robust z of the window against the baseline (90th percentile of the window's |z|); NaN without data. */
  change: number;
  /** Correlation at the best lag, −1…1 (NaN when undefined). */
  comovement: number;
  /** Best lag in steps (> 0: the candidate leads). */
  lag: number;
  /** Complete pairs behind `comovement`. */
  overlap: number;
  /** First window step (0-based from the window start) past the onset threshold; −1 when never. */
  onset: number;
  /** Onset no later than the target's (false when either never crosses). */
  leads: boolean;
  /** Smaller of the two corrected tests, in [0, 1]. */
  pValue: number;
  /** Passes Benjamini–Hochberg at `alpha` over all candidates. */
  significant: boolean;
}

export interface RootCauseRanking {
  rows: RootCauseRow[];
  /** Target's own onset (−1 when it never crosses) and change, for the reader. */
  targetOnset: number;
  targetChange: number;
}

interface Baseline {
  median: number;
  spread: number;
}

/** Below this a spread counts as zero (the fallbacks in the header take over). */
const ZERO_SPREAD = 1e-12;

/** Baseline over [lo, hi); `windowEnd` bounds the last fallback's largest |value| (baseline and window). */
function baselineOf(
  values: ArrayLike<number>,
  lo: number,
  hi: number,
  windowEnd: number,
  floor: number,
  scratch: Float64Array
): Baseline {
  const { buffer, count } = collectNonNaN(sliceView(values, lo, hi), scratch);
  if (count === 0) {
    return { median: NaN, spread: NaN };
  }
  const med = quantileOfBuffer(buffer, count, 0.5);
  const q1 = quantileOfBuffer(buffer, count, 0.25);
  const q3 = quantileOfBuffer(buffer, count, 0.75);
  for (let i = 0; i < count; i++) {
    buffer[i] = Math.abs(buffer[i] - med);
  }
  const madN = MAD_NORMAL_SCALE * quantileOfBuffer(buffer, count, 0.5);
  let spread = Math.max(madN, (q3 - q1) / 1.349, floor * Math.abs(med));
  if (!(spread > ZERO_SPREAD)) {
    spread = meanVariance(sliceView(values, lo, hi), { ddof: 0 }).std;
  }
  if (!(spread > ZERO_SPREAD)) {
    spread = 0;
    for (let i = lo; i < windowEnd; i++) {
      const a = Math.abs(values[i]);
      spread = a > spread ? a : spread;
    }
  }
  return { median: med, spread: spread > ZERO_SPREAD ? spread : ZERO_SPREAD };
}

function sliceView(values: ArrayLike<number>, lo: number, hi: number): ArrayLike<number> {
  if (ArrayBuffer.isView(values) && 'subarray' in values) {
    return (values as unknown as Float64Array).subarray(lo, hi);
  }
  return Array.prototype.slice.call(values, lo, hi) as number[];
}

interface WindowStats {
  change: number;
  medianShift: number;
  onset: number;
}

function windowStats(
  values: ArrayLike<number>,
  start: number,
  end: number,
  b: Baseline,
  onsetZ: number,
  scratch: Float64Array
): WindowStats {
  if (b.median !== b.median) {
    return { change: NaN, medianShift: NaN, onset: -1 };
  }
  let count = 0;
  let onset = -1;
  for (let i = start; i < end; i++) {
    const v = values[i];
    if (v === v) {
      const z = Math.abs(v - b.median) / b.spread;
      if (onset < 0 && z > onsetZ) {
        onset = i - start;
      }
      scratch[count++] = v;
    }
  }
  if (count === 0) {
    return { change: NaN, medianShift: NaN, onset: -1 };
  }
  const medianShift = Math.abs(quantileOfBuffer(scratch, count, 0.5) - b.median) / b.spread;
  for (let i = 0; i < count; i++) {
    scratch[i] = Math.abs(scratch[i] - b.median) / b.spread;
  }
  return { change: quantileOfBuffer(scratch, count, 0.9), medianShift, onset };
}

function checkWeight(name: string, v: number): void {
  if (!(v >= 0) || !Number.isFinite(v)) {
    throw new RangeError(`rankRootCauses: ${name} must be a finite number ≥ 0, got ${v}`);
  }
}

/** Benjamini–Hochberg step-up: which p-values pass at false-discovery rate `alpha`. */
function benjaminiHochberg(p: Float64Array, alpha: number): boolean[] {
  const m = p.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => p[a] - p[b]);
  let cut = -1;
  for (let k = 0; k < m; k++) {
    if (p[order[k]] <= (alpha * (k + 1)) / m) {
      cut = k;
    }
  }
  const pass = new Array<boolean>(m).fill(false);
  for (let k = 0; k <= cut; k++) {
    pass[order[k]] = true;
  }
  return pass;
}

export function rankRootCauses(
  target: ArrayLike<number>,
  candidates: Candidates,
  options: RankRootCausesOptions
): RootCauseRanking {
  const n = target.length;
  const { start, end } = options.window;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > n || start >= end) {
    throw new RangeError(
      `rankRootCauses: window [${start}, ${end}) must be integer indices within [0, ${n}) with start < end`
    );
  }
  const baselineBefore = Math.min(options.baselineBefore ?? start, start);
  if (!Number.isInteger(baselineBefore) || baselineBefore < 0) {
    throw new RangeError(`rankRootCauses: baselineBefore must be an integer ≥ 0, got ${options.baselineBefore}`);
  }
  const comovementWeight = options.comovementWeight ?? 8;
  const leadWeight = options.leadWeight ?? 0.5;
  const floor = options.relativeFloor ?? 1e-3;
  const onsetZ = options.onsetThreshold ?? 3;
  const alpha = options.alpha ?? 0.05;
  checkWeight('comovementWeight', comovementWeight);
  checkWeight('leadWeight', leadWeight);
  checkWeight('relativeFloor', floor);
  checkWeight('onsetThreshold', onsetZ);
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`rankRootCauses: alpha must be in (0, 1), got ${alpha}`);
  }
  const maxLag = options.maxLag ?? 0;
  const contextBefore = options.contextBefore ?? 0;
  if (!Number.isInteger(contextBefore) || contextBefore < 0) {
    throw new RangeError(`rankRootCauses: contextBefore must be an integer ≥ 0, got ${options.contextBefore}`);
  }
  const get = seriesAccessor(candidates, n);
  const count = Array.isArray(candidates) ? candidates.length : (candidates as RowMajorMatrix).seriesCount;
  // The correlation sees only [cLo, end): views, so its first difference and its lags stay inside that range.
  const cLo = start - Math.min(contextBefore, start);
  const corr = rankCorrelations(
    sliceView(target, cLo, end),
    Array.from({ length: count }, (_, c) => sliceView(get(c), cLo, end)),
    { window: { start: start - cLo, end: end - cLo }, contextBefore: start - cLo, ...corrOptions(options, maxLag) }
  );
  const byIndex = new Array<(typeof corr)[number]>(count);
  for (const r of corr) {
    byIndex[r.index] = r;
  }
  const bLo = start - baselineBefore;
  const scratch = new Float64Array(Math.max(baselineBefore, end - start, 1));
  const tBase = baselineOf(target, bLo, start, end, floor, scratch);
  const tStats = windowStats(target, start, end, tBase, onsetZ, scratch);
  const lags = 2 * maxLag + 1;
  const rows: RootCauseRow[] = new Array(count);
  const pValues = new Float64Array(count);
  for (let c = 0; c < count; c++) {
    const series = get(c);
    const b = baselineBefore > 0 ? baselineOf(series, bLo, start, end, floor, scratch) : { median: NaN, spread: NaN };
    const w = windowStats(series, start, end, b, onsetZ, scratch);
    const r = byIndex[c];
    const absR = r.score === r.score ? Math.abs(r.score) : 0;
    const leads = w.onset >= 0 && tStats.onset >= 0 && w.onset <= tStats.onset;
    const score =
      (w.change === w.change ? Math.log1p(w.change) : 0) + comovementWeight * absR * absR + (leads ? leadWeight : 0);
    const pChange = w.medianShift === w.medianShift ? erfc(w.medianShift / Math.SQRT2) : 1;
    const pCorr =
      r.score === r.score && r.overlap > 3
        ? Math.min(1, lags * erfc((Math.atanh(Math.min(absR, 1 - 1e-15)) * Math.sqrt(r.overlap - 3)) / Math.SQRT2))
        : 1;
    pValues[c] = Math.min(1, 2 * Math.min(pChange, pCorr));
    rows[c] = {
      index: c,
      score,
      change: w.change,
      comovement: r.score,
      lag: r.lag,
      overlap: r.overlap,
      onset: w.onset,
      leads,
      pValue: pValues[c],
      significant: false,
    };
  }
  const pass = benjaminiHochberg(pValues, alpha);
  for (let c = 0; c < count; c++) {
    rows[c].significant = pass[c];
  }
  rows.sort((a, b) => b.score - a.score || a.index - b.index);
  return { rows, targetOnset: tStats.onset, targetChange: tStats.change };
}

function corrOptions(options: RankRootCausesOptions, maxLag: number): RankCorrelationsOptions {
  return { preprocess: options.preprocess, method: options.method, maxLag };
}

function seriesAccessor(candidates: Candidates, n: number): (c: number) => ArrayLike<number> {
  if (Array.isArray(candidates)) {
    return (c) => (candidates as ReadonlyArray<ArrayLike<number>>)[c];
  }
  const m = candidates as { values: ArrayLike<number> };
  return (c) => sliceView(m.values, c * n, (c + 1) * n);
}
