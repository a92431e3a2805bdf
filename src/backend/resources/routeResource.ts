/**
 * A small router for CallResource: (method, path, query, body) → (code, JSON body). Transport-free so tests and the
 * gRPC handler share it. Unknown path → 404; wrong method → 405; bad input → 400; a known path the configured
 * upstream does not serve → 501. `routeResource` serves every upstream: the demo in process, Prometheus and
 * InfluxDB through their clients, whose `LensError` status passes through with `errorSource`.
 */
import { RESOURCE_PATHS, RESOURCE_PATHS_BY_UPSTREAM, ValidateRequest } from '../../shared/resources';
import { LensSettings, limitsOf, readSettings } from '../query/dataSourceSettings';
import { LensError } from '../errors/LensError';
import { withQueryLimits } from '../query/withQueryLimits';
import type { PluginContext } from '../server/protoTypes';
import { redactor } from '../server/redact';
import { resourceErrorReply } from '../errors/errorReplies';
import type { UpstreamRequestOptions } from '../upstreams/http/upstreamRequest';
import { upstreamInstanceSettingsFromProtocol } from '../upstreams/http/upstreamHttpSettings';
import { influxSettingsFrom } from '../upstreams/influxdb/influxSettings';
import { prometheusSettingsFrom } from '../upstreams/prometheus/prometheusSettings';
import { demoLabelValues, demoLabels, demoMetrics, demoSeries, demoValidate } from './demoResources';
import { influxResource } from './influxResource';
import { prometheusResource } from './prometheusResource';
import { recordingRulesResource } from './recordingRulesResource';

export interface ResourceRequest {
  method: string;
  /** Sub-path after `/resources/` (with or without a leading slash, possibly with a query string). */
  path: string;
  /** Forwarded URL including the query string (used for parameters). */
  url: string;
  body: Uint8Array;
}

export interface ResourceResult {
  code: number;
  body: unknown;
}

/** Largest POST body we parse (the router only needs small JSON). */
const MAX_BODY_BYTES = 64 * 1024;

/** Splits path and query parameters; tolerant of leading slashes and of a query string in either field. */
export function splitResourcePath(path: string, url: string): { route: string; params: URLSearchParams } {
  const [p, pathQuery] = (path || '').split('?', 2);
  let u: URL;
  try {
    u = new URL(url || '/', 'http://plugin.invalid/');
  } catch {
    throw LensError.badRequest(
      400,
      'the resource URL cannot be parsed; call a path such as metrics or series?metric=…'
    );
  }
  const params = new URLSearchParams(pathQuery ?? '');
  // Keys already in the path's query win; others come from the URL with every repetition (`match[]` may repeat).
  const fromPath = new Set(params.keys());
  u.searchParams.forEach((v, k) => {
    if (!fromPath.has(k)) {
      params.append(k, v);
    }
  });
  let route = p.replace(/^\/+|\/+$/g, '');
  if (!route) {
    // Some Grafana versions only fill url; take the part after /resources/.
    const m = u.pathname.match(/\/resources\/(.*)$/);
    route = (m ? m[1] : u.pathname).replace(/^\/+|\/+$/g, '');
  }
  return { route, params };
}

function parseJsonBody(body: Uint8Array): unknown {
  if (body.length > MAX_BODY_BYTES) {
    throw LensError.badRequest(413, `request body too large (${body.length} bytes, limit ${MAX_BODY_BYTES})`);
  }
  if (body.length === 0) {
    return {};
  }
  try {
    return JSON.parse(Buffer.from(body).toString('utf8'));
  } catch (e) {
    throw LensError.badRequest(400, `request body is not valid JSON: ${(e as Error).message}`);
  }
}

interface Routed {
  route: string;
  params: URLSearchParams;
  method: string;
  settings: LensSettings;
}

/** Path, method and upstream checks shared by both routers. */
function resolve(req: ResourceRequest, ctx: PluginContext | null | undefined): Routed {
  const { route, params } = splitResourcePath(req.path, req.url);
  const method = (req.method || 'GET').toUpperCase();
  const known = Object.values(RESOURCE_PATHS) as string[];
  if (!known.includes(route)) {
    throw LensError.badRequest(404, `unknown resource "${route}"; available: ${known.join(', ')}`);
  }
  const allowed =
    route === RESOURCE_PATHS.validate ? ['GET', 'POST'] : route === RESOURCE_PATHS.recordingRules ? ['POST'] : ['GET'];
  if (!allowed.includes(method)) {
    throw LensError.badRequest(405, `${method} is not allowed on "${route}"; use ${allowed.join(' or ')}`);
  }
  const settings = readSettings(ctx);
  const served = RESOURCE_PATHS_BY_UPSTREAM[settings.upstream] as readonly string[];
  if (!served.includes(route)) {
    throw LensError.badRequest(
      501,
      `"${route}" is not available for the ${settings.upstream} upstream; available: ${served.join(', ')}`
    );
  }
  return { route, params, method, settings };
}

function dispatchDemo(req: ResourceRequest, { route, params, method }: Routed): unknown {
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
        const body = parseJsonBody(req.body) as Partial<ValidateRequest> | null;
        return demoValidate(body && typeof body === 'object' ? body.expr : undefined);
      }
      return demoValidate(params.get('expr'));
    }
  }
  throw LensError.badRequest(404, `unknown resource "${route}"`);
}

async function dispatchUpstream(
  { route, params, settings }: Routed,
  options: UpstreamRequestOptions
): Promise<unknown> {
  if (!settings.instance) {
    throw LensError.badRequest(
      400,
      `the ${settings.upstream} data source has no instance settings (URL); configure it`
    );
  }
  // Settings come only from the plugin context: the request's path and parameters cannot reach the base URL.
  const instance = upstreamInstanceSettingsFromProtocol(settings.instance);
  // The request's limits (GF_RESPONSE_LIMIT included) bound look-ups as they bound queries.
  const limits = limitsOf(settings);
  if (settings.upstream === 'prometheus') {
    const prom = prometheusSettingsFrom(instance);
    return prometheusResource(route, params, { ...prom, http: withQueryLimits(prom.http, limits) }, options);
  }
  const influx = influxSettingsFrom(instance);
  return influxResource(route, params, { ...influx, http: withQueryLimits(influx.http, limits) }, options);
}

/**
 * The one router for every upstream: the demo's look-ups in process, Prometheus and InfluxDB through their clients.
 * Never rejects for bad input or upstream failures (those become statuses and `{error}`, secrets masked);
 * `options.signal` aborts the upstream request.
 */
export async function routeResource(
  req: ResourceRequest,
  ctx: PluginContext | null | undefined,
  options: UpstreamRequestOptions = {}
): Promise<ResourceResult> {
  try {
    const routed = resolve(req, ctx);
    const body =
      routed.route === RESOURCE_PATHS.recordingRules
        ? recordingRulesResource(parseJsonBody(req.body), routed.settings.upstream)
        : routed.settings.upstream === 'demo'
          ? dispatchDemo(req, routed)
          : await dispatchUpstream(routed, options);
    // An upstream or a proxy may echo the request (headers included) into a look-up's answer: mask it as errors are.
    return { code: 200, body: redactor.redactJson(body) };
  } catch (e) {
    if (e instanceof LensError) {
      return resourceErrorReply(e);
    }
    throw e;
  }
}
