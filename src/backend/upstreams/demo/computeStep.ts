/**
 * Step between points: max(minStepMs, intervalMs, range / maxDataPoints, 1 s), rounded up to a whole second.
 * Our own rule, like Prometheus data sources (interval never finer than the panel can draw).
 */
export const MIN_STEP_MS = 1000;
/** Used when Grafana sends no maxDataPoints (e.g. some alerting paths). */
export const DEFAULT_MAX_DATA_POINTS = 1000;

export interface StepInput {
  fromMs: number;
  toMs: number;
  intervalMs?: number;
  maxDataPoints?: number;
  minStepMs?: number;
}

export function computeStep({ fromMs, toMs, intervalMs, maxDataPoints, minStepMs }: StepInput): number {
  const points = maxDataPoints && maxDataPoints > 0 ? maxDataPoints : DEFAULT_MAX_DATA_POINTS;
  const byPoints = Math.max(0, toMs - fromMs) / points;
  const step = Math.max(MIN_STEP_MS, intervalMs && intervalMs > 0 ? intervalMs : 0, minStepMs ?? 0, byPoints);
  return Math.ceil(step / 1000) * 1000;
}
