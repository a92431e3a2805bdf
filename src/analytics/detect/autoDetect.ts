/**
 * The default anomaly detector (method `auto`; our own, explained in docs/algorithms/auto-detector.md). One pass
 * over the series, each point judged only by the points before it, so the result on a prefix equals the prefix of
 * the result (prefix-stable; nothing depends on the series' length).
 *
 * Per point t, four signals, each calibrated by its own history into a surprise (−log10 of the tail
 * probability, `tailCalibrator`; past the largest magnitude seen, the tail is extrapolated as an exponential, so a
 * deviation far beyond anything seen scores far higher than a new record that is barely one):
 *  1. forecast residual: x − (level + season), one-step-ahead exponential smoothing with fixed α (level) and γ
 *     (additive season of `season` points, learned from the first full season on; none when `season` < 2);
 *  2. trailing band: (x − mean)/sd over the last `window` accepted points;
 *  3. level novelty (`levelNovelty`): a level, or a step between levels, the series has not shown before;
 *  4. same-phase residual: x − the value this phase of the season usually shows (an average across seasons),
 *     counted only while the season is in use; it catches a departure from the daily pattern that the level
 *     has already followed.
 * s = max(s₁, s₂, s₄) + noveltyWeight·s₃ (novelty lifts a deviation that is also new; it is coarse, so it is added
 * rather than competing in the max). The corrected surprise c = s − historyWeight·log10(n + 1), n the points
 * learned: a new record among n points has tail probability 1/(n + 1), so without the correction a long history
 * alone would make records look rarer; it charges n^historyWeight effective tests to each point (a partial
 * multiple-testing correction).
 * Run evidence: a point rarer than 10^−runDrift on the same side as the point before carries that point's run
 * evidence forward less runDrift decades (a CUSUM of surprises), so a slow build-up whose first points are only
 * mildly rare starts an event once their evidence adds up. It decides onsets only; the score is the point's own.
 * A point whose run evidence beats every alert candidate of the last `suppressPoints` points is a candidate; a
 * candidate also loses repeatPenalty·log10(1 + k), k the earlier candidates at least about as surprising (within
 * one decade): a series that keeps raising similar alerts is noisy at that level.
 * The score is c as a σ-equivalent: the z with two-sided normal tail 10^−c, signed by the side of the expected
 * value (x − forecast): `threshold` 3.5 means "as rare, after the correction, as a 3.5σ deviation of a normal variable".
 *
 * Events: an event starts at a candidate whose run evidence reaches `threshold` (as a σ-equivalent) on an allowed
 * side; it lasts while the value stays on the same side and either |score| ≥ holdRatio·threshold or the value is
 * outside the band. Events start once 30 points are learned, but only those starting after `warmupPoints`
 * finite points flag: in the warm-up they only keep an incident from training the model. Flags are
 * +1/−1 from the event's `minPoints`-th point to its end (so a flag never changes once emitted). Points inside an
 * event do not train the forecast, its residual calibration or the trailing band, so an incident is neither absorbed
 * nor reported on the wrong side when it ends; after `adaptAfterPoints` points of one event training resumes (a
 * lasting level shift becomes the new normal). Other points train the forecast and the trailing band through a
 * clip at the band's half-width (robust smoothing), so an unflagged wild point does not drag them.
 *
 * Band: expected = forecast; lower/upper = expected ∓ the residual magnitude exceeded by 0.27 % of the residuals
 * learned so far (the two-sided normal tail of 3σ); the lower edge is clamped at 0 while
 * the series has never been negative. Flat stretches score 0 when the value equals the expectation; a deviation
 * from a flat history is measured against a spread floor of 1e-9·max(1, |mean|), so scores stay finite.
 * Explanation: `signal` says which signal carried each point; where the same-phase residual did, `usual` is the
 * value it was measured against (what this phase usually showed), since `expected` may already have followed the
 * departure.
 * NaN policy: a NaN value scores NaN, flags 0, trains nothing and keeps the season clock running.
 * The input is never mutated.
 */
import { normalQuantile } from '../forecasting/normalQuantile';
import { type LevelNovelty, levelNovelty } from './levelNovelty';
import { type TailCalibrator, tailCalibrator } from './tailCalibrator';

export type AutoDirection = 'above' | 'below' | 'both';

