/**
 * Runs the requested analyses on one series (history + visible range on one grid) and returns only the visible
 * part, plus the forecast past the last point. Our own glue over the analytics core; each computation is the
 * core function named in the comment, so tests can compare the pipeline with a direct call.
 */
import { fractionAnomalous } from '../../analytics/anomaly/fractionAnomalous';
import { scoreToFlags } from '../../analytics/anomaly/scoreToFlags';
import { derivative } from '../../analytics/change/derivative';
import { percentChange } from '../../analytics/change/percentChange';
import { secondDerivative } from '../../analytics/change/secondDerivative';
import { mstl } from '../../analytics/decomposition/mstl';
import { robustStl } from '../../analytics/decomposition/robustStl';
import { forecastSeries, ForecastModel, ForecastSeriesResult } from '../../analytics/forecasting/forecastSeries';
import { rollingTrendLine } from '../../analytics/forecasting/rollingTrendLine';
import { lineTimeToThreshold } from '../../analytics/forecasting/lineTimeToThreshold';
import { timeToThreshold } from '../../analytics/forecasting/timeToThreshold';
import { OUTPUT_FIELDS, OutputField } from '../../shared/frameConventions';
import { formatDuration } from '../../shared/parseDuration';
import type { BandMethod } from '../../shared/queryModel';
import type { ExclusionRange, ResolvedOptions } from '../../shared/validateQuery';
import { computeBand } from './computeBand';
import { DetectedPeriods, PERIODS_TTL_MS } from './detectedPeriodsCache';
import { CHOICE_TTL_MS } from './forecastChoiceCache';
import { forecastPeriods } from './forecastPeriods';
import type { ModelReuse } from './modelCaches';
import { needsBand } from './planWindow';
import { resolvePeriods } from './resolvePeriods';

/** Most forecast points past the end (bounds the work of a long horizon at a fine step). */
export const MAX_FORECAST_POINTS = 5000;
/** Pairwise-slope budget of the rolling time-to-threshold trend (Theil–Sen thinning, see recentTrendForecast). */
const TREND_MAX_POINTS = 120;

export interface SeriesInput {
  timestamps: Float64Array;
  values: Float64Array;
  /** Index of the first visible point. */
  visibleStart: number;
  stepMs: number;
  /**
   * Identity of the series and its data source instance's caches, for reusing fitted models between evaluations
   * (modelCaches.ts); absent → everything is fitted afresh.
   */
  reuse?: ModelReuse;
  /**
   * Where the block holding the visible copies of the outputs comes from (`length` zero-filled numbers); default a
   * new array. The query path cuts it from the query's arena, whose chunks are reused once the answer is sent.
   */
  visibleBlock?: (length: number) => Float64Array;
}

export interface SeriesAnalysis {
  /** Visible-range values per output field. */
  fields: Map<OutputField, Float64Array>;
  forecast?: { timestamps: Float64Array; point: Float64Array; lower: Float64Array; upper: Float64Array; model: string };
  method?: BandMethod;
  component?: string;
  /**
   * Method `auto`, visible range: the value this point of the season usually shows where the deviation was measured
   * against it instead of `expected` (computeBand's `usual`), NaN elsewhere. For window explanations only.
   */
  usual?: Float64Array;
  /** Method `auto`, visible range: which detector signal carried each point (computeBand's `signal`). */
  signal?: Float64Array;
  /** Season lengths used (points). */
  periods: number[];
  notices: string[];
  /** What was done, not a problem (e.g. which forecast model was chosen): shown as info notices. */
  infos: string[];
}

/**
 * Training copy of `values`: points inside any exclusion window, and ±Infinity (Prometheus can return +Inf, e.g.
 * from histogram_quantile), become NaN — gaps the core knows how to handle. The input is not mutated; when
 * nothing changes the input itself is returned.
 */
export function maskExclusions(
  timestamps: Float64Array,
  values: Float64Array,
  exclusions: ExclusionRange[]
): Float64Array {
  let infinite = false;
  for (let i = 0; i < values.length && !infinite; i++) {
    infinite = values[i] === Infinity || values[i] === -Infinity;
  }
  if (exclusions.length === 0 && !infinite) {
    return values;
  }
  const out = Float64Array.from(values, (v) => (v === Infinity || v === -Infinity ? NaN : v));
  for (const w of exclusions) {
    for (let i = 0; i < timestamps.length; i++) {
      if (timestamps[i] >= w.fromMs && timestamps[i] <= w.toMs) {
        out[i] = NaN;
      }
    }
  }
  return out;
}

