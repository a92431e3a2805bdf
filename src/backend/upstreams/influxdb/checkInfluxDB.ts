/**
 * Health check of an InfluxDB upstream for CheckHealth: `SHOW RETENTION POLICIES ON "<db>"`, which fails with
 * "database not found" for a missing database (InfluxDB 1.6 answers `SHOW MEASUREMENTS` on a missing database
 * with an empty, error-free result — seen in our integration test), then `SHOW MEASUREMENTS LIMIT 1` to say
 * whether it holds data (two requests, see below). Proves reachability, credentials and the database. Never throws on upstream problems:
 * `{ ok: false, message }`.
 */
import type { UpstreamRequestOptions } from '../http/upstreamRequest';
import { LensError } from '../../errors/LensError';
import type { UpstreamHealth } from '../prometheus/checkPrometheus';
import type { InfluxSettings } from './influxSettings';
import { quoteInfluxIdentifier } from './influxResources';
import { runInfluxQL } from './queryInfluxQL';

export async function checkInfluxDB(
  settings: InfluxSettings,
  options: UpstreamRequestOptions = {}
): Promise<UpstreamHealth> {
  const where = `${settings.http.upstreamName} at ${settings.http.baseUrl.origin}`;
  try {
    // Two requests: InfluxDB 1.6 reports a failed first statement of a multi-statement query as "not executed".
    const policies = await runInfluxQL(
      `SHOW RETENTION POLICIES ON ${quoteInfluxIdentifier(settings.database)}`,
      settings,
      options
    );
    const measurements = await runInfluxQL('SHOW MEASUREMENTS LIMIT 1', settings, options);
    const failed = [...policies, ...measurements].find((r) => r.error !== undefined);
    if (failed) {
      return { ok: false, message: `${settings.http.upstreamName} error: ${failed.error}` };
    }
    const any = (measurements[0]?.series ?? []).some((s) => s.values.length > 0);
    return {
      ok: true,
      message: any
        ? `${where} is reachable; database "${settings.database}" has data`
        : `${where} is reachable; database "${settings.database}" has no measurements yet`,
    };
  } catch (e) {
    if (e instanceof LensError) {
      return { ok: false, message: e.message };
    }
    throw e;
  }
}
