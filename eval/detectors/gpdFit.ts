/**
 * Fits a Generalized Pareto Distribution (GPD) to threshold excesses y ≥ 0 (harness-side, our own: no
 * library we ship has a GPD fit). Survival function, shape ξ (γ in Siffer et al. 2017), scale σ:
 *   P(Y > y) = (1 + ξy/σ)^(−1/ξ)   (ξ ≠ 0),   exp(−y/σ)   (ξ = 0, the exponential limit),
 * with support y < −σ/ξ when ξ < 0.
 *
 * Two estimators:
 *  - 'mle' (default), maximum likelihood as in SPOT (Siffer, Fouque, Termier & Largouët, KDD 2017, who use
 *    Grimshaw's procedure). Grimshaw (1993, Technometrics 35(2)) reduces the two-parameter likelihood to one
 *    parameter θ = ξ/σ: for fixed θ the best ξ is ξ(θ) = mean(log(1 + θy)), leaving the profile
 *    log-likelihood ℓ(θ)/n = −log(ξ(θ)/θ) − ξ(θ) − 1 (and −log(ȳ) − 1 at θ = 0, the exponential fit).
 *    Grimshaw finds the roots of ℓ'(θ); we maximise ℓ(θ) directly (log-spaced grid over both signs of θ,
 *    then golden-section refinement around the best grid point), which is simpler and finds the same
 *    maximiser. θ is kept where ξ(θ) ≥ −1: below that the likelihood is unbounded (Smith 1985, Biometrika 72).
 *  - 'pwm', probability-weighted moments (Hosking & Wallis 1987, Technometrics 29(3)): with a0 = ȳ and
 *    a1 = mean((1 − p_i)·y_(i)), p_i = (i − 0.35)/n over the ascending order statistics,
 *    ξ = 2 − a0/(a0 − 2a1), σ = 2·a0·a1/(a0 − 2a1). Closed form, O(n) on sorted input; valid for ξ < 1.
 *
 * Input policy: at least 2 excesses, all finite and ≥ 0, else a clear error. All excesses 0 is a degenerate
 * tail: { shape: 0, scale: 0 }, and `gpdSurvival` gives 0 for any y > 0.
 */

export type GpdFitMethod = 'mle' | 'pwm';

export interface GpdFitOptions {
  /** Estimator. Default 'mle'. */
  method?: GpdFitMethod;
  /** Set when the excesses are already in ascending order (skips a sort). Default false. */
  sorted?: boolean;
}

export interface GpdFit {
  /** ξ (γ in SPOT); 0 is the exponential tail, > 0 heavy, < 0 bounded. */
  shape: number;
  /** σ > 0 (0 only for the degenerate all-zero sample). */
  scale: number;
  /** Mean log-likelihood per excess at (shape, scale); NaN for the degenerate sample. */
  logLikelihood: number;
}

/** Below this |ξ| the survival function is evaluated as the exponential limit. */
const SHAPE_EPS = 1e-9;

/** P(Y > y) under the fitted GPD. */
export function gpdSurvival(y: number, fit: Pick<GpdFit, 'shape' | 'scale'>): number {
  if (!(y > 0)) {
    return 1;
  }
  const { shape, scale } = fit;
  if (!(scale > 0)) {
    return 0;
  }
  if (Math.abs(shape) < SHAPE_EPS) {
    return Math.exp(-y / scale);
  }
  const b = 1 + (shape * y) / scale;
  return b <= 0 ? 0 : Math.exp(-Math.log(b) / shape);
}

function meanLogLikelihood(ys: ArrayLike<number>, shape: number, scale: number): number {
  const n = ys.length;
  let s = 0;
  if (Math.abs(shape) < SHAPE_EPS) {
    for (let i = 0; i < n; i++) {
      s += ys[i];
    }
    return -Math.log(scale) - s / n / scale;
  }
  for (let i = 0; i < n; i++) {
    const b = 1 + (shape * ys[i]) / scale;
    if (b <= 0) {
      return -Infinity;
    }
    s += Math.log(b);
  }
  return -Math.log(scale) - (1 / shape + 1) * (s / n);
}

