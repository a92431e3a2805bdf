/**
 * Reads a `query_range` answer into series (the samples sent, times checked against the step grid) and Prometheus'
 * warnings: the scanner first (`scanPrometheusMatrix`, no intermediate JSON objects), and when it declines,
 * `JSON.parse` with the envelope and matrix checks (`readPrometheusEnvelope` + `parsePrometheusMatrix`), which
 * word every error.
 *
 * Why two paths: for 1,000 series × 1,060 points (27 MB) JSON.parse + reading the samples takes 580–660 ms against
 * the scanner's ~45 ms (×10–13; one series 0.23 → 0.05 ms), measured in benchmarks/pipeline.bench.ts (parse rows).
 */
import type { UpstreamHttpSettings } from '../http/upstreamHttpSettings';
import type { UpstreamResponse } from '../http/upstreamRequest';
import type { UpstreamSeries } from '../http/upstreamSeries';
import { parsePrometheusMatrix, readPrometheusEnvelope, type StepGrid } from './parsePrometheusResponse';
import { scanPrometheusMatrix } from './scanPrometheusMatrix';

export interface PrometheusMatrix {
  series: UpstreamSeries[];
  /** `warnings` as sent, not yet redacted (the caller redacts before showing them). */
  warnings: string[];
}

export function readPrometheusMatrix(
  res: UpstreamResponse,
  grid: StepGrid,
  settings: UpstreamHttpSettings
): PrometheusMatrix {
  if (res.status >= 200 && res.status <= 299) {
    const scanned = scanPrometheusMatrix(res.body, grid, settings.limits);
    if (scanned) {
      return scanned;
    }
  }
  const env = readPrometheusEnvelope(res, settings);
  const series = parsePrometheusMatrix(env.data, grid, settings.limits, settings);
  const warnings = Array.isArray(env.warnings) ? env.warnings.map((w) => String(w)) : [];
  return { series, warnings };
}