function finiteCount(y: Float64Array): number {
  let c = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === y[i]) {
      c++;
    }
  }
  return c;
}

/** Seasons of the series; auto-detected ones are reused per series key (see detectedPeriodsCache). */
function seasonsOf(o: ResolvedOptions, training: Float64Array, stepMs: number, reuse?: ModelReuse): DetectedPeriods {
  if (o.seasonality.mode !== 'auto' || reuse === undefined) {
    return resolvePeriods(o.seasonality, training, stepMs);
  }
  const key = `${reuse.seriesKey}|seasons`;
  const cached = reuse.caches.periods.get(key);
  if (cached) {
    return cached;
  }
  const detected = resolvePeriods(o.seasonality, training, stepMs);
  reuse.caches.periods.set(key, detected, PERIODS_TTL_MS);
  return detected;
}

/**
 * Copies of the visible points of a query's outputs, sharing one block: a query costs one allocation for them
 * rather than one per field (in the executable every array of 4 KiB or more is a memory mapping of its own, unmapped
 * again when freed: docs/reliability.md, "Memory"). They are copies because the detector's outputs live in buffers
 * that its next call reuses. A class rather than a closure per call, so its compiled code stays in place.
 */
class VisibleParts {
  private block: Float64Array | undefined;
  private used = 0;

  constructor(
    private readonly from: number,
    private readonly to: number,
    private readonly fields: number,
    private readonly alloc: (length: number) => Float64Array = (length) => new Float64Array(length)
  ) {}

  copy(a: ArrayLike<number>): Float64Array {
    const { from, to } = this;
    const m = to - from;
    this.block ??= this.alloc(m * this.fields);
    const out =
      this.used + m <= this.block.length ? this.block.subarray(this.used, this.used + m) : new Float64Array(m);
    this.used += m;
    for (let i = from; i < to; i++) {
      out[i - from] = a[i];
    }
    return out;
  }
}

/** Most visible output fields `analyseSeries` can give for these options (the forecast has arrays of its own). */
function visibleFieldCount(o: ResolvedOptions): number {
  const has = (output: ResolvedOptions['outputs'][number]) => (o.outputs.includes(output) ? 1 : 0);
  return (
    has('raw') +
    3 * has('band') +
    has('score') +
    has('flag') +
    has('fractionAnomalous') +
    3 * has('decomposition') +
    3 * has('change') +
    (o.method === 'auto' && needsBand(o) ? 2 : 0)
  );
}

