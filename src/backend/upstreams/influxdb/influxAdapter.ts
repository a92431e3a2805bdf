/** InfluxDB 1.x (InfluxQL over /query) behind the UpstreamAdapter interface. */
import { healthErrorResult } from '../../errors/errorReplies';
import { upstreamInstanceSettingsFromProtocol } from '../http/upstreamHttpSettings';
import { withQueryLimits } from '../http/withQueryLimits';
import { chooseStep, DEFAULT_SCRAPE_INTERVAL_MS } from '../prometheus/chooseStep';
import { requireInstance } from '../requireInstance';
import { readOnce, type UpstreamAdapter, type UpstreamConnection } from '../UpstreamAdapter';
import { checkInfluxDB } from './checkInfluxDB';
import { influxResource } from './influxResource';
import { influxSettingsFrom } from './influxSettings';
import { queryInfluxQL } from './queryInfluxQL';

export const influxAdapter: UpstreamAdapter = {
  kind: 'influxdb',
  // InfluxDB has no bound of its own (`max-select-point` is 0 by default): ours bounds the analysis work per series.
  maxPointsPerSeries: 100_000,
  readOwnSettings() {
    return {};
  },
  connect({ instance, limits }): UpstreamConnection {
    const parsed = readOnce(() => influxSettingsFrom(upstreamInstanceSettingsFromProtocol(instance ?? {})));
    const limited = readOnce(() => {
      requireInstance('influxdb', instance);
      const influx = parsed();
      return { ...influx, http: withQueryLimits(influx.http, limits) };
    });
    return {
      kind: 'influxdb',
      readsRecordingRules: false,
      async fetchRange(req, signal) {
        const res = await queryInfluxQL(
          { query: req.expr, fromMs: req.fromMs, toMs: req.toMs, intervalMs: req.stepMs },
          limited(),
          { signal }
        );
        return {
          series: res.series.map((s) => ({
            name: s.labels._field || s.labels._measurement || 'value',
            labels: s.labels,
            timesMs: s.timesMs,
            values: s.values,
          })),
          executed: res.query,
          warnings: [],
        };
      },
      // Grafana's rule for Prometheus with the default scrape interval: InfluxDB has no setting of its own.
      stepMs(r) {
        return chooseStep(r.intervalMs, r.maxDataPoints, r.fromMs, r.toMs, r.minStepMs, DEFAULT_SCRAPE_INTERVAL_MS);
      },
      incrementalOverlapMs() {
        return undefined;
      },
      resource(call, options) {
        return influxResource(call.route, call.params, limited(), options);
      },
      async checkHealth() {
        try {
          const health = await checkInfluxDB(parsed());
          return { ok: health.ok, message: health.message, details: { upstream: 'influxdb' } };
        } catch (e) {
          // Unusable settings (no URL, no database, bad timeout): the client's message says which one.
          return healthErrorResult(e);
        }
      },
      // InfluxQL has no per-series selector short of rewriting the WHERE clause of an arbitrary statement, which
      // we do not attempt: the candidate query unchanged.
      exploreExpr(candidateExpr) {
        return candidateExpr;
      },
    };
  },
};
