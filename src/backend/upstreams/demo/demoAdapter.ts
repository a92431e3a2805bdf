/** The built-in demo catalogue, answered in process, behind the UpstreamAdapter interface. */
import { RESOURCE_PATHS, type ValidateRequest } from '../../../shared/resources';
import { LensError } from '../../errors/LensError';
import { checkSeriesLimits } from '../checkSeriesLimits';
import { exactSelector } from '../prometheus/labelSetText';
import type { UpstreamAdapter, UpstreamConnection } from '../UpstreamAdapter';
import { computeStep } from './computeStep';
import { DEMO_METRICS } from './demoCatalog';
import { demoLabelValues, demoLabels, demoMetrics, demoSeries, demoValidate } from './demoResources';
import { MAX_POINTS_PER_SERIES, queryDemo, selectDemoSeries } from './queryDemo';

export const demoAdapter: UpstreamAdapter = {
  kind: 'demo',
  maxPointsPerSeries: MAX_POINTS_PER_SERIES - 2,
  readOwnSettings() {
    return {};
  },
  connect({ limits }): UpstreamConnection {
    return {
      kind: 'demo',
      readsRecordingRules: false,
      recordingRulesNote:
        'This data source reads the built-in demo series; load the rules into a Prometheus that scrapes the same ' +
        "metrics (the demo stack's Prometheus does).",
      async fetchRange(req) {
        let results;
        try {
          // Before any value is generated: the catalogue knows how many series the selector picks.
          checkSeriesLimits(req.refId, selectDemoSeries(req.expr).series.length, req.gridPoints, limits);
          results = queryDemo(req.expr, { fromMs: req.fromMs, toMs: req.toMs, stepMs: req.stepMs });
        } catch (e) {
          if (e instanceof LensError && e.kind === 'input') {
            throw e.prefixed(`query ${req.refId}: `);
          }
          throw e;
        }
        return {
          series: results.map((r) => ({
            name: r.metric.name,
            labels: r.series.labels,
            unit: r.metric.unit,
            timesMs: r.timestamps,
            values: r.values,
          })),
          executed: req.expr,
          warnings: [],
        };
      },
      stepMs: computeStep,
      incrementalOverlapMs() {
        return undefined;
      },
      async resource({ route, method, params, body }) {
        switch (route) {
          case RESOURCE_PATHS.metrics:
            return demoMetrics();
          case RESOURCE_PATHS.series:
            return demoSeries(params.get('metric'));
          case RESOURCE_PATHS.labels:
            return demoLabels(params.get('metric'));
          case RESOURCE_PATHS.labelValues:
            return demoLabelValues(params.get('label'), params.get('metric'));
          case RESOURCE_PATHS.validate: {
            if (method === 'POST') {
              const parsed = body() as Partial<ValidateRequest> | null;
              return demoValidate(parsed && typeof parsed === 'object' ? parsed.expr : undefined);
            }
            return demoValidate(params.get('expr'));
          }
        }
        throw LensError.badRequest(404, `unknown resource "${route}"`);
      },
      // Exercise the real query path over the last hour so a broken build fails here, not on the dashboard.
      async checkHealth(nowMs) {
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
      },
      // The demo knows the metric of every series: always the exact selector.
      exploreExpr(_candidateExpr, series) {
        return exactSelector(series.labels.__name__ || series.name, series.labels);
      },
    };
  },
};
