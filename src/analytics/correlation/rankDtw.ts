/**
 * Ranks candidates by DTW distance to the target over the anomaly window (our own, on `dtwDistance`):
 * both segments are preprocessed like `rankCorrelations` (difference by default) and z-normalised, so
 * the distance compares shape, not level or scale; the Sakoe–Chiba band lets a candidate lead or lag by
 * up to `band` steps. Smaller is more similar; results are sorted by ascending distance, ties by index.
 *
 * DTW ignores sign: a mirrored candidate is far away. Use `rankCorrelations` for direction.
 *
 * Policies: a constant, all-NaN or gappy segment (any NaN after preprocessing, except a leading one
 * that `difference` creates at index 0, which is dropped from both) gets distance NaN, sorted last.
 * Inputs are never mutated.
 */
import { PeerGroup, RowMajorMatrix } from '../outliers/peerGroup';
import { dtwDistance } from './dtwDistance';
import { PREPROCESS_MODES, Preprocess, preprocessRangeInto } from './preprocessRange';
import { zNormalizeInPlace } from './zNormalizeInPlace';

export interface RankDtwOptions {
  /** Anomaly window [start, end) in time indices. Default: whole series. */
  window?: { start: number; end: number };
  /** Steps of context before the window. Default 0. */
  contextBefore?: number;
  /** Default `difference`. */
  preprocess?: Preprocess;
  /** Sakoe–Chiba band half-width in steps. Default 10. */
  band?: number;
}

export interface DtwRanking {
  index: number;
  /** DTW (euclidean) distance between the z-normalised segments; NaN when undefined. */
  distance: number;
}

function getter(candidates: PeerGroup, n: number): { count: number; get: (c: number) => ArrayLike<number> } {
  if (Array.isArray(candidates)) {
    const arr = candidates as ReadonlyArray<ArrayLike<number>>;
    arr.forEach((c, i) => {
      if (c.length !== n) {
        throw new RangeError(
          `rankDtw: candidate ${i} has length ${c.length}, target has ${n}; series must share timestamps`
        );
      }
    });
    return { count: arr.length, get: (c) => arr[c] };
  }
  const mtx = candidates as RowMajorMatrix;
  if (mtx.length !== n || mtx.values.length !== mtx.seriesCount * n) {
    throw new RangeError(`rankDtw: candidate matrix must be seriesCount × ${n} (target length) values`);
  }
  return { count: mtx.seriesCount, get: (c) => Array.prototype.slice.call(mtx.values, c * n, (c + 1) * n) };
}

function prepare(
  src: ArrayLike<number>,
  lo: number,
  hi: number,
  mode: Preprocess,
  buf: Float64Array
): Float64Array | null {
  preprocessRangeInto(src, lo, hi, mode, buf);
  let from = 0;
  if (hi > lo && buf[0] !== buf[0] && mode === 'difference' && lo === 0) {
    from = 1;
  }
  const seg = buf.subarray(from, hi - lo);
  for (let i = 0; i < seg.length; i++) {
    if (seg[i] !== seg[i]) {
      return null;
    }
  }
  return zNormalizeInPlace(seg, seg.length) ? seg : null;
}

export function rankDtw(target: ArrayLike<number>, candidates: PeerGroup, options: RankDtwOptions = {}): DtwRanking[] {
  const n = target.length;
  const mode = options.preprocess ?? 'difference';
  if (!PREPROCESS_MODES.includes(mode)) {
    throw new RangeError(`rankDtw: preprocess must be one of ${PREPROCESS_MODES.join(', ')}, got ${mode}`);
  }
  const band = options.band ?? 10;
  const ctx = options.contextBefore ?? 0;
  const start = options.window?.start ?? 0;
  const end = options.window?.end ?? n;
  if (!Number.isInteger(band) || band < 0 || !Number.isInteger(ctx) || ctx < 0) {
    throw new RangeError('rankDtw: band and contextBefore must be integers ≥ 0');
  }
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > n || start >= end) {
    throw new RangeError(
      `rankDtw: window [${start}, ${end}) must be integer indices within [0, ${n}) with start < end`
    );
  }
  const lo = Math.max(0, start - ctx);
  const len = end - lo;
  const { count, get } = getter(candidates, n);
  const tgt = prepare(target, lo, end, mode, new Float64Array(len));
  const buf = new Float64Array(len);
  const rows: [Float64Array, Float64Array] = [new Float64Array(len + 1), new Float64Array(len + 1)];
  const out: DtwRanking[] = new Array(count);
  for (let c = 0; c < count; c++) {
    const seg = tgt ? prepare(get(c), lo, end, mode, buf) : null;
    out[c] = { index: c, distance: tgt && seg ? dtwDistance(tgt, seg, { window: band, rows }) : NaN };
  }
  out.sort((a, b) => {
    const an = a.distance !== a.distance;
    const bn = b.distance !== b.distance;
    if (an !== bn) {
      return an ? 1 : -1;
    }
    return (an ? 0 : a.distance - b.distance) || a.index - b.index;
  });
  return out;
}
