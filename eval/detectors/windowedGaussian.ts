/**
 * Baseline (harness-side, not product code): NAB's "Windowed Gaussian" detector re-created from its
 * description — the score of a value is one minus the normal tail probability Q(|z|) of its distance from
 * the mean, in standard deviations, of the previous `windowSize` values (NAB README results table,
 * "Windowed Gaussian"; window 1000 rows, slid one row at a time). Running sums keep it O(1) per row.
 */
import { normalTail } from './normalTail';
import { StreamingDetector } from './streamingDetector';

export interface WindowedGaussianOptions {
  /** Trailing window length in rows. Default 1000. */
  windowSize?: number;
}

export function windowedGaussian(options: WindowedGaussianOptions = {}): StreamingDetector {
  const size = options.windowSize ?? 1000;
  const buf = new Float64Array(size);
  let count = 0;
  let head = 0;
  let sum = 0;
  let sumSq = 0;
  let shift = NaN; // values are shifted by the first one to keep the sums well conditioned
  return {
    update(value: number): number {
      if (value !== value) {
        return 0;
      }
      if (shift !== shift) {
        shift = value;
      }
      const v = value - shift;
      let score = 0;
      if (count > 0) {
        const mean = sum / count;
        const variance = Math.max(sumSq / count - mean * mean, 0);
        const std = Math.sqrt(variance) || 1e-6;
        score = 1 - normalTail(Math.abs(v - mean) / std);
      }
      if (count === size) {
        const old = buf[head];
        sum -= old;
        sumSq -= old * old;
      } else {
        count++;
      }
      buf[head] = v;
      head = (head + 1) % size;
      sum += v;
      sumSq += v * v;
      return score;
    },
  };
}
