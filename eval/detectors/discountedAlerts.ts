/**
 * Like `calibratedAlerts` (harness-side, our own), with one more step that discounts alerts a file has
 * already raised at a similar level. For each row:
 *  1. each raw signal |x| is calibrated by its own history (`empiricalSurprise`, −log10 of the empirical
 *     tail probability), and the largest surprise s is kept (rows in probation score 0). Optional context
 *     signals (`contextSignals`, e.g. `contextualSurprise`) are calibrated the same way and *added* with
 *     weight `contextWeight`: s = max_k s_k + w·Σ_j c_j. Added, not maxed, because a context signal is coarse
 *     (a few levels, many ties) and says "this step is new", not "this value is large": it should lift a
 *     large deviation that is also new above one the file has made before; alone it reaches at most
 *     w·log10(t + 1) (as a third signal in the max it changed nothing; EVALUATION.md);
 *  2. suppression: s becomes an alert candidate only when it beats every candidate of the last
 *     `suppressFraction` of the file, so one event makes one candidate;
 *  3. repeat discount: with k earlier candidates whose surprise was ≥ s − `repeatMargin`, the score is
 *     s − `repeatPenalty`·log10(1 + k). A file that has already raised k alerts about as rare as this one
 *     (periodic spikes, bursty counts) is noisy at this level, so its next one is less news; a file's
 *     first alert keeps its full surprise. Rank surprise saturates at log10(t) for any new record, so
 *     "about as rare" also covers records larger than earlier ones. Recurring spikes on
 *     realAWSCloudwatch and realTweets were most of calibratedAlerts' false positives (EVALUATION.md).
 *  4. history correction (optional, `historyWeight` w): the score also loses w·log10(t + 1). The surprise of
 *     a new record at row t is log10(t + 1), so it grows with the history a file has built up, whether or
 *     not the series is noisy: long, bursty files (realTweets, 16 k rows) reach surprises short files
 *     (realAdExchange, 1.6 k rows) never can, and one corpus-wide threshold then sits too high for the
 *     short files and too low for the long ones. Charging (t + 1)^w effective tests to the p-value
 *     (a partial, Bonferroni-style multiple-testing correction; w = 1 would make every record equal) puts
 *     files of different lengths on a more equal footing. It is monotone in the surprise at a given row,
 *     so it changes no candidate, only how candidates of different rows and files compare.
 *  5. y/(1 + y) maps the result (floored at 0) into [0, 1); rows that are not candidates score 0.
 * Causal: row t's output depends on rows ≤ t of the inputs only. NaN in a signal means "no opinion".
 */
import { empiricalSurprise } from './empiricalSurprise';

export interface DiscountedAlertsOptions {
  probationaryLength: number;
  /** Rows in the file; sizes the suppression span. */
  length: number;
  /** Suppression span as a fraction of the file. Default 0.1. */
  suppressFraction?: number;
  /** Weight of the repeat discount, in surprise units (log10) per decade of repeats. Default 0.5. */
  repeatPenalty?: number;
  /** An earlier candidate counts as a repeat when its surprise is ≥ s − repeatMargin. Default 1 (10× rarer). */
  repeatMargin?: number;
  /** Weight w of the history correction −w·log10(t + 1) (step 4). Default 0 (off). */
  historyWeight?: number;
  /**
   * Per-signal calibrator of |x| into a surprise (−log10 tail probability from the signal's own past).
   * Default `empiricalSurprise`; `spotSurprise` is the extreme-value alternative.
   */
  calibrator?: () => { update(raw: number): number };
  /** Signals whose calibrated surprises are added to the largest main one (step 1). Default none. */
  contextSignals?: ReadonlyArray<ArrayLike<number>>;
  /** Weight w of the context signals' surprises (step 1). Default 0. */
  contextWeight?: number;
}

export function discountedAlerts(
  signals: ReadonlyArray<ArrayLike<number>>,
  options: DiscountedAlertsOptions
): Float64Array {
  const n = signals.length ? signals[0].length : 0;
  const contextSignals = options.contextSignals ?? [];
  if (signals.some((s) => s.length !== n) || contextSignals.some((s) => s.length !== n)) {
    throw new Error('discountedAlerts: signals must have equal lengths');
  }
  const contextWeight = options.contextWeight ?? 0;
  const span = Math.max(1, Math.round((options.suppressFraction ?? 0.1) * options.length));
  const penalty = options.repeatPenalty ?? 0.5;
  const margin = options.repeatMargin ?? 1;
  const historyWeight = options.historyWeight ?? 0;
  const makeCalibrator = options.calibrator ?? empiricalSurprise;
  const cals = signals.map(() => makeCalibrator());
  const contextCals = contextSignals.map(() => makeCalibrator());
  const candidateRows: number[] = [];
  const candidateSurprise: number[] = [];
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let k = 0; k < signals.length; k++) {
      const v = signals[k][t];
      if (v === v) {
        s = Math.max(s, cals[k].update(Math.abs(v)));
      }
    }
    for (let k = 0; k < contextSignals.length; k++) {
      const v = contextSignals[k][t];
      if (v === v) {
        s += contextWeight * contextCals[k].update(Math.abs(v));
      }
    }
    if (t < options.probationaryLength || !(s > 0)) {
      continue;
    }
    let bar = 0;
    for (let j = candidateRows.length - 1; j >= 0 && t - candidateRows[j] <= span; j--) {
      bar = Math.max(bar, candidateSurprise[j]);
    }
    if (!(s > bar)) {
      continue;
    }
    let repeats = 0;
    for (const e of candidateSurprise) {
      if (e >= s - margin) {
        repeats++;
      }
    }
    candidateRows.push(t);
    candidateSurprise.push(s);
    const y = Math.max(0, s - penalty * Math.log10(1 + repeats) - historyWeight * Math.log10(t + 1));
    out[t] = y / (1 + y);
  }
  return out;
}
