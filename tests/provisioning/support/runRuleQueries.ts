/**
 * Runs the data source queries of an alert rule through the plugin as Grafana's rule evaluation sends them at
 * `now`: the time range from each query's `relativeTimeRange` (seconds before now), and the model with Grafana's
 * defaults for `intervalMs` (1000) and `maxDataPoints` (43200) where it sets neither (ngalert's AlertQuery).
 * Returns the decoded frames by refId; a query error is thrown with the rule and refId.
 */
import { decodeFrame, DecodedFrame } from '../../conformance/support/decodeFrame';
import type { PluginClients } from '../../conformance/support/pluginClients';
import { isExpressionQuery } from './grafanaExpressions';
import type { AlertRule } from './provisioningFiles';

export const GRAFANA_DEFAULT_INTERVAL_MS = 1000;
export const GRAFANA_DEFAULT_MAX_DATA_POINTS = 43_200;

export async function runRuleQueries(
  clients: PluginClients,
  rule: AlertRule,
  now: number,
  pluginContextFor: (datasourceUid: string) => object
): Promise<Map<string, DecodedFrame[]>> {
  const frames = new Map<string, DecodedFrame[]>();
  for (const q of rule.data.filter((d) => !isExpressionQuery(d))) {
    const { from, to } = q.relativeTimeRange ?? { from: 0, to: 0 };
    const intervalMs = Number(q.model.intervalMs ?? GRAFANA_DEFAULT_INTERVAL_MS);
    const maxDataPoints = Number(q.model.maxDataPoints ?? GRAFANA_DEFAULT_MAX_DATA_POINTS);
    const res = await clients.queryData({
      pluginContext: pluginContextFor(q.datasourceUid),
      queries: [
        {
          refId: q.refId,
          maxDataPoints,
          intervalMS: intervalMs,
          timeRange: { fromEpochMS: now - from * 1000, toEpochMS: now - to * 1000 },
          json: Buffer.from(JSON.stringify({ ...q.model, intervalMs, maxDataPoints })),
        },
      ],
    });
    const r = res.responses[q.refId];
    if (r.error) {
      throw new Error(`rule ${rule.uid}: query ${q.refId} failed (${r.status}): ${r.error}`);
    }
    frames.set(
      q.refId,
      r.frames.map((f) => decodeFrame(f))
    );
  }
  return frames;
}
