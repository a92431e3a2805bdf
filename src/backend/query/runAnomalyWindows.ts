/**
 * Runs an `anomalyWindows` query: the usual analysis of every series (history planned, band by the chosen method
 * with its fallback, score and flags with `flags.minDuration`), then the flagged runs as windows in one table
 * frame, each explained (src/backend/pipeline/explainWindow.ts). `outputs` is ignored (validateQuery sets band,
 * score, flag). The fetch and analysis steps are the ones runAnalysis takes, with the same series key, so the fitted
 * models and detected seasons are shared with the panel's band query. Our own glue.
 */
import { OUTPUT_FIELDS } from '../../shared/frameConventions';
import { formatDuration } from '../../shared/parseDuration';
import { AnomalyWindowRow, anomalyWindowFrame } from '../frames/anomalyWindowFrame';
import type { FrameMeta } from '../frames/frame';
import { analyseSeries, SeriesAnalysis } from '../pipeline/analyseSeries';
import { seriesDisplayName } from '../pipeline/analysisFrames';
import { explainWindow, windowTitle } from '../pipeline/explainWindow';
import { fetchPlanned } from './fetchPlanned';
import { flaggedWindows } from '../pipeline/flaggedWindows';
import type { QueryRunner } from './QueryRunner';

export const runAnomalyWindows: QueryRunner = async (settings, query, window, deps = {}) => {
  const o = query.options;
  const { stepMs, plan, fetched, visibleStart, timestamps, notices, seriesKey } = await fetchPlanned(
    settings,
    query,
    window,
    deps
  );
  // Runs of one direction separated by less than flags.minDuration (at least one step) are one window.
  const maxGapPoints = Math.max(1, Math.floor(o.flags.minDurationMs / stepMs));

  const rows: AnomalyWindowRow[] = [];
  for (const s of fetched.series) {
    const name = seriesDisplayName(s.name, s.labels, query.legendFormat);
    let a: SeriesAnalysis;
    try {
      a = analyseSeries(
        { timestamps: fetched.timestamps, values: s.values, visibleStart, stepMs, reuse: { seriesKey: seriesKey(s.labels), caches: settings.models } },
        o
      );
    } catch (e) {
      notices.push(`${name}: analysis failed for this series: ${(e as Error).message}`);
      continue;
    }
    notices.push(...a.notices.map((text) => `${name}: ${text}`));
    const flag = a.fields.get(OUTPUT_FIELDS.flag);
    const score = a.fields.get(OUTPUT_FIELDS.score);
    const expected = a.fields.get(OUTPUT_FIELDS.expected);
    const lower = a.fields.get(OUTPUT_FIELDS.lower);
    const upper = a.fields.get(OUTPUT_FIELDS.upper);
    if (!flag || !score || !expected || !lower || !upper) {
      continue;
    }
    const observed = s.values.subarray(visibleStart);
    const method = a.method ?? o.method;
    for (const w of flaggedWindows(flag, score, { maxGapPoints })) {
      const facts = {
        series: name,
        unit: s.unit,
        direction: w.direction,
        startMs: timestamps[w.start],
        endMs: timestamps[w.end] + stepMs,
        peakMs: timestamps[w.peak],
        value: observed[w.peak],
        expected: expected[w.peak],
        lower: lower[w.peak],
        upper: upper[w.peak],
        score: score[w.peak],
        method,
        requestedMethod: o.method,
        component: a.component,
        usual: a.usual?.[w.peak],
        signal: a.signal?.[w.peak],
      };
      rows.push({
        timeMs: facts.startMs,
        timeEndMs: facts.endMs,
        title: windowTitle(facts),
        text: explainWindow(facts),
        tags: ['anomaly', w.direction > 0 ? 'above' : 'below', method],
        series: name,
        score: facts.score,
        value: facts.value,
        expected: facts.expected,
      });
    }
  }

  const meta: FrameMeta = {
    preferredVisualisationType: 'table',
    executedQueryString:
      plan.historyMs > 0
        ? `${fetched.executed} (step ${formatDuration(stepMs)}, history ${formatDuration(plan.historyMs)})`
        : `${fetched.executed} (step ${formatDuration(stepMs)})`,
    custom: {
      method: o.method,
      sensitivity: o.sensitivity,
      direction: o.direction,
      stepMs,
      series: fetched.series.length,
    },
  };
  if (notices.length) {
    meta.notices = notices.map((text) => ({ severity: 'warning', text }));
  }
  return [anomalyWindowFrame(query.refId, rows, meta)];
};
