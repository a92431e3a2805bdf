/**
 * A small router for CallResource: (method, path, query, body) → (code, JSON body). Transport-free so tests and the
 * gRPC handler share it. Unknown path → 404; wrong method → 405; bad input → 400; non-demo upstream → 501.
 * Our own code.
 */
import { RESOURCE_PATHS, ResourceError, ValidateRequest } from '../../shared/resources';
import { readSettings } from '../query/dataSourceSettings';
import { QueryError } from '../query/queryError';
import type { PluginContext } from '../server/protoTypes';
import { redactor } from '../server/redact';
import { demoLabelValues, demoLabels, demoMetrics, demoSeries, demoValidate } from './demoResources';
import { ResourceFailure } from './resourceFailure';

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
    throw new ResourceFailure(400, 'the resource URL cannot be parsed; call a path such as metrics or series?metric=…');
  }
  const params = new URLSearchParams(pathQuery ?? '');
  u.searchParams.forEach((v, k) => {
    if (!params.has(k)) {
      params.set(k, v);
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
    throw new ResourceFailure(413, `request body too large (${body.length} bytes, limit ${MAX_BODY_BYTES})`);
  }
  if (body.length === 0) {
    return {};
  }
  try {
    return JSON.parse(Buffer.from(body).toString('utf8'));
  } catch (e) {
    throw new ResourceFailure(400, `request body is not valid JSON: ${(e as Error).message}`);
  }
}

function dispatch(req: ResourceRequest, ctx: PluginContext | null | undefined): unknown {
  const { route, params } = splitResourcePath(req.path, req.url);
  const method = (req.method || 'GET').toUpperCase();
  const known = Object.values(RESOURCE_PATHS) as string[];
  if (!known.includes(route)) {
    throw new ResourceFailure(404, `unknown resource "${route}"; available: ${known.join(', ')}`);
  }
  const allowed = route === RESOURCE_PATHS.validate ? ['GET', 'POST'] : ['GET'];
  if (!allowed.includes(method)) {
    throw new ResourceFailure(405, `${method} is not allowed on "${route}"; use ${allowed.join(' or ')}`);
  }
  const settings = readSettings(ctx);
  if (settings.upstream !== 'demo') {
    throw new ResourceFailure(
      501,
      `the ${settings.upstream} upstream is not supported by this build of Anomaly Lens yet`
    );
  }
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
  throw new ResourceFailure(404, `unknown resource "${route}"`);
}

/** Never throws for bad input: every failure becomes a status code and `{error}`; secrets are masked. */
export function routeResource(req: ResourceRequest, ctx: PluginContext | null | undefined): ResourceResult {
  try {
    return { code: 200, body: dispatch(req, ctx) };
  } catch (e) {
    if (e instanceof ResourceFailure) {
      return { code: e.code, body: { error: redactor.redactString(e.message) } satisfies ResourceError };
    }
    if (e instanceof QueryError) {
      return { code: e.status, body: { error: redactor.redactString(e.message) } satisfies ResourceError };
    }
    throw e;
  }
}
