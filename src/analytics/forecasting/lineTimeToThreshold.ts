import { TimeToThresholdOptions, TimeToThresholdResult } from './timeToThreshold';

/**
 * `timeToThreshold` of the straight path `last + slope · h` (h = 1 … horizon) without building the path: the
 * first crossing step is solved for, then checked against the same comparison the scan makes, so the answer is
 * the scan's to the last bit (the rolling time to threshold asks this at every visible point, where filling and
 * scanning a path of up to 5,000 steps was most of the work). Same semantics as `timeToThreshold`.
 */
export function lineTimeToThreshold(
  line: { last: number; slope: number },
  horizon: number,
  threshold: number,
  options: TimeToThresholdOptions = {}
): TimeToThresholdResult {
  const direction = options.direction ?? 'above';
  if (!Number.isFinite(threshold)) {
    throw new RangeError(`lineTimeToThreshold: threshold must be finite, got ${threshold}`);
  }
  if (direction !== 'above' && direction !== 'below') {
    throw new RangeError(`lineTimeToThreshold: direction must be 'above' or 'below', got ${String(direction)}`);
  }
  const stepMs = options.stepMs ?? NaN;
  const done = (steps: number, index: number): TimeToThresholdResult => ({ steps, index, ms: steps * stepMs });
  const crosses = (v: number) => (direction === 'above' ? v >= threshold : v <= threshold);
  const at = (h: number) => line.last + line.slope * h;
  const current = options.current;
  const hasCurrent = current !== undefined && current === current;
  if (hasCurrent && crosses(current)) {
    return done(0, -1);
  }
  if (!(horizon >= 1) || !Number.isFinite(at(1)) || !Number.isFinite(at(horizon))) {
    // A path of NaN (or an empty one) never crosses and has no finite value.
    return done(horizon >= 1 && Number.isFinite(at(1)) ? Infinity : NaN, -1);
  }
  // The path is monotone, so it crosses first at h = 1 or where the line meets the threshold (rounded up).
  let h: number;
  if (crosses(at(1))) {
    h = 1;
  } else {
    const towards = direction === 'above' ? line.slope > 0 : line.slope < 0;
    if (!towards) {
      return done(Infinity, -1);
    }
    // Clamped to the horizon first: far beyond it the step count is not even an integer any more.
    h = Math.min(horizon + 1, Math.max(1, Math.ceil((threshold - line.last) / line.slope)));
    // Rounding may put the solved step one off either way: settle it with the scan's own comparison.
    while (h > 1 && crosses(at(h - 1))) {
      h--;
    }
    while (h <= horizon && !crosses(at(h))) {
      h++;
    }
    if (h > horizon) {
      return done(Infinity, -1);
    }
  }
  const v = at(h);
  if (h === 1 && !hasCurrent) {
    return done(1, 0);
  }
  const prevStep = h - 1;
  const prevValue = h === 1 ? current! : at(h - 1);
  return done(prevStep + ((threshold - prevValue) / (v - prevValue)) * (h - prevStep), h - 1);
}
