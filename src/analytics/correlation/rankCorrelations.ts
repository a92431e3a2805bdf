/**
 * Ranks candidate series by how strongly they move with a target over an anomaly window (our own;
 * augurs has no correlation ranking). For each candidate: preprocess (difference or detrend, then
 * z-normalise), search lags in [−maxLag, maxLag] for the largest |r| (Pearson, or Spearman), and report
 * the score, best lag and direction. Candidates come back sorted by |score|.
 *
 * Speed (benchmarks/correlation.bench.ts): the target is prepared once; each candidate costs
 * O(range) preprocessing plus one dot product per lag (`laggedPearsonScan`), all in reused typed buffers.
 *
 * Spearman with lags: the lag search runs on ranks taken over each series' whole analysed range (one
 * sort per candidate instead of one per lag), then the score at the chosen lag is recomputed exactly
 * (ranks of the complete overlapping pairs, as `scipy.stats.spearmanr`). With maxLag 0 both are exact.
 *
 * Policies:
 * - Lag k pairs target[i] with candidate[i − k]: k > 0 means the candidate leads (moves first).
 * - NaN: pairs with a NaN on either side are dropped. `difference` makes the step after a gap NaN too.
 * - A lag needs `minOverlap` complete pairs (default max(3, ⌈m/2⌉), m = target range length).
 * - A constant (or too short / all-NaN) candidate gets score NaN, lag 0, direction 0, sorted last; a
 *   constant target gives NaN for every candidate. Never throws for data, only for bad options/shapes.
 * - Sorting: |score| descending; ties by smaller |lag|, then lower candidate index (deterministic).
 * Inputs are never mutated.
 */
import { PeerGroup, RowMajorMatrix } from '../outliers/peerGroup';
import { pearson } from '../stats/pearson';
import { rank } from '../stats/rank';
import { ScanSeries, laggedPearsonScan, prepareScanSeries } from './laggedPearsonScan';
import { PREPROCESS_MODES, Preprocess, preprocessRangeInto } from './preprocessRange';
import { zNormalizeInPlace } from './zNormalizeInPlace';

export type CorrelationMethod = 'pearson' | 'spearman';

export interface RankCorrelationsOptions {
  /** Anomaly window as time indices [start, end) of the shared axis. Default: the whole series. */
  window?: { start: number; end: number };
  /** Steps of context before `window.start` included in the target range. Default 0. */
  contextBefore?: number;
  /** `difference` (default), `detrend` or `none`; see `preprocessRangeInto`. */
  preprocess?: Preprocess;
  /** `pearson` (default) or `spearman`. */
  method?: CorrelationMethod;
  /** Largest lag searched, in steps, both directions. Default 0. */
  maxLag?: number;
  /** Fewest complete pairs for a lag to count. Default max(3, ⌈m/2⌉). */
  minOverlap?: number;
}

export interface CorrelationRanking {
  /** Position of the candidate in the input. */
  index: number;
  /** Correlation at the best lag, in [−1, 1]; NaN when undefined (constant or too little data). */
  score: number;
  /** Best lag in steps (k > 0: the candidate leads the target by k steps). */
  lag: number;
  /** Sign of the score: 1 moves with the target, −1 against it, 0 when the score is NaN or 0. */
  direction: 1 | -1 | 0;
  /** Complete pairs behind the score. */
  overlap: number;
}

export type Candidates = PeerGroup;

function candidateAccessor(
  candidates: Candidates,
  n: number
): { count: number; get: (c: number) => ArrayLike<number> } {
  if (Array.isArray(candidates)) {
    const arr = candidates as ReadonlyArray<ArrayLike<number>>;
    arr.forEach((c, i) => {
      if (c.length !== n) {
        throw new RangeError(
          `rankCorrelations: candidate ${i} has length ${c.length}, target has ${n}; series must share timestamps`
        );
      }
    });
    return { count: arr.length, get: (c) => arr[c] };
  }
  const m = candidates as RowMajorMatrix;
  if (typeof m.seriesCount !== 'number' || m.length !== n || m.values.length !== m.seriesCount * m.length) {
    throw new RangeError(`rankCorrelations: candidate matrix must be seriesCount × ${n} (target length) values`);
  }
  // Views avoid copying when the values are a typed array.
  const vals = m.values;
  const isTyped = ArrayBuffer.isView(vals) && 'subarray' in vals;
  return {
    count: m.seriesCount,
    get: (c) =>
      isTyped
        ? (vals as unknown as Float64Array).subarray(c * n, (c + 1) * n)
        : Array.prototype.slice.call(vals, c * n, (c + 1) * n),
  };
}

