/**
 * The points-per-series limit of the visible range, checked before anything is allocated: a window of billions
 * of steps must answer 400, not build its grid (bug H1, docs/reliability.md). Training history is fitted into
 * what is left afterwards (planWindow).
 */
import { LensError } from '../errors/LensError';

export function checkPointsPerSeries(
  refId: string,
  window: { fromMs: number; toMs: number },
  stepMs: number,
  maxPointsPerSeries: number
): void {
  const visiblePoints = Math.floor((window.toMs - window.fromMs) / stepMs) + 1;
  if (!Number.isFinite(visiblePoints) || visiblePoints > maxPointsPerSeries) {
    throw LensError.badQuery(
      `query ${refId}: the query would return ${visiblePoints} points per series (limit ${maxPointsPerSeries}); ` +
        `shorten the time range or raise the step (minStepMs / Min interval), ` +
        `or raise the data source setting maxPointsPerSeries`
    );
  }
}
