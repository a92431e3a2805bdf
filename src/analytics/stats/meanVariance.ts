/**
 * Mean and variance in one pass with Welford's update (Welford 1962, Technometrics 4(3); see also
 * Knuth TAOCP vol. 2 §4.2.2), which stays accurate when the mean is large relative to the spread.
 * Our own: a few lines, and simple-statistics has no NaN-skipping single-pass variant.
 *
 * NaN policy: NaN values are skipped and not counted. With `count ≤ ddof` the variance is NaN; with
 * count 0 the mean is NaN too. The input is never mutated.
 */

export interface MeanVarianceOptions {
  /** Delta degrees of freedom: the divisor is `count − ddof`. Default 1 (sample variance, like R's `var`). */
  ddof?: number;
}

export interface MeanVarianceResult {
  mean: number;
  variance: number;
  /** √variance. */
  std: number;
  /** Number of non-NaN values used. */
  count: number;
}

export function meanVariance(values: ArrayLike<number>, options: MeanVarianceOptions = {}): MeanVarianceResult {
  const ddof = options.ddof ?? 1;
  let count = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      continue;
    }
    count++;
    const delta = v - mean;
    mean += delta / count;
    m2 += delta * (v - mean);
  }
  if (count === 0) {
    return { mean: NaN, variance: NaN, std: NaN, count };
  }
  const variance = count > ddof ? m2 / (count - ddof) : NaN;
  return { mean, variance, std: Math.sqrt(variance), count };
}
