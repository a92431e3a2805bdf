/**
 * Checks the version-2 analysis options of a (migrated) query and resolves their defaults. Shared by the backend
 * (which rejects an invalid query with this message, status 400) and the editor (which can show it beside the
 * field). Our own code. Every message starts with the field path and says what is allowed, e.g.
 * `sensitivity must be a number in (0, 20], got "high"`.
 *
 * Defaults and bounds are the ones in docs/query-options.md; keep the two in step.
 */
import { DurationError, parseDuration } from './parseDuration';
import {
  BAND_METHODS,
  BAND_SOURCES,
  BandSource,
  BandMethod,
  CORRELATION_METHODS,
  CORRELATION_PREPROCESS,
  CorrelationMethod,
  CorrelationPreprocess,
  Direction,
  DIRECTIONS,
  FORECAST_MODELS,
  ForecastModel,
  LENS_OUTPUTS,
  LensOutput,
  LensQuery,
  OUTLIER_ALGORITHMS,
  OutlierAlgorithm,
} from './queryModel';
import { DEFAULT_QUERY_TYPE, LENS_QUERY_TYPES, LensQueryType } from './queryTypes';

export const QUERY_DEFAULTS = {
  outputs: ['raw', 'band'] as LensOutput[],
  method: 'auto' as BandMethod,
  sensitivity: 3,
  /** Default sensitivity of the `auto` method (its score is a corrected σ-equivalent; chosen on NAB half A). */
  autoSensitivity: 3.5,
  direction: 'both' as Direction,
  movingWindow: '1h',
  /** Seasons of training history fetched before the range when `history` is `auto`. */
  historySeasons: 3,
  fractionWindow: '15m',
  forecastHorizon: '1h',
  forecastLevel: 0.95,
  forecastModel: 'auto' as ForecastModel,
  thresholdWindow: '1h',
  outlierAlgorithm: 'mad' as OutlierAlgorithm,
  outlierSensitivity: 0.5,
  outlierPercentPoints: 0,
  changeWindow: '5m',
  correlateContext: '0s',
  correlateMethod: 'pearson' as CorrelationMethod,
  correlatePreprocess: 'difference' as CorrelationPreprocess,
  correlateMaxLag: '0s',
  correlateLimit: 1000,
  correlateOverlays: 20,
} as const;

export const QUERY_LIMITS = {
  maxSensitivity: 20,
  /** Longest training history (also bounded by the upstream's points-per-query limit at run time). */
  maxHistoryMs: 8 * 604_800_000,
  maxSeasonMs: 5 * 604_800_000,
  maxHorizonMs: 4 * 604_800_000,
  maxExclusions: 200,
  maxSeasons: 3,
  maxCorrelateLimit: 10_000,
  maxCorrelateOverlays: 100,
} as const;

export class QueryValidationError extends Error {
  constructor(
    /** Dotted path of the offending field, e.g. `forecast.level`. */
    readonly field: string,
    message: string
  ) {
    super(`${field} ${message}`);
    this.name = 'QueryValidationError';
  }
}

export type SeasonalitySetting = { mode: 'auto' } | { mode: 'none' } | { mode: 'explicit'; periodsMs: number[] };

export interface ExclusionRange {
  fromMs: number;
  toMs: number;
  label?: string;
}

/** `correlate` options resolved; the window is checked against the query range by the backend. */
export interface ResolvedCorrelate {
  /** Trimmed; absent only when the query type is not `correlations`. */
  target?: string;
  /** Absent → the whole query range. */
  window?: { fromMs: number; toMs: number };
  contextMs: number;
  method: CorrelationMethod;
  preprocess: CorrelationPreprocess;
  maxLagMs: number;
  limit: number;
  overlays: number;
}

/** Version-2 options with every default filled in and every duration in milliseconds. */
export interface ResolvedOptions {
  /** `analysis` for absent and empty. */
  queryType: LensQueryType;
  /** Distinct, in LENS_OUTPUTS order. */
  outputs: LensOutput[];
  method: BandMethod;
  seasonality: SeasonalitySetting;
  /** `auto` or a duration in ms (0 = none). */
  historyMs: number | 'auto';
  exclusions: ExclusionRange[];
  sensitivity: number;
  direction: Direction;
  movingWindowMs: number;
  flags: { minDurationMs: number; fractionWindowMs: number };
  forecast: { horizonMs: number; level: number; model: ForecastModel };
  threshold?: { value: number; direction: 'above' | 'below'; windowMs: number };
  outliers: { algorithm: OutlierAlgorithm; sensitivity: number; percentPoints: number };
  change: { windowMs: number };
  correlate: ResolvedCorrelate;
  /** `computed` unless the query asks to read recorded bands. */
  bandSource: BandSource;
}

