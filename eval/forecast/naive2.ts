/**
 * Naive2 benchmark of M4 (Makridakis et al. 2020, §2.4; M4 "Benchmarks and Evaluation" guide): the naive
 * forecast of the seasonally adjusted series, re-seasonalised, where seasonal adjustment uses classical
 * multiplicative decomposition and is applied only when a 90% autocorrelation test at lag m says seasonal.
 *
 * Seasonality test (M4 guide): with r_k the sample autocorrelations, the series is seasonal when
 *   |r_m| > 1.645 · √((1 + 2 Σ_{k=1}^{m−1} r_k²) / n),
 * and only tested when n ≥ 3m (otherwise treated as not seasonal).
 * Classical multiplicative decomposition (Kendall & Stuart; R `decompose(type = "multiplicative")`):
 * trend = centred moving average of order m (a 2×m MA when m is even), ratios yₜ/trendₜ averaged per
 * season position, then normalised to average 1 — those are the seasonal indices.
 */
export function acf(y: ArrayLike<number>, maxLag: number): Float64Array {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    mean += y[i];
  }
  mean /= n;
  let denom = 0;
  for (let i = 0; i < n; i++) {
    denom += (y[i] - mean) ** 2;
  }
  const r = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    let s = 0;
    for (let i = k; i < n; i++) {
      s += (y[i] - mean) * (y[i - k] - mean);
    }
    r[k] = denom === 0 ? 0 : s / denom;
  }
  return r;
}

export function isSeasonal(y: ArrayLike<number>, period: number): boolean {
  const n = y.length;
  if (period <= 1 || n < 3 * period) {
    return false;
  }
  const r = acf(y, period);
  let s = 0;
  for (let k = 1; k < period; k++) {
    s += r[k] * r[k];
  }
  const limit = 1.645 * Math.sqrt((1 + 2 * s) / n);
  return Math.abs(r[period]) > limit;
}

/** Seasonal indices (length `period`, entry j for positions t ≡ j mod period, mean 1). */
export function multiplicativeSeasonalIndices(y: ArrayLike<number>, period: number): Float64Array {
  const n = y.length;
  const half = Math.floor(period / 2);
  const sums = new Float64Array(period);
  const counts = new Float64Array(period);
  for (let t = half; t < n - half; t++) {
    let trend: number;
    if (period % 2 === 0) {
      // 2×m MA: the two end points get weight ½.
      let s = 0.5 * (y[t - half] + y[t + half]);
      for (let k = -half + 1; k < half; k++) {
        s += y[t + k];
      }
      trend = s / period;
    } else {
      let s = 0;
      for (let k = -half; k <= half; k++) {
        s += y[t + k];
      }
      trend = s / period;
    }
    sums[t % period] += y[t] / trend;
    counts[t % period]++;
  }
  const idx = new Float64Array(period);
  let mean = 0;
  for (let j = 0; j < period; j++) {
    idx[j] = sums[j] / counts[j];
    mean += idx[j];
  }
  mean /= period;
  for (let j = 0; j < period; j++) {
    idx[j] /= mean;
  }
  return idx;
}

export function naive2(y: ArrayLike<number>, horizon: number, period: number): Float64Array {
  const n = y.length;
  if (n === 0) {
    throw new Error('naive2: empty series');
  }
  const out = new Float64Array(horizon);
  if (!isSeasonal(y, period)) {
    out.fill(y[n - 1]);
    return out;
  }
  const idx = multiplicativeSeasonalIndices(y, period);
  const last = y[n - 1] / idx[(n - 1) % period];
  for (let h = 1; h <= horizon; h++) {
    out[h - 1] = last * idx[(n - 1 + h) % period];
  }
  return out;
}
