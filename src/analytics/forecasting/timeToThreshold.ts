/**
 * Steps (and optionally milliseconds) until a forecast path first crosses a threshold: "at this trend the
 * lag crosses 3 min in 47 min". Our own (a scan with linear interpolation).
 *
 * Pass the path to test: the point forecast, or an interval edge (the upper edge answers "how soon could it
 * cross", the lower one "how soon will it surely cross"). `values[i]` is the forecast i + 1 steps ahead.
 *
 * Semantics:
 * - crossing means value ≥ threshold for direction 'above', value ≤ threshold for 'below';
 * - with `current` (the last observed value, step 0): 0 when it already crosses; otherwise the crossing time
 *   is interpolated linearly between the last finite point before and the first crossing point, so the
 *   answer is fractional (e.g. 2.4 steps);
 * - without `current`, a crossing at the first finite forecast step returns that step (no interpolation);
 * - Infinity when the path never crosses within its horizon (not "never": only "not within the forecast");
 * - NaN when the path has no finite value (and `current` does not already cross); NaN steps are skipped.
 */

export interface TimeToThresholdOptions {
  /** Which way the threshold is crossed. Default 'above'. */
  direction?: 'above' | 'below';
  /** Last observed value (step 0). Default: none. */
  current?: number;
  /** Step length in ms; when given the result carries `ms = steps · stepMs`. */
  stepMs?: number;
}

export interface TimeToThresholdResult {
  /** Steps ahead, fractional; 0, Infinity or NaN as documented above. */
  steps: number;
  /** Index into `values` of the first crossing point, −1 when none (also for a crossing at step 0). */
  index: number;
  /** steps · stepMs (NaN without stepMs). */
  ms: number;
}

export function timeToThreshold(
  values: ArrayLike<number>,
  threshold: number,
  options: TimeToThresholdOptions = {}
): TimeToThresholdResult {
  const direction = options.direction ?? 'above';
  if (!Number.isFinite(threshold)) {
    throw new RangeError(`timeToThreshold: threshold must be finite, got ${threshold}`);
  }
  if (direction !== 'above' && direction !== 'below') {
    throw new RangeError(`timeToThreshold: direction must be 'above' or 'below', got ${String(direction)}`);
  }
  const stepMs = options.stepMs ?? NaN;
  const crosses = (v: number) => (direction === 'above' ? v >= threshold : v <= threshold);
  const done = (steps: number, index: number): TimeToThresholdResult => ({ steps, index, ms: steps * stepMs });
  let prevStep = -1;
  let prevValue = NaN;
  const current = options.current;
  if (current !== undefined && current === current) {
    if (crosses(current)) {
      return done(0, -1);
    }
    prevStep = 0;
    prevValue = current;
  }
  let sawFinite = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      continue;
    }
    sawFinite = true;
    const step = i + 1;
    if (crosses(v)) {
      if (prevStep < 0) {
        return done(step, i);
      }
      // Linear interpolation: the path crosses between prevStep and step.
      const fraction = (threshold - prevValue) / (v - prevValue);
      return done(prevStep + fraction * (step - prevStep), i);
    }
    prevStep = step;
    prevValue = v;
  }
  return done(sawFinite ? Infinity : NaN, -1);
}
