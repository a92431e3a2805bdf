/**
 * The band of one series by the chosen method, with the documented fallback: when the history is too short for
 * the method (or no season is known), the moving band is used and a notice says why. Our own dispatch over the
 * analytics core (src/analytics/bands). Exclusion windows arrive as NaN in `training`; the final score is taken
 * against the observed values, so excluded points are still scored (they just did not train the band).
 */
import { bandFromSpread } from '../../analytics/bands/bandFromSpread';
import type { BandResult } from '../../analytics/bands/bandResult';
import { forecastBand } from '../../analytics/bands/forecastBand';
import { movingBand } from '../../analytics/bands/movingBand';
import { seasonalBand } from '../../analytics/bands/seasonalBand';
import { stlResidualBand } from '../../analytics/bands/stlResidualBand';
import { mstl } from '../../analytics/decomposition/mstl';
import { autoDetect, resumeAutoDetect } from '../../analytics/detect/autoDetect';
import { CHECKPOINT_REFRESH_POINTS, CHECKPOINT_SETTLE_MS, CHECKPOINT_TTL_MS } from './detectorCheckpointCache';
import type { ModelReuse } from './modelCaches';
import { modelParamKey, PARAM_TTL_MS } from './modelParamCache';
import { formatDuration } from '../../shared/parseDuration';
import type { BandMethod } from '../../shared/queryModel';
import type { ResolvedOptions } from '../../shared/validateQuery';

export interface BandOutcome {
  band: BandResult;
  /** Method actually used. */
  method: BandMethod;
  /** Season lengths (points) the band used. */
  periods: number[];
  notices: string[];
  /** Event flags of the detector itself (method `auto`); absent → flags come from the score (scoreToFlags). */
  flag?: Float64Array;
  /**
   * Method `auto`: per point, the value this point of the season usually shows where the deviation was measured
   * against it (the same-phase signal carried the point), NaN elsewhere; for explanations, not a frame field.
   */
  usual?: Float64Array;
  /**
   * Method `auto`: per point, which of the detector's signals carried its surprise (autoDetect's `signal`: 0 forecast
   * residual, 1 range of recent values, 2 same-phase value, NaN none); for explanations, not a frame field.
   */
  signal?: Float64Array;
}

const DAY_MS = 86_400_000;
/**
 * How long an outlier run (an event, or points scoring at the threshold) trains nothing before the auto detector
 * takes it as the new normal: 5 hours, at least 60 points. At NAB's 5-minute step that is the 60 points chosen
 * there; on finer steps it keeps a slow incident (a lag building up for hours) from being learned half-way and
 * its recovery then reported on the wrong side.
 */
const AUTO_ADAPT_AFTER_MS = 5 * 3_600_000;
const AUTO_ADAPT_AFTER_MIN_POINTS = 60;
/** Longest season the auto detector keeps (points): one day at a 10 s step. */
const AUTO_MAX_SEASON = 8640;

/**
 * Season of the auto detector in points: the longest explicit season, else one day when seasonality is `auto`
 * (fixed from the step, not detected from the data, so the result on a prefix equals the prefix of the result).
 */
export function autoSeasonPoints(o: Pick<ResolvedOptions, 'seasonality'>, stepMs: number): number {
  const s = o.seasonality;
  const ms = s.mode === 'explicit' ? Math.max(...s.periodsMs) : s.mode === 'auto' ? DAY_MS : 0;
  const points = Math.round(ms / stepMs);
  return points >= 4 && points <= AUTO_MAX_SEASON ? points : 0;
}

/** The auto detector's options from the query's (the one place the backend maps them; eval:nab calls it too). */
export function autoDetectOptions(
  o: Pick<ResolvedOptions, 'seasonality' | 'sensitivity' | 'direction' | 'flags'>,
  stepMs: number,
  firstTimestampMs: number
) {
  const season = autoSeasonPoints(o, stepMs);
  return {
    threshold: o.sensitivity,
    direction: o.direction,
    season,
    phase: season > 0 ? Math.round(firstTimestampMs / stepMs) % season : 0,
    minPoints: Math.max(1, Math.round(o.flags.minDurationMs / stepMs)),
    adaptAfterPoints: Math.max(AUTO_ADAPT_AFTER_MIN_POINTS, Math.round(AUTO_ADAPT_AFTER_MS / stepMs)),
  };
}

/**
 * The auto detector on `training`, resumed from the series' checkpoint when one was kept (detectorCheckpointCache.ts;
 * the core checks that it applies, so the result equals a fresh run), and a new checkpoint kept for the next
 * evaluation.
 */
function detectAuto(
  training: Float64Array,
  options: ReturnType<typeof autoDetectOptions>,
  stepMs: number,
  firstTimestampMs: number,
  reuse: ModelReuse | undefined
) {
  if (reuse === undefined) {
    return autoDetect(training, options);
  }
  const key = `${reuse.seriesKey}|auto|${firstTimestampMs}|${JSON.stringify(options)}`;
  const settled = training.length - Math.ceil(CHECKPOINT_SETTLE_MS / stepMs);
  const kept = reuse.caches.detector.get(key);
  const stale = kept === undefined || kept.points > settled || settled - kept.points >= CHECKPOINT_REFRESH_POINTS;
  // The result lives in the instance's detector session until its next call: computeBand's caller copies the
  // visible points out before anything else can run (analyseSeries is synchronous).
  const resumed = resumeAutoDetect(
    training,
    options,
    kept,
    stale ? settled : kept.points,
    reuse.caches.detectorSession
  );
  if (resumed.checkpoint !== kept) {
    reuse.caches.detector.set(key, resumed.checkpoint, CHECKPOINT_TTL_MS);
  }
  return resumed.result;
}

