/**
 * Savitzky–Golay smoothing and differentiation (Savitzky & Golay 1964, Anal. Chem. 36(8)) generalised to
 * irregular timestamps: at each sample, a least-squares polynomial of degree `order` is fitted to the
 * `2·halfWindow + 1` nearest samples by index (shifted inwards at the ends, as scipy's
 * `savgol_filter(mode="interp")`), on their real times, and evaluated at the sample. On a regular grid this
 * is exactly `scipy.signal.savgol_filter(x, 2k+1, order, deriv, delta, mode="interp")`. Our own.
 *
 * Returns the value (deriv 0), the first derivative per second (deriv 1) or the second derivative per
 * second² (deriv 2) of the local fit.
 *
 * NaN policy: NaN samples inside a window are left out of that fit; a window with fewer than
 * `order + 1` usable samples, or a NaN at the sample itself, gives NaN. Inputs are never mutated.
 */
import { checkTimestamps } from './checkTimestamps';

export interface LocalPolynomialFitOptions {
  /** Samples on each side of the centre. Default 3 (window of 7). */
  halfWindow?: number;
  /** Polynomial degree, 1–4, below the window size. Default 2. */
  order?: number;
  /** 0 = smoothed value, 1 = first derivative (/s), 2 = second derivative (/s²). Default 0. */
  deriv?: 0 | 1 | 2;
}

/** Solves the small symmetric system A·c = b in place by Gaussian elimination with partial pivoting. */
function solve(a: Float64Array, b: Float64Array, p: number): boolean {
  for (let col = 0; col < p; col++) {
    let piv = col;
    for (let r = col + 1; r < p; r++) {
      if (Math.abs(a[r * p + col]) > Math.abs(a[piv * p + col])) {
        piv = r;
      }
    }
    if (Math.abs(a[piv * p + col]) < 1e-12) {
      return false;
    }
    if (piv !== col) {
      for (let c = 0; c < p; c++) {
        const t = a[col * p + c];
        a[col * p + c] = a[piv * p + c];
        a[piv * p + c] = t;
      }
      const t = b[col];
      b[col] = b[piv];
      b[piv] = t;
    }
    for (let r = col + 1; r < p; r++) {
      const f = a[r * p + col] / a[col * p + col];
      for (let c = col; c < p; c++) {
        a[r * p + c] -= f * a[col * p + c];
      }
      b[r] -= f * b[col];
    }
  }
  for (let r = p - 1; r >= 0; r--) {
    let s = b[r];
    for (let c = r + 1; c < p; c++) {
      s -= a[r * p + c] * b[c];
    }
    b[r] = s / a[r * p + r];
  }
  return true;
}

export function localPolynomialFit(
  values: ArrayLike<number>,
  timestamps: ArrayLike<number>,
  options: LocalPolynomialFitOptions = {}
): Float64Array {
  checkTimestamps(values, timestamps, 'localPolynomialFit');
  const k = options.halfWindow ?? 3;
  const order = options.order ?? 2;
  const deriv = options.deriv ?? 0;
  if (!Number.isInteger(k) || k < 1) {
    throw new RangeError(`localPolynomialFit: halfWindow must be an integer ≥ 1, got ${k}`);
  }
  if (!Number.isInteger(order) || order < 1 || order > 4 || order >= 2 * k + 1) {
    throw new RangeError(
      `localPolynomialFit: order must be an integer in 1–4 and below the window size ${2 * k + 1}, got ${order}`
    );
  }
  if (deriv !== 0 && deriv !== 1 && deriv !== 2) {
    throw new RangeError(`localPolynomialFit: deriv must be 0, 1 or 2, got ${deriv}`);
  }
  if (deriv > order) {
    throw new RangeError(`localPolynomialFit: deriv ${deriv} needs order ≥ ${deriv}`);
  }
  const n = values.length;
  const out = new Float64Array(n).fill(NaN);
  const w = 2 * k + 1;
  if (n < w) {
    return out;
  }
  const p = order + 1;
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  const pows = new Float64Array(2 * order + 1);
  for (let i = 0; i < n; i++) {
    if (values[i] !== values[i]) {
      continue;
    }
    const lo = Math.min(Math.max(0, i - k), n - w);
    // Local time axis in seconds, centred at the sample and scaled by the window span for conditioning.
    const scale = (timestamps[lo + w - 1] - timestamps[lo]) / 1000 / 2;
    a.fill(0);
    b.fill(0);
    let used = 0;
    for (let j = lo; j < lo + w; j++) {
      const y = values[j];
      if (y !== y) {
        continue;
      }
      used++;
      const u = (timestamps[j] - timestamps[i]) / 1000 / scale;
      pows[0] = 1;
      for (let q = 1; q <= 2 * order; q++) {
        pows[q] = pows[q - 1] * u;
      }
      for (let r = 0; r < p; r++) {
        b[r] += pows[r] * y;
        for (let c = 0; c < p; c++) {
          a[r * p + c] += pows[r + c];
        }
      }
    }
    if (used < p || !solve(a, b, p)) {
      continue;
    }
    // Coefficients are in the scaled variable u = t/scale: d/dt = (1/scale) d/du.
    out[i] = deriv === 0 ? b[0] : deriv === 1 ? b[1] / scale : (2 * b[2]) / (scale * scale);
  }
  return out;
}