function checkInt(name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) {
    throw new RangeError(`rankCorrelations: ${name} must be an integer ≥ ${min}, got ${v}`);
  }
}

function newScanSeries(capacity: number): ScanSeries {
  return {
    values: new Float64Array(capacity),
    lo: 0,
    hi: 0,
    prefix: new Float64Array(capacity + 1),
    prefixSq: new Float64Array(capacity + 1),
    hasNaN: false,
  };
}

/** Replaces finite values of `buf[0..len)` by their average ranks (NaN kept), then z-normalises. */
function rankInPlace(buf: Float64Array, len: number): boolean {
  const r = rank(buf.subarray(0, len));
  buf.set(r);
  return zNormalizeInPlace(buf, len);
}

/** Work buffers and the target's own ranks for the exact Spearman re-score. */
interface SpearmanWork {
  xs: Float64Array;
  ys: Float64Array;
  /** Ranks of the whole (trimmed) target range, used when no target point is dropped at the lag. */
  targetRanks: Float64Array;
  targetValid: number;
}

/** Exact Spearman at lag k over complete pairs (ranks of the pairs themselves, as scipy.stats.spearmanr). */
function exactSpearmanAtLag(
  target: ScanSeries,
  cand: ScanSeries,
  k: number,
  work: SpearmanWork
): { r: number; n: number } {
  const i0 = Math.max(target.lo, cand.lo + k);
  const i1 = Math.min(target.hi, cand.hi + k);
  let c = 0;
  for (let i = i0; i < i1; i++) {
    const a = target.values[i - target.lo];
    const b = cand.values[i - k - cand.lo];
    if (a === a && b === b) {
      work.ys[c] = a;
      work.xs[c] = b;
      c++;
    }
  }
  if (c < 2) {
    return { r: NaN, n: c };
  }
  // Every target point kept: its ranks are those of the whole range, computed once.
  const fullTarget = i0 === target.lo && i1 === target.hi && c === work.targetValid;
  const ry = fullTarget ? work.targetRanks : rank(work.ys.subarray(0, c));
  return { r: pearson(ry, rank(work.xs.subarray(0, c))), n: c };
}

function overlapAtLag(target: ScanSeries, cand: ScanSeries, k: number): number {
  const i0 = Math.max(target.lo, cand.lo + k);
  const i1 = Math.min(target.hi, cand.hi + k);
  if (!target.hasNaN && !cand.hasNaN) {
    return Math.max(0, i1 - i0);
  }
  let c = 0;
  for (let i = i0; i < i1; i++) {
    const a = target.values[i - target.lo];
    const b = cand.values[i - k - cand.lo];
    if (a === a && b === b) {
      c++;
    }
  }
  return c;
}