function show(v: unknown): string {
  if (v === undefined) {
    return 'nothing';
  }
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? s.slice(0, 57) + '...' : s;
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function oneOf<T extends string>(field: string, v: unknown, allowed: readonly T[], fallback: T): T {
  if (!present(v)) {
    return fallback;
  }
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new QueryValidationError(field, `must be one of ${allowed.join(', ')}; got ${show(v)}`);
  }
  return v as T;
}

function duration(field: string, v: unknown, fallback: string, min: number, max: number): number {
  const text = present(v) ? v : fallback;
  if (typeof text !== 'string') {
    throw new QueryValidationError(field, `must be a duration text such as "5m", "1h" or "1d"; got ${show(v)}`);
  }
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch (e) {
    throw new QueryValidationError(field, (e as DurationError).message.replace(/^the duration/, 'is'));
  }
  if (ms < min || ms > max) {
    throw new QueryValidationError(field, `must lie between ${fmt(min)} and ${fmt(max)}; got ${show(text)}`);
  }
  return ms;
}

function fmt(ms: number): string {
  const units: Array<[number, string]> = [
    [604_800_000, 'w'],
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
    [1000, 's'],
  ];
  for (const [size, u] of units) {
    if (ms >= size && ms % size === 0) {
      return `${ms / size}${u}`;
    }
  }
  return `${ms}ms`;
}

function numberIn(
  field: string,
  v: unknown,
  fallback: number,
  lo: number,
  hi: number,
  openLo: boolean,
  openHi: boolean
): number {
  if (!present(v)) {
    return fallback;
  }
  const ok = typeof v === 'number' && Number.isFinite(v) && (openLo ? v > lo : v >= lo) && (openHi ? v < hi : v <= hi);
  if (!ok) {
    throw new QueryValidationError(
      field,
      `must be a number in ${openLo ? '(' : '['}${lo}, ${hi}${openHi ? ')' : ']'}; got ${show(v)}`
    );
  }
  return v as number;
}

function object(field: string, v: unknown): Record<string, unknown> {
  if (!present(v)) {
    return {};
  }
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new QueryValidationError(field, `must be an object; got ${show(v)}`);
  }
  return v as Record<string, unknown>;
}

function time(field: string, v: unknown): number {
  if (typeof v === 'number' && Number.isFinite(v)) {
    return v;
  }
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) {
    // Epoch ms as text: what the frontend's template interpolation makes of ${__from} and friends.
    const ms = Number(v);
    if (Number.isFinite(ms)) {
      return ms;
    }
  }
  if (typeof v === 'string' && v.trim() !== '') {
    const ms = Date.parse(v);
    if (Number.isFinite(ms)) {
      return ms;
    }
  }
  throw new QueryValidationError(
    field,
    `must be epoch milliseconds (a number or its text) or an ISO-8601 time such as "2024-01-01T00:00:00Z"; ` +
      `got ${show(v)}`
  );
}

function outputsOf(v: unknown): LensOutput[] {
  if (!present(v)) {
    return [...QUERY_DEFAULTS.outputs];
  }
  if (!Array.isArray(v) || v.length === 0) {
    throw new QueryValidationError(
      'outputs',
      `must be a non-empty list drawn from ${LENS_OUTPUTS.join(', ')}; got ${show(v)}`
    );
  }
  for (const o of v) {
    if (typeof o !== 'string' || !(LENS_OUTPUTS as readonly string[]).includes(o)) {
      throw new QueryValidationError('outputs', `may only contain ${LENS_OUTPUTS.join(', ')}; got ${show(o)}`);
    }
  }
  return LENS_OUTPUTS.filter((o) => v.includes(o));
}

function seasonalityOf(v: unknown): SeasonalitySetting {
  if (!present(v) || v === 'auto') {
    return { mode: 'auto' };
  }
  if (v === 'none') {
    return { mode: 'none' };
  }
  if (!Array.isArray(v)) {
    throw new QueryValidationError(
      'seasonality',
      `must be "auto", "none" or a list of season lengths such as ["1d", "1w"]; got ${show(v)}`
    );
  }
  if (v.length === 0 || v.length > QUERY_LIMITS.maxSeasons) {
    throw new QueryValidationError(
      'seasonality',
      `must list 1 to ${QUERY_LIMITS.maxSeasons} season lengths (or be "auto" / "none"); got ${v.length}`
    );
  }
  const periods = v.map((p, i) => duration(`seasonality[${i}]`, p, '', 2000, QUERY_LIMITS.maxSeasonMs));
  const sorted = [...new Set(periods)].sort((a, b) => a - b);
  return { mode: 'explicit', periodsMs: sorted };
}

