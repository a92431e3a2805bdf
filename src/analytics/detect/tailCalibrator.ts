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
 * Beyond the largest magnitude learned, the empirical share stops at 1/(1 + learned): a value just past the
 * record and one a hundred times past it would be equally surprising. There the tail is extrapolated as an
 * exponential (peaks over threshold): with u the lower edge of the bin where the top `TAIL_SHARE` of the
 * magnitudes (at least `TAIL_MIN` of them) begins, K the magnitudes at or above u and e their mean excess over u,
 * p(x) = K/(1 + learned) · exp(−(x − u)/e). An exponential tail is lighter than most real ones' and heavier than
 * a normal's, so the extrapolated surprise grows with the distance past the record without over-rating a
 * record that is barely one. A second Fenwick tree holds the sum of the magnitudes per bin, so K and e cost
 * O(log bins) as well. The surprise past the record is the larger of the two readings.
 *
 * A flat history (every magnitude in the tail equal, e.g. all zeros) has no spread to extrapolate: a larger
 * magnitude scores MAX_SURPRISE (10^−300), a finite convention rather than +Inf.
 *
 * NaN policy: NaN is neither learned nor scored (surprise 0). +Infinity lands in the top bin (and adds the top
 * bin's edge to the sums).
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

/** Share of the learned magnitudes whose mean excess shapes the extrapolated tail. */
const TAIL_SHARE = 0.02;
/** Fewest magnitudes in that tail; fewer learned in all (see MIN_LEARNED) → no extrapolation. */
const TAIL_MIN = 10;
/** Magnitudes learned before the tail is extrapolated. */
const MIN_LEARNED = 30;
const TOP = 2 ** MAX_LOG2;
/** Largest surprise reported (decades): a tail probability of 10^−300, still a finite double. */
export const MAX_SURPRISE = 300;

/** Upper edge of each bin (the largest magnitude it holds); a table, since the band asks for one at every point. */
const UPPER_EDGES = Float64Array.from({ length: BINS }, (_, b) => (b === 0 ? 0 : 2 ** (MIN_LOG2 + b / PER_OCTAVE)));

export interface TailCalibrator {
  /** Magnitudes learned so far. */
  readonly count: number;
  /**
   * −log10 of the upper-tail probability of |x| among the learned magnitudes (0 before any is learned); past the
   * largest learned magnitude, at least the exponential extrapolation of the tail (see above).
   */
  surprise(x: number): number;
  /** Adds |x| to the history (NaN ignored). */
  learn(x: number): void;
  /**
   * A magnitude whose upper-tail share is about p (0 < p < 1): the upper edge of the bin where the share of
   * learned magnitudes at or above it first exceeds p. NaN when nothing is learned; the largest learned bin's
   * edge when p is below 1/count.
   */
  tailQuantile(p: number): number;
  /** An independent copy in the same state (learning in one does not change the other). */
  clone(): TailCalibrator;
  /**
   * Puts this calibrator in `from`'s state, in place: its arrays are overwritten, nothing is allocated (a copy that
   * is reused evaluation after evaluation maps no new memory). Both must come from `tailCalibrator` with the same
   * options; `from` is not changed and shares nothing with this one afterwards.
   */
  restore(from: TailCalibrator): void;
}

/**
 * Everything a calibrator has learned (its copy starts from it). The two trees and the count per bin are views of
 * one array, `store`: one allocation per calibrator and per copy (the backend's allocator maps every block of 4 KiB
 * or more on its own, so fewer blocks cost fewer system calls).
 */
interface CalibratorState {
  store: Float64Array;
  count: number;
  total: number;
  lastMagnitude: number;
  lastBin: number;
  trackedP: number;
  trackedBin: number;
  trackedPrefix: number;
}

export interface TailCalibratorOptions {
  /**
   * Extrapolate the tail past the largest learned magnitude (see above). Default true; turn it off for a
   * bounded or discrete magnitude, whose top value is not a tail to extend.
   */
  extrapolate?: boolean;
}

export function tailCalibrator(options: TailCalibratorOptions = {}): TailCalibrator {
  return calibratorFrom(options.extrapolate ?? true, {
    store: new Float64Array(2 * (BINS + 1) + BINS),
    count: 0,
    total: 0,
    lastMagnitude: NaN,
    lastBin: 0,
    trackedP: NaN,
    trackedBin: 0,
    trackedPrefix: 0,
  });
}

/** Each calibrator's live state and options, for `restore` (which reads another calibrator's closure). */
const internals = new WeakMap<TailCalibrator, () => CalibratorState & { extrapolate: boolean }>();

function calibratorFrom(extrapolate: boolean, state: CalibratorState): TailCalibrator {
  // Fenwick trees over bins (1-based internally) of the counts and the sums, and the count per bin.
  const store = state.store;
  const tree = store.subarray(0, BINS + 1);
  const sums = store.subarray(BINS + 1, 2 * (BINS + 1));
  const binCounts = store.subarray(2 * (BINS + 1));
  let count = state.count;
  let total = state.total;
  // The detector scores a value and then learns the same value: the bin of the last magnitude is kept so that the
  // logarithm is taken once (a magnitude clipped at TOP lands in the top bin either way).
  let lastMagnitude = state.lastMagnitude;
  let lastBin = state.lastBin;
  const binOfMagnitude = (m: number): number => {
    if (m !== lastMagnitude) {
      lastMagnitude = m;
      lastBin = binOf(m);
    }
    return lastBin;
  };
  // The band asks for the same tail share at every point, while each learn moves the count by one: the answer's bin
  // and the count up to it are kept and moved from there (a step or two) instead of a descent per call.
  let trackedP = state.trackedP;
  let trackedBin = state.trackedBin;
  /** Learned magnitudes in bins 0…trackedBin. */
  let trackedPrefix = state.trackedPrefix;
  let size = 1;
  while (size * 2 <= BINS) {
    size *= 2;
  }
  /** Learned magnitudes in bins 0…b. */
  const prefix = (b: number, t: Float64Array = tree): number => {
    let s = 0;
    for (let i = b + 1; i > 0; i -= i & -i) {
      s += t[i];
    }
    return s;
  };
  /** 0-based bin where the prefix count first reaches `target` (Fenwick descent). */
  const binReaching = (target: number): number => {
    let pos = 0;
    let rem = target;
    for (let step = size; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= BINS && tree[next] < rem) {
        pos = next;
        rem -= tree[next];
      }
    }
    return Math.min(pos, BINS - 1);
  };
  /** −log10 of the exponential tail's share at magnitude m (0 when there is no usable tail). */
  const extrapolated = (m: number): number => {
    if (count < MIN_LEARNED) {
      return 0;
    }
    const k0 = Math.max(TAIL_MIN, Math.ceil(TAIL_SHARE * count));
    const qb = binReaching(count - k0 + 1);
    const below = qb > 0 ? prefix(qb - 1) : 0;
    const k = count - below;
    const u = qb > 0 ? UPPER_EDGES[qb - 1] : 0;
    const excess = (total - (qb > 0 ? prefix(qb - 1, sums) : 0)) / k - u;
    if (!(m > u)) {
      return 0;
    }
    if (!(excess > 0)) {
      // Every magnitude in the tail is u (a flat history: all zeros): any larger one is beyond any rate the
      // history can give; it scores the cap, finite by convention.
      return MAX_SURPRISE;
    }
    return Math.min(MAX_SURPRISE, -Math.log10(k / (1 + count)) + (m - u) / (excess * Math.LN10));
  };
  // The live state, read by clone and by another calibrator's restore (one list of the fields).
  const snapshot = () => ({
    extrapolate,
    store,
    count,
    total,
    lastMagnitude,
    lastBin,
    trackedP,
    trackedBin,
    trackedPrefix,
  });
  const calibrator: TailCalibrator = {
    get count() {
      return count;
    },
    surprise(x: number): number {
      if (x !== x || count === 0) {
        return 0;
      }
      const m = Math.abs(x);
      const b = binOfMagnitude(m);
      const atLeast = count - (b > 0 ? prefix(b - 1) : 0);
      const p = (1 + atLeast) / (1 + count);
      const empirical = p >= 1 ? 0 : -Math.log10(p);
      return atLeast > 0 || !extrapolate ? empirical : Math.max(empirical, extrapolated(m));
    },
    learn(x: number): void {
      if (x !== x) {
        return;
      }
      const a = Math.abs(x);
      const m = Math.min(a, TOP);
      const b = binOfMagnitude(a);
      for (let i = b + 1; i <= BINS; i += i & -i) {
        tree[i]++;
        sums[i] += m;
      }
      binCounts[b]++;
      if (b <= trackedBin) {
        trackedPrefix++;
      }
      count++;
      total += m;
    },
    tailQuantile(p: number): number {
      if (count === 0 || !(p > 0 && p < 1)) {
        return NaN;
      }
      // The first bin whose prefix count reaches count·(1 − p).
      const target = Math.min(count, Math.ceil(count * (1 - p)));
      if (p !== trackedP) {
        trackedP = p;
        trackedBin = binReaching(target);
        trackedPrefix = prefix(trackedBin);
      }
      while (trackedPrefix < target && trackedBin < BINS - 1) {
        trackedPrefix += binCounts[++trackedBin];
      }
      while (trackedBin > 0 && trackedPrefix - binCounts[trackedBin] >= target) {
        trackedPrefix -= binCounts[trackedBin--];
      }
      return UPPER_EDGES[trackedBin];
    },
    clone(): TailCalibrator {
      return calibratorFrom(extrapolate, { ...snapshot(), store: store.slice() });
    },
    restore(from: TailCalibrator): void {
      const source = internals.get(from)?.();
      if (!source || source.extrapolate !== extrapolate) {
        throw new TypeError('tailCalibrator.restore: the source must be a calibrator with the same options');
      }
      store.set(source.store);
      ({ count, total, lastMagnitude, lastBin, trackedP, trackedBin, trackedPrefix } = source);
    },
  };
  internals.set(calibrator, snapshot);
  return calibrator;
}
