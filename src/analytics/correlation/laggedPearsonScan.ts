/**
 * The inner loop of lagged correlation (our own): Pearson's r between a target segment and a candidate
 * at every lag in [−maxLag, maxLag], O(maxLag · m) per candidate. Window sums come from prefix sums, so
 * each lag costs one dot product; a NaN anywhere in the data switches to a masked loop that drops
 * incomplete pairs (pairwise-complete, like `pearson`).
 *
 * Lag convention: at lag k the target at index i is paired with the candidate at index i − k, so a
 * positive lag means the candidate moves first (it leads the target by k steps).
 */

/** A series prepared for scanning: values for indices [lo, hi) of the shared time axis. */
export interface ScanSeries {
  /** `values[j]` is the (preprocessed, normalised) value at time index `lo + j`. */
  values: Float64Array;
  lo: number;
  hi: number;
  /** Prefix sums of values and squares, `prefix[j] = Σ values[0..j)` (only when `hasNaN` is false). */
  prefix: Float64Array;
  prefixSq: Float64Array;
  hasNaN: boolean;
}

/**
 * Fills prefix sums and the NaN flag of `s` from `s.values[0..hi−lo)`. Leading and trailing NaN (e.g. the
 * first step of a differenced series) are trimmed off by narrowing [lo, hi), so that only interior gaps
 * force the slower masked loop.
 */
export function prepareScanSeries(s: ScanSeries): void {
  let lead = 0;
  let len = s.hi - s.lo;
  while (lead < len && s.values[lead] !== s.values[lead]) {
    lead++;
  }
  while (len > lead && s.values[len - 1] !== s.values[len - 1]) {
    len--;
  }
  if (lead > 0) {
    s.values.copyWithin(0, lead, len);
  }
  len -= lead;
  s.hi = s.lo + lead + len;
  s.lo += lead;
  let acc = 0;
  let accSq = 0;
  let hasNaN = false;
  s.prefix[0] = 0;
  s.prefixSq[0] = 0;
  for (let j = 0; j < len; j++) {
    const v = s.values[j];
    if (v !== v) {
      hasNaN = true;
    } else {
      acc += v;
      accSq += v * v;
    }
    s.prefix[j + 1] = acc;
    s.prefixSq[j + 1] = accSq;
  }
  s.hasNaN = hasNaN;
}

function pearsonFromSums(n: number, sx: number, sy: number, sxx: number, syy: number, sxy: number): number {
  const vx = sxx - (sx * sx) / n;
  const vy = syy - (sy * sy) / n;
  // Values are z-normalised, so a variance this small is a constant stretch, not signal.
  if (!(vx > 1e-10 * n) || !(vy > 1e-10 * n)) {
    return NaN;
  }
  const r = (sxy - (sx * sy) / n) / Math.sqrt(vx * vy);
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

/**
 * Writes r at lag k into `out[k + maxLag]` for k in [−maxLag, maxLag]; NaN where fewer than `minOverlap`
 * complete pairs exist or either side is constant over the overlap.
 */
export function laggedPearsonScan(
  target: ScanSeries,
  cand: ScanSeries,
  maxLag: number,
  minOverlap: number,
  out: Float64Array
): void {
  const y = target.values;
  const x = cand.values;
  const masked = target.hasNaN || cand.hasNaN;
  for (let k = -maxLag; k <= maxLag; k++) {
    // Target indices i with cand index i − k inside [cand.lo, cand.hi).
    const i0 = Math.max(target.lo, cand.lo + k);
    const i1 = Math.min(target.hi, cand.hi + k);
    const n = i1 - i0;
    if (n < minOverlap) {
      out[k + maxLag] = NaN;
      continue;
    }
    const yo = i0 - target.lo;
    const xo = i0 - k - cand.lo;
    if (!masked) {
      // Four accumulators: independent dependency chains let the CPU overlap the multiply-adds.
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let j = 0;
      for (; j + 3 < n; j += 4) {
        s0 += y[yo + j] * x[xo + j];
        s1 += y[yo + j + 1] * x[xo + j + 1];
        s2 += y[yo + j + 2] * x[xo + j + 2];
        s3 += y[yo + j + 3] * x[xo + j + 3];
      }
      for (; j < n; j++) {
        s0 += y[yo + j] * x[xo + j];
      }
      const sxy = s0 + s1 + s2 + s3;
      const sy = target.prefix[yo + n] - target.prefix[yo];
      const syy = target.prefixSq[yo + n] - target.prefixSq[yo];
      const sx = cand.prefix[xo + n] - cand.prefix[xo];
      const sxx = cand.prefixSq[xo + n] - cand.prefixSq[xo];
      out[k + maxLag] = pearsonFromSums(n, sx, sy, sxx, syy, sxy);
    } else {
      let c = 0;
      let sx = 0;
      let sy = 0;
      let sxx = 0;
      let syy = 0;
      let sxy = 0;
      for (let j = 0; j < n; j++) {
        const a = y[yo + j];
        const b = x[xo + j];
        if (a === a && b === b) {
          c++;
          sx += b;
          sy += a;
          sxx += b * b;
          syy += a * a;
          sxy += a * b;
        }
      }
      out[k + maxLag] = c < minOverlap ? NaN : pearsonFromSums(c, sx, sy, sxx, syy, sxy);
    }
  }
}
