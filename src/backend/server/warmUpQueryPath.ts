/**
 * Start-up warm-up of the query path, run once right after the handshake (main.ts), so that the first query an SRE
 * sends does not pay for the process's cold start.
 *
 * Why: V8 compiles a function when it is first called and runs it in its interpreter until it has been called
 * often enough to be optimised. A fresh process answered the capacity dashboard's first query (a linear forecast
 * of 12 h of one series) in 334 ms on a quiet machine, against 8 ms for the same query a second time: the
 * forecast's loops, the Prometheus answer's scanner and the protocol decoder (protobufjs builds its decoders on
 * first use) all ran cold (benchmarks/capacityDashboard.bench.ts, BENCHMARKS.md "The capacity dashboard").
 *
 * What it runs: a few queries shaped like the provisioned dashboards' (forecasts with each model, time to a
 * threshold, the default band), through the same request decoder, `executeQueries`, answer encoder and Prometheus
 * answer reader that real queries use, on the built-in demo series; nothing leaves the process. It is kept apart
 * from what real queries see: its own data source instances (with their own upstream and model caches, dropped with
 * them), its own metrics, a silent logger, and a data source uid Grafana never gives (uids are letters, digits, `-`
 * and `_`). Bounded by `budgetMs`; a failure is logged and ends it, and it never throws.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { DataSourceInstances, newUpstreamCache } from '../pipeline/DataSourceInstances';
import { executeQueries } from '../query/executeQueries';
import { demoAdapter } from '../upstreams/demo/demoAdapter';
import { DEFAULT_UPSTREAM_LIMITS, type UpstreamHttpSettings } from '../upstreams/http/upstreamHttpSettings';
import { readPrometheusMatrix } from '../upstreams/prometheus/readPrometheusMatrix';
import type { RangeAnswer, RangeRequest, UpstreamAdapter } from '../upstreams/UpstreamAdapter';
import { createLogger, errorMessage, type Logger } from './logger';
import { PluginMetrics } from './metrics';
import { services } from './protocol';
import type { DataQuery, PluginContext, QueryDataRequest, QueryDataResponse } from './protoTypes';
import { serializeQueryDataResponse } from './serializeQueryDataResponse';

export interface WarmUpOptions {
  /** No new warm-up query starts after this long (ms, wall clock from the start). Default 10,000. */
  budgetMs?: number;
  /** Times each query is run (a function is optimised after several calls). Default 3. */
  rounds?: number;
  /** The "now" the queries end at; default the clock. */
  nowMs?: number;
  /** Stops the warm-up (main.ts: when the first call arrives, which then waits at most for the query in progress). */
  signal?: AbortSignal;
}

export interface WarmUpReport {
  queries: number;
  elapsedMs: number;
  /** Why it ended early, if it did. */
  stopped?: 'budget' | 'signal' | 'error';
  error?: string;
}

/** Not a uid Grafana can give (it allows letters, digits, `-` and `_`): keys built from it match no real query. */
export const WARM_UP_UID = 'anomalylens warm-up';

const HOUR = 3_600_000;

/**
 * How long after the handshake the warm-up starts (main.ts). A call arriving before then finds the process as it
 * was without a warm-up, and the warm-up does not run at all; one arriving while it runs waits for at most the
 * warm-up query in progress, which, being among the first, runs cold.
 */
export const WARM_UP_DELAY_MS = 500;

/**
 * The provisioned dashboards' query shapes, on one demo series each: the warm-up yields between queries, so the
 * longest it holds the event loop is one series' analysis.
 */
const WARM_UP_QUERIES: ReadonlyArray<Record<string, unknown>> = [
  {
    expr: 'demo_consumer_lag{group="analytics"}',
    outputs: ['raw', 'forecast'],
    forecast: { horizon: '6h', model: 'linear' },
  },
  {
    expr: 'demo_consumer_lag{group="analytics"}',
    outputs: ['timeToThreshold'],
    threshold: { value: 180, direction: 'above', window: '1h' },
    forecast: { horizon: '6h' },
  },
  {
    expr: 'demo_cpu_utilization{host="web-1"}',
    outputs: ['raw', 'forecast'],
    forecast: { horizon: '1d', model: 'seasonal' },
    seasonality: ['1d'],
    history: '3d',
    minStepMs: 300_000,
  },
  { expr: 'demo_kafka_bytes_in{broker="kafka-1"}', outputs: ['raw', 'forecast'], forecast: { horizon: '12h' } },
  { expr: 'demo_http_latency_seconds{service="checkout"}' },
];

/** Settings the Prometheus reader is given: only its limits and name are read when the answer is well formed. */
const READER_SETTINGS: UpstreamHttpSettings = {
  baseUrl: new URL('http://127.0.0.1/'),
  upstreamName: 'Prometheus',
  headers: {},
  tls: { skipVerify: false },
  timeoutMs: 1000,
  limits: DEFAULT_UPSTREAM_LIMITS,
};

