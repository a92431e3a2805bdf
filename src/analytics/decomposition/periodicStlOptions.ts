import { rStlOptions } from './mstl';
import type { StlOptions } from './stl';

/**
 * The decomposition the product shows by default (the data source's `decomposition` output with one season and the
 * STL panel's own decomposition): R's `stl(x, s.window = "periodic", robust = TRUE, outer = 1)`, i.e. R's degrees,
 * jumps and inner passes (`rStlOptions`) with a seasonal span of 10·n + 1, so the season is one shape per cycle
 * position (a robustness-weighted mean over the cycles, degree 0), and one robustness pass (Cleveland et al. 1990
 * §2.4: bisquare weights from the first fit's remainder, then refit).
 *
 * Why these and not statsmodels' defaults (span 7, degree 1) or R's 15 robustness passes, on the two to seven
 * seasons a dashboard shows (measured in `__tests__/periodicStlOptions.test.ts`, table in docs/algorithms/stl.md):
 *  - a degree-1 fit through 2–4 points per cycle position follows each point almost exactly: the remainder
 *    collapses to rounding noise, its MAD to ~0, and every point becomes an outlier at "hundreds of σ";
 *  - with spans near the cycle count, one spike pulls the first pass so far that the robustness weights of every
 *    point at that position drop to 0, and STL's fallback (the point itself) puts the spike into the season;
 *  - each further robustness pass fits the majority of the few points per position tighter and zero-weights more
 *    of the rest, so the remainder's MAD shrinks and clean data grows dozens of 3σ "outliers" (three days of a
 *    5-minute series: 20 marked after one pass, 57 after 15, 3 with none).
 * Without robustness a spike leaks 1/seasons of itself into the season at its position on every other day. With two
 * seasons no setting can tell a one-off from the season (either of the two points per position could be the odd
 * one); the remainder then keeps the noise's size instead of collapsing.
 *
 * `length` is the number of points to decompose; `robust` defaults to true.
 */
export function periodicStlOptions(period: number, length: number, robust = true): StlOptions {
  if (!Number.isInteger(length) || length < 0) {
    throw new Error(`periodicStlOptions: length must be a non-negative integer, got ${length}`);
  }
  return { ...rStlOptions(period, 10 * length + 1, robust), outer: robust ? 1 : 0 };
}