function exclusionsOf(v: unknown): ExclusionRange[] {
  if (!present(v)) {
    return [];
  }
  if (!Array.isArray(v)) {
    throw new QueryValidationError('exclusions', `must be a list of {from, to} ranges; got ${show(v)}`);
  }
  if (v.length > QUERY_LIMITS.maxExclusions) {
    throw new QueryValidationError(
      'exclusions',
      `may hold at most ${QUERY_LIMITS.maxExclusions} ranges; got ${v.length}`
    );
  }
  return v.map((w, i) => {
    const o = object(`exclusions[${i}]`, w);
    const fromMs = time(`exclusions[${i}].from`, o.from);
    const toMs = time(`exclusions[${i}].to`, o.to);
    if (toMs < fromMs) {
      throw new QueryValidationError(`exclusions[${i}]`, `ends (to) before it starts (from); swap them`);
    }
    const label = typeof o.label === 'string' ? o.label : undefined;
    return label ? { fromMs, toMs, label } : { fromMs, toMs };
  });
}

function queryTypeOf(v: unknown): LensQueryType {
  return v === '' ? DEFAULT_QUERY_TYPE : oneOf('queryType', v, LENS_QUERY_TYPES, DEFAULT_QUERY_TYPE);
}

function integerIn(field: string, v: unknown, fallback: number, lo: number, hi: number): number {
  if (!present(v)) {
    return fallback;
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
    throw new QueryValidationError(field, `must be a whole number from ${lo} to ${hi}; got ${show(v)}`);
  }
  return v;
}

/**
 * The `correlate` options. `target` is required only for `correlations` queries; the rest are checked whatever the
 * query type, so a saved query that switches type keeps valid options. Durations may be `0` / `0s`.
 */
function correlateOf(v: unknown, queryType: LensQueryType): ResolvedCorrelate {
  const c = object('correlate', v);
  let target: string | undefined;
  if (present(c.target)) {
    if (typeof c.target !== 'string') {
      throw new QueryValidationError('correlate.target', `must be an upstream query (text); got ${show(c.target)}`);
    }
    target = c.target.trim() || undefined;
  }
  if (queryType === 'correlations' && target === undefined) {
    throw new QueryValidationError(
      'correlate.target',
      'is required for correlations queries: the upstream query of the anomalous series, ' +
        'e.g. demo_http_latency_seconds{service="checkout"}'
    );
  }
  let window: ResolvedCorrelate['window'];
  if (present(c.window)) {
    const w = object('correlate.window', c.window);
    const fromMs = time('correlate.window.from', w.from);
    const toMs = time('correlate.window.to', w.to);
    if (!(toMs > fromMs)) {
      throw new QueryValidationError('correlate.window', 'must end (to) after it starts (from)');
    }
    window = { fromMs, toMs };
  }
  const zeroOr = (field: string, x: unknown, fallback: string) =>
    x === 0 || x === '0' ? 0 : duration(field, x, fallback, 0, QUERY_LIMITS.maxHistoryMs);
  return {
    target,
    window,
    contextMs: zeroOr('correlate.context', c.context, QUERY_DEFAULTS.correlateContext),
    method: oneOf('correlate.method', c.method, CORRELATION_METHODS, QUERY_DEFAULTS.correlateMethod),
    preprocess: oneOf('correlate.preprocess', c.preprocess, CORRELATION_PREPROCESS, QUERY_DEFAULTS.correlatePreprocess),
    maxLagMs: zeroOr('correlate.maxLag', c.maxLag, QUERY_DEFAULTS.correlateMaxLag),
    limit: integerIn('correlate.limit', c.limit, QUERY_DEFAULTS.correlateLimit, 1, QUERY_LIMITS.maxCorrelateLimit),
    overlays: integerIn(
      'correlate.overlays',
      c.overlays,
      QUERY_DEFAULTS.correlateOverlays,
      0,
      QUERY_LIMITS.maxCorrelateOverlays
    ),
  };
}

/**
 * Outputs an `anomalyWindows` query computes whatever it asks for: the band, its score and the flags (the windows
 * are the flagged runs; the rows explain them with the band and score).
 */
export const ANOMALY_WINDOW_OUTPUTS: readonly LensOutput[] = ['band', 'score', 'flag'];

/**
 * Resolves the options of a query already at version 2 (see migrateQuery); throws QueryValidationError.
 * `outputs` is not read for `correlations` (raw values only) and `anomalyWindows` (ANOMALY_WINDOW_OUTPUTS).
 */
