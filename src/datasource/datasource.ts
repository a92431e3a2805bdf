import {
  AnnotationEvent,
  AnnotationQuery,
  CoreApp,
  CustomVariableSupport,
  DataFrame,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceInstanceSettings,
  MetricFindValue,
  ScopedVars,
  dateTime,
} from '@grafana/data';
import { DataSourceWithBackend, getBackendSrv } from '@grafana/runtime';
import { firstValueFrom, from, Observable, of } from 'rxjs';
import { map, mergeMap } from 'rxjs/operators';
import { DEFAULT_QUERY, ExclusionWindow, LensQuery, UpstreamKind } from '../shared/queryModel';
import { RESOURCE_PATHS, RecordingRulesResponse, SeriesResponse, ValidateResponse } from '../shared/resources';
import { QUERY_LIMITS } from '../shared/validateQuery';
import { migrateQuery } from '../shared/migrateQuery';
import { ConnectionOptions } from './connectionOptions';
import { interpolateExpr } from './interpolateExpr';
import { resolveCorrelateWindow } from './correlateWindow';
import { AnomalyWindow, readAnomalyWindows } from './annotations/readAnomalyWindows';
import { BacktestResult, readBacktest } from './backtest/readBacktest';
import { BandSeries, readBandSeries } from './backtest/readBandSeries';
import { UpstreamLookups, upstreamLookups } from './completion/upstreamLookups';
import { upstreamUi } from './upstreams/upstreamUis';
import { parseVariableQuery } from './variables/parseVariableQuery';
import { runVariableQuery } from './variables/runVariableQuery';
import { LensVariableQuery, VariableQueryEditor } from './components/VariableQueryEditor';

/**
 * Points the backtest preview's sparkline asks for. Fewer would be cheaper, but the upstream samples one point per
 * step, so a step longer than an incident can miss it: 3,000 keeps a 20-minute spike (the demo's) on ~6 points over
 * 7 days and 1–2 over 30 days, and an SVG path of 3,000 points is still cheap to draw.
 */
export const SPARKLINE_POINTS = 3000;

/** Annotations Grafana returns for `exclusionTags` (only the fields used). */
interface TaggedAnnotation {
  time?: number;
  timeEnd?: number;
  text?: string;
  tags?: string[];
}

export class DataSource extends DataSourceWithBackend<LensQuery, ConnectionOptions> {
  readonly upstream: UpstreamKind;
  /** Completion and variable look-ups through the resource endpoints, cached for the page's life. */
  readonly lookups: UpstreamLookups;

  constructor(instanceSettings: DataSourceInstanceSettings<ConnectionOptions>) {
    super(instanceSettings);
    this.upstream = upstreamUi(instanceSettings.jsonData?.upstream).kind;
    this.lookups = upstreamLookups(this.upstream, (path, params) => this.getResource(path, params));
    this.annotations = {
      getDefaultQuery: () => ({ ...DEFAULT_QUERY, queryType: 'anomalyWindows', outputs: undefined }),
      // Annotation queries always ask for the anomaly windows, whatever the query type saved with them.
      prepareQuery: (anno: AnnotationQuery<LensQuery>) =>
        anno.target?.expr
          ? { ...anno.target, refId: anno.target.refId || 'Anno', queryType: 'anomalyWindows' }
          : undefined,
      processEvents: (_anno: AnnotationQuery<LensQuery>, frames: DataFrame[]) =>
        of(readAnomalyWindows(frames).map(toAnnotationEvent)),
    };
    this.variables = new LensVariableSupport(this);
  }

  getDefaultQuery(_app: CoreApp): Partial<LensQuery> {
    return DEFAULT_QUERY;
  }

  /** Hidden queries and queries without an expression are not sent to the backend. */
  filterQuery(query: LensQuery): boolean {
    return !query.hide && typeof query.expr === 'string' && query.expr.trim() !== '';
  }