export function rankCorrelations(
  target: ArrayLike<number>,
  candidates: Candidates,
  options: RankCorrelationsOptions = {}
): CorrelationRanking[] {
  const n = target.length;
  const preprocess = options.preprocess ?? 'difference';
  if (!PREPROCESS_MODES.includes(preprocess)) {
    throw new RangeError(
      `rankCorrelations: preprocess must be one of ${PREPROCESS_MODES.join(', ')}, got ${preprocess}`
    );
  }
  const method = options.method ?? 'pearson';
  if (method !== 'pearson' && method !== 'spearman') {
    throw new RangeError(`rankCorrelations: method must be pearson or spearman, got ${method}`);
  }
  const maxLag = options.maxLag ?? 0;
  checkInt('maxLag', maxLag, 0);
  const contextBefore = options.contextBefore ?? 0;
  checkInt('contextBefore', contextBefore, 0);
  const start = options.window?.start ?? 0;
  const end = options.window?.end ?? n;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > n || start >= end) {
    throw new RangeError(
      `rankCorrelations: window [${start}, ${end}) must be integer indices within [0, ${n}) with start < end`
    );
  }
  const tLo = Math.max(0, start - contextBefore);
  const tHi = end;
  const m = tHi - tLo;
  const minOverlap = options.minOverlap ?? Math.max(3, Math.ceil(m / 2));
  checkInt('minOverlap', minOverlap, 2);
  const { count, get } = candidateAccessor(candidates, n);

  // Target: prepared once.
  const tgt = newScanSeries(m);
  tgt.lo = tLo;
  tgt.hi = tHi;
  preprocessRangeInto(target, tLo, tHi, preprocess, tgt.values);
  const targetOk = method === 'spearman' ? rankInPlace(tgt.values, m) : zNormalizeInPlace(tgt.values, m);
  prepareScanSeries(tgt);
  let spearmanWork: SpearmanWork | undefined;
  if (method === 'spearman') {
    const len = tgt.hi - tgt.lo;
    const valid = tgt.values.subarray(0, len).filter((v) => v === v);
    spearmanWork = {
      xs: new Float64Array(len),
      ys: new Float64Array(len),
      targetRanks: rank(valid),
      targetValid: valid.length,
    };
  }

  // Candidates: one reused set of buffers over the lag-extended range.
  const cLo = Math.max(0, tLo - maxLag);
  const cHi = Math.min(n, tHi + maxLag);
  const cand = newScanSeries(cHi - cLo);
  cand.lo = cLo;
  cand.hi = cHi;
  const rs = new Float64Array(2 * maxLag + 1);
  const results: CorrelationRanking[] = new Array(count);

  for (let c = 0; c < count; c++) {
    const series = get(c);
    let best = NaN;
    let bestLag = 0;
    if (targetOk) {
      // prepareScanSeries may have narrowed the range for the previous candidate.
      cand.lo = cLo;
      cand.hi = cHi;
      preprocessRangeInto(series, cLo, cHi, preprocess, cand.values);
      const ok =
        method === 'spearman' ? rankInPlace(cand.values, cHi - cLo) : zNormalizeInPlace(cand.values, cHi - cLo);
      if (ok) {
        prepareScanSeries(cand);
        laggedPearsonScan(tgt, cand, maxLag, minOverlap, rs);
        // Largest |r|; ties prefer the smaller |lag|, then the negative lag (scan order from 0 outwards).
        for (let step = 0; step <= 2 * maxLag; step++) {
          // 0, −1, 1, −2, 2, …
          const k = step === 0 ? 0 : step % 2 === 1 ? -((step + 1) >> 1) : step >> 1;
          const r = rs[k + maxLag];
          if (r === r && !(Math.abs(r) <= Math.abs(best))) {
            best = r;
            bestLag = k;
          }
        }
      }
    }
    let overlap = 0;
    if (best === best) {
      if (method === 'spearman') {
        const exact = exactSpearmanAtLag(tgt, cand, bestLag, spearmanWork!);
        best = exact.r;
        overlap = exact.n;
      } else {
        overlap = overlapAtLag(tgt, cand, bestLag);
      }
    }
    const direction: 1 | -1 | 0 = best > 0 ? 1 : best < 0 ? -1 : 0;
    results[c] = { index: c, score: best === best ? best : NaN, lag: best === best ? bestLag : 0, direction, overlap };
  }

  results.sort((a, b) => {
    const aa = Math.abs(a.score);
    const bb = Math.abs(b.score);
    const an = aa !== aa;
    const bn = bb !== bb;
    if (an !== bn) {
      return an ? 1 : -1;
    }
    if (!an && aa !== bb) {
      return bb - aa;
    }
    return Math.abs(a.lag) - Math.abs(b.lag) || a.index - b.index;
  });
  return results;
}
