/**
 * Preprocessing before correlation (our own): shared trends make unrelated series look correlated
 * (Yule 1926, "Why do we sometimes get nonsense-correlations between time-series?", JRSS 89(1)), so
 * series are first differenced or detrended, then z-normalised.
 *
 * `preprocessRangeInto` writes the preprocessed values of `src[lo..hi)` into `out[0..hi−lo)`, reusing
 * the caller's buffer (hot loop of `rankCorrelations`):
 * - `none`: the values as they are;
 * - `difference`: first differences x[i] − x[i−1], using the value before `lo` when there is one, NaN at
 *   index 0 and next to a NaN;
 * - `detrend`: residuals of the least-squares line through the non-NaN values of the range (index as x).
 * NaN stays NaN. The source is never mutated.
 */

export type Preprocess = 'none' | 'difference' | 'detrend';

export const PREPROCESS_MODES: readonly Preprocess[] = ['none', 'difference', 'detrend'];

export function preprocessRangeInto(
  src: ArrayLike<number>,
  lo: number,
  hi: number,
  mode: Preprocess,
  out: Float64Array
): void {
  const len = hi - lo;
  if (mode === 'difference') {
    for (let j = 0; j < len; j++) {
      const i = lo + j;
      out[j] = i === 0 ? NaN : src[i] - src[i - 1];
    }
    return;
  }
  for (let j = 0; j < len; j++) {
    out[j] = src[lo + j];
  }
  if (mode === 'detrend') {
    // Least squares y = a + b·j over non-NaN points; centred sums for accuracy.
    let n = 0;
    let sj = 0;
    let sy = 0;
    for (let j = 0; j < len; j++) {
      const v = out[j];
      if (v === v) {
        n++;
        sj += j;
        sy += v;
      }
    }
    if (n === 0) {
      return;
    }
    const mj = sj / n;
    const my = sy / n;
    let sjj = 0;
    let sjy = 0;
    for (let j = 0; j < len; j++) {
      const v = out[j];
      if (v === v) {
        const dj = j - mj;
        sjj += dj * dj;
        sjy += dj * (v - my);
      }
    }
    const slope = sjj > 0 ? sjy / sjj : 0;
    for (let j = 0; j < len; j++) {
      out[j] = out[j] - my - slope * (j - mj);
    }
  }
}
