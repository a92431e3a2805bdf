/**
 * Runs a `backtest` query (docs/backtest.md): would an alert rule on this query have fired over the query's
 * range, per variant, and did it catch the known incidents?
 *
 * 1. Step and history are the alert rule's: the step a rule evaluation of `backtest.rule.range` gets (Grafana
 *    sends rule queries with a 1 s interval and 43,200 data points, so `minStepMs` decides it), the history
 *    planWindow gives that window for each variant.
 * 2. Everything is bounded before work: the range (at most 8 weeks), the points per series of history + range,
 *    the replay work of methods that cannot run in one pass; after each chunk, the series and points limits.
 * 3. History + range are fetched in chunks of at most `maxPointsPerSeries` points each (the upstream's own
 *    per-query bound), through the cache, and joined per series on one grid.
 * 4. Each variant is replayed on each series (src/backend/pipeline/backtestSeries.ts), its firings matched
 *    against the incidents of the range (src/analytics/backtest/matchIncidents.ts) and counted per UTC day.
 *
 * Frames: the summary table (one row per variant), firings per day, and one annotation-ready frame of firings
 * per variant (src/shared/queryTypes.ts). Our own glue.
 */
import { countPerDay, DAY_MS } from '../../analytics/backtest/countPerDay';
import { matchIncidents } from '../../analytics/backtest/matchIncidents';
import { formatDuration } from '../../shared/parseDuration';
import { BACKTEST_DAILY_FRAME, BACKTEST_SUMMARY_FRAME, BACKTEST_WINDOW_FRAME } from '../../shared/queryTypes';
import { QUERY_LIMITS, ResolvedVariant } from '../../shared/validateQuery';
import type { Frame, FrameMeta } from '../frames/frame';
import { seriesDisplayName } from '../pipeline/analysisFrames';
import { BacktestFiring, backtestSeries, isPrefixStable, replayCost } from '../pipeline/backtestSeries';
import { explainWindow } from '../pipeline/explainWindow';
import { FetchDeps, fetchSeries } from '../pipeline/fetchSeries';
import { planWindow } from '../pipeline/planWindow';
import type { DataSourceInstance } from '../pipeline/DataSourceInstances';
import { limitsOf } from '../settings/dataSourceSettings';
import type { ParsedQuery } from './parseQuery';
import type { QueryRunner } from './QueryRunner';
import { LensError } from '../errors/LensError';

/** Longest backtest range: the longest training history a query may fetch. */
export const MAX_BACKTEST_RANGE_MS = QUERY_LIMITS.maxHistoryMs;
/** Most points per series of history + range (8 weeks at 1 minute with a day of history is 82,080). */
export const MAX_BACKTEST_POINTS_PER_SERIES = 150_000;
/** Most points analysed by replayed evaluations (methods that cannot run in one pass), all series and variants. */
export const MAX_REPLAY_POINTS = 3_000_000;
/** What Grafana sends with a rule's query (docs/alerting.md): the step then follows `minStepMs`. */
const RULE_INTERVAL_MS = 1000;
const RULE_MAX_DATA_POINTS = 43_200;

interface JoinedSeries {
  name: string;
  labels: Record<string, string>;
  unit?: string;
  values: Float64Array;
}

interface VariantOutcome {
  variant: ResolvedVariant;
  rows: Array<{ series: string; unit?: string; firing: BacktestFiring; method: string; component?: string }>;
  firingMs: number;
}

