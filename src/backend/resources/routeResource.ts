/**
 * A small router for CallResource: (method, path, query, body) → (code, JSON body). Transport-free so tests and the
 * gRPC handler share it. Unknown path → 404; wrong method → 405; bad input → 400; a known path the configured
 * upstream does not serve → 501. The recording-rules export is answered here; every other look-up by the data
 * source instance's upstream connection (the demo in process, Prometheus and InfluxDB through their clients, whose
 * LensError status passes through with `errorSource`).
 */
import { RESOURCE_PATHS, RESOURCE_PATHS_BY_UPSTREAM } from '../../shared/resources';
import { resourceErrorReply } from '../errors/errorReplies';
import { LensError } from '../errors/LensError';
import { type DataSourceInstance, DataSourceInstances, processInstances } from '../pipeline/DataSourceInstances';
import type { PluginContext } from '../server/protoTypes';
import { redactor } from '../server/redact';
import type { UpstreamRequestOptions } from '../upstreams/http/upstreamRequest';
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
  settings: DataSourceInstance;
}

/** Path, method and upstream checks shared by both routers. */
function resolve(req: ResourceRequest, ctx: PluginContext | null | undefined, instances: DataSourceInstances): Routed {
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
  const settings = instances.get(ctx);
  const served = RESOURCE_PATHS_BY_UPSTREAM[settings.upstream] as readonly string[];
  if (!served.includes(route)) {
    throw LensError.badRequest(
      501,
      `"${route}" is not available for the ${settings.upstream} upstream; available: ${served.join(', ')}`
    );
  }
  return { route, params, method, settings };
}

/**
 * The one router for every upstream: the demo's look-ups in process, Prometheus and InfluxDB through their clients.
 * Never rejects for bad input or upstream failures (those become statuses and `{error}`, secrets masked);
 * `options.signal` aborts the upstream request.
 */
export async function routeResource(
  req: ResourceRequest,
  ctx: PluginContext | null | undefined,
  options: UpstreamRequestOptions & { instances?: DataSourceInstances } = {}
): Promise<ResourceResult> {
  try {
    const { route, method, params, settings } = resolve(req, ctx, options.instances ?? processInstances);
    const body =
      route === RESOURCE_PATHS.recordingRules
        ? recordingRulesResource(parseJsonBody(req.body), settings.connection.recordingRulesNote)
        : await settings.connection.resource(
            { route, method, params, body: () => parseJsonBody(req.body) },
            { signal: options.signal }
          );
    // An upstream or a proxy may echo the request (headers included) into a look-up's answer: mask it as errors are.
    return { code: 200, body: redactor.redactJson(body) };
  } catch (e) {
    if (e instanceof LensError) {
      return resourceErrorReply(e);
    }
    throw e;
  }
}
