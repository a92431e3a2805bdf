import { rStlOptions } from './mstl';
import type { StlOptions } from './stl';

/**
 * STL parameters of the product's default decomposition (`robustStl` runs them after cleaning spikes from a copy):
 * R's `stl(x, s.window = "periodic", robust = TRUE, outer = 1)`, i.e. R's degrees, jumps and inner passes
 * (`rStlOptions`) with a seasonal span of 10·n + 1, so the season is one shape per cycle position (a
 * robustness-weighted mean over the cycles, degree 0), and one robustness pass (Cleveland et al. 1990 §2.4).
 *
 * Why not statsmodels' defaults (span 7, degree 1) or R's 15 passes on the two to seven seasons a dashboard shows:
 * a degree-1 fit through 2–4 points per cycle position follows every point, so the remainder collapses and every
 * point becomes an outlier at "hundreds of σ"; and each further robustness pass fits the majority of those few
 * points tighter, shrinking the remainder's MAD until clean data shows dozens of 3σ "outliers". Measured in
 * `__tests__/periodicStlOptions.test.ts`; docs/algorithms/stl.md has the table.
 *
 * `length` is the number of points to decompose; `robust` defaults to true.
 */
export function periodicStlOptions(period: number, length: number, robust = true): StlOptions {
  if (!Number.isInteger(length) || length < 0) {
    throw new Error(`periodicStlOptions: length must be a non-negative integer, got ${length}`);
  }
  return { ...rStlOptions(period, 10 * length + 1, robust), outer: robust ? 1 : 0 };
}