/** Trailing window of the moving band in points (≥ 2). */
export function movingWindowPoints(o: Pick<ResolvedOptions, 'movingWindowMs'>, stepMs: number): number {
  return Math.max(2, Math.round(o.movingWindowMs / stepMs));
}

/**
 * @param training observed values with excluded points set to NaN
 * @param observed the observed values
 * @param periods candidate seasons (points, ascending)
 * @param visibleStart index of the first visible point (points before it are history)
 * @param reuse identity of the series (data source, query, step, labels) and its instance's caches, under which
 *   fitted model parameters are reused between evaluations; absent → always fit
 * @param firstTimestampMs time of the first point (the season phase of the auto detector); default 0
 */
export function computeBand(
  training: Float64Array,
  observed: Float64Array,
  periods: number[],
  visibleStart: number,
  o: ResolvedOptions,
  stepMs: number,
  reuse?: ModelReuse,
  firstTimestampMs = 0
): BandOutcome {
  if (o.method === 'auto') {
    // Excluded points arrive as NaN in `training`: the detector neither learns nor scores them.
    const r = detectAuto(training, autoDetectOptions(o, stepMs, firstTimestampMs), stepMs, firstTimestampMs, reuse);
    // The component and season named are the ones the forecast used at the last point, not the configured season.
    const season = r.seasonInUse ? autoSeasonPoints(o, stepMs) : 0;
    return {
      band: {
        expected: r.expected,
        lower: r.lower,
        upper: r.upper,
        score: r.score,
        sigma: r.sigma,
        component: season > 0 ? 'seasonal' : 'level',
      },
      method: 'auto',
      periods: season > 0 ? [season] : [],
      notices: [],
      flag: r.flag,
      usual: r.usual,
      signal: r.signal,
    };
  }
  const k = o.sensitivity;
  const direction = o.direction;
  const n = training.length;
  const notices: string[] = [];
  let band: BandResult | undefined;
  let used: number[] = [];
  const fallback = (why: string) =>
    notices.push(`${why}; used the moving band over ${formatDuration(o.movingWindowMs)} instead.`);
  const span = (p: number) => formatDuration(p * stepMs);

  switch (o.method) {
    case 'seasonal': {
      // One full season before the first visible point gives every visible point its same-phase samples.
      const fit = periods.filter((p) => visibleStart >= p);
      if (fit.length > 0) {
        const p = fit[fit.length - 1];
        band = seasonalBand(training, { period: p, k, direction });
        used = [p];
      } else {
        fallback(
          periods.length === 0
            ? 'The seasonal method found no season in this series (seasonality auto/none)'
            : `The seasonal method needs one season (${span(periods[0])}) of history before the range, ` +
                `got ${span(visibleStart)}`
        );
      }
      break;
    }
    case 'stl': {
      const fit = periods.filter((p) => n >= 2 * p);
      if (fit.length === 1) {
        band = stlResidualBand(training, { period: fit[0], k, direction });
        used = fit;
      } else if (fit.length > 1) {
        const parts = mstl(training, { periods: fit, robust: true });
        const seasonal = new Float64Array(n);
        for (const s of parts.seasonals) {
          for (let i = 0; i < n; i++) {
            seasonal[i] += s[i];
          }
        }
        band = stlResidualBand(training, {
          period: fit[fit.length - 1],
          k,
          direction,
          decomposition: { trend: parts.trend, seasonal },
        });
        used = parts.periods;
      } else {
        fallback(
          periods.length === 0
            ? 'STL found no season in this series'
            : `STL needs two seasons (${span(2 * periods[0])}) of data, got ${span(n)}`
        );
      }
      break;
    }
    case 'forecast': {
      const fit = periods.filter((p) => n >= 2 * p);
      const p = fit.length > 0 ? fit[fit.length - 1] : 1;
      try {
        const key = reuse === undefined ? undefined : modelParamKey(reuse.seriesKey, p);
        const cached = key === undefined ? undefined : reuse?.caches.params.get(key);
        const known = (v: number) => (Number.isNaN(v) ? undefined : v);
        const fixed = cached ? { alpha: cached.alpha, beta: known(cached.beta), gamma: known(cached.gamma) } : {};
        const fitted = forecastBand(training, { period: p, k, direction, ...fixed });
        if (key !== undefined && !cached) {
          const { alpha, beta, gamma } = fitted.model.params;
          reuse?.caches.params.set(key, { alpha, beta, gamma }, PARAM_TTL_MS);
        }
        band = fitted;
        used = p > 1 ? [p] : [];
      } catch (e) {
        fallback(`The Holt–Winters band could not be fitted (${(e as Error).message})`);
      }
      break;
    }
    case 'moving':
      break;
  }
  const method: BandMethod = band ? o.method : 'moving';
  if (!band) {
    band = movingBand(training, { window: movingWindowPoints(o, stepMs), k, direction });
  }
  if (training !== observed) {
    band = bandFromSpread(observed, band.expected, band.sigma, k, direction, band.component);
  }
  return { band, method, periods: used, notices };
}
