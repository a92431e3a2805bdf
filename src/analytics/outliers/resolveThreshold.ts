/**
 * Resolves the `sensitivity` / `threshold` pair of the score-based peer detectors (our own): an explicit
 * threshold wins, else the sensitivity (default 0.5) is mapped by `sensitivityToThreshold`. Giving both,
 * or a negative / non-finite threshold, is a RangeError.
 */
import { sensitivityToThreshold } from './sensitivityToThreshold';

export function resolveThreshold(options: { sensitivity?: number; threshold?: number }): number {
  if (options.sensitivity !== undefined && options.threshold !== undefined) {
    throw new RangeError('give either sensitivity or threshold, not both');
  }
  if (options.threshold !== undefined) {
    if (!(options.threshold >= 0) || !Number.isFinite(options.threshold)) {
      throw new RangeError(`threshold must be a finite number ≥ 0, got ${options.threshold}`);
    }
    return options.threshold;
  }
  return sensitivityToThreshold(options.sensitivity ?? 0.5);
}
