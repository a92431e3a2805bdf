/**
 * What the backend needs from an upstream, one adapter per kind (upstreamAdapters.ts chooses it once per data
 * source instance): series over a range, the step rule, the look-ups behind CallResource, the health check, and
 * the Explore expression of one series. Code above this folder asks the connection and never switches on the
 * upstream kind.
 */
import type { UpstreamKind } from '../../shared/queryModel';
import type { DataSourceInstanceSettings } from '../server/protoTypes';
import type { UpstreamLimits } from './http/upstreamHttpSettings';
import type { UpstreamRequestOptions } from './http/upstreamRequest';

export interface RangeRequest {
  refId: string;
  expr: string;
  /** Grid-aligned start (a multiple of stepMs) and end of the fetch. */
  fromMs: number;
  toMs: number;
  stepMs: number;
  /** Steps of the grid [fromMs, toMs] (the demo checks its limits against it before generating anything). */
  gridPoints: number;
}

/**
 * One series of a range answer: its samples as the upstream gave them, never placed on a grid here. The pipeline
 * puts every upstream's samples on the request's grid in one place (pipeline/fetchedSeries.ts `toGrid`): each
 * sample goes to the nearest step, a step without a sample is NaN (gaps need no filler), and when several samples
 * land on one step the last of them in this order wins. Samples may come in any order; an adapter whose upstream
 * may send them out of time order sorts them (stably) so that "last" means "latest".
 */
export interface RangeSeries {
  name: string;
  labels: Record<string, string>;
  unit?: string;
  /** Sample times (epoch ms), parallel to `values`. */
  timesMs: ArrayLike<number>;
  /** Sample values; NaN for a sample without a number. */
  values: ArrayLike<number>;
}

export interface RangeAnswer {
  series: RangeSeries[];
  /** The query as the upstream ran it (macros replaced). */
  executed: string;
  warnings: string[];
}

export interface StepRequest {
  fromMs: number;
  toMs: number;
  intervalMs: number;
  maxDataPoints: number;
  minStepMs?: number;
}

/** A CallResource look-up after routing: path, method and parameters checked; the body parsed on demand. */
export interface ResourceCall {
  route: string;
  method: string;
  params: URLSearchParams;
  body: () => unknown;
}

export interface HealthResult {
  ok: boolean;
  message: string;
  details?: Record<string, unknown>;
}

/** Refetching only the new end of a range an instance fetched before (pipeline/incrementalRange.ts). */
export interface IncrementalQuerying {
  enabled: boolean;
  overlapMs: number;
}

/**
 * What an adapter reads from the data source's own jsonData keys for its kind (`readOwnSettings`), kept with the
 * parsed settings and handed back to `connect`. A new upstream with settings of its own adds its field here.
 */
export interface UpstreamOwnSettings {
  /** Incremental querying, for the upstreams that offer it; absent → the adapter's default. */
  incremental?: IncrementalQuerying;
}

export interface ConnectOptions extends UpstreamOwnSettings {
  /** The instance settings as Grafana sent them (absent in unit tests). */
  instance?: DataSourceInstanceSettings;
  /** The limits the data source's settings give (settings/queryLimits.ts). */
  limits: UpstreamLimits;
}

/** One data source instance's view of its upstream; its settings are read at most once. */
export interface UpstreamConnection {
  readonly kind: UpstreamKind;
  /** Series of `req.expr` over the range at the step. Throws LensError. */
  fetchRange(req: RangeRequest, signal?: AbortSignal): Promise<RangeAnswer>;
  /** The step for the visible range (the upstream's own rule, e.g. Grafana's for Prometheus). */
  stepMs(r: StepRequest): number;
  /** The overlap to refetch when `expr` may be fetched incrementally, else undefined. */
  incrementalOverlapMs(expr: string): number | undefined;
  /** A metrics/series/labels/label-values/validate look-up. Throws LensError. */
  resource(call: ResourceCall, options: UpstreamRequestOptions): Promise<unknown>;
  /** The "Save & test" check; never throws for upstream or settings faults. */
  checkHealth(nowMs: number): Promise<HealthResult>;
  /** The upstream query that shows one series of a candidate query (for Explore links). */
  exploreExpr(candidateExpr: string, series: { name: string; labels: Record<string, string> }): string;
  /** Whether the band can be read from recording-rule series of this upstream (bandSource recorded). */
  readonly readsRecordingRules: boolean;
  /** A line for the notes of exported recording rules, when this upstream needs one. */
  readonly recordingRulesNote?: string;
}

export interface UpstreamAdapter {
  readonly kind: UpstreamKind;
  /**
   * Most points per series the pipeline may fetch from this upstream, history included: the upstream's own bound
   * less 2 (the grid's first and last points are aligned to the step on both ends, which can add one point at
   * each). The ceiling of the `maxPointsPerSeries` setting (settings/queryLimits.ts).
   */
  readonly maxPointsPerSeries: number;
  /**
   * Reads this kind's own jsonData keys when the data source's settings are read (settings/dataSourceSettings.ts,
   * once per settings version). Throws LensError (400) naming the setting, the rule and the default.
   */
  readOwnSettings(jsonData: Record<string, unknown>): UpstreamOwnSettings;
  connect(options: ConnectOptions): UpstreamConnection;
}

/**
 * `read` run on first use and remembered, its error included: a connection's settings are parsed once, and only
 * when a call needs them (an unusable URL fails the queries that fetch, not the recording-rules export).
 */
export function readOnce<T>(read: () => T): () => T {
  let done: { value: T } | { error: unknown } | undefined;
  return () => {
    done ??= (() => {
      try {
        return { value: read() };
      } catch (error) {
        return { error };
      }
    })();
    if ('error' in done) {
      throw done.error;
    }
    return done.value;
  };
}
