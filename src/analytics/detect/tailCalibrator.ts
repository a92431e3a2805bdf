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

/** The bin of x by its definition: 1 + ⌊16·(log2 x + 64)⌋, clamped to the top bin; 0 for x ≤ 2^−64 and NaN. */
export function binByLog(x: number): number {
  if (!(x > 2 ** MIN_LOG2)) {
    return 0;
  }
  const b = 1 + Math.floor((Math.log2(x) - MIN_LOG2) * PER_OCTAVE);
  return b >= BINS ? BINS - 1 : b;
}

/**
 * Lower edge of each bin b ≥ 1, 2^(−64 + (b − 1)/16), and one past the top bin (index 0 unused). Not UPPER_EDGES
 * shifted by one: that table gives bin 0 the edge 0 (what the band reports for it), where bin 1 starts at 2^−64.
 */
const LOWER_EDGES = Float64Array.from({ length: BINS + 1 }, (_, b) =>
  b === 0 ? 0 : 2 ** (MIN_LOG2 + (b - 1) / PER_OCTAVE)
);
/**
 * For the top six bits of a mantissa (a 1/64 slice of an octave): the sixteenth of the octave where the slice
 * starts. A slice is narrower than a sixteenth, so x lies in that sixteenth or the next.
 */
const SLICE_STEP = Int32Array.from({ length: 64 }, (_, s) => {
  let j = 0;
  while (j < PER_OCTAVE - 1 && 2 ** ((j + 1) / PER_OCTAVE) <= 1 + s / 64) {
    j++;
  }
  return j;
});
/** A magnitude this close (relatively) to a bin edge takes the logarithm: see binOf. */
const EDGE_CLOSE = 2 ** -30;
/** The double's bits, read through a typed-array view (high word at index 1 on a little-endian machine). */
const WORD = new Float64Array(1);
const WORD_HALVES = new Uint32Array(WORD.buffer);
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * The same bin as `binByLog` without the logarithm, which the detector would otherwise take at every point for every
 * signal: the exponent gives the octave and the top mantissa bits the sixteenth, checked against the table of edges.
 * Away from an edge, log2's rounding (under 1e−12 of a bin) cannot move x across it, so both agree; within 2^−30 of
 * an edge (powers of two among them) the definition decides, and so it does for x ≥ 2^63 and on a big-endian machine.
 * An x outside the bin found (the table one step off) fails the same check and takes the definition too.
 */