export function analyseSeries(input: SeriesInput, o: ResolvedOptions): SeriesAnalysis {
  const { timestamps, values, visibleStart, stepMs } = input;
  const n = values.length;
  const parts = new VisibleParts(visibleStart, n, visibleFieldCount(o), input.visibleBlock);
  const visible = (a: ArrayLike<number>): Float64Array => parts.copy(a);
  const fields = new Map<OutputField, Float64Array>();
  const notices: string[] = [];
  const infos: string[] = [];
  const result: SeriesAnalysis = { fields, periods: [], notices, infos };
  const training = maskExclusions(timestamps, values, o.exclusions);
  // The auto method takes its season from the step (prefix-stable), so it needs no detection.
  const wantsSeasons =
    (needsBand(o) && o.method !== 'auto') || o.outputs.includes('forecast') || o.outputs.includes('decomposition');
  const resolved =
    wantsSeasons && finiteCount(training) >= 4
      ? seasonsOf(o, training, stepMs, input.reuse)
      : { periods: [], notices: [] };
  notices.push(...resolved.notices);
  const periods = resolved.periods;

  if (o.outputs.includes('raw')) {
    fields.set(OUTPUT_FIELDS.raw, visible(values));
  }

  if (needsBand(o)) {
    const outcome = computeBand(training, values, periods, visibleStart, o, stepMs, input.reuse, timestamps[0]);
    notices.push(...outcome.notices);
    result.method = outcome.method;
    result.component = outcome.band.component;
    result.periods = outcome.periods;
    if (outcome.usual) {
      result.usual = visible(outcome.usual);
    }
    if (outcome.signal) {
      result.signal = visible(outcome.signal);
    }
    const { band } = outcome;
    if (o.outputs.includes('band')) {
      fields.set(OUTPUT_FIELDS.expected, visible(band.expected));
      fields.set(OUTPUT_FIELDS.lower, visible(band.lower));
      fields.set(OUTPUT_FIELDS.upper, visible(band.upper));
    }
    if (o.outputs.includes('score')) {
      fields.set(OUTPUT_FIELDS.score, visible(band.score));
    }
    if (o.outputs.includes('flag') || o.outputs.includes('fractionAnomalous')) {
      // scoreToFlags over history + range, so a run that started before the range keeps its flags.
      const flags =
        outcome.flag ??
        scoreToFlags(band.score, {
          threshold: o.sensitivity,
          direction: o.direction,
          minRun: Math.max(1, Math.round(o.flags.minDurationMs / stepMs)),
        });
      if (o.outputs.includes('flag')) {
        fields.set(OUTPUT_FIELDS.flag, visible(flags));
      }
      if (o.outputs.includes('fractionAnomalous')) {
        const window = Math.max(1, Math.round(o.flags.fractionWindowMs / stepMs));
        fields.set(OUTPUT_FIELDS.fractionAnomalous, visible(fractionAnomalous(flags, { window })));
      }
    }
  }

  if (o.outputs.includes('decomposition')) {
    const fit = periods.filter((p) => n >= 2 * p);
    if (fit.length === 0) {
      notices.push(
        periods.length === 0
          ? 'Decomposition skipped: no season known for this series (set seasonality, e.g. ["1d"]).'
          : `Decomposition skipped: STL needs two seasons (${formatDuration(2 * periods[0] * stepMs)}) of data.`
      );
    } else if (fit.length === 1) {
      const d = robustStl(training, fit[0]);
      fields.set(OUTPUT_FIELDS.trend, visible(d.trend));
      fields.set(OUTPUT_FIELDS.seasonal, visible(d.seasonal));
      fields.set(OUTPUT_FIELDS.remainder, visible(d.remainder));
    } else {
      const d = mstl(training, { periods: fit, robust: true });
      const seasonal = new Float64Array(n);
      for (const s of d.seasonals) {
        for (let i = 0; i < n; i++) {
          seasonal[i] += s[i];
        }
      }
      fields.set(OUTPUT_FIELDS.trend, visible(d.trend));
      fields.set(OUTPUT_FIELDS.seasonal, visible(seasonal));
      fields.set(OUTPUT_FIELDS.remainder, visible(d.remainder));
    }
  }

  if (o.outputs.includes('change')) {
    const windowSteps = Math.max(1, Math.round(o.change.windowMs / stepMs));
    fields.set(OUTPUT_FIELDS.percentChange, visible(percentChange(values, { lag: windowSteps })));
    fields.set(OUTPUT_FIELDS.speed, visible(derivative(values, timestamps)));
    fields.set(OUTPUT_FIELDS.acceleration, visible(secondDerivative(values, timestamps)));
  }

  const horizon = Math.min(MAX_FORECAST_POINTS, Math.max(1, Math.ceil(o.forecast.horizonMs / stepMs)));
  const wantsThreshold = o.outputs.includes('timeToThreshold') && o.threshold !== undefined;
  // One forecast serves both outputs, so the line drawn and the time to threshold read off it agree.
  const forecast =
    o.outputs.includes('forecast') || wantsThreshold
      ? forecastPastEnd(
          training,
          timestamps,
          stepMs,
          horizon,
          forecastPeriods(periods, o.seasonality, o.forecast.model, n, stepMs),
          o,
          { notices, infos },
          input.reuse
        )
      : undefined;
  if (wantsThreshold && o.threshold) {
    fields.set(
      OUTPUT_FIELDS.timeToThreshold,
      rollingTimeToThreshold(values, visibleStart, stepMs, horizon, o.threshold, forecast?.point)
    );
  }
  if (o.outputs.includes('forecast')) {
    result.forecast = forecast;
  }
  return result;
}

/**
 * Seconds until the series crosses the threshold, at every visible point. At the last point (now) it is read off
 * the query's forecast (`forecastPast`), so it agrees with the forecast line. At earlier points, where no
 * forecast was drawn, it is the trend from then: a Theil–Sen line over the trailing `threshold.window`,
 * anchored at that point's level (recentTrendForecast with a fixed window), extended `horizon` steps.
 * +Infinity when it does not cross within the horizon; NaN with fewer than 3 finite points in the window.
 */
