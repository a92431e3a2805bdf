/**
 * The title and explanation of one anomaly window, in words and human units: what was observed at the peak
 * against what was expected and the band, the deviation in σ, the method actually used (after any fallback) and
 * the model part the deviation is measured against. When the peak was measured against the value this point of the
 * season usually shows rather than the expected value (the auto detector's same-phase signal), the sentence leads
 * with that value: the expected value may already have followed the departure ("observed 20, expected 21, −4.1σ"
 * would not say why it flagged). Our own wording (docs/query-options.md, "Anomaly windows").
 */
import { formatDuration } from '../../shared/parseDuration';
import { formatValue } from '../frames/formatValue';

export interface WindowFacts {
  series: string;
  unit?: string;
  direction: 1 | -1;
  startMs: number;
  /** Last flagged point plus one step. */
  endMs: number;
  peakMs: number;
  value: number;
  expected: number;
  lower: number;
  upper: number;
  /** Signed deviation in σ units. */
  score: number;
  /** Method used, requested method (differs after a fallback) and the component measured against. */
  method: string;
  requestedMethod: string;
  component?: string;
  /**
   * What the peak's deviation was measured against when that was not `expected`: the value this point of the season
   * usually shows (method auto, where its same-phase signal carried the peak). Absent or NaN: against `expected`.
   */
  usual?: number;
  /**
   * Which of the auto detector's signals carried the peak (autoDetect's `signal`): 0 the forecast, 1 the range of
   * recent values, 2 the usual value (see `usual`). It names what the deviation was measured against; absent or NaN
   * (other methods): `component`.
   */
  signal?: number;
}

/**
 * What each of autoDetect's signals measures the value against. The forecast is named as such rather than by the
 * series' component, which says whether the season was used at the last point, not at the peak.
 */
const SIGNAL_AGAINST: Record<number, string> = { 0: 'forecast', 1: 'range of recent values' };

const METHOD_NAMES: Record<string, string> = {
  auto: 'calibrated auto detector',
  moving: 'moving average',
  seasonal: 'seasonal median',
  stl: 'STL',
  forecast: 'Holt–Winters forecast',
};

/** ISO-8601 in UTC; beyond the Date range (±8.64e15 ms, reachable with a huge query range) the raw epoch ms. */
function time(ms: number): string {
  return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString().replace('.000Z', 'Z') : `${ms} ms since the epoch`;
}

function band(f: WindowFacts): string {
  const lo = Number.isFinite(f.lower);
  const hi = Number.isFinite(f.upper);
  if (lo && hi) {
    return `band ${formatValue(f.lower, f.unit)} to ${formatValue(f.upper, f.unit)}`;
  }
  if (hi) {
    return `band up to ${formatValue(f.upper, f.unit)}`;
  }
  if (lo) {
    return `band from ${formatValue(f.lower, f.unit)}`;
  }
  return 'no band';
}

export function windowTitle(f: Pick<WindowFacts, 'series' | 'direction'>): string {
  return `${f.series} ${f.direction > 0 ? 'above' : 'below'} its band`;
}

export function explainWindow(f: WindowFacts): string {
  const sigma = Number.isFinite(f.score)
    ? `${f.score >= 0 ? '+' : '−'}${Math.abs(f.score).toFixed(1)}σ`
    : 'an undefined σ';
  const name = METHOD_NAMES[f.method] ?? f.method;
  const method =
    f.method === f.requestedMethod
      ? `Method: ${name}`
      : `Method: ${name} (fallback: ${METHOD_NAMES[f.requestedMethod] ?? f.requestedMethod} could not be used here)`;
  const usual = f.usual !== undefined && Number.isFinite(f.usual);
  const against = usual ? 'usual value at this point of the season' : (SIGNAL_AGAINST[f.signal!] ?? f.component);
  const component = against ? `, deviation measured against the ${against}` : '';
  const compared = usual
    ? `usually ${formatValue(f.usual!, f.unit)} at this time of the season ` +
      `(forecast ${formatValue(f.expected, f.unit)}, ${band(f)})`
    : `expected ${formatValue(f.expected, f.unit)} (${band(f)})`;
  return (
    `${f.direction > 0 ? 'Above' : 'Below'} the expected range for ${formatDuration(f.endMs - f.startMs)} ` +
    `(${time(f.startMs)} to ${time(f.endMs)}). ` +
    `Peak at ${time(f.peakMs)}: observed ${formatValue(f.value, f.unit)}, ${compared}, ${sigma}. ${method}${component}.`
  );
}
