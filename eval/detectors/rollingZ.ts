/**
 * Signed z-score of a value against the mean and population standard deviation of the previous
 * `window` values (harness-side, our own). Running sums on values shifted by the first one keep it O(1)
 * per row and well conditioned. With fewer than 2 values seen, z is 0; a zero spread is floored at 1e−6.
 */
export interface RollingZ {
  /** z of `value` against the window (does not add it). */
  z(value: number): number;
  /** Adds `value` to the window (NaN is ignored). */
  push(value: number): void;
}

export function rollingZ(window: number): RollingZ {
  const buf = new Float64Array(Math.max(1, window));
  let count = 0;
  let head = 0;
  let sum = 0;
  let sumSq = 0;
  let shift = NaN;
  return {
    z(value: number): number {
      if (count < 2 || value !== value) {
        return 0;
      }
      const mean = sum / count;
      const sd = Math.sqrt(Math.max(sumSq / count - mean * mean, 0)) || 1e-6;
      return (value - shift - mean) / sd;
    },
    push(value: number): void {
      if (value !== value) {
        return;
      }
      if (shift !== shift) {
        shift = value;
      }
      const v = value - shift;
      if (count === buf.length) {
        const old = buf[head];
        sum -= old;
        sumSq -= old * old;
      } else {
        count++;
      }
      buf[head] = v;
      head = (head + 1) % buf.length;
      sum += v;
      sumSq += v * v;
    },
  };
}
