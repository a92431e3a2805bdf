/** Prometheus (and compatibles: Thanos, Mimir, Cortex) behind the UpstreamAdapter interface. */
import { healthErrorResult } from '../../errors/errorReplies';
import { upstreamInstanceSettingsFromProtocol } from '../http/upstreamHttpSettings';
import { withQueryLimits } from '../http/withQueryLimits';
import { requireInstance } from '../requireInstance';
import { readOnce, type UpstreamAdapter, type UpstreamConnection } from '../UpstreamAdapter';
import { checkPrometheus } from './checkPrometheus';
import { chooseStep, DEFAULT_SCRAPE_INTERVAL_MS, PROMETHEUS_MAX_POINTS } from './chooseStep';
import { DEFAULT_INCREMENTAL_QUERYING, readIncrementalQuerying } from './incrementalQuerying';
import { isRangeIndependentPromQL } from './isRangeIndependentPromQL';
import { exactSelector } from './labelSetText';
import { prometheusResource } from './prometheusResource';
import { prometheusSettingsFrom } from './prometheusSettings';
import { queryRange } from './queryRange';

export const prometheusAdapter: UpstreamAdapter = {
  kind: 'prometheus',
  maxPointsPerSeries: PROMETHEUS_MAX_POINTS - 2,
  readOwnSettings(jsonData) {
    return { incremental: readIncrementalQuerying(jsonData) };
  },
  connect({ instance, limits, incremental = DEFAULT_INCREMENTAL_QUERYING }): UpstreamConnection {
    const parsed = readOnce(() => prometheusSettingsFrom(upstreamInstanceSettingsFromProtocol(instance ?? {})));
    const limited = readOnce(() => {
      requireInstance('prometheus', instance);
      const prom = parsed();
      return { ...prom, http: withQueryLimits(prom.http, limits) };
    });
    return {
      kind: 'prometheus',
      readsRecordingRules: true,
      async fetchRange(req, signal) {
        const res = await queryRange(
          { expr: req.expr, fromMs: req.fromMs, toMs: req.toMs, stepMs: req.stepMs },
          limited(),
          { signal }
        );
        return {
          series: res.series.map((s) => ({
            name: s.labels.__name__ || 'value',
            labels: s.labels,
            timesMs: s.timesMs,
            values: s.values,
          })),
          executed: res.expr,
          warnings: res.warnings,
        };
      },
      stepMs(r) {
        const scrapeMs = instance ? parsed().scrapeIntervalMs : DEFAULT_SCRAPE_INTERVAL_MS;
        return chooseStep(r.intervalMs, r.maxDataPoints, r.fromMs, r.toMs, r.minStepMs, scrapeMs);
      },
      incrementalOverlapMs(expr) {
        return incremental.enabled && isRangeIndependentPromQL(expr) ? incremental.overlapMs : undefined;
      },
      resource(call, options) {
        return prometheusResource(call.route, call.params, limited(), options);
      },
      async checkHealth(nowMs) {
        try {
          const health = await checkPrometheus(parsed(), { nowMs });
          return { ok: health.ok, message: health.message, details: { upstream: 'prometheus' } };
        } catch (e) {
          // Unusable settings (no URL, bad timeout): the client's message says which one.
          return healthErrorResult(e);
        }
      },
      // The exact selector when the series carries its metric name; an expression such as rate(x[5m]) drops the
      // name, and then no selector can name the series: the candidate query unchanged.
      exploreExpr(candidateExpr, series) {
        return series.labels.__name__ ? exactSelector(series.labels.__name__, series.labels) : candidateExpr;
      },
    };
  },
};
