/**
 * What one data source instance remembers about its series between evaluations: fitted Holt–Winters parameters,
 * the forecast model `auto` chose, auto-detected seasons, where the default detector stopped. Each data source instance (DataSourceInstances.ts) holds
 * its own set, so one data source's series never evict another's and a test builds a fresh set instead of clearing
 * a process-wide one. Each cache keeps its own byte budget and expiry (see its file); `releaseModelCaches` gives
 * their memory back when the process falls quiet, as the upstream cache does (releaseIdleCaches.ts).
 */
import { type AutoDetectCheckpoint, AutoDetectSession } from '../../analytics/detect/autoDetect';
import type { BoundedLruCache } from './BoundedLruCache';
import { newDetectorCheckpointCache } from './detectorCheckpointCache';
import { type DetectedPeriods, newDetectedPeriodsCache } from './detectedPeriodsCache';
import type { ForecastChoice } from '../../analytics/forecasting/forecastSeries';
import { newForecastChoiceCache } from './forecastChoiceCache';
import { type FittedParams, newModelParamCache } from './modelParamCache';
import { IDLE_TRIM_AFTER_MS, releaseIdleCaches } from './releaseIdleCaches';

export interface ModelCaches {
  /** Fitted Holt–Winters parameters per series and season (modelParamCache.ts). */
  params: BoundedLruCache<FittedParams>;
  /** The forecast model chosen per series (forecastChoiceCache.ts). */
  forecastChoices: BoundedLruCache<ForecastChoice>;
  /** Auto-detected seasons per series (detectedPeriodsCache.ts). */
  periods: BoundedLruCache<DetectedPeriods>;
  /** The default detector's checkpoints per series (detectorCheckpointCache.ts). */
  detector: BoundedLruCache<AutoDetectCheckpoint>;
  /**
   * The default detector's working buffers, reused by every series of the instance one evaluation at a time, so a
   * resumed evaluation allocates no copy of the detector's state or outputs (`AutoDetectSession`).
   */
  detectorSession: AutoDetectSession;
}

/** A new, empty set of caches. */
export function modelCaches(): ModelCaches {
  return {
    params: newModelParamCache(),
    forecastChoices: newForecastChoiceCache(),
    periods: newDetectedPeriodsCache(),
    detector: newDetectorCheckpointCache(),
    detectorSession: new AutoDetectSession(),
  };
}

/** Where a series' models are reused from: its key (data source, query, step, labels) and its instance's caches. */
export interface ModelReuse {
  seriesKey: string;
  caches: ModelCaches;
}

/** Drops expired entries at once and, after a quiet stretch, trims each cache (releaseIdleCaches). */
export function releaseModelCaches(caches: ModelCaches, quietForMs: number): void {
  releaseIdleCaches(caches.params, quietForMs);
  releaseIdleCaches(caches.forecastChoices, quietForMs);
  releaseIdleCaches(caches.periods, quietForMs);
  releaseIdleCaches(caches.detector, quietForMs);
  if (quietForMs >= IDLE_TRIM_AFTER_MS) {
    caches.detectorSession.release();
  }
}
