/**
 * A query with `bandSource: 'recorded'`: the band is read from the series that the recording rules exported from
 * this same query write (src/backend/rules), instead of being computed here, so a dashboard or alert rule over
 * thousands of series only fetches. The frames are the ones a computed band gives (analysisFrames): expected,
 * lower, upper from the recorded expected and σ by the same arithmetic (bandFromSpread), score and flags from them.
 * Our own glue; docs/scaling.md describes the names and the offset alignment below.
 */
import { scoreToFlags } from '../../analytics/anomaly/scoreToFlags';
import { bandFromSpread } from '../../analytics/bands/bandFromSpread';
import { OUTPUT_FIELDS, OutputField } from '../../shared/frameConventions';
import { formatDuration } from '../../shared/parseDuration';
import { QueryValidationError } from '../../shared/validateQuery';
import { analysisFrames, FrameSeries } from '../pipeline/analysisFrames';
import { fetchSeries } from '../pipeline/fetchSeries';
import { recordingRuleGroupOf } from '../rules/recordingRuleGroup';
import { fetchPlanned } from './fetchPlanned';
import type { QueryRunner } from './QueryRunner';
import { LensError } from '../errors/LensError';

const READABLE_OUTPUTS = ['raw', 'band', 'score', 'flag'];

/** Identity of a series without its name (the recorded series carry the rule's name instead of the metric's). */
function labelKey(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(labels)
      .filter((k) => k !== '__name__')
      .sort()
      .map((k) => [k, labels[k]])
  );
}

export const runRecordedBands: QueryRunner = async (settings, query, window, deps = {}) => {
  const o = query.options;
  const fail = (message: string): never => {
    throw LensError.badQuery(`query ${query.refId}: bandSource recorded ${message}`);
  };
  if (!settings.connection.readsRecordingRules) {
    fail(`reads recording-rule series from Prometheus; this data source's upstream is ${settings.upstream}`);
  }
  const other = o.outputs.filter((x) => !READABLE_OUTPUTS.includes(x));
  if (other.length > 0) {
    fail(`gives ${READABLE_OUTPUTS.join(', ')}; remove ${other.join(', ')} or compute the band in the plugin`);
  }
  let exported;
  try {
    exported = recordingRuleGroupOf(query.expr.trim(), o, query.minStepMs);
  } catch (e) {
    if (e instanceof QueryValidationError) {
      fail(`needs a query the export can write: ${e.message}`);
    }
    throw e;
  }
  const { names, intervalMs, method } = exported!;
  // The raw series over the visible range only: nothing is trained here.
  const raw = await fetchPlanned(settings, { ...query, options: { ...o, historyMs: 0 } }, window, deps);
  const { stepMs, timestamps, visibleStart } = raw;
  if (stepMs % intervalMs !== 0) {
    fail(
      `needs a step that is a multiple of the rules' interval ${formatDuration(intervalMs)}; got ` +
        `${formatDuration(stepMs)} (set Min step to the interval)`
    );
  }
  // A ruler evaluates at an offset within each interval; the point recorded for grid time τ sits in
  // [τ, τ + interval). A negative offset of one interval less 1 ms makes Prometheus return exactly that point.
  const bandExpr = `{__name__=~"${names.expected}|${names.sigma}"} offset -${intervalMs - 1}ms and (${query.expr})`;
  const recorded = await fetchSeries(
    settings,
    { refId: query.refId, expr: bandExpr, fromMs: timestamps[0] ?? window.fromMs, toMs: window.toMs, stepMs },
    deps
  );
  const byKey = new Map<string, { expected?: Float64Array; sigma?: Float64Array }>();
  for (const s of recorded.series) {
    const entry = byKey.get(labelKey(s.labels)) ?? {};
    if (s.labels.__name__ === names.expected) {
      entry.expected = s.values;
    } else if (s.labels.__name__ === names.sigma) {
      entry.sigma = s.values;
    }
    byKey.set(labelKey(s.labels), entry);
  }
  const n = timestamps.length;
  const missing = (): Float64Array => new Float64Array(n).fill(NaN);
  let unmatched = 0;
  const series: FrameSeries[] = raw.fetched.series.map((s) => {
    const values = s.values.subarray(visibleStart);
    const found = byKey.get(labelKey(s.labels));
    if (!found?.expected || !found.sigma) {
      unmatched++;
    }
    const band = bandFromSpread(
      values,
      (found?.expected ?? missing()).slice(0, n),
      (found?.sigma ?? missing()).slice(0, n),
      o.sensitivity,
      o.direction,
      method === 'seasonal' ? 'seasonal' : 'level'
    );
    const fields = new Map<OutputField, Float64Array>();
    if (o.outputs.includes('raw')) {
      fields.set(OUTPUT_FIELDS.raw, values);
    }
    if (o.outputs.includes('band')) {
      fields.set(OUTPUT_FIELDS.expected, band.expected);
      fields.set(OUTPUT_FIELDS.lower, band.lower);
      fields.set(OUTPUT_FIELDS.upper, band.upper);
    }
    if (o.outputs.includes('score')) {
      fields.set(OUTPUT_FIELDS.score, band.score);
    }
    if (o.outputs.includes('flag')) {
      const flags = scoreToFlags(band.score, { threshold: o.sensitivity, direction: o.direction });
      fields.set(OUTPUT_FIELDS.flag, Float64Array.from(flags));
    }
    return {
      name: s.name,
      labels: s.labels,
      unit: s.unit,
      timestamps,
      fields,
      custom: {
        method,
        component: band.component,
        periodsMs: method === 'seasonal' && o.seasonality.mode === 'explicit' ? [o.seasonality.periodsMs.at(-1)!] : [],
        sensitivity: o.sensitivity,
        trainingPoints: 0,
      },
      notices: [],
    };
  });
  const notices = [...raw.notices, `Band read from the recording rules' series ${names.expected} and ${names.sigma}.`];
  if (unmatched > 0) {
    notices.push(
      `${unmatched} of ${series.length} series have no recorded band; load the rules exported from this query ` +
        `(Export as recording rules) into the Prometheus this data source reads.`
    );
  }
  return analysisFrames(series, {
    refId: query.refId,
    outputs: o.outputs,
    legendFormat: query.legendFormat,
    stepMs,
    executedQueryString: `${raw.executed}\n${recorded.executed}`,
    notices,
  });
};
