/**
 * The title and explanation of one anomaly window, in words and human units: what was observed at the peak
 * against what was expected and the band, the deviation in σ, the method actually used (after any fallback) and
 * the model part the deviation is measured against. Our own wording (docs/query-options.md, "Anomaly windows").
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
}

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
  const component = f.component ? `, deviation measured against the ${f.component}` : '';
  return (
    `${f.direction > 0 ? 'Above' : 'Below'} the expected range for ${formatDuration(f.endMs - f.startMs)} ` +
    `(${time(f.startMs)} to ${time(f.endMs)}). ` +
    `Peak at ${time(f.peakMs)}: observed ${formatValue(f.value, f.unit)}, expected ${formatValue(f.expected, f.unit)} ` +
    `(${band(f)}), ${sigma}. ${method}${component}.`
  );
}