export interface AutoDetectOptions {
  /** Flag threshold in σ-equivalents (see the score). Default 3.5 (EVALUATION.md: chosen on NAB half A with the demo). */
  threshold?: number;
  /** Which side may flag. Default 'both'. */
  direction?: AutoDirection;
  /** Season length in points (e.g. one day); < 2 → no season. Default 0. */
  season?: number;
  /** Season phase of the first point (its index within the season, e.g. from its timestamp). Default 0. */
  phase?: number;
  /** Level smoothing of the forecast. Default 0.5. */
  alpha?: number;
  /** Season smoothing of the forecast. Default 0.1. */
  gamma?: number;
  /** Trailing band window (points). Default 4000. */
  window?: number;
  /** Finite points before anything is flagged; also the values that fix the novelty grid. Default 300. */
  warmupPoints?: number;
  /** Weight of the novelty surprise. Default 0.35. */
  noveltyWeight?: number;
  /** Weight of the history correction. Default 0.7. */
  historyWeight?: number;
  /** Repeat discount per decade of similar earlier candidates. Default 0.1. */
  repeatPenalty?: number;
  /** Points during which a new candidate must beat the earlier ones. Default 400. */
  suppressPoints?: number;
  /** An event continues while |score| ≥ holdRatio·threshold. Default 0.6. */
  holdRatio?: number;
  /** Points an event must last before it is flagged (1 = from its onset). Default 1. */
  minPoints?: number;
  /** Decades of surprise a point must exceed to carry the run's evidence forward. Default 1. */
  runDrift?: number;
  /** Event points after which training resumes. Default 60. */
  adaptAfterPoints?: number;
}

export interface AutoDetectResult {
  /** One-step forecast (NaN before the first finite value). */
  expected: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** Signed σ-equivalent of the corrected surprise (NaN at NaN values). */
  score: Float64Array;
  /** Half-width of the band divided by 3 (a σ-like spread, for explanations). */
  sigma: Float64Array;
  /** +1 above, −1 below, 0 not flagged. */
  flag: Float64Array;
  /**
   * Which signal carried the point's surprise: 0 forecast residual, 1 trailing band, 2 same-phase profile (NaN
   * when none).
   */
  signal: Float64Array;
  /**
   * What the deviation was measured against when the same-phase profile carried the point (`signal` 2): the value
   * this phase of the season usually showed before the point was learned. NaN at every other point.
   */
  usual: Float64Array;
  /**
   * Whether the forecast used the season at the last point. The season counts only while it forecast better than a
   * plain level over the last full season, so a series without that season (or before a full season is seen) reads
   * false whatever `season` was given.
   */
  seasonInUse: boolean;
}

const LOG_CAP = 300;
/**
 * An event never starts at a point closer to its expected value than this share of the band's half-width. On a
 * noiseless series every tiny wobble is rare, and a run of them adds up to "evidence" for a value deep inside its
 * band (a perfect square wave flagged every other day at score 0); such a point is not the start of anything an
 * SRE would act on. Chosen on NAB half A (docs/algorithms/auto-detector.md).
 */
const ONSET_FLOOR = 0.02;
/** Points learned before events may start (in the warm-up they train nothing but flag nothing either). */
const SHADOW_AFTER = 30;
/**
 * Weight of each new season in the same-phase profile (the value usually seen at this phase of the season, an
 * exponential average across seasons). Chosen on NAB half A (docs/algorithms/auto-detector.md).
 */
const PROFILE_RATE = 0.2;

/** log10 of the counts the history correction asks for at every point, kept once computed (the same values). */
const LOG10_MEMO = new Float64Array(1 << 15).fill(NaN);

function log10Count(k: number): number {
  if (k >= LOG10_MEMO.length) {
    return Math.log10(k);
  }
  let v = LOG10_MEMO[k];
  if (v !== v) {
    v = Math.log10(k);
    LOG10_MEMO[k] = v;
  }
  return v;
}

/** σ-equivalent of a surprise c (two-sided normal tail 10^−c). */
function sigmaEquivalent(c: number): number {
  if (!(c > 0)) {
    return 0;
  }
  return -normalQuantile(10 ** -Math.min(c, LOG_CAP) / 2);
}

/** The options resolved to numbers (a checkpoint is resumed only under the same ones). */
interface Settings {
  threshold: number;
  direction: AutoDirection;
  season: number;
  /** Season phase of the first point. */
  phase: number;
  alpha: number;
  gamma: number;
  window: number;
  warmup: number;
  noveltyWeight: number;
  historyWeight: number;
  repeatPenalty: number;
  suppressPoints: number;
  holdRatio: number;
  minPoints: number;
  adaptAfter: number;
  runDrift: number;
}