export function binOf(x: number): number {
  if (!(x > 2 ** MIN_LOG2 && x < 2 ** 63 && LITTLE_ENDIAN)) {
    return binByLog(x);
  }
  WORD[0] = x;
  const high = WORD_HALVES[1];
  let b = 1 + ((high >>> 20) - 1023 - MIN_LOG2) * PER_OCTAVE + SLICE_STEP[(high >>> 14) & 63];
  if (x >= LOWER_EDGES[b + 1]) {
    b++;
  }
  const lo = LOWER_EDGES[b];
  const hi = LOWER_EDGES[b + 1];
  return x - lo < EDGE_CLOSE * lo || hi - x < EDGE_CLOSE * hi ? binByLog(x) : b;
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

export interface TailCalibratorOptions {
  /**
   * Extrapolate the tail past the largest learned magnitude (see above). Default true; turn it off for a
   * bounded or discrete magnitude, whose top value is not a tail to extend.
   */
  extrapolate?: boolean;
}

export function tailCalibrator(options: TailCalibratorOptions = {}): TailCalibrator {
  return new Calibrator(options.extrapolate ?? true, new Float64Array(STORE_LENGTH));
}

/** The two Fenwick trees and the count per bin, in one array (see `Calibrator.store`). */
const STORE_LENGTH = 2 * (BINS + 1) + BINS;

/** Largest power of two ≤ BINS: the first step of a Fenwick descent. */
const DESCENT_START = 2 ** Math.floor(Math.log2(BINS));

/**
 * The calibrator's state lives in fields of one class rather than in a closure: the detector calls it four times
 * a point, and a number kept in a closure variable is stored as a fresh heap object at every change, where a field
 * holding a number is updated in place (on a 10,080-point series: 3.6 → 2.3 MB allocated per run).
 */
class Calibrator implements TailCalibrator {
  /**
   * Everything learned besides the scalars below: Fenwick trees over bins (1-based internally) of the counts and the
   * sums, and the count per bin, as views of one array (one allocation per calibrator and per copy: the backend's
   * allocator maps every block of 4 KiB or more on its own, so fewer blocks cost fewer system calls).
   */
  private readonly store: Float64Array;
  private readonly tree: Float64Array;
  private readonly sums: Float64Array;
  private readonly binCounts: Float64Array;
  private learned = 0;
  private total = 0;
  // The detector scores a value and then learns the same value: the bin of the last magnitude is kept so that the
  // logarithm is taken once (a magnitude clipped at TOP lands in the top bin either way).
  private lastMagnitude = NaN;
  private lastBin = 0;
  // The band asks for the same tail share at every point, while each learn moves the count by one: the answer's bin
  // and the count up to it are kept and moved from there (a step or two) instead of a descent per call.
  private trackedP = NaN;
  private trackedBin = 0;
  /** Learned magnitudes in bins 0…trackedBin. */
  private trackedPrefix = 0;

  constructor(
    private readonly extrapolate: boolean,
    store: Float64Array
  ) {
    this.store = store;
    this.tree = store.subarray(0, BINS + 1);
    this.sums = store.subarray(BINS + 1, 2 * (BINS + 1));
    this.binCounts = store.subarray(2 * (BINS + 1));
  }

  get count(): number {
    return this.learned;
  }

  private binOfMagnitude(m: number): number {
    if (m !== this.lastMagnitude) {
      this.lastMagnitude = m;
      this.lastBin = binOf(m);
    }
    return this.lastBin;
  }

  /** Learned magnitudes (or their sum, with t = sums) in bins 0…b. */
  private prefix(b: number, t: Float64Array): number {
    let s = 0;
    for (let i = b + 1; i > 0; i -= i & -i) {
      s += t[i];
    }
    return s;
  }

  /** 0-based bin where the prefix count first reaches `target` (Fenwick descent). */
  private binReaching(target: number): number {
    const tree = this.tree;
    let pos = 0;
    let rem = target;
    for (let step = DESCENT_START; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= BINS && tree[next] < rem) {
        pos = next;
        rem -= tree[next];
      }
    }
    return Math.min(pos, BINS - 1);
  }

  /** −log10 of the exponential tail's share at magnitude m (0 when there is no usable tail). */
  private extrapolated(m: number): number {
    const count = this.learned;
    if (count < MIN_LEARNED) {
      return 0;
    }
    const k0 = Math.max(TAIL_MIN, Math.ceil(TAIL_SHARE * count));
    const qb = this.binReaching(count - k0 + 1);
    const below = qb > 0 ? this.prefix(qb - 1, this.tree) : 0;
    const k = count - below;
    const u = qb > 0 ? UPPER_EDGES[qb - 1] : 0;
    const excess = (this.total - (qb > 0 ? this.prefix(qb - 1, this.sums) : 0)) / k - u;
    if (!(m > u)) {
      return 0;
    }
    if (!(excess > 0)) {
      // Every magnitude in the tail is u (a flat history: all zeros): any larger one is beyond any rate the
      // history can give; it scores the cap, finite by convention.
      return MAX_SURPRISE;
    }
    return Math.min(MAX_SURPRISE, -Math.log10(k / (1 + count)) + (m - u) / (excess * Math.LN10));
  }

  surprise(x: number): number {
    const count = this.learned;
    if (x !== x || count === 0) {
      return 0;
    }
    const m = Math.abs(x);
    const b = this.binOfMagnitude(m);
    const atLeast = count - (b > 0 ? this.prefix(b - 1, this.tree) : 0);
    const p = (1 + atLeast) / (1 + count);
    const empirical = p >= 1 ? 0 : -Math.log10(p);
    return atLeast > 0 || !this.extrapolate ? empirical : Math.max(empirical, this.extrapolated(m));
  }

  learn(x: number): void {
    if (x !== x) {
      return;
    }
    const a = Math.abs(x);
    const m = Math.min(a, TOP);
    const b = this.binOfMagnitude(a);
    const tree = this.tree;
    const sums = this.sums;
    for (let i = b + 1; i <= BINS; i += i & -i) {
      tree[i]++;
      sums[i] += m;
    }
    this.binCounts[b]++;
    if (b <= this.trackedBin) {
      this.trackedPrefix++;
    }
    this.learned++;
    this.total += m;
  }

  tailQuantile(p: number): number {
    const count = this.learned;
    if (count === 0 || !(p > 0 && p < 1)) {
      return NaN;
    }
    // The first bin whose prefix count reaches count·(1 − p).
    const target = Math.min(count, Math.ceil(count * (1 - p)));
    if (p !== this.trackedP) {
      this.trackedP = p;
      this.trackedBin = this.binReaching(target);
      this.trackedPrefix = this.prefix(this.trackedBin, this.tree);
    }
    const binCounts = this.binCounts;
    let bin = this.trackedBin;
    let prefix = this.trackedPrefix;
    while (prefix < target && bin < BINS - 1) {
      prefix += binCounts[++bin];
    }
    while (bin > 0 && prefix - binCounts[bin] >= target) {
      prefix -= binCounts[bin--];
    }
    this.trackedBin = bin;
    this.trackedPrefix = prefix;
    return UPPER_EDGES[bin];
  }

  clone(): TailCalibrator {
    const copy = new Calibrator(this.extrapolate, this.store.slice());
    copy.copyScalars(this);
    return copy;
  }

  restore(from: TailCalibrator): void {
    if (!(from instanceof Calibrator) || from.extrapolate !== this.extrapolate) {
      throw new TypeError('tailCalibrator.restore: the source must be a calibrator with the same options');
    }
    this.store.set(from.store);
    this.copyScalars(from);
  }

  /** Everything but the store, from `from` (one list of the fields, for clone and restore). */
  private copyScalars(from: Calibrator): void {
    this.learned = from.learned;
    this.total = from.total;
    this.lastMagnitude = from.lastMagnitude;
    this.lastBin = from.lastBin;
    this.trackedP = from.trackedP;
    this.trackedBin = from.trackedBin;
    this.trackedPrefix = from.trackedPrefix;
  }
}
