/**
 * Harness detector for NAB (our own; not product code): the best of the simple causal detectors we tried
 * (EVALUATION.md lists the others). For each row:
 *  1. two raw signals: |z| of the value against the trailing `window` values, and |z| of the daily
 *     difference x_t − x_{t−d} (d = one day in rows, from the first timestamp step) against the trailing
 *     `window` differences — the second catches breaks of a daily pattern that stay inside the value range;
 *  2. each is calibrated by its own history (empiricalSurprise) and the larger surprise s is kept;
 *  3. s/(1 + s) maps it into [0, 1); rows inside the probationary period score 0;
 *  4. suppressRepeats keeps a score only when it beats everything emitted in the last `suppressFraction`
 *     of the file, so one event raises one alert whatever threshold the optimiser picks.
 * The file length is used only to size the suppression span, as NAB detectors may use the probationary length.
 */
import { empiricalSurprise } from './empiricalSurprise';
import { rollingZ } from './rollingZ';
import { StreamingDetector } from './streamingDetector';
import { suppressRepeats } from './suppressRepeats';

export interface SeasonalRankDetectorOptions {
  /** Probationary rows (scored 0). */
  probationaryLength: number;
  /** Rows in the file; sizes the suppression span. */
  length: number;
  /** Trailing window for the z-scores (rows). Default 4000. */
  window?: number;
  /** Suppression span as a fraction of the file. Default 0.1. */
  suppressFraction?: number;
  /** Season length in ms. Default one day. */
  seasonMs?: number;
}

export function seasonalRankDetector(options: SeasonalRankDetectorOptions): StreamingDetector {
  const window = options.window ?? 4000;
  const valueZ = rollingZ(window);
  const diffZ = rollingZ(window);
  const valueCal = empiricalSurprise();
  const diffCal = empiricalSurprise();
  const suppress = suppressRepeats(Math.max(1, Math.round((options.suppressFraction ?? 0.1) * options.length)), 0);
  const seasonMs = options.seasonMs ?? 86_400_000;
  const history: number[] = [];
  let lag = 0;
  let firstTs = NaN;
  let t = 0;
  return {
    update(value: number, timestamp: number): number {
      if (t === 1) {
        lag = Math.max(1, Math.round(seasonMs / Math.max(1, timestamp - firstTs)));
      }
      firstTs = t === 0 ? timestamp : firstTs;
      let s = 0;
      if (value === value) {
        if (lag > 0 && history.length >= lag) {
          const d = value - history[history.length - lag];
          s = diffCal.update(Math.abs(diffZ.z(d)));
          diffZ.push(d);
        }
        s = Math.max(s, valueCal.update(Math.abs(valueZ.z(value))));
        valueZ.push(value);
      }
      history.push(value === value ? value : history.length ? history[history.length - 1] : 0);
      if (history.length > lag + 8 && lag > 0) {
        history.splice(0, history.length - lag - 1);
      }
      const out = t < options.probationaryLength ? 0 : s / (1 + s);
      t++;
      return suppress.update(out);
    },
  };
}