function settingsOf(options: AutoDetectOptions): Settings {
  const threshold = options.threshold ?? 3.5;
  if (!(threshold > 0)) {
    throw new RangeError(`autoDetect: threshold must be > 0, got ${threshold}`);
  }
  const season = Math.max(0, Math.floor(options.season ?? 0));
  return {
    threshold,
    direction: options.direction ?? 'both',
    season,
    phase: season >= 2 ? ((Math.floor(options.phase ?? 0) % season) + season) % season : 0,
    alpha: options.alpha ?? 0.5,
    gamma: options.gamma ?? 0.1,
    window: Math.max(2, Math.floor(options.window ?? 4000)),
    warmup: Math.max(2, Math.floor(options.warmupPoints ?? 300)),
    noveltyWeight: options.noveltyWeight ?? 0.35,
    historyWeight: options.historyWeight ?? 0.7,
    repeatPenalty: options.repeatPenalty ?? 0.1,
    suppressPoints: Math.max(1, Math.floor(options.suppressPoints ?? 400)),
    holdRatio: options.holdRatio ?? 0.6,
    minPoints: Math.max(1, Math.floor(options.minPoints ?? 1)),
    adaptAfter: Math.max(0, Math.floor(options.adaptAfterPoints ?? 60)),
    runDrift: options.runDrift ?? 1,
  };
}

function sameSettings(a: Settings, b: Settings): boolean {
  for (const key in a) {
    if (!Object.is(a[key as keyof Settings], b[key as keyof Settings])) {
      return false;
    }
  }
  return true;
}

/** Everything the detector carries from one point to the next. */
interface DetectorState {
  // Forecast: the season and the first season's values are views of `seasonStore` (one allocation per state).
  seasonStore: Float64Array | undefined;
  seasonal: Float64Array | undefined;
  firstSeason: Float64Array | undefined;
  seasonReady: boolean;
  seasonSeen: number;
  level: number;
  plainLevel: number;
  seasonOn: boolean;
  errSeasonal: number;
  errPlain: number;
  checked: number;
  phase: number;
  // Trailing band.
  ring: Float64Array;
  ringLen: number;
  ringHead: number;
  shift: number;
  s1: number;
  s2: number;
  sinceRecompute: number;
  // Same-phase profile (the value usually seen at each phase of the season; NaN until seen) and its calibration.
  profile: Float64Array | undefined;
  profileCal: TailCalibrator;
  // Calibrations and novelty.
  residualCal: TailCalibrator;
  bandCal: TailCalibrator;
  noveltyCal: TailCalibrator;
  novelty: LevelNovelty;
  learned: number;
  neverNegative: boolean;
  // Candidates (row, surprise), oldest first.
  candRow: number[];
  candSurprise: number[];
  // Events and runs.
  eventSide: number;
  eventLength: number;
  eventFlags: boolean;
  runSurprise: number;
  runSide: number;
  clippedRun: number;
}

/** The season (first half) and the first season's values (second half, NaN until seen) in one array. */
function seasonViews(both: Float64Array | undefined, season: number) {
  return { seasonStore: both, seasonal: both?.subarray(0, season), firstSeason: both?.subarray(season) };
}

function initialState(s: Settings): DetectorState {
  const both = s.season >= 2 ? new Float64Array(2 * s.season).fill(NaN, s.season) : undefined;
  return {
    ...seasonViews(both, s.season),
    seasonReady: false,
    seasonSeen: 0,
    level: NaN,
    plainLevel: NaN,
    seasonOn: false,
    errSeasonal: 0,
    errPlain: 0,
    checked: 0,
    phase: s.phase,
    ring: new Float64Array(s.window),
    ringLen: 0,
    ringHead: 0,
    shift: NaN,
    s1: 0,
    s2: 0,
    sinceRecompute: 0,
    profile: s.season >= 2 ? new Float64Array(s.season).fill(NaN) : undefined,
    profileCal: tailCalibrator(),
    residualCal: tailCalibrator(),
    bandCal: tailCalibrator(),
    noveltyCal: tailCalibrator({ extrapolate: false }),
    novelty: levelNovelty({ learnPoints: s.warmup }),
    learned: 0,
    neverNegative: true,
    candRow: [],
    candSurprise: [],
    eventSide: 0,
    eventLength: 0,
    eventFlags: false,
    runSurprise: 0,
    runSide: 0,
    clippedRun: 0,
  };
}

