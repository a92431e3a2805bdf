/**
 * HTTP settings of one upstream (Prometheus-compatible or InfluxDB), read from the Grafana data source instance
 * settings. Our own mapping; the jsonData / secureJsonData key names follow Grafana's own HTTP data sources
 * (`timeout`, `tlsSkipVerify`, `tlsAuthWithCACert` + `tlsCACert`, `tlsAuth` + `tlsClientCert` + `tlsClientKey`,
 * `serverName`, `httpHeaderName<n>` + `httpHeaderValue<n>`, `basicAuthPassword`) so that provisioning files
 * written for them carry over, and so that every switch of the config editor (@grafana/plugin-ui's Auth) is one
 * the requests honour.
 *
 * The upstream URL comes only from here: queries and resource calls append a fixed API path to it and can never
 * change the scheme, host or port.
 */
import { LensError } from '../../errors/LensError';

/** The subset of `DataSourceInstanceSettings` (plugin protocol) an upstream client needs; camelCase field names. */
export interface UpstreamInstanceSettings {
  url: string;
  /** Influx 1.x user (Grafana puts it at the top level, not in jsonData). */
  user?: string;
  /** Influx database (top level in Grafana's InfluxDB data source; `jsonData.dbName` is also read). */
  database?: string;
  basicAuthEnabled?: boolean;
  basicAuthUser?: string;
  jsonData?: Record<string, unknown>;
  decryptedSecureJsonData?: Record<string, string>;
}

/**
 * Instance settings as the plugin protocol delivers them (`jsonData` as UTF-8 JSON bytes), e.g.
 * `pluginContext.dataSourceInstanceSettings`; converted with `upstreamInstanceSettingsFromProtocol`.
 */
export interface ProtocolInstanceSettings {
  url?: string;
  user?: string;
  database?: string;
  basicAuthEnabled?: boolean;
  basicAuthUser?: string;
  jsonData?: Uint8Array | string | Record<string, unknown> | null;
  decryptedSecureJsonData?: Record<string, string> | null;
}

/** Decodes `jsonData` bytes; invalid JSON is a config error that names the setting, not the content. */
export function upstreamInstanceSettingsFromProtocol(ds: ProtocolInstanceSettings): UpstreamInstanceSettings {
  let jsonData: Record<string, unknown> = {};
  const raw = ds.jsonData;
  if (raw instanceof Uint8Array || typeof raw === 'string') {
    const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8');
    if (text.trim() !== '') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw configError('The data source settings (jsonData) are not valid JSON');
      }
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        jsonData = parsed as Record<string, unknown>;
      }
    }
  } else if (raw && typeof raw === 'object') {
    jsonData = raw;
  }
  return {
    url: ds.url ?? '',
    user: ds.user || undefined,
    database: ds.database || undefined,
    basicAuthEnabled: ds.basicAuthEnabled === true,
    basicAuthUser: ds.basicAuthUser ?? '',
    jsonData,
    decryptedSecureJsonData: ds.decryptedSecureJsonData ?? {},
  };
}

export interface UpstreamLimits {
  /** Stop reading a response body past this many bytes. Default 50 MiB. */
  maxResponseBytes: number;
  /** Most series one query may return. Default 1000. */
  maxSeries: number;
  /** Most points (summed over series, after gap filling) one query may return. Default 2,000,000. */
  maxPoints: number;
  /** The setting named when `maxResponseBytes` is hit: `maxResponseBytes` (default) or `GF_RESPONSE_LIMIT`. */
  maxResponseBytesSetting?: string;
}

