/**
 * Checks the version-2 analysis options of a (migrated) query and resolves their defaults. Shared by the backend
 * (which rejects an invalid query with this message, status 400) and the editor (which can show it beside the
 * field). Every message starts with the field path and says what is allowed, e.g.
 * `sensitivity must be a number in (0, 20], got "high"`.
 *
 * Defaults and bounds are the ones in docs/query-options.md; keep the two in step.
 */
import { ALERT_EVALUATOR_TYPES, AlertEvaluator, evaluatorArity } from '../analytics/backtest/alertCondition';
import { ALERT_REDUCERS, AlertReducer } from '../analytics/backtest/reduceWindow';
import { DurationError, parseDuration } from './parseDuration';
import {
  BACKTEST_VARIANT_KEYS,
  BAND_METHODS,
  BAND_SOURCES,
  BandSource,
  BandMethod,
  CORRELATION_FAMILIES,
  CORRELATION_METHODS,
  CORRELATION_PREPROCESS,
  CORRELATION_RANKS,
  CorrelationFamily,
  CorrelationRank,
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
  correlateContext: 'auto',
  correlateMethod: 'pearson' as CorrelationMethod,
  correlateRank: 'cause' as CorrelationRank,
  correlateFamily: 'apart' as CorrelationFamily,
  correlatePreprocess: 'difference' as CorrelationPreprocess,
  correlateMaxLag: '0s',
  correlateLimit: 1000,
  correlateOverlays: 20,
  correlateServiceGraph: 'auto',
  correlateServiceLabel: 'auto',
  backtestRange: '1h',
  backtestEvery: '1m',
  backtestFor: '0s',
  backtestMatchBefore: '15m',
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
  maxBacktestVariants: 4,
  maxIncidents: 200,
  /** Longest backtest rule range, interval, pending period and early window. */
  maxBacktestRuleMs: 86_400_000,
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
  /** `auto`: as long as the window, at least AUTO_CONTEXT_MIN_POINTS steps (backend correlationRange). */
  contextMs: number | 'auto';
  method: CorrelationMethod;
  rank: CorrelationRank;
  family: CorrelationFamily;
  preprocess: CorrelationPreprocess;
  maxLagMs: number;
  limit: number;
  overlays: number;
  /** `auto`, `off`, or the user's upstream query of `client`/`server` series (trimmed). */
  serviceGraph: string;
  /** `auto` or a label name. */
  serviceLabel: string;
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
  /** Present only for `backtest` queries. */
  backtest?: ResolvedBacktest;
}

/** One variant of a backtest: its name, what it changes, and the query's options with those changes. */
export interface ResolvedVariant {
  name: string;
  /** `sensitivity 2, flags.minDuration 5m`, or `as saved`. */
  settings: string;
  options: ResolvedOptions;
}