function cloneState(st: DetectorState): DetectorState {
  return {
    ...st,
    ...seasonViews(st.seasonStore?.slice(), st.seasonal?.length ?? 0),
    ring: st.ring.slice(),
    profile: st.profile?.slice(),
    profileCal: st.profileCal.clone(),
    residualCal: st.residualCal.clone(),
    bandCal: st.bandCal.clone(),
    noveltyCal: st.noveltyCal.clone(),
    novelty: st.novelty.clone(),
    candRow: st.candRow.slice(),
    candSurprise: st.candSurprise.slice(),
  };
}

/** A part of the state with an in-place copy of its own (the calibrators and the novelty). */
interface Restorable {
  restore(from: unknown): void;
}

function isRestorable(v: unknown): v is Restorable {
  return typeof v === 'object' && v !== null && typeof (v as Partial<Restorable>).restore === 'function';
}

/**
 * Puts `into` in `from`'s state without allocating: field by field, typed arrays are overwritten (views of one store
 * included, so a view keeps pointing into its own store), calibrators and the novelty restored in place, lists
 * refilled, numbers copied. Field by field, so a part added to the state later is copied too. When the two do not
 * match (another season, window or warm-up), returns a new copy of `from` instead; `into` may then be left half
 * overwritten, and the caller drops it.
 */
function restoreState(into: DetectorState | undefined, from: DetectorState): DetectorState {
  if (into === undefined || into === from) {
    return cloneState(from);
  }
  const target = into as unknown as Record<string, unknown>;
  const source = from as unknown as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const a = source[key];
    const b = target[key];
    if (a instanceof Float64Array) {
      if (!(b instanceof Float64Array) || b.length !== a.length) {
        return cloneState(from);
      }
      b.set(a);
    } else if (Array.isArray(a)) {
      if (!Array.isArray(b)) {
        return cloneState(from);
      }
      b.length = 0;
      for (let j = 0; j < a.length; j++) {
        b.push(a[j]);
      }
    } else if (isRestorable(a)) {
      if (!isRestorable(b)) {
        return cloneState(from);
      }
      try {
        b.restore(a);
      } catch {
        // Made with other options (the novelty's warm-up): nothing to reuse.
        return cloneState(from);
      }
    } else if (a === undefined || typeof a !== 'object') {
      if (b !== undefined && typeof b === 'object') {
        return cloneState(from);
      }
      target[key] = a;
    } else {
      // A kind of part this function does not know how to copy in place.
      return cloneState(from);
    }
  }
  return into;
}

const OUTPUT_KEYS = ['expected', 'lower', 'upper', 'score', 'sigma', 'flag', 'signal', 'usual'] as const;

/** The outputs as views of n-point slices of `buffer`, `stride` apart (one allocation for all of them). */
function resultViews(buffer: Float64Array, n: number, stride = n): AutoDetectResult {
  const out = { seasonInUse: false } as AutoDetectResult;
  OUTPUT_KEYS.forEach((key, i) => (out[key] = buffer.subarray(i * stride, i * stride + n)));
  return out;
}

/** Sets the outputs from point `from` on to what a point nothing is written at holds: NaN, flags 0. */
function clearFrom(out: AutoDetectResult, from: number): void {
  for (const key of OUTPUT_KEYS) {
    out[key].fill(key === 'flag' ? 0 : NaN, from);
  }
}

/** Output arrays of n points, NaN (flags 0) where nothing is written. */
function newResult(n: number): AutoDetectResult {
  const out = resultViews(new Float64Array(OUTPUT_KEYS.length * n).fill(NaN), n);
  out.flag.fill(0);
  return out;
}

export function autoDetect(values: ArrayLike<number>, options: AutoDetectOptions = {}): AutoDetectResult {
  const s = settingsOf(options);
  const out = newResult(values.length);
  const state = initialState(s);
  runDetector(s, state, values, 0, values.length, out);
  out.seasonInUse = state.seasonOn;
  return out;
}

/**
 * The detector's state after the first `points` values, with those values and the outputs at them: what
 * `resumeAutoDetect` needs to go on from there instead of starting again. Opaque; never changed once made.
 */
export interface AutoDetectCheckpoint {
  readonly points: number;
  /** Approximate memory held (bytes), for a cache's budget. */
  readonly bytes: number;
  readonly settings: Settings;
  readonly values: Float64Array;
  readonly outputs: AutoDetectResult;
  readonly state: DetectorState;
}