/** A demo answer as Prometheus' query_range would send it (absent points left out, as Prometheus does). */
function prometheusText(answer: RangeAnswer, req: RangeRequest): string {
  const result = answer.series.map((s) => {
    const values: string[] = [];
    for (let i = 0; i < s.values.length; i++) {
      if (!Number.isNaN(s.values[i])) {
        values.push(`[${s.timesMs[i] / 1000},"${s.values[i]}"]`);
      }
    }
    return `{"metric":${JSON.stringify({ __name__: s.name, ...s.labels })},"values":[${values.join(',')}]}`;
  });
  return `{"status":"success","data":{"resultType":"matrix","result":[${result.join(',')}]}}`;
}

/** The demo series, read back through the Prometheus answer reader as a Prometheus data source's would be. */
const warmUpAdapter: UpstreamAdapter = {
  ...demoAdapter,
  connect(options) {
    const demo = demoAdapter.connect(options);
    return {
      ...demo,
      async fetchRange(req, signal) {
        const answer = await demo.fetchRange(req, signal);
        const body = prometheusText(answer, req);
        const grid = { startMs: req.fromMs, endMs: req.toMs, stepMs: req.stepMs };
        const read = readPrometheusMatrix(
          { status: 200, contentType: 'application/json', body },
          grid,
          READER_SETTINGS
        );
        return {
          series: read.series.map((s) => ({
            name: s.labels.__name__,
            labels: s.labels,
            timesMs: s.timesMs,
            values: s.values,
          })),
          executed: answer.executed,
          warnings: read.warnings,
        };
      },
    };
  },
};

/** A request context for a demo data source with this uid and settings version (the warm-up's, and tests'). */
export function demoDataSourceContext(uid: string, lastUpdatedMS: number): PluginContext {
  return {
    orgId: 1,
    pluginId: 'seedlabs-anomalylens-datasource',
    user: null,
    appInstanceSettings: null,
    dataSourceInstanceSettings: {
      id: 0,
      uid,
      name: uid,
      url: '',
      user: '',
      database: '',
      basicAuthEnabled: false,
      basicAuthUser: '',
      jsonData: Buffer.from(JSON.stringify({ upstream: 'demo' })),
      decryptedSecureJsonData: {},
      lastUpdatedMS,
      apiVersion: '',
    },
    grafanaConfig: {},
    pluginVersion: '',
    userAgent: '',
    apiVersion: '',
    namespace: '',
  };
}

function warmUpQuery(json: Record<string, unknown>, nowMs: number): DataQuery {
  const maxDataPoints = 1000;
  return {
    refId: 'A',
    maxDataPoints,
    intervalMS: Math.ceil((12 * HOUR) / maxDataPoints / 1000) * 1000,
    timeRange: { fromEpochMS: nowMs - 12 * HOUR, toEpochMS: nowMs },
    json: Buffer.from(JSON.stringify({ refId: 'A', schemaVersion: 2, ...json })),
    queryType: '',
  };
}

/** Runs the warm-up queries; resolves with what it did, never rejects. */
export async function warmUpQueryPath(logger: Logger, options: WarmUpOptions = {}): Promise<WarmUpReport> {
  const started = performance.now();
  const budgetMs = options.budgetMs ?? 10_000;
  const rounds = options.rounds ?? 3;
  const report: WarmUpReport = { queries: 0, elapsedMs: 0 };
  try {
    const nowMs = options.nowMs ?? Date.now();
    const method = services.Data.service.QueryData;
    const deps = {
      logger: createLogger({ level: 'error', write: () => undefined }),
      metrics: new PluginMetrics(),
      instances: new DataSourceInstances({ cache: newUpstreamCache(8 * 1024 * 1024), adapterOf: () => warmUpAdapter }),
    };
    outer: for (let round = 0; round < rounds; round++) {
      // A new settings version each round: new model-cache keys, so every round chooses its models again.
      const ctx = demoDataSourceContext(WARM_UP_UID, round);
      for (const json of WARM_UP_QUERIES) {
        if (options.signal?.aborted) {
          report.stopped = 'signal';
          break outer;
        }
        if (performance.now() - started > budgetMs) {
          report.stopped = 'budget';
          break outer;
        }
        // Through the protocol's own codec, as a request from Grafana arrives and its answer leaves.
        const request: QueryDataRequest = {
          pluginContext: ctx,
          headers: {},
          queries: [warmUpQuery(json, nowMs)],
          format: 0,
        };
        const decoded = method.requestDeserialize(method.requestSerialize(request)) as QueryDataRequest;
        const answer: QueryDataResponse = await executeQueries(decoded.pluginContext, decoded.queries, deps, {
          signal: options.signal,
        });
        const error = answer.responses.A?.error;
        if (options.signal?.aborted) {
          report.stopped = 'signal';
          break outer;
        }
        if (error) {
          throw new Error(`warm-up query ${JSON.stringify(json.expr)} failed: ${error}`);
        }
        serializeQueryDataResponse(answer);
        report.queries++;
        // Between queries, a real request waiting on the event loop goes first.
        await yieldToEvents();
      }
    }
  } catch (e) {
    report.stopped = 'error';
    report.error = errorMessage(e);
  }
  report.elapsedMs = performance.now() - started;
  if (report.stopped === 'error') {
    logger.warn('query path warm-up stopped; the first queries may be slower', { ...report });
  } else {
    logger.debug('query path warmed up', { ...report });
  }
  return report;
}
