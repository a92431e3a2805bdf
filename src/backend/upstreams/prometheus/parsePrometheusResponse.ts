/**
 * Reads Prometheus HTTP API answers (https://prometheus.io/docs/prometheus/latest/querying/api/): the
 * `{status, data, errorType, error, warnings}` envelope, and a `matrix` result into `UpstreamSeries`. Our own parser.
 *
 * Samples are returned as sent (steps without a sample are simply absent; the pipeline puts every upstream's
 * samples on its grid in one place, pipeline/fetchedSeries.ts `toGrid`). query_range evaluates at start + k·step,
 * so each sample's time is checked to be on that grid: one elsewhere means Prometheus used another grid than we
 * asked for. `NaN` samples are NaN; `+Inf`/`-Inf` are kept as ±Infinity.
 */
import { httpStatusError, quoteBody } from '../http/httpStatusError';
import { malformedResponse as malformed } from '../http/malformedResponse';
import { parseUpstreamJson } from '../http/parseUpstreamJson';
import { cutText, MAX_UPSTREAM_TEXT_CHARS } from '../../errors/cutText';
import { redactSecrets } from '../http/redactSecrets';
import { LensError } from '../../errors/LensError';
import { secretsOf, type UpstreamHttpSettings, type UpstreamLimits } from '../http/upstreamHttpSettings';
import type { UpstreamResponse } from '../http/upstreamRequest';
import type { UpstreamSeries } from '../http/upstreamSeries';

/** Prometheus' error types are single words (`bad_data`, `timeout`, …); anything longer is cut. */
const MAX_ERROR_TYPE_CHARS = 40;

export interface PrometheusEnvelope {
  status: 'success' | 'error';
  data?: unknown;
  errorType?: string;
  error?: string;
  warnings?: string[];
}

/**
 * Checks the HTTP status and the envelope; returns the envelope of a success, throws an `LensError`
 * (with Prometheus' own message and HTTP status, `errorSource: 'downstream'`) otherwise.
 */
export function readPrometheusEnvelope(res: UpstreamResponse, settings: UpstreamHttpSettings): PrometheusEnvelope {
  const env = parseUpstreamJson(res, settings) as Partial<PrometheusEnvelope> | null;
  if (env && typeof env === 'object' && env.status === 'error') {
    const type = typeof env.errorType === 'string' ? cutText(env.errorType, MAX_ERROR_TYPE_CHARS) : 'error';
    const message = redactSecrets(String(env.error ?? 'no message'), secretsOf(settings), MAX_UPSTREAM_TEXT_CHARS);
    const status = res.status >= 400 ? res.status : 422;
    if (status === 401 || status === 403) {
      throw httpStatusError(res, settings, message);
    }
    const kind = type === 'timeout' ? 'timeout' : type === 'bad_data' || type === 'execution' ? 'query' : 'http';
    throw new LensError(`${settings.upstreamName} error (${type}): ${message}`, {
      kind,
      status,
      upstreamErrorType: type,
    });
  }
  if (res.status < 200 || res.status > 299) {
    throw httpStatusError(res, settings);
  }
  if (!env || typeof env !== 'object' || env.status !== 'success') {
    throw malformed(settings, `expected {"status":"success",…}, got ${quoteBody(res.body, settings)}`);
  }
  return env as PrometheusEnvelope;
}

export interface StepGrid {
  startMs: number;
  endMs: number;
  stepMs: number;
}

/** Parses a sample value as Prometheus writes it (a JSON string: `"1.5"`, `"NaN"`, `"+Inf"`, `"-Inf"`). */
export function parseSampleValue(v: unknown): number {
  if (typeof v === 'number') {
    return v;
  }
  if (typeof v !== 'string') {
    return NaN;
  }
  if (v === '+Inf' || v === 'Inf') {
    return Infinity;
  }
  if (v === '-Inf') {
    return -Infinity;
  }
  const n = Number(v);
  return v.trim() === '' ? NaN : n;
}

/** Converts `data` of a query_range success (`resultType: "matrix"`) into series of the samples sent. */
export function parsePrometheusMatrix(
  data: unknown,
  grid: StepGrid,
  limits: UpstreamLimits,
  settings: UpstreamHttpSettings
): UpstreamSeries[] {
  const d = data as { resultType?: unknown; result?: unknown } | null;
  if (!d || typeof d !== 'object' || !Array.isArray(d.result)) {
    throw malformed(settings, 'data.result is missing or not an array');
  }
  if (d.resultType !== 'matrix') {
    throw malformed(settings, `expected resultType "matrix" from query_range, got ${JSON.stringify(d.resultType)}`);
  }
  const result = d.result as unknown[];
  if (result.length > limits.maxSeries) {
    throw new LensError(
      `Query returned ${result.length} series, over the limit of ${limits.maxSeries} (maxSeries); add label matchers or aggregate (e.g. sum by (…))`,
      { kind: 'limit', status: 422 }
    );
  }
  const n = Math.floor((grid.endMs - grid.startMs) / grid.stepMs) + 1;
  if (result.length * n > limits.maxPoints) {
    throw new LensError(
      `Query would return ${result.length} series × ${n} steps = ${result.length * n} points, over the limit of ${limits.maxPoints} (maxPoints); use a larger step or fewer series`,
      { kind: 'limit', status: 422 }
    );
  }
  return result.map((item, i) => {
    const r = item as { metric?: unknown; values?: unknown; histograms?: unknown } | null;
    if (!r || typeof r !== 'object' || typeof r.metric !== 'object' || r.metric === null) {
      throw malformed(settings, `result[${i}].metric is missing`);
    }
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.metric as Record<string, unknown>)) {
      labels[k] = String(v);
    }
    const samples = r.values === undefined && r.histograms !== undefined ? [] : r.values;
    if (!Array.isArray(samples)) {
      throw malformed(settings, `result[${i}].values is not an array`);
    }
    return readSamples(labels, samples, grid, n, settings, i);
  });
}

function readSamples(
  labels: Record<string, string>,
  samples: unknown[],
  grid: StepGrid,
  n: number,
  settings: UpstreamHttpSettings,
  index: number
): UpstreamSeries {
  const timesMs = new Float64Array(samples.length);
  const values = new Float64Array(samples.length);
  samples.forEach((s, j) => {
    if (!Array.isArray(s) || s.length < 2 || typeof s[0] !== 'number') {
      throw malformed(settings, `result[${index}] has a sample that is not [time, "value"]`);
    }
    const t = Math.round(s[0] * 1000);
    const k = Math.round((t - grid.startMs) / grid.stepMs);
    // Prometheus evaluates exactly on the grid; a sample elsewhere means a different grid than we asked for.
    if (k < 0 || k >= n || grid.startMs + k * grid.stepMs !== t) {
      throw malformed(settings, `result[${index}] has a sample at ${t} ms, off the requested step grid`);
    }
    timesMs[j] = t;
    values[j] = parseSampleValue(s[1]);
  });
  return { labels, timesMs, values };
}
