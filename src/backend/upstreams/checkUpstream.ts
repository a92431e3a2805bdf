/**
 * The "Save & test" answer: OK with a sentence a person understands, or ERROR saying what to change.
 * Our own code.
 */
import { QueryError } from '../query/queryError';
import { readSettings, unsupportedUpstream } from '../query/dataSourceSettings';
import type { PluginContext } from '../server/protoTypes';
import { DEMO_METRICS } from './demo/demoCatalog';
import { queryDemo } from './demo/queryDemo';

export interface HealthResult {
  ok: boolean;
  message: string;
  details?: Record<string, unknown>;
}

export function checkUpstream(ctx: PluginContext | null | undefined, nowMs = Date.now()): HealthResult {
  let settings;
  try {
    settings = readSettings(ctx);
  } catch (e) {
    return {
      ok: false,
      message: e instanceof QueryError ? capitalise(e.message) : 'The data source settings could not be read.',
    };
  }
  if (settings.upstream !== 'demo') {
    return { ok: false, message: capitalise(unsupportedUpstream(settings.upstream).message) + '.' };
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

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