export interface UpstreamHttpSettings {
  /** Base URL, `http:` or `https:`, without credentials, query or fragment; may carry a path prefix. */
  baseUrl: URL;
  /** Name used in error messages (`Prometheus`, `InfluxDB`). */
  upstreamName: string;
  basicAuth?: { user: string; password: string };
  bearerToken?: string;
  /** Scheme sent with `bearerToken`: `Bearer` (Prometheus-compatible) or `Token` (InfluxDB 2.x/3.x). */
  tokenScheme?: 'Bearer' | 'Token';
  /** Extra headers (e.g. `X-Scope-OrgID` for Mimir); their values are secrets. */
  headers: Record<string, string>;
  /**
   * `caCert`: trust this CA (PEM) instead of the system's; `skipVerify`: accept any server certificate;
   * `serverName`: the name the certificate must carry (and SNI); `clientCert` + `clientKey`: TLS client
   * authentication (PEM), both or neither.
   */
  tls: { caCert?: string; skipVerify: boolean; serverName?: string; clientCert?: string; clientKey?: string };
  /** Whole-request timeout in milliseconds (connect + headers + body). Default 30 s. */
  timeoutMs: number;
  limits: UpstreamLimits;
}

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;
/** Shortest and longest accepted `timeout` setting (seconds). */
export const MIN_UPSTREAM_TIMEOUT_S = 0.1;
export const MAX_UPSTREAM_TIMEOUT_S = 3600;
export const DEFAULT_UPSTREAM_LIMITS: UpstreamLimits = {
  maxResponseBytes: 50 * 1024 * 1024,
  maxSeries: 1000,
  maxPoints: 2_000_000,
};

function configError(message: string): LensError {
  return new LensError(message, { kind: 'config', status: 400, errorSource: 'downstream' });
}

function positiveNumber(v: unknown, name: string, fallback: number): number {
  if (v === undefined || v === null || v === '') {
    return fallback;
  }
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) {
    throw configError(`Data source setting ${name} must be a positive number, got ${JSON.stringify(v)}`);
  }
  return n;
}

/**
 * The whole-request timeout in seconds, within [MIN_UPSTREAM_TIMEOUT_S, MAX_UPSTREAM_TIMEOUT_S]: Node's timers
 * hold at most 2^31 − 1 ms (~24.8 days) and silently fire after 1 ms beyond it, and a timeout of nanoseconds fails
 * every request; an hour is far past any answer a panel waits for.
 */
function timeoutSeconds(v: unknown): number {
  const fallback = DEFAULT_UPSTREAM_TIMEOUT_MS / 1000;
  if (v === undefined || v === null || v === '') {
    return fallback;
  }
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !(n >= MIN_UPSTREAM_TIMEOUT_S && n <= MAX_UPSTREAM_TIMEOUT_S)) {
    const shown = JSON.stringify(v) ?? String(v);
    throw configError(
      `Data source setting timeout must be a number of seconds from ${MIN_UPSTREAM_TIMEOUT_S} to ` +
        `${MAX_UPSTREAM_TIMEOUT_S}, got ${shown.length > 40 ? `${shown.slice(0, 37)}...` : shown}; correct it in ` +
        `the data source settings or remove it for the default (${fallback})`
    );
  }
  return n;
}