  /**
   * Sends the current query version with dashboard variables replaced in `expr`, and in a correlations query's
   * target and window (so clicking an anomaly can set `$anomaly_from` / `$anomaly_to`).
   */
  applyTemplateVariables(query: LensQuery, scopedVars: ScopedVars): LensQuery {
    const q = migrateQuery(query);
    const out: LensQuery = { ...q, expr: interpolateExpr(q.expr ?? '', scopedVars) };
    if (q.correlate) {
      const c = q.correlate;
      out.correlate = {
        ...c,
        target: c.target === undefined ? undefined : interpolateExpr(c.target, scopedVars),
        window: resolveCorrelateWindow(c.window, (text) => interpolateExpr(text, scopedVars)),
      };
    }
    return out;
  }

  /**
   * Turns `exclusionTags` into `exclusions`, and a backtest's `backtest.incidentTags` into `backtest.incidents`
   * (annotation regions with those tags), before the backend sees them.
   */
  query(request: DataQueryRequest<LensQuery>): Observable<DataQueryResponse> {
    if (!request.targets.some((t) => t.exclusionTags?.length || t.backtest?.incidentTags?.length)) {
      return super.query(request);
    }
    return from(this.withTaggedRanges(request)).pipe(mergeMap((r) => super.query(r)));
  }

  private async withTaggedRanges(request: DataQueryRequest<LensQuery>): Promise<DataQueryRequest<LensQuery>> {
    const toMs = request.range.to.valueOf();
    const tagged = (tags: string[], fromMs: number, limit: number) =>
      getBackendSrv().get<TaggedAnnotation[]>('/api/annotations', {
        tags,
        matchAny: true,
        type: 'annotation',
        from: fromMs,
        to: toMs,
        limit,
      });
    const targets = await Promise.all(
      request.targets.map(async (t) => {
        let out = t;
        if (t.exclusionTags?.length) {
          // Training history may reach this far back before the range.
          const fromMs = request.range.from.valueOf() - QUERY_LIMITS.maxHistoryMs;
          const found = await tagged(t.exclusionTags, fromMs, QUERY_LIMITS.maxExclusions);
          out = { ...out, exclusions: mergeExclusions(t.exclusions ?? [], found ?? []) };
        }
        const bt = t.backtest;
        if (bt?.incidentTags?.length) {
          const found = await tagged(bt.incidentTags, request.range.from.valueOf(), QUERY_LIMITS.maxIncidents);
          out = {
            ...out,
            backtest: { ...bt, incidents: mergeExclusions(bt.incidents ?? [], found ?? [], QUERY_LIMITS.maxIncidents) },
          };
        }
        return out;
      })
    );
    return { ...request, targets };
  }

  /**
   * The query as a `backtest` over the last `spanMs` (docs/backtest.md): its own rule and incidents, the step
   * `minStepMs` or one minute. Goes through `query`, so incident tags become incidents.
   */
  async previewBacktest(query: LensQuery, spanMs: number, nowMs = Date.now()): Promise<BacktestResult> {
    const target = { ...query, queryType: 'backtest', minStepMs: query.minStepMs ?? 60_000 };
    return readBacktest(await this.runOverSpan(target, spanMs, nowMs, 1000, 'the backtest query failed'));
  }

  /**
   * The query's series with its expected value and band over the last `spanMs`, at about SPARKLINE_POINTS points
   * (over a week, a coarser step than the backtest's: enough for a small picture, cheap to fetch and draw).
   */
  async previewBandSeries(query: LensQuery, spanMs: number, nowMs = Date.now()): Promise<BandSeries[]> {
    const { backtest: _backtest, ...analysis } = query;
    const target: LensQuery = { ...analysis, queryType: 'analysis', outputs: ['raw', 'band'] };
    return readBandSeries(await this.runOverSpan(target, spanMs, nowMs, SPARKLINE_POINTS, 'the series query failed'));
  }

