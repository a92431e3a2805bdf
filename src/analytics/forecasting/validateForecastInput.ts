/**
 * Shared argument checks of the forecasters (`forecastSeries` and the harness references): horizon, level and
 * enough finite values, each failing with a RangeError that names the function.
 */
export function validateForecastInput(
  name: string,
  y: ArrayLike<number>,
  horizon: number,
  level: number,
  minFinite = 3
): void {
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new RangeError(`${name}: horizon must be a positive integer, got ${horizon}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`${name}: level must lie in (0, 1), got ${level}`);
  }
  let finite = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === y[i]) {
      finite++;
    }
  }
  if (finite < minFinite) {
    throw new RangeError(`${name}: needs at least ${minFinite} finite values, got ${finite}`);
  }
}
