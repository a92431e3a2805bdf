/**
 * One line of help per query option, shown as the field's tooltip in the query editor. The full text of each is in
 * docs/query-options.md; keep the two in step.
 */
import type { BandMethod, LensOutput } from '../../shared/queryModel';
import type { LensQueryType } from '../../shared/queryTypes';

export const QUERY_TYPE_HELP: Record<LensQueryType, string> = {
  analysis: 'The series with bands, flags, scores, forecasts and more, per the outputs you pick',
  correlations: 'Rank the series of this query by how they move with a target series over a window',
  anomalyWindows: 'The flagged windows as a table: what annotations and the preview use',
  backtest: 'Would an alert on this query have fired over the range? Firings, per day, and precision/recall against incidents',
};

export const OUTPUT_HELP: Record<LensOutput, string> = {
  raw: 'The upstream series itself',
  band: 'Expected value with lower and upper band',
  score: 'Deviation from expected in σ units',
  flag: '+1 above the band, −1 below, 0 inside',
  fractionAnomalous: 'Share of flagged points over the fraction window',
  forecast: 'Forecast with interval past the end of the range',
  timeToThreshold: 'Seconds until the trend crosses the threshold',
  outliers: 'Peer outliers across this query’s series',
  decomposition: 'STL trend, seasonal and remainder',
  change: 'Percent change, speed and acceleration',
};

export const METHOD_HELP: Record<BandMethod, string> = {
  auto: 'Calibrated, event-aware: forecast residual, trailing band and level novelty against the series’ own history (default)',
  forecast: 'Holt–Winters one-step prediction ± k·σ',
  seasonal: 'Same time in past seasons ± k·robust σ; needs one season of history',
  stl: 'Robust STL trend + seasonal ± k·MAD of the remainder; needs two seasons',
  moving: 'Trailing mean ± k·σ over the moving window; cheapest',
};

export const FIELD_HELP = {
  sensitivity:
    'Band half-width and flag threshold in σ units, (0, 20]; lower flags more. Default 3 (auto: 1, a corrected σ-equivalent)',
  direction: 'Which deviations count',
  seasonality: '"auto" detects hourly/daily/weekly; "none"; or lengths such as "1d, 1w"',
  history: 'Training history before the visible range: "auto" or a duration such as "7d"',
  movingWindow: 'Window of the moving band (and of the fallback band). Default 1h',
  minDuration: 'Shortest anomaly kept; shorter runs are not flagged. Default one step',
  fractionWindow: 'Window of the fraction-anomalous output. Default 15m',
  exclusionTags: 'Annotations with these tags are left out of training (maintenance, incidents)',
  forecastHorizon: 'How far past the end of the range to forecast. Default 1h',
  forecastLevel: 'Prediction interval coverage in (0, 1). Default 0.95',
  forecastModel: 'auto: trend from now, seasonal or their median, whichever had the smallest backtest error',
  thresholdValue: 'The level whose crossing is forecast, in the series’ unit',
  thresholdDirection: 'Crossing upward (above) or downward (below)',
  thresholdWindow: 'Trailing window the trend is fitted on. Default 1h',
  outlierAlgorithm: 'mad: median/MAD per step; dbscan: density clusters; zscore: mean/σ per step',
  outlierSensitivity: '0–1, higher flags more. Default 0.5',
  outlierPercent: 'A series is an outlier when flagged in at least this % of steps. Default 0',
  changeWindow: 'Percent change against the value this long before. Default 5m',
  target: 'Upstream query of the anomalous series; the first series is used',
  windowFrom:
    'Start of the anomaly window: epoch ms, ISO time or a variable such as $anomaly_from; empty = range start',
  windowTo: 'End of the anomaly window; empty = range end',
  context:
    'Baseline before the window: changes are measured against it (comovement and dtw also correlate it). Default auto (as long as the window, at least 60 steps)',
  correlationRank:
    'cause (default): change against the baseline + moving with the target inside the window + moving first; comovement: |r| only; dtw: shape distance',
  correlationFamily:
    "apart (default) ranks the target's own quantiles/buckets after the rest; mixed ranks them together",
  correlationMethod: 'pearson on values, or spearman on ranks (robust to outliers)',
  preprocess: 'difference (default) or detrend removes shared trends; none keeps them',
  maxLag: 'Largest lead or lag searched, both ways, e.g. 5m. Default 0s',
  limit: 'Ranked rows returned (1–10,000). Default 1000',
  overlays: 'Best candidates that also get an overlay series (0–100). Default 20',
  serviceGraph:
    'Call graph that ranks a failing service before its callers: auto (Prometheus traces_service_graph_request_total), off, or a query whose series carry client and server labels',
  serviceLabel: "Label naming a candidate's service in the graph: auto (service, service_name or job) or a label name",
} as const;
