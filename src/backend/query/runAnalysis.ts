/**
 * Runs one parsed query: resolve the step, plan the training history, fetch history + range from the configured
 * upstream (demo, Prometheus or InfluxDB, through the LRU cache), analyse each series, then peer outliers across
 * the series, and return only the visible range plus the forecast horizon as frames.
 */
import { dbscanOutliers } from '../../analytics/outliers/dbscanOutliers';
import { madOutliers } from '../../analytics/outliers/madOutliers';
import { zScoreOutliers } from '../../analytics/outliers/zScoreOutliers';
import type { PeerOutlierResult } from '../../analytics/outliers/peerOutlierResult';
import { OUTPUT_FIELDS, OutputField } from '../../shared/frameConventions';
import type { ResolvedOptions } from '../../shared/validateQuery';
import { timeSeriesFrames, applyLegendFormat } from '../frames/timeSeriesFrames';
import { analysisFrames, FrameSeries } from '../pipeline/analysisFrames';
import { analyseSeries, SeriesAnalysis, SeriesInput } from '../pipeline/analyseSeries';
import { fetchPlanned } from './fetchPlanned';
import { runRecordedBands } from './runRecordedBands';
import type { QueryRunner } from './QueryRunner';

/** Raw-only queries (every version-1 query) keep the plain version-1 frames. */
function isRawOnly(o: ResolvedOptions): boolean {
  return o.outputs.length === 1 && o.outputs[0] === 'raw';
}

export const runAnalysis: QueryRunner = async (settings, query, window, deps = {}) => {
  const o = query.options;
  if (o.bandSource === 'recorded' && o.queryType === 'analysis') {
    return runRecordedBands(settings, query, window, deps);
  }
  const { stepMs, fetched, visibleStart, timestamps, executed, notices, seriesKey } = await fetchPlanned(
    settings,
    query,
    window,
    deps
  );

  if (isRawOnly(o)) {
    return timeSeriesFrames(
      fetched.series.map((s) => ({
        name: s.name,
        labels: s.labels,
        timestamps,
        values: s.values.subarray(visibleStart),
        unit: s.unit,
        displayName: query.legendFormat ? applyLegendFormat(query.legendFormat, s.labels, s.name) : undefined,
      })),
      {
        refId: query.refId,
        intervalMs: stepMs,
        executedQueryString: executed,
        notices: notices.map((text) => ({ severity: 'warning', text })),
      }
    );
  }

  const arena = deps.arena;
  const series: FrameSeries[] = fetched.series.map((s) => {
    const a = analyseOrExplain(
      {
        timestamps: fetched.timestamps,
        values: s.values,
        visibleStart,
        stepMs,
        reuse: { seriesKey: seriesKey(s.labels), caches: settings.models },
        visibleBlock: arena && ((length) => arena.takeFloat64(length)),
      },
      o
    );
    return {
      name: s.name,
      labels: s.labels,
      unit: s.unit,
      timestamps,
      fields: a.fields,
      forecast: a.forecast,
      custom: {
        method: a.method,
        component: a.component,
        periodsMs: a.periods.map((p) => p * stepMs),
        sensitivity: o.sensitivity,
        trainingPoints: visibleStart,
      },
      notices: a.notices,
      infos: a.infos,
    };
  });

  if (o.outputs.includes('outliers')) {
    const group = fetched.series.map((s) => s.values.subarray(visibleStart));
    if (group.length < 3) {
      notices.push(`Peer outliers need at least 3 series to compare; this query returned ${group.length}.`);
    } else {
      const result = peerOutliers(group, o);
      result.series.forEach((r, i) => {
        const flag = new Float64Array(timestamps.length);
        for (const t of r.flaggedIndices) {
          flag[t] = 1;
        }
        series[i].fields.set(OUTPUT_FIELDS.outlier, flag);
        series[i].fields.set(OUTPUT_FIELDS.outlierScore, r.scores);
        Object.assign(series[i].custom, { isOutlier: r.isOutlier, flaggedPercent: r.flaggedPercent });
      });
    }
  }

  return analysisFrames(series, {
    refId: query.refId,
    outputs: o.outputs,
    legendFormat: query.legendFormat,
    stepMs,
    executedQueryString: executed,
    notices,
  });
};

/**
 * One series whose analysis fails (an input the core refuses) must not take the other series of the query down:
 * it keeps its raw field, if requested, and says why in a notice.
 */
function analyseOrExplain(input: SeriesInput, o: ResolvedOptions): SeriesAnalysis {
  try {
    return analyseSeries(input, o);
  } catch (e) {
    const fields = new Map<OutputField, Float64Array>();
    if (o.outputs.includes('raw')) {
      fields.set(OUTPUT_FIELDS.raw, input.values.slice(input.visibleStart));
    }
    return { fields, periods: [], notices: [`analysis failed for this series: ${(e as Error).message}`], infos: [] };
  }
}

function peerOutliers(group: Float64Array[], o: ResolvedOptions): PeerOutlierResult {
  const { algorithm, sensitivity, percentPoints } = o.outliers;
  switch (algorithm) {
    case 'mad':
      return madOutliers(group, { sensitivity, percentPoints });
    case 'zscore':
      return zScoreOutliers(group, { sensitivity, percentPoints });
    case 'dbscan':
      return dbscanOutliers(group, { sensitivity, percentPoints });
  }
}