/** Parses and checks the base URL; credentials in the URL are refused (they belong in the basic auth fields). */
export function parseUpstreamBaseUrl(raw: string, upstreamName: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw configError(
      `${upstreamName} URL is not a valid URL; set it in the data source settings (e.g. http://localhost:9090)`
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw configError(`${upstreamName} URL must start with http:// or https://, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw configError(`${upstreamName} URL must not contain credentials; use the basic auth settings instead`);
  }
  if (url.search || url.hash) {
    throw configError(`${upstreamName} URL must not contain a query string or fragment`);
  }
  return url;
}

/**
 * Builds the HTTP settings from Grafana's instance settings.
 * jsonData: `timeout` (s), `tlsSkipVerify`, `tlsAuthWithCACert`, `tlsAuth`, `serverName`, `httpHeaderName<n>`,
 * `maxSeries`, `maxPoints`, `maxResponseBytes`.
 * secureJsonData: `basicAuthPassword`, `bearerToken`, `tlsCACert`, `tlsClientCert`, `tlsClientKey`,
 * `httpHeaderValue<n>`.
 */
export function upstreamHttpSettingsFrom(
  instance: UpstreamInstanceSettings,
  upstreamName: string
): UpstreamHttpSettings {
  const json = instance.jsonData ?? {};
  const secure = instance.decryptedSecureJsonData ?? {};
  const baseUrl = parseUpstreamBaseUrl(instance.url ?? '', upstreamName);

  const headers: Record<string, string> = {};
  // Every `httpHeaderName<n>` key, in number order: numbers may have gaps (the editor keeps a header's number when
  // another is removed, so that each name stays paired with its stored value).
  const numbers = Object.keys(json)
    .map((k) => /^httpHeaderName([1-9]\d{0,2})$/.exec(k)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  for (const i of numbers) {
    const name = json[`httpHeaderName${i}`];
    if (typeof name !== 'string' || name.trim() === '') {
      continue;
    }
    // RFC 9110 token characters only, so a header name cannot smuggle a second header or a request line.
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name.trim())) {
      throw configError(`Custom header name ${JSON.stringify(name)} is not a valid HTTP header name`);
    }
    const value = secure[`httpHeaderValue${i}`] ?? '';
    if (/[\r\n]/.test(value)) {
      throw configError(`Custom header ${name.trim()} has a value with a line break`);
    }
    headers[name.trim()] = value;
  }

  const basicAuth =
    instance.basicAuthEnabled === true
      ? { user: instance.basicAuthUser ?? '', password: secure.basicAuthPassword ?? '' }
      : undefined;
  const bearerToken = secure.bearerToken ? secure.bearerToken : undefined;

  return {
    baseUrl,
    upstreamName,
    basicAuth,
    bearerToken,
    headers,
    tls: {
      caCert: json.tlsAuthWithCACert === true && secure.tlsCACert ? secure.tlsCACert : undefined,
      skipVerify: json.tlsSkipVerify === true,
      serverName: typeof json.serverName === 'string' && json.serverName !== '' ? json.serverName : undefined,
      ...clientCertificate(json, secure),
    },
    timeoutMs: timeoutSeconds(json.timeout) * 1000,
    limits: {
      maxResponseBytes: positiveNumber(
        json.maxResponseBytes,
        'maxResponseBytes',
        DEFAULT_UPSTREAM_LIMITS.maxResponseBytes
      ),
      maxSeries: positiveNumber(json.maxSeries, 'maxSeries', DEFAULT_UPSTREAM_LIMITS.maxSeries),
      maxPoints: positiveNumber(json.maxPoints, 'maxPoints', DEFAULT_UPSTREAM_LIMITS.maxPoints),
    },
  };
}

/**
 * TLS client authentication when `tlsAuth` is on: the certificate and its private key (PEM), both required, since
 * a switch that is on but sends nothing would fail at the server with a message that names neither setting.
 */
function clientCertificate(
  json: Record<string, unknown>,
  secure: Record<string, string>
): { clientCert?: string; clientKey?: string } {
  if (json.tlsAuth !== true) {
    return {};
  }
  const missing = (['tlsClientCert', 'tlsClientKey'] as const).filter((k) => !secure[k]);
  if (missing.length > 0) {
    throw configError(
      `TLS client authentication is on but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set; ` +
        'enter the client certificate and key in the data source settings or turn TLS client authentication off'
    );
  }
  return { clientCert: secure.tlsClientCert, clientKey: secure.tlsClientKey };
}

/** Every secret these settings hold, for `redactSecrets`. */
export function secretsOf(settings: UpstreamHttpSettings): string[] {
  const out: string[] = [];
  if (settings.basicAuth?.password) {
    out.push(settings.basicAuth.password);
    // The base64 header value could be echoed too.
    out.push(Buffer.from(`${settings.basicAuth.user}:${settings.basicAuth.password}`).toString('base64'));
  }
  if (settings.bearerToken) {
    out.push(settings.bearerToken);
  }
  if (settings.tls.clientKey) {
    out.push(settings.tls.clientKey);
  }
  for (const v of Object.values(settings.headers)) {
    // Very short header values (an org id like `1`) would blank out unrelated text; they are identifiers, not keys.
    if (v.length >= 4) {
      out.push(v);
    }
  }
  return out;
}
