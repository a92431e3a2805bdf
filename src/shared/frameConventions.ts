/**
 * Names the backend gives the fields and labels of its frames, so panels, the editor and alert rules can rely on
 * them. Our own conventions (documented for users in docs/query-options.md, "Frames and labels").
 *
 * - Every frame is dataplane `timeseries-multi` v0.1: one time field and one float64 value field.
 * - The value field carries the upstream series' labels. When a query asks for more than one value per series
 *   (e.g. `band` gives three), each value field also carries `OUTPUT_LABEL` naming which one it is, so label sets
 *   stay unique per refId. With a single one-field output (`flag`, `score`, `raw`, …) the label is absent and an
 *   alert instance carries exactly the upstream labels: write one output per alert query.
 * - Field names are the `OUTPUT_FIELDS` values below (the `raw` field keeps the metric name, or `value`).
 */
import type { LensOutput } from './queryModel';

/** Label that tells apart the value fields of one series when a query returns several. */
export const OUTPUT_LABEL = 'lens_output';

/** Field names (and OUTPUT_LABEL values) per output. */
export const OUTPUT_FIELDS = {
  raw: 'value',
  expected: 'expected',
  lower: 'lower',
  upper: 'upper',
  score: 'score',
  flag: 'flag',
  fractionAnomalous: 'fraction_anomalous',
  forecast: 'forecast',
  forecastLower: 'forecast_lower',
  forecastUpper: 'forecast_upper',
  timeToThreshold: 'time_to_threshold',
  outlier: 'outlier',
  outlierScore: 'outlier_score',
  trend: 'trend',
  seasonal: 'seasonal',
  remainder: 'remainder',
  percentChange: 'percent_change',
  speed: 'speed',
  acceleration: 'acceleration',
} as const;

export type OutputField = (typeof OUTPUT_FIELDS)[keyof typeof OUTPUT_FIELDS];

/** The value fields each output adds per series, in frame order. */
export const FIELDS_OF_OUTPUT: Readonly<Record<LensOutput, readonly OutputField[]>> = {
  raw: [OUTPUT_FIELDS.raw],
  band: [OUTPUT_FIELDS.expected, OUTPUT_FIELDS.lower, OUTPUT_FIELDS.upper],
  score: [OUTPUT_FIELDS.score],
  flag: [OUTPUT_FIELDS.flag],
  fractionAnomalous: [OUTPUT_FIELDS.fractionAnomalous],
  forecast: [OUTPUT_FIELDS.forecast, OUTPUT_FIELDS.forecastLower, OUTPUT_FIELDS.forecastUpper],
  timeToThreshold: [OUTPUT_FIELDS.timeToThreshold],
  outliers: [OUTPUT_FIELDS.outlier, OUTPUT_FIELDS.outlierScore],
  decomposition: [OUTPUT_FIELDS.trend, OUTPUT_FIELDS.seasonal, OUTPUT_FIELDS.remainder],
  change: [OUTPUT_FIELDS.percentChange, OUTPUT_FIELDS.speed, OUTPUT_FIELDS.acceleration],
};

/** True when the outputs give more than one value field per series, i.e. when OUTPUT_LABEL is added. */
export function needsOutputLabel(outputs: readonly LensOutput[]): boolean {
  return outputs.reduce((n, o) => n + FIELDS_OF_OUTPUT[o].length, 0) > 1;
}

/**
 * `meta.custom` of every analysis frame: how the values were obtained, for tooltips, the query inspector and
 * alert annotations (numbers live in the fields; this holds what is constant per series).
 */
export interface LensFrameCustomMeta {
  /** Which output and field this frame carries. */
  output: LensOutput;
  field: OutputField;
  /** Band method actually used (after any fallback) and the model part deviations are measured against. */
  method?: string;
  component?: string;
  /** Season lengths used, in ms (empty when none). */
  periodsMs?: number[];
  /** Band half-width / flag threshold in σ units. */
  sensitivity?: number;
  /** Points of history used before the visible range. */
  trainingPoints?: number;
}