function fitPwm(ys: ArrayLike<number>, mean: number): GpdFit {
  const n = ys.length;
  let a1 = 0;
  for (let i = 0; i < n; i++) {
    a1 += (1 - (i + 1 - 0.35) / n) * ys[i];
  }
  a1 /= n;
  const d = mean - 2 * a1;
  if (!(d > 0)) {
    // Outside the estimator's range (ξ ≥ 1 or rounding): fall back to the exponential fit.
    return { shape: 0, scale: mean, logLikelihood: meanLogLikelihood(ys, 0, mean) };
  }
  const shape = 2 - mean / d;
  const scale = (2 * mean * a1) / d;
  return { shape, scale, logLikelihood: meanLogLikelihood(ys, shape, scale) };
}

function fitMle(ys: ArrayLike<number>, mean: number, max: number): GpdFit {
  const n = ys.length;
  // ξ(θ) = mean(log(1 + θy)); profile ℓ(θ)/n = −log(ξ/θ) − ξ − 1 (Grimshaw 1993).
  const xi = (theta: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      s += Math.log1p(theta * ys[i]);
    }
    return s / n;
  };
  const profile = (theta: number) => {
    if (theta === 0) {
      return -Math.log(mean) - 1;
    }
    const x = xi(theta);
    if (!(x >= -1) || x === 0 || !(x / theta > 0)) {
      return -Infinity;
    }
    return -Math.log(x / theta) - x - 1;
  };
  // Grid in θ: negative side θ = −(1 − 10^−j)/max down to the support edge; positive side θ·ȳ from 1e−4 to
  // 1e4 (ξ up to about 1 for any scale). Sorted ascending so neighbours bracket the maximiser.
  const grid: number[] = [];
  for (let j = 8; j >= 0.5; j -= 0.25) {
    grid.push(-(1 - 10 ** -j) / max);
  }
  for (let j = 0.25; j <= 4; j += 0.25) {
    grid.push(-(10 ** -j) / max);
  }
  grid.push(0);
  for (let j = -4; j <= 4; j += 0.125) {
    grid.push(10 ** j / mean);
  }
  grid.sort((a, b) => a - b);
  let best = 0;
  let bestL = -Infinity;
  const values = grid.map(profile);
  for (let i = 0; i < grid.length; i++) {
    if (values[i] > bestL) {
      bestL = values[i];
      best = i;
    }
  }
  let lo = grid[Math.max(0, best - 1)];
  let hi = grid[Math.min(grid.length - 1, best + 1)];
  // Golden-section search on the bracket; the profile is smooth and unimodal near its maximum.
  const r = (Math.sqrt(5) - 1) / 2;
  let c = hi - r * (hi - lo);
  let d = lo + r * (hi - lo);
  let fc = profile(c);
  let fd = profile(d);
  for (let it = 0; it < 60 && hi - lo > 1e-12 * (Math.abs(lo) + Math.abs(hi) + 1e-300); it++) {
    if (fc >= fd) {
      hi = d;
      d = c;
      fd = fc;
      c = hi - r * (hi - lo);
      fc = profile(c);
    } else {
      lo = c;
      c = d;
      fc = fd;
      d = lo + r * (hi - lo);
      fd = profile(d);
    }
  }
  let theta = grid[best];
  let thetaL = bestL;
  for (const [t, f] of [
    [c, fc],
    [d, fd],
  ]) {
    if (f > thetaL) {
      theta = t;
      thetaL = f;
    }
  }
  if (theta === 0 || Math.abs(xi(theta)) < SHAPE_EPS) {
    return { shape: 0, scale: mean, logLikelihood: -Math.log(mean) - 1 };
  }
  const shape = xi(theta);
  const scale = shape / theta;
  return { shape, scale, logLikelihood: thetaL };
}

export function gpdFit(excesses: ArrayLike<number>, options: GpdFitOptions = {}): GpdFit {
  const n = excesses.length;
  if (n < 2) {
    throw new Error(`gpdFit: need at least 2 excesses, got ${n}`);
  }
  let mean = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const y = excesses[i];
    if (!(y >= 0) || y === Infinity) {
      throw new Error(`gpdFit: excesses must be finite and ≥ 0 (index ${i} is ${y})`);
    }
    mean += y;
    max = Math.max(max, y);
  }
  mean /= n;
  if (max === 0) {
    return { shape: 0, scale: 0, logLikelihood: NaN };
  }
  const method = options.method ?? 'mle';
  if (method === 'pwm') {
    const ys = options.sorted ? excesses : Float64Array.from(excesses).sort();
    return fitPwm(ys, mean);
  }
  if (method !== 'mle') {
    throw new Error(`gpdFit: unknown method ${JSON.stringify(method)}`);
  }
  return fitMle(excesses, mean, max);
}
