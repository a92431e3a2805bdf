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
 * argsort per candidate instead of one sort per lag), so the chosen lag can differ from the exact
 * per-lag optimum when ranks shift at the window edges; the score at the chosen lag is then exact (the
 * complete overlapping pairs re-ranked among themselves, as `scipy.stats.spearmanr`) by walking the
 * stored sorted order, O(n) without a second sort. With maxLag 0 the search is exact too.
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
import { argsortInto } from '../stats/argsortInto';
import { ScanSeries, laggedPearsonScan, prepareScanSeries } from './laggedPearsonScan';
import { PREPROCESS_MODES, Preprocess, preprocessRangeInto } from './preprocessRange';
import { subsetRanksInto } from './subsetRanksInto';
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

/** Buffers for Spearman: sorted orders, pair slots and rank outputs, allocated once per call. */
interface SpearmanWork {
  /** Sorted positions (pre-trim) of the current candidate's range and how many. */
  candOrder: Uint32Array;
  candCount: number;
  /** Sorted positions (post-trim) of the target range and how many. */
  tgtOrder: Uint32Array;
  tgtCount: number;
  tmp: Uint32Array;
  ranks: Float64Array;
  pairOfCand: Int32Array;
  pairOfTgt: Int32Array;
  xr: Float64Array;
  yr: Float64Array;
}

function spearmanWork(candLen: number, tgtLen: number): SpearmanWork {
  const big = Math.max(candLen, tgtLen);
  return {
    candOrder: new Uint32Array(candLen),
    candCount: 0,
    tgtOrder: new Uint32Array(tgtLen),
    tgtCount: 0,
    tmp: new Uint32Array(big),
    ranks: new Float64Array(big),
    pairOfCand: new Int32Array(candLen),
    pairOfTgt: new Int32Array(tgtLen),
    xr: new Float64Array(tgtLen),
    yr: new Float64Array(tgtLen),
  };
}

/**
 * Replaces the values of `buf[0..len)` by their average ranks (NaN kept) and z-normalises them. Leaves the
 * sorted order in `order` (returned count), so later subset ranks need no second sort.
 */
function rankInPlace(
  buf: Float64Array,
  len: number,
  order: Uint32Array,
  work: SpearmanWork
): { ok: boolean; count: number } {
  const count = argsortInto(buf, len, order, work.tmp);
  const ranks = work.ranks;
  let i = 0;
  while (i < count) {
    let j = i + 1;
    const v = buf[order[i]];
    while (j < count && buf[order[j]] === v) {
      j++;
    }
    const r = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      ranks[order[k]] = r;
    }
    i = j;
  }
  for (let p = 0; p < len; p++) {
    if (buf[p] === buf[p]) {
      buf[p] = ranks[p];
    }
  }
  return { ok: zNormalizeInPlace(buf, len), count };
}

/**
 * Exact Spearman at lag k over the complete pairs, as scipy.stats.spearmanr: the pairs are re-ranked
 * among themselves, by walking each side's stored sorted order (`subsetRanksInto`), O(n) with no sort.
 */
function exactSpearmanAtLag(
  target: ScanSeries,
  cand: ScanSeries,
  candLead: number,
  k: number,
  work: SpearmanWork
): { r: number; n: number } {
  const i0 = Math.max(target.lo, cand.lo + k);
  const i1 = Math.min(target.hi, cand.hi + k);
  work.pairOfCand.fill(-1);
  work.pairOfTgt.fill(-1);
  let c = 0;
  for (let i = i0; i < i1; i++) {
    const q = i - target.lo;
    const pc = i - k - cand.lo;
    if (target.values[q] === target.values[q] && cand.values[pc] === cand.values[pc]) {
      work.pairOfTgt[q] = c;
      work.pairOfCand[pc + candLead] = c;
      c++;
    }
  }
  if (c < 2) {
    return { r: NaN, n: c };
  }
  subsetRanksInto(work.candOrder, work.candCount, work.pairOfCand, cand.values, candLead, work.xr);
  subsetRanksInto(work.tgtOrder, work.tgtCount, work.pairOfTgt, target.values, 0, work.yr);
  return { r: pearson(work.xr.subarray(0, c), work.yr.subarray(0, c)), n: c };
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
  const cLo = Math.max(0, tLo - maxLag);
  const cHi = Math.min(n, tHi + maxLag);
  const sw = method === 'spearman' ? spearmanWork(cHi - cLo, m) : undefined;
  const targetOk = sw ? rankInPlace(tgt.values, m, sw.tgtOrder, sw).ok : zNormalizeInPlace(tgt.values, m);
  prepareScanSeries(tgt);
  if (sw) {
    // Sorted order of the trimmed target (its ranks keep the order and ties of the values).
    sw.tgtCount = argsortInto(tgt.values, tgt.hi - tgt.lo, sw.tgtOrder, sw.tmp);
  }

  // Candidates: one reused set of buffers over the lag-extended range.
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
      let ok: boolean;
      if (sw) {
        const ranked = rankInPlace(cand.values, cHi - cLo, sw.candOrder, sw);
        sw.candCount = ranked.count;
        ok = ranked.ok;
      } else {
        ok = zNormalizeInPlace(cand.values, cHi - cLo);
      }
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
      if (sw) {
        // prepareScanSeries trimmed `cand.lo − cLo` leading NaN off the buffer the order refers to.
        const exact = exactSpearmanAtLag(tgt, cand, cand.lo - cLo, bestLag, sw);
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