export function validateQuery(q: LensQuery): ResolvedOptions {
  const queryType = queryTypeOf(q.queryType);
  const outputs =
    queryType === 'analysis'
      ? outputsOf(q.outputs)
      : queryType === 'anomalyWindows'
        ? [...ANOMALY_WINDOW_OUTPUTS]
        : (['raw'] as LensOutput[]);
  const method = oneOf('method', q.method, BAND_METHODS, QUERY_DEFAULTS.method);
  const seasonality = seasonalityOf(q.seasonality);
  let historyMs: number | 'auto' = 'auto';
  if (present(q.history) && q.history !== 'auto') {
    historyMs =
      q.history === '0' || q.history === '0s' ? 0 : duration('history', q.history, '', 1000, QUERY_LIMITS.maxHistoryMs);
  }
  const sensitivity = numberIn(
    'sensitivity',
    q.sensitivity,
    method === 'auto' ? QUERY_DEFAULTS.autoSensitivity : QUERY_DEFAULTS.sensitivity,
    0,
    QUERY_LIMITS.maxSensitivity,
    true,
    false
  );
  const direction = oneOf('direction', q.direction, DIRECTIONS, QUERY_DEFAULTS.direction);
  const movingWindowMs = duration(
    'movingWindow',
    q.movingWindow,
    QUERY_DEFAULTS.movingWindow,
    2000,
    QUERY_LIMITS.maxHistoryMs
  );

  const flags = object('flags', q.flags);
  const minDurationMs = present(flags.minDuration)
    ? duration('flags.minDuration', flags.minDuration, '', 0, 86_400_000)
    : 0;
  const fractionWindowMs = duration(
    'flags.fractionWindow',
    flags.fractionWindow,
    QUERY_DEFAULTS.fractionWindow,
    1000,
    7 * 86_400_000
  );

  const f = object('forecast', q.forecast);
  const forecast = {
    horizonMs: duration('forecast.horizon', f.horizon, QUERY_DEFAULTS.forecastHorizon, 1000, QUERY_LIMITS.maxHorizonMs),
    level: numberIn('forecast.level', f.level, QUERY_DEFAULTS.forecastLevel, 0, 1, true, true),
    model: oneOf('forecast.model', f.model, FORECAST_MODELS, QUERY_DEFAULTS.forecastModel),
  };

  const t = object('threshold', q.threshold);
  let threshold: ResolvedOptions['threshold'];
  if (present(t.value)) {
    if (typeof t.value !== 'number' || !Number.isFinite(t.value)) {
      throw new QueryValidationError(
        'threshold.value',
        `must be a finite number (in the series' unit); got ${show(t.value)}`
      );
    }
    threshold = {
      value: t.value,
      direction: oneOf('threshold.direction', t.direction, ['above', 'below'] as const, 'above'),
      windowMs: duration('threshold.window', t.window, QUERY_DEFAULTS.thresholdWindow, 2000, QUERY_LIMITS.maxHistoryMs),
    };
  } else if (outputs.includes('timeToThreshold')) {
    throw new QueryValidationError(
      'threshold.value',
      'is required when outputs include timeToThreshold; set the level to watch, e.g. {"threshold": {"value": 180}}'
    );
  }

  const o = object('outliers', q.outliers);
  const outliers = {
    algorithm: oneOf('outliers.algorithm', o.algorithm, OUTLIER_ALGORITHMS, QUERY_DEFAULTS.outlierAlgorithm),
    sensitivity: numberIn('outliers.sensitivity', o.sensitivity, QUERY_DEFAULTS.outlierSensitivity, 0, 1, true, true),
    percentPoints: numberIn(
      'outliers.percentPoints',
      o.percentPoints,
      QUERY_DEFAULTS.outlierPercentPoints,
      0,
      100,
      false,
      false
    ),
  };

  const c = object('change', q.change);
  const change = {
    windowMs: duration('change.window', c.window, QUERY_DEFAULTS.changeWindow, 1000, QUERY_LIMITS.maxHistoryMs),
  };

  if (present(q.exclusionTags)) {
    if (!Array.isArray(q.exclusionTags) || q.exclusionTags.some((tag) => typeof tag !== 'string')) {
      throw new QueryValidationError(
        'exclusionTags',
        `must be a list of annotation tags (texts); got ${show(q.exclusionTags)}`
      );
    }
  }

  const correlate = correlateOf(q.correlate, queryType);

  return {
    queryType,
    outputs,
    method,
    seasonality,
    historyMs,
    exclusions: exclusionsOf(q.exclusions),
    sensitivity,
    direction,
    movingWindowMs,
    flags: { minDurationMs, fractionWindowMs },
    forecast,
    threshold,
    outliers,
    change,
    correlate,
    bandSource: oneOf('bandSource', q.bandSource, BAND_SOURCES, 'computed'),
  };
}
