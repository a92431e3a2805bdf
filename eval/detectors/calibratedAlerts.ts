/**
 * Turns per-row raw anomaly magnitudes (e.g. |σ-score| of a band, one or more signals per row) into NAB
 * scores the way `seasonalRankDetector` does (harness-side, our own): each signal is calibrated by its own
 * history (`empiricalSurprise`), the largest surprise s is kept, s/(1 + s) maps it into [0, 1), rows in the
 * probationary period score 0, and `suppressRepeats` keeps one alert per event. Causal: row t's output
 * depends on rows ≤ t of the inputs only.
 */
import { empiricalSurprise } from './empiricalSurprise';
import { suppressRepeats } from './suppressRepeats';

export interface CalibratedAlertsOptions {
  probationaryLength: number;
  /** Rows in the file; sizes the suppression span. */
  length: number;
  /** Suppression span as a fraction of the file. Default 0.1. */
  suppressFraction?: number;
}

/** `signals[k][t]` is signal k at row t; NaN means "no opinion" for that row. */
export function calibratedAlerts(
  signals: ReadonlyArray<ArrayLike<number>>,
  options: CalibratedAlertsOptions
): Float64Array {
  const n = signals.length ? signals[0].length : 0;
  if (signals.some((s) => s.length !== n)) {
    throw new Error('calibratedAlerts: signals must have equal lengths');
  }
  const cals = signals.map(() => empiricalSurprise());
  const suppress = suppressRepeats(Math.max(1, Math.round((options.suppressFraction ?? 0.1) * options.length)), 0);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let k = 0; k < signals.length; k++) {
      const v = signals[k][t];
      if (v === v) {
        s = Math.max(s, cals[k].update(Math.abs(v)));
      }
    }
    out[t] = suppress.update(t < options.probationaryLength ? 0 : s / (1 + s));
  }
  return out;
}
