import { DataFrame, rangeUtil } from '@grafana/data';
import { StlPanelOptions } from '../types';
import { Decomposer } from './decomposer';
import { fillGaps } from './fillGaps';
import { findSeries, SeriesCandidate } from './findSeries';
import { remainderOutliers } from './remainderOutliers';
import { RemainderScale, remainderScale } from './remainderScale';

/** Above this share of missing points interpolation would invent the season, so the panel refuses. */
export const MAX_MISSING_FRACTION = 0.2;

export type StlMessageReason =
  | 'noData'
  | 'noTimeField'
  | 'seriesNotFound'
  | 'allMissing'
  | 'tooManyMissing'
  | 'noSeasonDetected'
  | 'badPeriod'
  | 'tooShort'
  | 'decompositionFailed';

export interface StlMessage {
  kind: 'message';
  reason: StlMessageReason;
  text: string;
  /** Series names that could be chosen instead, for the message. */
  seriesNames: string[];
}

export interface StlDecompositionView {
  kind: 'decomposition';
  /** `datasource` when the frame carried the components, `browser` when the panel computed them. */
  source: 'datasource' | 'browser';
  seriesName: string;
  seriesNames: string[];
  /** Unit of the series (Grafana value format id) for the axis and tooltip; the panel uses `short` without one. */
  unit?: string;
  /** Season length in samples (browser only; `null` when the data source computed the components). */
  period: number | null;
  times: number[];
  observed: ArrayLike<number>;
  trend: ArrayLike<number>;
  seasonal: ArrayLike<number>;
  remainder: ArrayLike<number>;
  outliers: number[];
  /** Median and robust σ of the remainder that `outliers` were measured against. */
  remainderScale: RemainderScale;
  /** Outlier threshold in robust σ. */
  threshold: number;
  /** Number of interior points filled by interpolation before decomposing. */
  filledPoints: number;
}

export type StlView = StlMessage | StlDecompositionView;

const message = (reason: StlMessageReason, text: string, seriesNames: string[] = []): StlMessage => ({
  kind: 'message',
  reason,
  text,
  seriesNames,
});

function medianStep(times: readonly number[]): number {
  const steps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    steps.push(times[i] - times[i - 1]);
  }
  steps.sort((a, b) => a - b);
  return steps.length ? steps[steps.length >> 1] : NaN;
}

/** Converts the season length option into samples using the series' median step. */
function fixedPeriodSamples(period: string, times: readonly number[]): number | string {
  let ms: number;
  try {
    ms = rangeUtil.intervalToMs(period.trim());
  } catch {
    return `"${period}" is not a duration; use e.g. 1h, 1d or 7d.`;
  }
  const step = medianStep(times);
  if (!(ms > 0) || !(step > 0)) {
    return `"${period}" is not a positive duration.`;
  }
  const samples = Math.round(ms / step);
  if (samples < 2) {
    return `A season of ${period} is shorter than two samples at this resolution; widen it or zoom in.`;
  }
  return samples;
}

/**
 * σ floor for outlier marking: one millionth of the observed range, far below any real noise but far above the
 * rounding error left in the remainder of a noise-free series.
 */
function sigmaFloor(observed: ArrayLike<number>): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < observed.length; i++) {
    if (Number.isFinite(observed[i])) {
      lo = Math.min(lo, observed[i]);
      hi = Math.max(hi, observed[i]);
    }
  }
  return hi > lo ? 1e-6 * (hi - lo) : 0;
}

function fromDataSource(s: SeriesCandidate, names: string[], threshold: number): StlView {
  const c = s.components!;
  // Missing component values stay NaN: the data source decided them, we only draw.
  const nan = (a: Array<number | null>) => Float64Array.from(a, (v) => (v === null ? NaN : v));
  const remainder = nan(c.remainder);
  const observed = nan(s.values);
  return {
    kind: 'decomposition',
    source: 'datasource',
    seriesName: s.name,
    seriesNames: names,
    unit: s.unit,
    period: null,
    times: s.times,
    observed,
    trend: nan(c.trend),
    seasonal: nan(c.seasonal),
    remainder,
    outliers: remainderOutliers(remainder, threshold, sigmaFloor(observed)),
    remainderScale: remainderScale(remainder, sigmaFloor(observed)),
    threshold,
    filledPoints: 0,
  };
}

/**
 * Frames → what the STL panel draws, or a message saying why it cannot.
 * Pure: no React, no Grafana runtime; the decomposition itself is injected.
 */
/** Fewest full seasons the browser decomposition accepts. */
export const MIN_SEASONS = 3;

export function buildStlView(frames: DataFrame[], options: StlPanelOptions, decomposer: Decomposer): StlView {
  const { series, framesWithoutTime } = findSeries(frames);
  if (series.length === 0) {
    return framesWithoutTime > 0
      ? message('noTimeField', 'The query returned numbers but no time field; STL needs a time series.')
      : message('noData', 'No data: the query returned no numeric time series.');
  }
  const names = series.map((s) => s.name);
  const chosen = options.series ? series.find((s) => s.name === options.series) : series[0];
  if (!chosen) {
    return message('seriesNotFound', `Series "${options.series}" is not in the query result.`, names);
  }
  if (chosen.components) {
    return fromDataSource(chosen, names, options.outlierThreshold);
  }

  const complete = fillGaps(chosen.times, chosen.values);
  if (!complete) {
    return message('allMissing', `Series "${chosen.name}" has no values in this range.`, names);
  }
  if (complete.missingFraction > MAX_MISSING_FRACTION) {
    const pct = Math.round(complete.missingFraction * 100);
    return message(
      'tooManyMissing',
      `Series "${chosen.name}" is ${pct}% missing; filling that much would invent the season.`,
      names
    );
  }

  let period: number;
  if (options.periodMode === 'fixed') {
    const p = fixedPeriodSamples(options.period, complete.times);
    if (typeof p === 'string') {
      return message('badPeriod', p, names);
    }
    period = p;
  } else {
    const p = decomposer.detectPeriod(complete.values, medianStep(complete.times));
    if (p === null || !(p >= 2)) {
      return message(
        'noSeasonDetected',
        `No clear season found in "${chosen.name}". Set a fixed season length in the panel options.`,
        names
      );
    }
    period = Math.round(p);
  }

  const n = complete.values.length;
  // Two seasons are STL's formal minimum, but with two the seasonal smoother has two points per cycle position and
  // takes a one-off spike in as season (seen in the browser tests on the demo's 2-day checkout latency).
  if (n < MIN_SEASONS * period) {
    return message(
      'tooShort',
      `STL needs at least ${MIN_SEASONS} full seasons to tell a one-off from the season: ${n} points for a season ` +
        `of ${period}. Widen the time range.`,
      names
    );
  }

  let parts;
  try {
    parts = decomposer.decompose(complete.values, { period, robust: options.robust });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return message('decompositionFailed', `Decomposition failed: ${why}`, names);
  }
  return {
    kind: 'decomposition',
    source: 'browser',
    seriesName: chosen.name,
    seriesNames: names,
    unit: chosen.unit,
    period,
    times: complete.times,
    observed: complete.values,
    trend: parts.trend,
    seasonal: parts.seasonal,
    remainder: parts.remainder,
    outliers: remainderOutliers(parts.remainder, options.outlierThreshold, sigmaFloor(complete.values)),
    remainderScale: remainderScale(parts.remainder, sigmaFloor(complete.values)),
    threshold: options.outlierThreshold,
    filledPoints: complete.filled.length,
  };
}
