/**
 * One HTTP request to an upstream, with Node's built-in `node:http` / `node:https` (no extra dependency; works
 * the same on Node 20 and 24). Enforces what every upstream call needs: the fixed base URL, auth headers, TLS
 * options, a whole-request timeout, caller cancellation, and a response-size cap that stops reading the body
 * as soon as it is exceeded. Transport failures become `LensError`s; any HTTP status is returned to the
 * caller, which knows how its upstream words errors.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as zlib from 'node:zlib';

import { httpKeepAliveAgent, httpsKeepAliveAgent, isStaleConnectionError } from './keepAliveAgents';
import { redactSecrets } from './redactSecrets';
import { LensError } from '../../errors/LensError';
import { secretsOf, type UpstreamHttpSettings } from './upstreamHttpSettings';

export interface UpstreamRequest {
  method: 'GET' | 'POST';
  /** API path relative to the base URL, e.g. `/api/v1/query_range`. Must start with `/`, no `..`, no `?`. */
  path: string;
  /** Parameters: query string for GET, `application/x-www-form-urlencoded` body for POST. */
  params?: ReadonlyArray<readonly [string, string]>;
}

export interface UpstreamResponse {
  status: number;
  contentType: string;
  body: string;
}

export interface UpstreamRequestOptions {
  /** Aborts the request (e.g. Grafana cancelled the query). */
  signal?: AbortSignal;
}

/** Joins the base URL's path prefix and the API path; the origin (scheme, host, port) is the base URL's. */
export function upstreamUrl(settings: UpstreamHttpSettings, path: string): URL {
  if (
    !path.startsWith('/') ||
    path.includes('?') ||
    path.includes('#') ||
    path.split('/').some((p) => p === '..' || p === '.')
  ) {
    throw new LensError(`Invalid upstream API path ${JSON.stringify(path)}`, {
      kind: 'config',
      status: 500,
      errorSource: 'plugin',
    });
  }
  const url = new URL(settings.baseUrl.href);
  url.pathname = url.pathname.replace(/\/+$/, '') + path;
  return url;
}

function authHeaders(settings: UpstreamHttpSettings): Record<string, string> {
  const h: Record<string, string> = { ...settings.headers };
  if (settings.basicAuth) {
    h.Authorization =
      'Basic ' + Buffer.from(`${settings.basicAuth.user}:${settings.basicAuth.password}`).toString('base64');
  } else if (settings.bearerToken) {
    h.Authorization = `${settings.tokenScheme ?? 'Bearer'} ${settings.bearerToken}`;
  }
  return h;
}

/** Sends the request and reads the whole body (up to the byte limit). */
export function upstreamRequest(
  req: UpstreamRequest,
  settings: UpstreamHttpSettings,
  options: UpstreamRequestOptions = {},
  extraHeaders: Record<string, string> = {}
): Promise<UpstreamResponse> {
  const url = upstreamUrl(settings, req.path);
  const encoded = new URLSearchParams(req.params as Array<[string, string]> | undefined).toString();
  let body: Buffer | undefined;
  if (req.method === 'GET') {
    url.search = encoded;
  } else {
    body = Buffer.from(encoded, 'utf8');
  }
  const where = `${settings.upstreamName} at ${settings.baseUrl.origin}`;
  const secrets = secretsOf(settings).concat(Object.values(extraHeaders).filter((v) => v.length >= 4));
  const maxBytes = settings.limits.maxResponseBytes;

  return new Promise<UpstreamResponse>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let gunzip: zlib.Gunzip | undefined;
    const finish = (err: LensError | undefined, value?: UpstreamResponse) => {
      if (settled) {
        return;
      }
      settled = true;
      if (timer) {
        clearTimeout(timer);
      }
      options.signal?.removeEventListener('abort', onAbort);
      if (err) {
        gunzip?.destroy();
        request?.destroy();
        reject(err);
      } else {
        resolve(value!);
      }
    };
    const onAbort = () =>
      finish(
        new LensError(`Request to ${where} was cancelled`, {
          kind: 'cancelled',
          status: 499,
          errorSource: 'downstream',
        })
      );

    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Encoding': 'gzip',
      'User-Agent': 'anomaly-lens',
      ...authHeaders(settings),
      ...extraHeaders,
    };
    if (body) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers['Content-Length'] = String(body.length);
    }
    const isHttps = url.protocol === 'https:';
    const requestOptions: https.RequestOptions = {
      method: req.method,
      headers,
      // Pooled keep-alive connections (keepAliveAgents.ts); the pool is chosen by the TLS options below too.
      agent: isHttps ? httpsKeepAliveAgent : httpKeepAliveAgent,
    };
    if (isHttps) {
      requestOptions.rejectUnauthorized = !settings.tls.skipVerify;
      if (settings.tls.caCert) {
        requestOptions.ca = settings.tls.caCert;
      }
      if (settings.tls.serverName) {
        requestOptions.servername = settings.tls.serverName;
      }
      if (settings.tls.clientCert && settings.tls.clientKey) {
        requestOptions.cert = settings.tls.clientCert;
        requestOptions.key = settings.tls.clientKey;
      }
    }
    let request: http.ClientRequest | undefined;
    let retried = false;
    const send = () => {
      try {
        sendOnce();
      } catch (e) {
        // Node builds the TLS context as the request is made, and throws there when a PEM setting does not parse.
        finish(tlsSetupError(e as Error & { code?: string }, where, secrets));
      }
    };
    const sendOnce = () => {
      let gotResponse = false;
      const sent = (isHttps ? https : http).request(url, requestOptions, (res) => {
        gotResponse = true;
        const status = res.statusCode ?? 0;
        if (status >= 300 && status <= 399) {
          finish(redirectError(where, status, res.headers.location, secrets));
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          finish(limitError(where, maxBytes, settings.limits.maxResponseBytesSetting));
          return;
        }
        const encoding = String(res.headers['content-encoding'] ?? 'identity').toLowerCase();
        let body: NodeJS.ReadableStream = res;
        if (encoding === 'gzip' || encoding === 'x-gzip') {
          gunzip = zlib.createGunzip();
          gunzip.on('error', () =>
            finish(
              new LensError(`${where} sent a gzip body that could not be decompressed`, {
                kind: 'malformed',
                status: 502,
              })
            )
          );
          body = res.pipe(gunzip);
        } else if (encoding !== 'identity') {
          finish(
            new LensError(`${where} sent an unsupported Content-Encoding ${JSON.stringify(encoding)}`, {
              kind: 'malformed',
              status: 502,
            })
          );
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        body.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            // Stop reading at once: destroying the request closes the socket.
            finish(limitError(where, maxBytes, settings.limits.maxResponseBytesSetting));
            return;
          }
          chunks.push(chunk);
        });
        body.on('end', () =>
          finish(undefined, {
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          })
        );
        res.on('error', (e) => finish(transportError(e, where, secrets)));
        // 'close' before the whole message arrived: the upstream (or a proxy) cut the connection.
        res.on('close', () => {
          if (!res.complete) {
            finish(
              new LensError(`${where} closed the connection before the response was complete`, {
                kind: 'unreachable',
                status: 502,
              })
            );
          }
        });
      });
      request = sent;
      sent.on('error', (e) => {
        if (!retried && !settled && isStaleConnectionError(e, sent.reusedSocket, gotResponse)) {
          // The server closed the kept-alive connection as we reused it: once more on a new connection.
          retried = true;
          send();
          return;
        }
        finish(transportError(e, where, secrets));
      });
      sent.end(body);
    };

    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(
      () =>
        finish(
          new LensError(`${where} did not answer within ${formatSeconds(settings.timeoutMs)} (timeout setting)`, {
            kind: 'timeout',
            status: 504,
          })
        ),
      settings.timeoutMs
    );
    send();
  });
}