export interface ResolvedBacktest {
  variants: ResolvedVariant[];
  rule: {
    output: 'flag' | 'score';
    rangeMs: number;
    everyMs: number;
    reducer: AlertReducer;
    evaluator: AlertEvaluator;
    forMs: number;
  };
  incidents: ExclusionRange[];
  matchBeforeMs: number;
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

function exclusionsOf(v: unknown, field = 'exclusions', max: number = QUERY_LIMITS.maxExclusions): ExclusionRange[] {
  if (!present(v)) {
    return [];
  }
  if (!Array.isArray(v)) {
    throw new QueryValidationError(field, `must be a list of {from, to} ranges; got ${show(v)}`);
  }
  if (v.length > max) {
    throw new QueryValidationError(field, `may hold at most ${max} ranges; got ${v.length}`);
  }
  return v.map((w, i) => {
    const o = object(`${field}[${i}]`, w);
    const fromMs = time(`${field}[${i}].from`, o.from);
    const toMs = time(`${field}[${i}].to`, o.to);
    if (toMs < fromMs) {
      throw new QueryValidationError(`${field}[${i}]`, `ends (to) before it starts (from); swap them`);
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
    contextMs:
      !present(c.context) || c.context === 'auto'
        ? 'auto'
        : zeroOr('correlate.context', c.context, QUERY_DEFAULTS.correlateContext),
    rank: oneOf('correlate.rank', c.rank, CORRELATION_RANKS, QUERY_DEFAULTS.correlateRank),
    family: oneOf('correlate.family', c.family, CORRELATION_FAMILIES, QUERY_DEFAULTS.correlateFamily),
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
    serviceGraph: serviceGraphOf(c.serviceGraph),
    serviceLabel: serviceLabelOf(c.serviceLabel),
  };
}

function serviceGraphOf(v: unknown): string {
  if (!present(v)) {
    return QUERY_DEFAULTS.correlateServiceGraph;
  }
  if (typeof v !== 'string' || v.trim() === '') {
    throw new QueryValidationError(
      'correlate.serviceGraph',
      `must be auto, off, or an upstream query whose series carry client and server labels; got ${show(v)}`
    );
  }
  return v.trim();
}

/** Prometheus label names (the InfluxDB tag names the backend maps to labels follow them too). */
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function serviceLabelOf(v: unknown): string {
  if (!present(v)) {
    return QUERY_DEFAULTS.correlateServiceLabel;
  }
  if (typeof v !== 'string' || !LABEL_NAME.test(v)) {
    throw new QueryValidationError('correlate.serviceLabel', `must be auto or a label name; got ${show(v)}`);
  }
  return v;
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
      : queryType === 'anomalyWindows' || queryType === 'backtest'
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

  const resolved: ResolvedOptions = {
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
  if (queryType === 'backtest') {
    if (resolved.bandSource === 'recorded') {
      throw new QueryValidationError('bandSource', 'must be computed for a backtest (recorded bands are not replayed)');
    }
    resolved.backtest = backtestOf(q);
  }
  return resolved;
}

/**
 * The `backtest` options: every variant is the query with the variant's keys replaced (`flags` merged key by
 * key) and validated like the query, its errors named `backtest.variants[i].<field>`.
 */
function backtestOf(q: LensQuery): ResolvedBacktest {
  const b = object('backtest', q.backtest);
  const rawVariants = present(b.variants) ? b.variants : [];
  if (!Array.isArray(rawVariants) || rawVariants.length > QUERY_LIMITS.maxBacktestVariants) {
    throw new QueryValidationError(
      'backtest.variants',
      `must be a list of at most ${QUERY_LIMITS.maxBacktestVariants} variants; got ${show(rawVariants)}`
    );
  }
  const variants: ResolvedVariant[] = (rawVariants.length ? rawVariants : [{}]).map((raw, i) => {
    const field = `backtest.variants[${i}]`;
    const v = object(field, raw);
    const changed: string[] = [];
    const overrides: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(v)) {
      if (key === 'name') {
        continue;
      }
      if (!(BACKTEST_VARIANT_KEYS as readonly string[]).includes(key)) {
        throw new QueryValidationError(
          `${field}.${key}`,
          `is not an option a variant may change; use ${BACKTEST_VARIANT_KEYS.join(', ')}`
        );
      }
      if (!present(value)) {
        continue;
      }
      if (key === 'flags') {
        const f = object(`${field}.flags`, value);
        overrides.flags = { ...object('flags', q.flags), ...f };
        changed.push(...Object.entries(f).map(([k, x]) => `flags.${k} ${typeof x === 'string' ? x : show(x)}`));
      } else {
        overrides[key] = value;
        changed.push(`${key} ${typeof value === 'string' ? value : show(value)}`);
      }
    }
    let name = `variant ${i + 1}`;
    if (present(v.name)) {
      if (typeof v.name !== 'string' || v.name.trim() === '' || v.name.length > 60) {
        throw new QueryValidationError(`${field}.name`, `must be a text of 1 to 60 characters; got ${show(v.name)}`);
      }
      name = v.name.trim();
    }
    let options: ResolvedOptions;
    try {
      options = validateQuery({ ...q, ...overrides, queryType: 'anomalyWindows', backtest: undefined });
    } catch (e) {
      if (e instanceof QueryValidationError && e.field.split(/[.[]/)[0] in overrides) {
        throw new QueryValidationError(`${field}.${e.field}`, e.message.slice(e.field.length + 1));
      }
      throw e;
    }
    return { name, settings: changed.length ? changed.join(', ') : 'as saved', options };
  });
  const names = new Set(variants.map((v) => v.name));
  if (names.size < variants.length) {
    throw new QueryValidationError('backtest.variants', 'must have distinct names');
  }

  const r = object('backtest.rule', b.rule);
  const output = oneOf('backtest.rule.output', r.output, ['flag', 'score'] as const, 'flag');
  const max = QUERY_LIMITS.maxBacktestRuleMs;
  const zeroOr = (field: string, x: unknown, fallback: string, min: number) =>
    x === 0 || x === '0' ? 0 : duration(field, x, fallback, min, max);
  let evaluator: ResolvedBacktest['rule']['evaluator'];
  if (present(r.evaluator)) {
    const e = object('backtest.rule.evaluator', r.evaluator);
    const type = oneOf('backtest.rule.evaluator.type', e.type, ALERT_EVALUATOR_TYPES, 'gt');
    const arity = evaluatorArity(type);
    if (
      !Array.isArray(e.params) ||
      e.params.length !== arity ||
      e.params.some((p) => typeof p !== 'number' || Number.isNaN(p))
    ) {
      throw new QueryValidationError(
        'backtest.rule.evaluator.params',
        `must be ${arity === 2 ? 'two numbers (low, high)' : 'one number'} for ${type}; got ${show(e.params)}`
      );
    }
    evaluator = { type, params: e.params as number[] };
  } else if (output === 'flag') {
    evaluator = { type: 'outside_range', params: [0, 0] };
  } else {
    throw new QueryValidationError(
      'backtest.rule.evaluator',
      'is required when the rule reads the score, e.g. {"type": "gt", "params": [3]}'
    );
  }
  const rule = {
    output,
    rangeMs: zeroOr('backtest.rule.range', r.range, QUERY_DEFAULTS.backtestRange, 0),
    everyMs: duration('backtest.rule.every', r.every, QUERY_DEFAULTS.backtestEvery, 1000, max),
    reducer: oneOf('backtest.rule.reducer', r.reducer, ALERT_REDUCERS, 'last'),
    evaluator,
    forMs: zeroOr('backtest.rule.for', r.for, QUERY_DEFAULTS.backtestFor, 0),
  };
  if (present(b.incidentTags)) {
    if (!Array.isArray(b.incidentTags) || b.incidentTags.some((tag) => typeof tag !== 'string')) {
      throw new QueryValidationError(
        'backtest.incidentTags',
        `must be a list of annotation tags (texts); got ${show(b.incidentTags)}`
      );
    }
  }
  return {
    variants,
    rule,
    incidents: exclusionsOf(b.incidents, 'backtest.incidents', QUERY_LIMITS.maxIncidents),
    matchBeforeMs: zeroOr('backtest.matchBefore', b.matchBefore, QUERY_DEFAULTS.backtestMatchBefore, 0),
  };
}
