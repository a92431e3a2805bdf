/**
 * Season lengths in points for one series: explicit durations divided by the step, or, for `auto`, the hourly,
 * daily and weekly candidates that `detectSeasonality` accepts on the training data (our ACF detector,
 * src/analytics/seasonality). Our own glue. Notices say when a season was rounded or dropped.
 * Before detection the series is clipped (`clipOutliers`, median ± 5 robust σ) so incident spikes do not drown
 * the autocorrelation at the seasonal lag.
 */
import { detectSeasonality } from '../../analytics/seasonality/detectSeasonality';
import { clipOutliers } from '../../analytics/seasonality/clipOutliers';
import { formatDuration } from '../../shared/parseDuration';
import type { SeasonalitySetting } from '../../shared/validateQuery';

const CALENDAR_MS = [3_600_000, 86_400_000, 604_800_000];

/** Seasons shorter than this many points carry no usable shape. */
export const MIN_PERIOD_POINTS = 4;

export interface ResolvedPeriods {
  /** Ascending, in points. */
  periods: number[];
  notices: string[];
}

export function resolvePeriods(setting: SeasonalitySetting, y: ArrayLike<number>, stepMs: number): ResolvedPeriods {
  const notices: string[] = [];
  if (setting.mode === 'none') {
    return { periods: [], notices };
  }
  if (setting.mode === 'explicit') {
    const periods: number[] = [];
    for (const ms of setting.periodsMs) {
      const p = Math.round(ms / stepMs);
      if (p < MIN_PERIOD_POINTS) {
        notices.push(
          `Season ${formatDuration(ms)} is ignored: it spans fewer than ${MIN_PERIOD_POINTS} points at step ${formatDuration(stepMs)}.`
        );
        continue;
      }
      if (Math.abs(p * stepMs - ms) > 0.01 * ms) {
        notices.push(
          `Season ${formatDuration(ms)} is not a whole number of steps; using ${p} steps (${formatDuration(p * stepMs)}).`
        );
      }
      if (!periods.includes(p)) {
        periods.push(p);
      }
    }
    return { periods: periods.sort((a, b) => a - b), notices };
  }
  const candidates = CALENDAR_MS.map((ms) => ms / stepMs).filter(
    (p) => Number.isInteger(p) && p >= MIN_PERIOD_POINTS && 2 * p <= y.length
  );
  if (candidates.length === 0) {
    return { periods: [], notices };
  }
  return { periods: detectSeasonality(clipOutliers(y), { candidates }).periods, notices };
}
