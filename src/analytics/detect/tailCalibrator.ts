/**
 * Streaming calibration of a non-negative magnitude by its own history (our own): the surprise of x is
 * −log10 of its empirical upper-tail probability among the magnitudes learned so far,
 * p = (1 + #{learned ≥ x}) / (1 + learned). A threshold on the surprise then means "this rare for this series"
 * on every series, whatever its scale or distribution.
 *
 * Magnitudes are counted in log-spaced bins (16 per octave, 2^−64 … 2^64, zero and below in a bin of their own)
 * held in a Fenwick tree, so learning, the tail count and the inverse (a tail quantile) are O(log bins) and
 * memory is fixed. A value shares its bin with values within 4.4 % of it, which counts them as "≥ x": the
 * surprise is slightly conservative, never larger than the exact rank's.
 *
 * NaN policy: NaN is neither learned nor scored (surprise 0). +Infinity lands in the top bin.
 */

const PER_OCTAVE = 16;
const MIN_LOG2 = -64;
const MAX_LOG2 = 64;
/** Bin 0 holds x ≤ 2^−64 (zero included); bins 1…BINS−1 the log-spaced ones. */
const BINS = 1 + (MAX_LOG2 - MIN_LOG2) * PER_OCTAVE;

function binOf(x: number): number {
  if (!(x > 2 ** MIN_LOG2)) {
    return 0;
  }
  const b = 1 + Math.floor((Math.log2(x) - MIN_LOG2) * PER_OCTAVE);
  return b >= BINS ? BINS - 1 : b;
}

/** Upper edge of a bin (the largest magnitude it holds). */
function upperEdge(b: number): number {
  return b === 0 ? 0 : 2 ** (MIN_LOG2 + b / PER_OCTAVE);
}

export interface TailCalibrator {
  /** Magnitudes learned so far. */
  readonly count: number;
  /** −log10 of the upper-tail probability of |x| among the learned magnitudes (0 before any is learned). */
  surprise(x: number): number;
  /** Adds |x| to the history (NaN ignored). */
  learn(x: number): void;
  /**
   * A magnitude whose upper-tail share is about p (0 < p < 1): the upper edge of the bin where the share of
   * learned magnitudes at or above it first exceeds p. NaN when nothing is learned; the largest learned bin's
   * edge when p is below 1/count.
   */
  tailQuantile(p: number): number;
}

export function tailCalibrator(): TailCalibrator {
  // Fenwick tree over bins (1-based internally).
  const tree = new Float64Array(BINS + 1);
  let count = 0;
  let size = 1;
  while (size * 2 <= BINS) {
    size *= 2;
  }
  /** Learned magnitudes in bins 0…b. */
  const prefix = (b: number): number => {
    let s = 0;
    for (let i = b + 1; i > 0; i -= i & -i) {
      s += tree[i];
    }
    return s;
  };
  return {
    get count() {
      return count;
    },
    surprise(x: number): number {
      if (x !== x || count === 0) {
        return 0;
      }
      const b = binOf(Math.abs(x));
      const atLeast = count - (b > 0 ? prefix(b - 1) : 0);
      const p = (1 + atLeast) / (1 + count);
      return p >= 1 ? 0 : -Math.log10(p);
    },
    learn(x: number): void {
      if (x !== x) {
        return;
      }
      for (let i = binOf(Math.abs(x)) + 1; i <= BINS; i += i & -i) {
        tree[i]++;
      }
      count++;
    },
    tailQuantile(p: number): number {
      if (count === 0 || !(p > 0 && p < 1)) {
        return NaN;
      }
      // The first bin whose prefix count reaches count·(1 − p): Fenwick descent.
      const target = Math.min(count, Math.ceil(count * (1 - p)));
      let pos = 0;
      let rem = target;
      for (let step = size; step > 0; step >>= 1) {
        const next = pos + step;
        if (next <= BINS && tree[next] < rem) {
          pos = next;
          rem -= tree[next];
        }
      }
      // pos = number of bins whose prefix is below target, i.e. the bin index (0-based) that reaches it.
      return upperEdge(Math.min(pos, BINS - 1));
    },
  };
}