/**
 * A 3xx is not followed: the next address could be another host (the credentials would go with the request there)
 * and the data source URL is the one place that says where requests go. The message names the redirect.
 */
function redirectError(where: string, status: number, location: string | undefined, secrets: string[]): LensError {
  const target = location ? ` to ${JSON.stringify(redactSecrets(location, secrets, MAX_LOCATION_CHARS))}` : '';
  return new LensError(
    `${where} answered HTTP ${status}, a redirect${target}; redirects are not followed: set the data source URL ` +
      `to the address that answers (behind a proxy, the URL the proxy forwards without redirecting)`,
    { kind: 'http', status: 502 }
  );
}

/** Longest part of a redirect's Location quoted in its error. */
const MAX_LOCATION_CHARS = 200;

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function limitError(where: string, maxBytes: number, setting = 'maxResponseBytes'): LensError {
  // `setting` is the jsonData key, or GF_RESPONSE_LIMIT when Grafana's [dataproxy] response_limit is lower.
  return new LensError(
    `Response from ${where} is larger than the ${maxBytes} byte limit (${setting}); narrow the query or raise the limit`,
    { kind: 'limit', status: 502 }
  );
}

/**
 * The TLS settings could not be used at all (a certificate or key that is not PEM, a key that does not match its
 * certificate). Node's message says which check failed and holds no key material; it is still redacted.
 */
function tlsSetupError(e: Error & { code?: string }, where: string, secrets: string[]): LensError {
  return new LensError(
    `TLS settings for ${where} could not be used: ${redactSecrets(e.message, secrets)} (check the CA certificate, ` +
      'client certificate and client key: each must be PEM text, the key matching the certificate)',
    { kind: 'config', status: 400, errorSource: 'downstream' }
  );
}

function transportError(e: Error & { code?: string }, where: string, secrets: string[]): LensError {
  const code = e.code ?? '';
  const detail = redactSecrets(e.message, secrets);
  if (code === 'ECONNREFUSED') {
    return new LensError(`${where} is unreachable: connection refused (${detail})`, {
      kind: 'unreachable',
      status: 502,
    });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new LensError(`${where} is unreachable: host name not found (${detail})`, {
      kind: 'unreachable',
      status: 502,
    });
  }
  if (
    code.startsWith('ERR_TLS') ||
    code.includes('CERT') ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
    code === 'SELF_SIGNED_CERT_IN_CHAIN'
  ) {
    return new LensError(
      `TLS connection to ${where} failed: ${detail} (check the CA certificate or skip-verify settings)`,
      {
        kind: 'unreachable',
        status: 502,
      }
    );
  }
  return new LensError(`Request to ${where} failed: ${detail}`, { kind: 'unreachable', status: 502 });
}