/**
 * Buffers reused from one `resumeAutoDetect` call to the next: the detector's working state (restored in place from
 * each checkpoint) and the eight outputs. Without them every resumed evaluation allocates a copy of the state
 * (~0.2 MB in eight blocks) and the outputs (8 × n doubles), and in the backend every block of 4 KiB or more is a
 * fresh memory mapping (docs/reliability.md, "Memory"), paid in system time and page faults at every evaluation.
 *
 * A result computed with a session lives in the session's buffers: it is valid until the session's next call
 * (which overwrites it), and is read, never written. One session serves any number of series one call at a time
 * (the calls are synchronous, so concurrent queries in one process cannot interleave inside one).
 */
export class AutoDetectSession {
  /** Outputs of up to this many points are kept between calls; a longer series gets fresh arrays. */
  readonly maxPoints: number;
  /** @internal The working state, restored from the checkpoint at each call. */
  state: DetectorState | undefined;
  /** @internal The eight outputs, `stride` doubles apart. */
  buffer: Float64Array | undefined;
  /** @internal */
  stride = 0;

  /** @param maxPoints longest series whose outputs the session keeps (default 20,000 points, 1.3 MB) */
  constructor(maxPoints = 20_000) {
    this.maxPoints = maxPoints;
  }

  /** Memory the session holds (bytes). */
  get bytes(): number {
    return 8 * (this.buffer?.length ?? 0) + (this.state ? stateBytes(this.state) : 0);
  }

  /** Lets the buffers go (the next call allocates them again), e.g. when the process falls quiet. */
  release(): void {
    this.state = undefined;
    this.buffer = undefined;
    this.stride = 0;
  }

  /** @internal Output arrays of n points in the session's buffer (grown with room to spare), or fresh ones. */
  outputs(n: number): AutoDetectResult {
    if (n > this.maxPoints) {
      return newResult(n);
    }
    if (this.buffer === undefined || this.stride < n) {
      // Room for a range that grows a point per evaluation (an alert rule's history) without a new buffer each time.
      this.stride = Math.min(this.maxPoints, Math.max(n, Math.ceil(n * 1.25)));
      this.buffer = new Float64Array(OUTPUT_KEYS.length * this.stride);
    }
    return resultViews(this.buffer, n, this.stride);
  }
}

/**
 * Approximate bytes of a detector state: the arrays that own their memory (views of a store are not counted again),
 * two trees and a count per bin for each calibrator, and 20 kB for the novelty's pair table and the lists.
 */
function stateBytes(st: DetectorState): number {
  let bytes = 20_000;
  for (const v of Object.values(st)) {
    if (v instanceof Float64Array && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) {
      bytes += v.byteLength;
    } else if (isRestorable(v) && 'tailQuantile' in v) {
      bytes += 3 * 8 * 2050;
    }
  }
  return bytes;
}

export interface ResumedAutoDetect {
  result: AutoDetectResult;
  checkpoint: AutoDetectCheckpoint;
  /** Points taken from the given checkpoint (0: computed from the start). */
  resumedFrom: number;
}

/** Same value for the detector: equal numbers (0 and −0 told apart), or both NaN. */
function sameValue(a: number, b: number): boolean {
  return a === b ? a !== 0 || 1 / a === 1 / b : a !== a && b !== b;
}

/**
 * `autoDetect(values, options)`, computed from `from`'s state when `from` was taken on the same options and its
 * values are the first values of `values` (checked point by point: a changed, added or removed point anywhere in
 * the prefix means starting again). Because the detector is causal, the result is identical to `autoDetect`'s
 * either way. Also returns a checkpoint after `checkpointAt` points (clamped to 0…n, and at least the resumed
 * point), for the next call: `from` itself when it was resumed and `checkpointAt` is its point. Neither `values`
 * nor `from` is changed; the result shares no arrays with either checkpoint. With a `session`, the working state and
 * the outputs are the session's reused buffers: the result is valid until the session's next call.
 */
export function resumeAutoDetect(
  values: ArrayLike<number>,
  options: AutoDetectOptions,
  from: AutoDetectCheckpoint | undefined,
  checkpointAt: number,
  session?: AutoDetectSession
): ResumedAutoDetect {
  const s = settingsOf(options);
  const n = values.length;
  let start = 0;
  if (from && from.points <= n && sameSettings(from.settings, s)) {
    start = from.points;
    for (let i = 0; i < from.points; i++) {
      if (!sameValue(from.values[i], values[i])) {
        start = 0;
        break;
      }
    }
  }
  const state =
    start > 0 ? (session ? restoreState(session.state, from!.state) : cloneState(from!.state)) : initialState(s);
  if (session) {
    session.state = state;
  }
  const out = session ? session.outputs(n) : newResult(n);
  if (start > 0) {
    for (const key of OUTPUT_KEYS) {
      out[key].set(from!.outputs[key].subarray(0, start));
    }
  }
  if (session) {
    clearFrom(out, start);
  }
  const at = Math.max(start, Math.min(n, Math.floor(checkpointAt)));
  runDetector(s, state, values, start, at, out);
  // A checkpoint asked for where the given one stands is that one (it never changes): nothing to copy.
  const checkpoint = start > 0 && at === start ? from! : checkpointOf(s, state, values, out, at);
  runDetector(s, state, values, at, n, out);
  out.seasonInUse = state.seasonOn;
  return { result: out, checkpoint, resumedFrom: start };
}