function rollingTimeToThreshold(
  values: Float64Array,
  visibleStart: number,
  stepMs: number,
  horizon: number,
  t: NonNullable<ResolvedOptions['threshold']>,
  forecastPast: Float64Array | undefined
): Float64Array {
  const w = Math.max(3, Math.round(t.windowMs / stepMs));
  const n = values.length;
  const out = new Float64Array(n - visibleStart);
  // The trend at every visible point but the last, fitted in one pass (rollingTrendLine: the same lines as a
  // trendLine per window, without refitting each from scratch).
  const lines = rollingTrendLine(values, { window: w, horizon, maxPoints: TREND_MAX_POINTS, from: visibleStart });
  for (let i = visibleStart; i < n; i++) {
    const current = values[i];
    if (current !== current) {
      out[i - visibleStart] = NaN;
      continue;
    }
    const options = { direction: t.direction, current, stepMs };
    if (i === n - 1 && forecastPast) {
      out[i - visibleStart] = timeToThreshold(forecastPast, t.value, options).ms / 1000;
      continue;
    }
    const slope = lines.slope[i - visibleStart];
    const last = lines.last[i - visibleStart];
    // The trend's path is a straight line: its crossing is solved for instead of scanning `horizon` steps of it
    // at every point (which, with the forecast arrays built per point, was most of a capacity panel's time).
    out[i - visibleStart] = lines.fitted[i - visibleStart]
      ? lineTimeToThreshold({ slope, last }, horizon, t.value, options).ms / 1000
      : NaN;
  }
  return out;
}

/** One model in words: "seasonal, periods 1d + 1w", "seasonal mean of the last 3 × 1w" and the like. */
function describeModel(m: ForecastModel, stepMs: number): string {
  const span = (p: number) => formatDuration(p * stepMs);
  switch (m.kind) {
    case 'trend':
      return `trend from now, fitted on the last ${span(m.window ?? 0)}`;
    case 'seasonal':
      return `seasonal, period${m.periods.length > 1 ? 's' : ''} ${m.periods.map(span).join(' + ')}`;
    case 'naive':
      return `seasonal naive, period ${span(m.periods[0])}`;
    case 'mean':
      return `seasonal mean of the last ${m.cycles ?? 3} × ${span(m.periods[0])}`;
  }
}

/** "seasonal, periods 1d + 1w, chosen by backtest error" and the like. */
export function describeForecast(f: ForecastSeriesResult, stepMs: number, trainedFromMs?: number): string {
  const c = f.choice;
  const what =
    c.kind === 'combination' && c.members
      ? `weighted mean of ${c.members
          .map((m) => `${describeModel(m, stepMs)} (${Math.round(100 * m.weight)} %)`)
          .join(', ')}`
      : describeModel({ ...c, kind: c.kind as ForecastModel['kind'] }, stepMs);
  const how = {
    backtest: c.kind === 'combination' ? 'weighted by backtest error' : 'chosen by backtest error',
    request: 'as requested',
    reuse: 'chosen by backtest error earlier (reused for an hour)',
    'only candidate': 'no season known',
  }[f.chosenBy];
  const parts = [`Forecast: ${what}, ${how}`];
  if (c.widen > 1) {
    parts.push(`interval widened ×${c.widen.toFixed(2)} to hold its backtest errors`);
  }
  if (trainedFromMs !== undefined) {
    parts.push(`trained on the data after the level shift at ${new Date(trainedFromMs).toISOString()}`);
  }
  return parts.join('; ') + '.';
}

function forecastPastEnd(
  training: Float64Array,
  timestamps: Float64Array,
  stepMs: number,
  horizon: number,
  periods: number[],
  o: ResolvedOptions,
  { notices, infos }: { notices: string[]; infos: string[] },
  reuse: ModelReuse | undefined
): SeriesAnalysis['forecast'] {
  const n = training.length;
  if (n === 0 || finiteCount(training) < 3) {
    notices.push('Forecast skipped: fewer than 3 points with values.');
    return undefined;
  }
  const last = timestamps[n - 1];
  const ts = new Float64Array(horizon);
  for (let i = 0; i < horizon; i++) {
    ts[i] = last + (i + 1) * stepMs;
  }
  const model = o.forecast.model;
  const key =
    reuse === undefined
      ? undefined
      : `${reuse.seriesKey}|forecast|${stepMs}|${horizon}|${o.forecast.level}|${model}|${periods.join(',')}`;
  const chosen = key === undefined ? undefined : reuse?.caches.forecastChoices.get(key);
  // Phases of a reused seasonal model count from the epoch, so its cycles stay in place as the range moves.
  const start = Math.round(timestamps[0] / stepMs);
  const f = forecastSeries(training, { horizon, level: o.forecast.level, model, periods, reuse: chosen, start });
  if (key !== undefined && !chosen) {
    reuse?.caches.forecastChoices.set(key, f.choice, CHOICE_TTL_MS);
  }
  notices.push(...f.notices);
  infos.push(describeForecast(f, stepMs, f.trainedFrom > 0 ? timestamps[f.trainedFrom] : undefined));
  return { timestamps: ts, point: f.point, lower: f.lower, upper: f.upper, model: f.choice.kind };
}
