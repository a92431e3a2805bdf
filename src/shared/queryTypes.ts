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
 */
export type LensQueryType = 'analysis' | 'correlations' | 'anomalyWindows';
export const LENS_QUERY_TYPES: readonly LensQueryType[] = ['analysis', 'correlations', 'anomalyWindows'];
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

/** Table frame of an `anomalyWindows` query, in the field names Grafana maps to annotations by default. */
export const ANOMALY_WINDOW_FRAME = {
  name: 'anomaly_windows',
  fields: {
    /** Window start (time). */
    time: 'time',
    /** Window end (time): the last flagged point's time plus one step. */
    timeEnd: 'timeEnd',
    /** One line: "<series> above its band" (string). */
    title: 'title',
    /** The explanation: peak value vs expected and band, deviation in σ, method and component (string). */
    text: 'text',
    /** Comma-separated tags: `anomaly`, `above`/`below`, the method (string). */
    tags: 'tags',
    /** Display name of the series (string). */
    series: 'series',
    /** Peak signed score in σ units within the window (number). */
    score: 'score',
    /** Observed and expected value at the peak (numbers). */
    value: 'value',
    expected: 'expected',
  },
} as const;