function checkpointOf(
  settings: Settings,
  state: DetectorState,
  values: ArrayLike<number>,
  out: AutoDetectResult,
  points: number
): AutoDetectCheckpoint {
  // The outputs and the values of the first `points` points, in one array.
  const kept = new Float64Array((OUTPUT_KEYS.length + 1) * points);
  const outputs = resultViews(kept, points);
  for (const key of OUTPUT_KEYS) {
    outputs[key].set(out[key].subarray(0, points));
  }
  const prefix = kept.subarray(OUTPUT_KEYS.length * points);
  for (let i = 0; i < points; i++) {
    prefix[i] = values[i];
  }
  const copy = cloneState(state);
  // The outputs and values of the prefix, and the state's arrays.
  const bytes = 8 * points * (OUTPUT_KEYS.length + 1) + stateBytes(copy);
  return { points, bytes, settings, values: prefix, outputs, state: copy };
}

/** Runs the detector over values[from…to), carrying `st` forward and writing the outputs at those points. */
function runDetector(
  settings: Settings,
  st: DetectorState,
  values: ArrayLike<number>,
  from: number,
  to: number,
  out: AutoDetectResult
): void {
  const {
    threshold,
    direction,
    season,
    alpha,
    gamma,
    window,
    warmup,
    noveltyWeight,
    historyWeight,
    repeatPenalty,
    suppressPoints,
    holdRatio,
    minPoints,
    adaptAfter,
    runDrift,
  } = settings;
  // The band shows where 99.73 % of past one-step residuals lay (a 3σ-equivalent), whatever the threshold.
  const bandTail = 2 * (1 - normalCdfApprox(3));
  const { expected, lower, upper, score, sigma, flag, signal, usual } = out;

  // Forecast state.
  const { seasonal, firstSeason } = st;
  let { seasonReady, seasonSeen, level } = st;
  // The season is used only while it forecasts better than a plain level did over the last full season (a
  // one-season backtest): a first season of noise, or a series without that season, is never projected forward.
  let { plainLevel, seasonOn, errSeasonal, errPlain, checked, phase } = st;

  // Trailing band over accepted points: ring buffer, sums shifted by the first value for stability.
  const ring = st.ring;
  let { ringLen, ringHead, shift, s1, s2, sinceRecompute } = st;

  const { residualCal, bandCal, noveltyCal, novelty, profile, profileCal } = st;
  let { learned, neverNegative } = st;

  // Candidates (row, surprise), oldest first.
  const { candRow, candSurprise } = st;

  let { eventSide, eventLength } = st;
  /** Whether the current event may flag (it started after the warm-up). */
  let eventFlags = st.eventFlags;
  // Evidence of a run of same-side deviations (a CUSUM of surprises) and its side.
  let { runSurprise, runSide } = st;
  /** Points in a row whose residual was clipped in training. */
  let clippedRun = st.clippedRun;

  for (let t = from; t < to; t++) {
    const x = values[t];
    const ph = phase;
    if (seasonal) {
      phase = phase + 1 === season ? 0 : phase + 1;
    }
    const fSeasonal = level === level ? level + (seasonal && seasonReady ? seasonal[ph] : 0) : NaN;
    const f = seasonOn ? fSeasonal : plainLevel;
    expected[t] = f;
    const half = residualCal.tailQuantile(bandTail);
    if (f === f && half === half) {
      lower[t] = neverNegative ? Math.max(0, f - half) : f - half;
      upper[t] = f + half;
      sigma[t] = half / 3;
    }
    if (x !== x) {
      runSurprise = 0;
      runSide = 0;
      eventSide = 0;
      eventLength = 0;
      continue;
    }

    // Signals.
    const resid = f === f ? x - f : NaN;
    let bandZ = NaN;
    if (ringLen >= 2) {
      const mean = shift + s1 / ringLen;
      const variance = Math.max(0, (s2 - (s1 * s1) / ringLen) / (ringLen - 1));
      const sd = Math.max(Math.sqrt(variance), 1e-9 * Math.max(1, Math.abs(mean)));
      bandZ = (x - mean) / sd;
    }
    // Same-phase residual: the value against what this phase of the season usually shows. The level of the
    // forecast follows a departure from the daily pattern within a few points (a plateau that fails to come, a
    // flat stretch where the series oscillates); the profile does not. It counts only while the season is in
    // use (it forecast better than a plain level): on a series without that season it would page on noise.
    const pResid = profile ? x - profile[ph] : NaN;
    const sPhase = seasonOn && pResid === pResid ? profileCal.surprise(pResid) : 0;
    const sResid = resid === resid ? residualCal.surprise(resid) : 0;
    const sBand = bandZ === bandZ ? bandCal.surprise(bandZ) : 0;
    const nov = novelty.score(x);
    const sNov = nov === nov ? noveltyCal.surprise(nov) : 0;
    let side = resid === resid && resid !== 0 ? Math.sign(resid) : bandZ === bandZ ? Math.sign(bandZ) : 0;
    if (sPhase > Math.max(sResid, sBand) && pResid !== 0) {
      side = Math.sign(pResid);
    }
    const sPoint = Math.max(sResid, sBand, sPhase) + noveltyWeight * sNov;
    // A run of same-side deviations carries its evidence (a CUSUM of surprises): a slow build-up whose first
    // points are only mildly rare starts an event as soon as their evidence adds up. It decides event onsets
    // only; the score reports the point itself.
    const sRun =
      sPoint + (side !== 0 && side === runSide && sPoint > runDrift ? Math.max(0, runSurprise - runDrift) : 0);
    runSurprise = sRun;
    runSide = side;
    if (sPhase > Math.max(sResid, sBand)) {
      signal[t] = 2;
      // The profile has not learned x yet: this is what the deviation was measured against.
      usual[t] = profile![ph];
    } else {
      signal[t] = sResid >= sBand ? (resid === resid ? 0 : NaN) : 1;
    }
    const correction = historyWeight * log10Count(learned + 1);
    let c = sPoint - correction;
    let cRun = sRun - correction;

    // Candidate and repeat discount.
    let candidate = false;
    if (learned >= Math.min(warmup, SHADOW_AFTER) && sRun > 0) {
      let bar = 0;
      for (let j = candRow.length - 1; j >= 0 && t - candRow[j] <= suppressPoints; j--) {
        bar = Math.max(bar, candSurprise[j]);
      }
      if (sRun > bar) {
        candidate = true;
        let repeats = 0;
        for (let j = 0; j < candSurprise.length; j++) {
          if (candSurprise[j] >= sRun - 1) {
            repeats++;
          }
        }
        candRow.push(t);
        candSurprise.push(sRun);
        c -= repeatPenalty * Math.log10(1 + repeats);
        cRun -= repeatPenalty * Math.log10(1 + repeats);
      }
    }
    const z = sigmaEquivalent(c);
    let signed = side >= 0 || z === 0 ? z : -z;
    if ((direction === 'above' && signed < 0) || (direction === 'below' && signed > 0)) {
      signed = 0;
    }
    score[t] = signed;

    // Events.
    const outside = resid === resid && half === half && Math.abs(resid) > half;
    if (eventSide !== 0 && side === eventSide && (z >= holdRatio * threshold || outside)) {
      eventLength++;
    } else if (
      candidate &&
      sigmaEquivalent(cRun) >= threshold &&
      !(Math.abs(resid) < ONSET_FLOOR * half) &&
      side !== 0 &&
      (direction === 'both' || (direction === 'above') === side > 0)
    ) {
      // Run evidence can restart an event on the side it just ended on: that is the same event going on, and
      // its length keeps counting, so a lasting shift still becomes the new normal after adaptAfterPoints.
      if (eventSide === side) {
        eventLength++;
      } else {
        eventSide = side;
        eventLength = 1;
        eventFlags = learned >= warmup;
      }
    } else {
      eventSide = 0;
      eventLength = 0;
    }
    if (eventSide !== 0 && eventFlags && eventLength >= minPoints) {
      flag[t] = eventSide;
    }

    // The novelty and its calibrator learn every point: a level the series has visited is no longer new.
    learned++;
    if (x < 0) {
      neverNegative = false;
    }
    if (nov === nov) {
      noveltyCal.learn(nov);
    }
    novelty.learn(x);
    // Points inside a young event train nothing (an incident is neither absorbed nor reported on the wrong side
    // when it ends); after `adaptAfterPoints` points of one event training resumes (a lasting shift becomes the
    // new normal).
    if (eventSide !== 0 && eventLength <= adaptAfter) {
      continue;
    }
    // Other points train the expected value and the trailing band through a clip (robust smoothing): a residual
    // moves them at most as far as the band's half-width, so one wild point that was not flagged neither drags
    // the expected value nor shifts the trailing mean, while a lasting shift is still followed, a half-width per
    // point, and fully once `adaptAfterPoints` points in a row were clipped. The calibrations learn the residual
    // and the trailing deviation as they were: how often this series makes such moves is what they measure.
    let xTrain = x;
    const clip = half === half && clippedRun < adaptAfter;
    clippedRun = half === half && Math.abs(resid) > half ? clippedRun + 1 : 0;
    if (resid === resid) {
      const r = clip ? Math.max(-half, Math.min(half, resid)) : resid;
      residualCal.learn(resid);
      xTrain = f + r;
    }
    if (bandZ === bandZ) {
      bandCal.learn(bandZ);
    }
    // The profile learns like the forecast, through a clip at the band's half-width; its calibration learns the
    // residual as it was.
    if (profile) {
      if (pResid === pResid) {
        profileCal.learn(pResid);
        profile[ph] += PROFILE_RATE * (half === half ? Math.max(-half, Math.min(half, pResid)) : pResid);
      } else {
        profile[ph] = x;
      }
    }
    // Forecast update (additive season, no trend).
    if (seasonReady) {
      errSeasonal += Math.abs(xTrain - fSeasonal);
      errPlain += Math.abs(xTrain - plainLevel);
      if (++checked === season) {
        seasonOn = errSeasonal < errPlain;
        errSeasonal = 0;
        errPlain = 0;
        checked = 0;
      }
    }
    plainLevel = plainLevel !== plainLevel ? xTrain : alpha * xTrain + (1 - alpha) * plainLevel;
    if (level !== level) {
      level = xTrain;
    } else {
      const sPrev = seasonal && seasonReady ? seasonal[ph] : 0;
      const newLevel = alpha * (xTrain - sPrev) + (1 - alpha) * level;
      if (seasonal && seasonReady) {
        seasonal[ph] = gamma * (xTrain - newLevel) + (1 - gamma) * sPrev;
      }
      level = newLevel;
    }
    if (seasonal && firstSeason && !seasonReady) {
      if (firstSeason[ph] !== firstSeason[ph]) {
        firstSeason[ph] = xTrain;
        seasonSeen++;
      }
      if (seasonSeen === season) {
        let mean = 0;
        for (let i = 0; i < season; i++) {
          mean += firstSeason[i];
        }
        mean /= season;
        for (let i = 0; i < season; i++) {
          seasonal[i] = firstSeason[i] - mean;
        }
        seasonReady = true;
      }
    }
    // Trailing band update.
    if (shift !== shift) {
      shift = xTrain;
    }
    if (ringLen === window) {
      const old = ring[ringHead] - shift;
      s1 -= old;
      s2 -= old * old;
    } else {
      ringLen++;
    }
    ring[ringHead] = xTrain;
    ringHead = ringHead + 1 === window ? 0 : ringHead + 1;
    s1 += xTrain - shift;
    s2 += (xTrain - shift) * (xTrain - shift);
    if (++sinceRecompute >= window) {
      // Re-sum now and then so rounding from the running removals cannot build up.
      sinceRecompute = 0;
      s1 = 0;
      s2 = 0;
      for (let i = 0; i < ringLen; i++) {
        const d = ring[i] - shift;
        s1 += d;
        s2 += d * d;
      }
    }
    // Old candidates beyond the suppression span only matter for the repeat count; keep that list bounded.
    if (candRow.length > 4096) {
      candRow.splice(0, 2048);
      candSurprise.splice(0, 2048);
    }
  }
  Object.assign(st, {
    seasonReady,
    seasonSeen,
    level,
    plainLevel,
    seasonOn,
    errSeasonal,
    errPlain,
    checked,
    phase,
    ringLen,
    ringHead,
    shift,
    s1,
    s2,
    sinceRecompute,
    learned,
    neverNegative,
    eventSide,
    eventLength,
    eventFlags,
    runSurprise,
    runSide,
    clippedRun,
  });
}

/** Standard normal CDF via the complementary error function (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
function normalCdfApprox(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
    Math.exp(-x * x);
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}