export const runBacktest: QueryRunner = async (settings, query, window, deps = {}) => {
  const bt = query.options.backtest!;
  const { rule } = bt;
  const refId = query.refId;
  const { fromMs, toMs } = window;
  if (!(toMs > fromMs)) {
    throw LensError.badQuery(`query ${refId}: the backtest range must end after it starts`);
  }
  if (toMs - fromMs > MAX_BACKTEST_RANGE_MS) {
    throw LensError.badQuery(
      `query ${refId}: the backtest range is ${formatDuration(toMs - fromMs)}, over the limit of ` +
        `${formatDuration(MAX_BACKTEST_RANGE_MS)}; choose a shorter time range`
    );
  }
  const limits = limitsOf(settings);
  let stepMs: number;
  try {
    stepMs = settings.connection.stepMs({
      fromMs: toMs - rule.rangeMs,
      toMs,
      intervalMs: RULE_INTERVAL_MS,
      maxDataPoints: RULE_MAX_DATA_POINTS,
      minStepMs: query.minStepMs,
    });
  } catch (e) {
    throw LensError.badQuery(`query ${refId}: ${(e as Error).message}`);
  }

  const notices = new Set<string>();
  const histories = bt.variants.map((v) => {
    const plan = planWindow(
      v.options,
      { fromMs: toMs - rule.rangeMs, toMs },
      stepMs,
      limits.maxPointsPerSeries,
      limits.maxHistoryMs
    );
    plan.notices.forEach((n) => notices.add(`${v.name}: ${n}`));
    return plan.historyMs;
  });
  const fetchFromMs = Math.floor((fromMs - rule.rangeMs - Math.max(...histories)) / stepMs) * stepMs;
  const points = Math.floor((toMs - fetchFromMs) / stepMs) + 1;
  if (!(points <= MAX_BACKTEST_POINTS_PER_SERIES)) {
    throw LensError.badQuery(
      `query ${refId}: the backtest needs ${points} points per series (range ${formatDuration(toMs - fromMs)}, ` +
        `rule range and history ${formatDuration(fromMs - fetchFromMs)}, step ${formatDuration(stepMs)}), over ` +
        `the limit of ${MAX_BACKTEST_POINTS_PER_SERIES}; set a larger minStepMs (the rule's query should set it too), ` +
        `or choose a shorter range or history`
    );
  }
  const replayPoints = (series: number) =>
    bt.variants.reduce((sum, v, i) => {
      if (isPrefixStable(v.options)) {
        return sum;
      }
      const c = replayCost({ fromMs, toMs, historyMs: histories[i], rule }, stepMs);
      return sum + series * c.evaluations * c.pointsPerEvaluation;
    }, 0);
  const checkReplay = (series: number) => {
    const total = replayPoints(series);
    if (total > MAX_REPLAY_POINTS) {
      throw LensError.badQuery(
        `query ${refId}: replaying the non-auto, non-moving variants at every evaluation would analyse ${total} ` +
          `points (${series} series), over the limit of ${MAX_REPLAY_POINTS}; evaluate less often ` +
          `(backtest.rule.every), choose a shorter range or fewer series, or use method auto or moving, which ` +
          `run in one pass`
      );
    }
  };
  checkReplay(1);

  const { series, executed, chunks } = await fetchInChunks(settings, query, fetchFromMs, toMs, stepMs, deps, (n) => {
    if (n * points > limits.maxPoints) {
      throw LensError.overLimit(
        `query ${refId}: the backtest would hold ${n} series × ${points} steps (history included) = ` +
          `${n * points} points, over the limit of ${limits.maxPoints} (maxPoints); use a larger step ` +
          `(minStepMs), a shorter range, or fewer series, or raise the data source setting maxPoints`
      );
    }
    checkReplay(n);
  });
  const timestamps = new Float64Array(points);
  for (let i = 0; i < points; i++) {
    timestamps[i] = fetchFromMs + i * stepMs;
  }

  const incidents = bt.incidents.filter((inc) => inc.toMs >= fromMs && inc.fromMs <= toMs);
  const outcomes: VariantOutcome[] = bt.variants.map((variant, vi) => {
    const out: VariantOutcome = { variant, rows: [], firingMs: 0 };
    for (const s of series) {
      const name = seriesDisplayName(s.name, s.labels, query.legendFormat);
      try {
        const r = backtestSeries({ timestamps, values: s.values, stepMs }, variant.options, {
          fromMs,
          toMs,
          historyMs: histories[vi],
          rule,
        });
        r.notices.forEach((n) => notices.add(`${variant.name}, ${name}: ${n}`));
        out.firingMs += r.firingMs;
        for (const firing of r.firings) {
          out.rows.push({
            series: name,
            unit: s.unit,
            firing,
            method: r.method ?? variant.options.method,
            component: r.component,
          });
        }
      } catch (e) {
        notices.add(`${variant.name}, ${name}: analysis failed for this series: ${(e as Error).message}`);
      }
    }
    out.rows.sort((a, b) => a.firing.startMs - b.firing.startMs || (a.series < b.series ? -1 : 1));
    return out;
  });

  const days = (toMs - fromMs) / DAY_MS;
  const matches = outcomes.map((o) =>
    matchIncidents(
      o.rows.map((r) => r.firing),
      incidents,
      { earlyMs: bt.matchBeforeMs }
    )
  );
  const f = BACKTEST_SUMMARY_FRAME.fields;
  const meta: FrameMeta = {
    preferredVisualisationType: 'table',
    executedQueryString:
      `${executed} (step ${formatDuration(stepMs)}, from ${new Date(fetchFromMs).toISOString()}, ` +
      `${chunks} chunk${chunks === 1 ? '' : 's'})`,
    custom: {
      stepMs,
      series: series.length,
      incidents: incidents.length,
      rule,
      modes: Object.fromEntries(bt.variants.map((v) => [v.name, isPrefixStable(v.options) ? 'one pass' : 'replayed'])),
    },
  };
  if (notices.size) {
    meta.notices = [...notices].map((text) => ({ severity: 'warning', text }));
  }
  const summary: Frame = {
    name: BACKTEST_SUMMARY_FRAME.name,
    refId,
    meta,
    fields: [
      { name: f.variant, type: 'string', values: outcomes.map((o) => o.variant.name) },
      { name: f.settings, type: 'string', values: outcomes.map((o) => o.variant.settings) },
      { name: f.fired, type: 'number', values: outcomes.map((o) => o.rows.length) },
      { name: f.firedPerDay, type: 'number', values: outcomes.map((o) => o.rows.length / days) },
      {
        name: f.firingShare,
        type: 'number',
        config: { unit: 'percentunit' },
        values: outcomes.map((o) => (series.length ? o.firingMs / (series.length * (toMs - fromMs)) : NaN)),
      },
      { name: f.incidents, type: 'number', values: outcomes.map(() => incidents.length) },
      { name: f.caught, type: 'number', values: matches.map((m) => m.caughtIncidents) },
      { name: f.precision, type: 'number', config: { unit: 'percentunit' }, values: matches.map((m) => m.precision) },
      { name: f.recall, type: 'number', config: { unit: 'percentunit' }, values: matches.map((m) => m.recall) },
      {
        name: f.medianDelaySeconds,
        type: 'number',
        config: { unit: 's' },
        values: matches.map((m) => m.medianDelayMs / 1000),
      },
    ],
  };

  const daily: Frame = {
    name: BACKTEST_DAILY_FRAME.name,
    refId,
    fields: [
      { name: BACKTEST_DAILY_FRAME.time, type: 'time', values: countPerDay([], fromMs, toMs).dayStartMs },
      ...outcomes.map((o) => ({
        name: o.variant.name,
        type: 'number' as const,
        values: countPerDay(
          o.rows.map((r) => r.firing.startMs),
          fromMs,
          toMs
        ).counts,
      })),
    ],
  };

  const w = BACKTEST_WINDOW_FRAME.fields;
  const windows: Frame[] = outcomes.map((o, vi) => {
    const m = matches[vi];
    const incidentOf = (i: number) => {
      const j = m.firingIncident[i];
      if (j < 0) {
        return '';
      }
      const inc = incidents[j];
      return inc.label ?? `${new Date(inc.fromMs).toISOString()} to ${new Date(inc.toMs).toISOString()}`;
    };
    const texts = o.rows.map((r, i) => {
      const x = r.firing;
      const base = explainWindow({
        series: r.series,
        unit: r.unit,
        direction: x.direction,
        startMs: x.startMs,
        endMs: x.endMs,
        peakMs: x.peakMs,
        value: x.value,
        expected: x.expected,
        lower: x.lower,
        upper: x.upper,
        usual: x.usual,
        signal: x.signal,
        score: x.score,
        method: r.method,
        requestedMethod: o.variant.options.method,
        component: r.component,
      });
      if (incidents.length === 0) {
        return base;
      }
      const inc = incidentOf(i);
      return inc ? `${base} Counts for incident ${inc}.` : `${base} No known incident: a false alarm.`;
    });
    return {
      name: BACKTEST_WINDOW_FRAME.name,
      refId,
      meta: { custom: { variant: o.variant.name } },
      fields: [
        { name: w.time, type: 'time', values: o.rows.map((r) => r.firing.startMs) },
        { name: w.timeEnd, type: 'time', values: o.rows.map((r) => r.firing.endMs) },
        {
          name: w.title,
          type: 'string',
          values: o.rows.map((r) => `${r.series} would have fired (${o.variant.name})`),
        },
        { name: w.text, type: 'string', values: texts },
        {
          name: w.tags,
          type: 'string',
          values: o.rows.map((_r, i) =>
            [
              'backtest',
              o.variant.name,
              ...(incidents.length ? [incidentOf(i) ? 'incident' : 'false-alarm'] : []),
            ].join(',')
          ),
        },
        { name: w.series, type: 'string', values: o.rows.map((r) => r.series) },
        { name: w.variant, type: 'string', values: o.rows.map(() => o.variant.name) },
        { name: w.incident, type: 'string', values: o.rows.map((_r, i) => incidentOf(i)) },
        { name: w.score, type: 'number', values: o.rows.map((r) => r.firing.score) },
        { name: w.value, type: 'number', values: o.rows.map((r) => r.firing.value) },
        { name: w.expected, type: 'number', values: o.rows.map((r) => r.firing.expected) },
      ],
    };
  });
  return [summary, daily, ...windows];
};