  private async runOverSpan(
    target: LensQuery,
    spanMs: number,
    nowMs: number,
    maxDataPoints: number,
    failure: string
  ): Promise<DataFrame[]> {
    const to = dateTime(nowMs);
    const from = dateTime(nowMs - spanMs);
    const request = {
      app: CoreApp.PanelEditor,
      requestId: `anomalylens-${target.queryType}-${target.refId}`,
      interval: '1m',
      intervalMs: 60_000,
      maxDataPoints,
      range: { from, to, raw: { from, to } },
      scopedVars: {},
      targets: [{ ...target, refId: target.refId || 'A' }],
      timezone: 'utc',
      startTime: nowMs,
    } as DataQueryRequest<LensQuery>;
    const response = await firstValueFrom(this.query(request));
    const failed = response.errors?.[0];
    if (failed) {
      throw new Error(failed.message ?? failure);
    }
    return response.data as DataFrame[];
  }

  /** Template-variable values (see variables/parseVariableQuery.ts for the functions). */
  async metricFindQuery(
    query: string | LensVariableQuery,
    options?: { scopedVars?: ScopedVars }
  ): Promise<MetricFindValue[]> {
    const text = typeof query === 'string' ? query : (query?.query ?? '');
    const parsed = parseVariableQuery(interpolateExpr(text, options?.scopedVars ?? {}));
    const values = await runVariableQuery(parsed, this.upstream, this.lookups);
    return values.map((v) => ({ text: v, value: v }));
  }

  /** Label sets of one metric's series. */
  async listSeries(metric: string): Promise<SeriesResponse> {
    return this.getResource<SeriesResponse>(RESOURCE_PATHS.series, { metric });
  }

  /**
   * The query's band as Prometheus recording rules (`recording-rules` resource). Dashboard variables are replaced
   * first, as for a query run now; a rule runs outside any dashboard, so their current values are what it records.
   */
  async exportRecordingRules(query: LensQuery): Promise<RecordingRulesResponse> {
    const expr = interpolateExpr(query.expr ?? '', {});
    return this.postResource<RecordingRulesResponse>(RESOURCE_PATHS.recordingRules, { query: { ...query, expr } });
  }

  /** Checks an expression without running it. */
  async validateExpr(expr: string): Promise<ValidateResponse> {
    return this.getResource<ValidateResponse>(RESOURCE_PATHS.validate, { expr });
  }
}

/** An anomaly window as a Grafana annotation: a region with the explanation as its text. */
export function toAnnotationEvent(w: AnomalyWindow): AnnotationEvent {
  return {
    time: w.fromMs,
    timeEnd: w.toMs,
    isRegion: w.toMs > w.fromMs,
    title: w.title,
    text: w.text,
    tags: w.tags,
  };
}

/** Manual ranges first, then annotation regions, at most `limit` (default the exclusions limit). */
export function mergeExclusions(
  manual: ExclusionWindow[],
  found: TaggedAnnotation[],
  limit: number = QUERY_LIMITS.maxExclusions
): ExclusionWindow[] {
  const fromAnnotations: ExclusionWindow[] = found
    .filter((a) => typeof a.time === 'number')
    .map((a) => ({
      from: a.time!,
      to: typeof a.timeEnd === 'number' && a.timeEnd >= a.time! ? a.timeEnd : a.time!,
      source: 'annotation' as const,
      label: (a.tags ?? []).join(',') || undefined,
    }));
  return [...manual, ...fromAnnotations].slice(0, limit);
}

class LensVariableSupport extends CustomVariableSupport<DataSource, LensVariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly ds: DataSource) {
    super();
  }

  query(request: DataQueryRequest<LensVariableQuery>): Observable<DataQueryResponse> {
    const q = request.targets[0];
    return from(this.ds.metricFindQuery(q, { scopedVars: request.scopedVars })).pipe(map((data) => ({ data })));
  }
}
