/**
 * The kinds of query the data source answers (`DataQuery.queryType`) and the frame shapes of the two that are not
 * plain analysis time series. Shared by the backend (which writes these frames), the correlations panel and the
 * data source's annotation support (which read them). Our own conventions; documented in docs/query-options.md.
 */

/**
 * - `analysis` (also the empty string and absent): the upstream series with the requested `outputs`.
 * - `correlations`: rank the series of `expr` (candidates) by how they move with `correlate.target` over a window.
 * - `anomalyWindows`: the flagged runs of the analysis as one table frame, one row per window, with its
 *   explanation; what annotation queries and the editor's preview use.
 * - `backtest`: replay the analysis as an alert rule over the query's range, per variant: a summary table
 *   (BACKTEST_SUMMARY_FRAME), firings per day (BACKTEST_DAILY_FRAME) and the firings of each variant
 *   (BACKTEST_WINDOW_FRAME); docs/backtest.md.
 */
export type LensQueryType = 'analysis' | 'correlations' | 'anomalyWindows' | 'backtest';
export const LENS_QUERY_TYPES: readonly LensQueryType[] = ['analysis', 'correlations', 'anomalyWindows', 'backtest'];
export const DEFAULT_QUERY_TYPE: LensQueryType = 'analysis';

/** Table frame of a `correlations` query: one row per ranked candidate, best first. */
export const CORRELATION_FRAME = {
  name: 'correlations',
  fields: {
    /** 1-based rank (number). */
    rank: 'rank',
    /** Display name of the candidate series (string). */
    series: 'series',
    /** The candidate's labels as a PromQL-style set `{a="b", c="d"}` (string). */
    labels: 'labels',
    /** Correlation at the best lag, −1…1; null when undefined (constant or too little data). */
    score: 'score',
    /** Best lag in seconds; > 0 means the candidate moves first (leads the target). */
    lagSeconds: 'lag_seconds',
    /** `with` (moves with the target), `against`, or empty when the score is undefined (string). */
    direction: 'direction',
    /** Complete point pairs behind the score (number). */
    overlap: 'overlap',
    /** Upstream query that shows this one candidate, for the row's Explore link (string). */
    exploreExpr: 'explore_expr',
    // Added with the root-cause ranking; older readers ignore them. The rows are ordered by `causeScore`.
    /** Combined score the rows are ranked by (number; docs/algorithms/correlation.md). */
    causeScore: 'cause_score',
    /** Robust z of the window against the candidate's baseline (number; null without a baseline). */
    change: 'change',
    /** The candidate crossed its onset threshold no later than the target (number 1/0). */
    leads: 'leads',
    /** Significance against chance, 0…1 (number). */
    pValue: 'p_value',
    /** Passes the false-discovery control; rows that do not are shown muted (number 1/0). */
    significant: 'significant',
    /** Series of the target's own metric family (same name, other quantile/le), ranked apart (number 1/0). */
    family: 'family',
    // Added with the service-graph ordering; older readers ignore it.
    /** The callee (a service) that shows the same change and was ranked before this row's service in its stead,
     * by the service call graph; empty when the row was not moved (string). */
    explainedBy: 'explained_by',
    // Added with the corroboration by service; older readers ignore it.
    /** What the other measurements of the row's service added to its cause score (number; 0 without a service). */
    corroboration: 'corroboration',
  },
} as const;

/**
 * Overlay frames of a `correlations` query: time series (one time field, one value field named `value`) over the
 * analysed range (window plus context), raw upstream values. The value field's labels carry the upstream labels
 * plus `OVERLAY_ROLE_LABEL` and, for candidates, `OVERLAY_RANK_LABEL` (the rank as a decimal string).
 */
export const OVERLAY_ROLE_LABEL = 'lens_output';
export const OVERLAY_ROLES = { target: 'correlation_target', candidate: 'correlation_candidate' } as const;
export const OVERLAY_RANK_LABEL = 'lens_rank';

/**
 * The field names Grafana maps to annotations by default, which the window frames below start with: start
 * `time` and end `timeEnd` (times), a one-line `title`, the explaining `text` and comma-separated `tags` (strings).
 */
const ANNOTATION_FIELDS = {
  time: 'time',
  timeEnd: 'timeEnd',
  title: 'title',
  text: 'text',
  tags: 'tags',
} as const;

/**
 * Table frame of an `anomalyWindows` query, one row per window, in the annotation field names: `time` the window's
 * start; `timeEnd` the last flagged point's time plus one step; `title` "<series> above its band"; `text` peak
 * value vs expected and band, deviation in σ, method and component; `tags` `anomaly`, `above`/`below`, the method.
 */
export const ANOMALY_WINDOW_FRAME = {
  name: 'anomaly_windows',
  fields: {
    ...ANNOTATION_FIELDS,
    /** Display name of the series (string). */
    series: 'series',
    /** Peak signed score in σ units within the window (number). */
    score: 'score',
    /** Observed and expected value at the peak (numbers). */
    value: 'value',
    expected: 'expected',
  },
} as const;

/** Table frame of a `backtest` query: one row per variant, in the order of `backtest.variants`. */
export const BACKTEST_SUMMARY_FRAME = {
  name: 'backtest',
  fields: {
    /** The variant's name (string). */
    variant: 'variant',
    /** What the variant changes, e.g. `sensitivity 2, flags.minDuration 5m`; `as saved` for none (string). */
    settings: 'settings',
    /** Firings over the range, all series (number). */
    fired: 'fired',
    /** Firings per day: fired / days of the range (number). */
    firedPerDay: 'fired_per_day',
    /** Share of the range the rule was firing, averaged over the series, 0–1 (number). */
    firingShare: 'firing_share',
    /** Known incidents in the range, and how many had a firing that counts (numbers). */
    incidents: 'incidents',
    caught: 'caught',
    /** Firings that count for an incident / all firings; null without firings (number). */
    precision: 'precision',
    /** Caught / incidents; null without incidents (number). */
    recall: 'recall',
    /** Median over caught incidents of first counting firing − incident start, seconds; < 0 is early (number). */
    medianDelaySeconds: 'median_delay_seconds',
  },
} as const;

/**
 * Firings per UTC day of a `backtest` query: a time field (midnight UTC of each day) and one number field per
 * variant, named after the variant.
 */
export const BACKTEST_DAILY_FRAME = { name: 'backtest_daily', time: 'time' } as const;

/**
 * Firings of one variant of a `backtest` query (one frame per variant, named `backtest_windows` with the
 * variant's name in `meta.custom.variant`), in the annotation field names: `time` when the rule started firing;
 * `timeEnd` when it resolved, or the end of the range if still firing; `title` "<series> would have fired
 * (<variant>)"; `text` peak value vs expected and σ within the firing, and the incident it counts for; `tags`
 * `backtest`, the variant, `incident` or `false-alarm`.
 */
export const BACKTEST_WINDOW_FRAME = {
  name: 'backtest_windows',
  fields: {
    ...ANNOTATION_FIELDS,
    series: 'series',
    variant: 'variant',
    /** Label of the incident the firing counts for, empty for a false alarm (string). */
    incident: 'incident',
    /** Peak signed score in σ units within the firing, and observed/expected value at the peak (numbers). */
    score: 'score',
    value: 'value',
    expected: 'expected',
  },
} as const;