/**
 * Fetches [fromMs, toMs] in chunks of at most `maxPointsPerSeries` points and joins the series by name and labels
 * on one grid (NaN where a chunk lacked a series). `afterChunk` bounds the work as soon as the series count is
 * known (after the first chunk) and again as it grows.
 */
async function fetchInChunks(
  settings: DataSourceInstance,
  query: ParsedQuery,
  fromMs: number,
  toMs: number,
  stepMs: number,
  deps: FetchDeps,
  afterChunk: (seriesCount: number) => void
): Promise<{ series: JoinedSeries[]; executed: string; chunks: number }> {
  const limits = limitsOf(settings);
  const points = Math.floor((toMs - fromMs) / stepMs) + 1;
  const chunkPoints = Math.max(1, limits.maxPointsPerSeries);
  const joined = new Map<string, JoinedSeries>();
  let executed = query.expr;
  let chunks = 0;
  for (let start = 0; start < points; start += chunkPoints) {
    const end = Math.min(points, start + chunkPoints) - 1;
    const fetched = await fetchSeries(
      settings,
      { refId: query.refId, expr: query.expr, fromMs: fromMs + start * stepMs, toMs: fromMs + end * stepMs, stepMs },
      deps
    );
    executed = fetched.executed;
    chunks++;
    for (const s of fetched.series) {
      const key = JSON.stringify([s.name, s.labels]);
      let j = joined.get(key);
      if (!j) {
        j = { name: s.name, labels: s.labels, unit: s.unit, values: new Float64Array(points).fill(NaN) };
        joined.set(key, j);
        if (joined.size > limits.maxSeries) {
          throw LensError.overLimit(
            `query ${query.refId}: the backtest returns more than ${limits.maxSeries} series over its range ` +
              `(maxSeries); add label matchers or aggregate, or raise the data source setting maxSeries`
          );
        }
      }
      j.values.set(s.values.subarray(0, end - start + 1), start);
    }
    afterChunk(joined.size);
  }
  return { series: [...joined.values()], executed, chunks };
}
