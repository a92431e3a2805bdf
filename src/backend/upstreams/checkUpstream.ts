/**
 * The "Save & test" answer: OK with a sentence a person understands, or ERROR saying what to change.
 * Our own code.
 */
import { healthErrorResult } from '../errors/errorReplies';
import { readSettings } from '../query/dataSourceSettings';
import type { PluginContext } from '../server/protoTypes';
import { upstreamInstanceSettingsFromProtocol } from './http/upstreamHttpSettings';
import { checkInfluxDB } from './influxdb/checkInfluxDB';
import { influxSettingsFrom } from './influxdb/influxSettings';
import { checkPrometheus } from './prometheus/checkPrometheus';
import { prometheusSettingsFrom } from './prometheus/prometheusSettings';
import { DEMO_METRICS } from './demo/demoCatalog';
import { queryDemo } from './demo/queryDemo';

export interface HealthResult {
  ok: boolean;
  message: string;
  details?: Record<string, unknown>;
}

export async function checkUpstream(ctx: PluginContext | null | undefined, nowMs = Date.now()): Promise<HealthResult> {
  let settings;
  try {
    settings = readSettings(ctx);
  } catch (e) {
    return healthErrorResult(e);
  }
  if (settings.upstream !== 'demo') {
    // The upstream clients' own checks: Prometheus runs `1+1`, InfluxDB `SHOW DATABASES`-style probes.
    try {
      const instance = upstreamInstanceSettingsFromProtocol(settings.instance ?? {});
      const health =
        settings.upstream === 'prometheus'
          ? await checkPrometheus(prometheusSettingsFrom(instance), { nowMs })
          : await checkInfluxDB(influxSettingsFrom(instance));
      return { ok: health.ok, message: health.message, details: { upstream: settings.upstream } };
    } catch (e) {
      // Unusable settings (no URL, no database, bad timeout): the client's message says which one.
      return healthErrorResult(e);
    }
  }
  // Exercise the real query path over the last hour so a broken build fails here, not on the dashboard.
  const series = DEMO_METRICS.reduce((n, m) => n + m.series.length, 0);
  const sample = queryDemo(DEMO_METRICS[0].name, { fromMs: nowMs - 3_600_000, toMs: nowMs, stepMs: 60_000 });
  const finite = sample.every((s) => s.values.every(Number.isFinite));
  if (!finite) {
    return { ok: false, message: 'The demo upstream produced invalid values; please report this bug.' };
  }
  return {
    ok: true,
    message: `Demo upstream is working: ${DEMO_METRICS.length} metrics, ${series} series of synthetic data.`,
    details: { upstream: 'demo', metrics: DEMO_METRICS.length, series },
  };
}
