import { mad } from '../stats/mad';
import { median } from '../stats/median';
import { periodicStlOptions } from './periodicStlOptions';
import { stl, StlResult } from './stl';

export interface RobustStlOptions {
  /** Down-weight spikes (clean-up below, then one robustness pass). Default true; false is plain periodic STL. */
  robust?: boolean;
  /** Points further than this many robust σ from the rough fit are replaced by it before decomposing. Default 5. */
  clip?: number;
  /** Robustness passes after the clean-up. Default 1. */
  outer?: number;
}

/**
 * The product's default decomposition of one season (the data source's `decomposition` output and the STL panel):
 * STL with `periodicStlOptions` (R's `stl(x, "periodic", robust = TRUE, outer = 1)`) on a copy of `y` in which
 * points far off a rough seasonal fit are replaced by that fit; `remainder` is then `y − trend − seasonal` of the
 * original, so those points show in the remainder at their full size.
 *
 * Why the clean-up: STL's first pass is not robust. A spike k times the noise in a series of c seasons pulls its
 * cycle position's seasonal mean by k/c noise σ; when that exceeds the bisquare cut (6·median |remainder| ≈ 4σ),
 * every point at that position gets robustness weight 0 and STL's fallback keeps the points themselves, so the
 * spike ends up in the seasonal row (the demo's ×5 checkout spike over five days does). The rough fit (a centred
 * moving mean of one season plus the median over cycles at each position) is barely moved by a spike, so it
 * finds the points that would contaminate the first pass. These starting values are our own step; STL itself is
 * checked against statsmodels (docs/algorithms/stl.md).
 *
 * NaN: kept in the copy (STL interpolates them) and NaN in `remainder`; weights of replaced points are 0.
 * Throws as `stl` does (period < 2, fewer than two seasons, all NaN, ±Infinity). The input is not mutated.
 */
export function robustStl(y: ArrayLike<number>, period: number, options: RobustStlOptions = {}): StlResult {
  const robust = options.robust ?? true;
  const n = y.length;
  if (!robust) {
    // Plain periodic STL: no clean-up, no robustness pass.
    return stl(y, periodicStlOptions(period, n, false));
  }
  const k = options.clip ?? 5;
  const rough = roughSeasonalFit(y, period);
  const resid = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    resid[i] = y[i] - rough[i];
  }
  const centre = median(resid);
  const sigma = mad(resid, { center: centre });
  const copy = Float64Array.from(y);
  const replaced: number[] = [];
  if (sigma > 0) {
    for (let i = 0; i < n; i++) {
      if (Math.abs(resid[i] - centre) > k * sigma && Number.isFinite(rough[i])) {
        copy[i] = rough[i];
        replaced.push(i);
      }
    }
  }
  const outer = options.outer ?? 1;
  const fit = stl(copy, { ...periodicStlOptions(period, n, outer > 0), outer });
  for (const i of replaced) {
    fit.remainder[i] = y[i] - fit.trend[i] - fit.seasonal[i];
    fit.weights[i] = 0;
  }
  return fit;
}

/** Moving mean over one season (centred; at the ends the first or last season; NaN skipped) plus the median over
 * cycles at each position. */
function roughSeasonalFit(y: ArrayLike<number>, period: number): Float64Array {
  const n = y.length;
  const level = new Float64Array(n);
  const half = Math.floor(period / 2);
  let sum = 0;
  let count = 0;
  let lo = 0;
  let hi = -1;
  for (let i = 0; i < n; i++) {
    // A whole season even at the ends (shifted inwards), so the season averages out of the level everywhere.
    const from = Math.min(Math.max(0, i - half), Math.max(0, n - period));
    const to = Math.min(n - 1, from + period - 1);
    while (hi < to) {
      hi++;
      if (Number.isFinite(y[hi])) {
        sum += y[hi];
        count++;
      }
    }
    while (lo < from) {
      if (Number.isFinite(y[lo])) {
        sum -= y[lo];
        count--;
      }
      lo++;
    }
    level[i] = count > 0 ? sum / count : NaN;
  }
  const shape = new Float64Array(period);
  const column: number[] = [];
  for (let p = 0; p < period; p++) {
    column.length = 0;
    for (let i = p; i < n; i += period) {
      column.push(y[i] - level[i]);
    }
    shape[p] = median(column);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = level[i] + shape[i % period];
  }
  return out;
}
