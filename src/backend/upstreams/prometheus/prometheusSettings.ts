/**
 * Settings of a Prometheus-compatible upstream (Prometheus, Mimir, Thanos, Cortex, VictoriaMetrics): the shared
 * HTTP settings plus these jsonData fields, named as in Grafana's own Prometheus data source so that settings
 * copied from it keep working:
 * - `timeInterval`: scrape interval (default 15 s), the last fallback of the step choice;
 * - `httpMethod`: `POST` (default) or `GET` for read-only proxies that refuse POST;
 * - `prometheusType` / `prometheusVersion`: which server this is; the type names the upstream in every message
 *   (errors, Save & test), the version is shown by Save & test;
 * - `customQueryParameters`: `name=value&…` added to every request (e.g. Thanos' `max_source_resolution`, a
 *   tenant or `timeout`), since the URL itself may not carry a query string.
 * Our own mapping.
 */
import { LensError } from '../../errors/LensError';
import {
  upstreamHttpSettingsFrom,
  type UpstreamHttpSettings,
  type UpstreamInstanceSettings,
} from '../http/upstreamHttpSettings';
import { DEFAULT_SCRAPE_INTERVAL_MS } from './chooseStep';
import { parseDuration } from '../../../shared/parseDuration';

/**
 * The server kinds Grafana's Prometheus data source offers, spelt as it stores them, and VictoriaMetrics (which
 * speaks the same query API); the type names the upstream in messages.
 */
export const PROMETHEUS_TYPES = ['Prometheus', 'Cortex', 'Mimir', 'Thanos', 'VictoriaMetrics'] as const;
export type PrometheusType = (typeof PROMETHEUS_TYPES)[number];

/** Parameters the plugin sets itself on some request; a custom parameter may not replace them. */
const RESERVED_PARAMS = new Set(['query', 'start', 'end', 'step', 'time', 'match[]', 'metric', 'limit']);
/** Bounds on `customQueryParameters`, checked before any request (the text rides on every one). */
const MAX_CUSTOM_PARAMS = 20;
const MAX_CUSTOM_PARAMS_CHARS = 2000;
const MAX_VERSION_CHARS = 32;

export interface PrometheusSettings {
  http: UpstreamHttpSettings;
  scrapeIntervalMs: number;
  httpMethod: 'GET' | 'POST';
  type: PrometheusType;
  /** As configured (free text such as `2.53.0`); undefined when not set. */
  version?: string;
  /** Added after the plugin's own parameters on every request to this upstream. */
  customParams: ReadonlyArray<readonly [string, string]>;
}

const configError = (message: string) => new LensError(message, { kind: 'config', status: 400 });

function typeFrom(raw: unknown): PrometheusType {
  if (raw === undefined || raw === null || raw === '') {
    return 'Prometheus';
  }
  const found = PROMETHEUS_TYPES.find((t) => typeof raw === 'string' && t.toLowerCase() === raw.trim().toLowerCase());
  if (!found) {
    throw configError(
      `Data source setting prometheusType must be one of ${PROMETHEUS_TYPES.join(', ')}, got ${JSON.stringify(raw)}`
    );
  }
  return found;
}

function versionFrom(raw: unknown): string | undefined {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return undefined;
  }
  if (typeof raw !== 'string' || raw.trim().length > MAX_VERSION_CHARS) {
    throw configError(`Data source setting prometheusVersion must be text of at most ${MAX_VERSION_CHARS} characters`);
  }
  return raw.trim();
}

/** `a=1&b=2` (a leading `?` allowed) → pairs, percent-decoded; empty → none. */
export function parseCustomQueryParameters(raw: unknown): Array<[string, string]> {
  if (raw === undefined || raw === null || raw === '') {
    return [];
  }
  if (typeof raw !== 'string') {
    throw configError('Data source setting customQueryParameters must be text such as name=value&other=value');
  }
  const text = raw.trim().replace(/^\?/, '');
  if (text.length > MAX_CUSTOM_PARAMS_CHARS) {
    throw configError(`Data source setting customQueryParameters is longer than ${MAX_CUSTOM_PARAMS_CHARS} characters`);
  }
  const pairs = [...new URLSearchParams(text)];
  if (pairs.length > MAX_CUSTOM_PARAMS) {
    throw configError(`Data source setting customQueryParameters has more than ${MAX_CUSTOM_PARAMS} parameters`);
  }
  for (const [name] of pairs) {
    if (name === '') {
      throw configError('Data source setting customQueryParameters has a parameter without a name');
    }
    if (RESERVED_PARAMS.has(name)) {
      throw configError(
        `Data source setting customQueryParameters may not set ${JSON.stringify(name)}: the plugin sets it on each request`
      );
    }
  }
  return pairs;
}

export function prometheusSettingsFrom(instance: UpstreamInstanceSettings): PrometheusSettings {
  const json = instance.jsonData ?? {};
  const type = typeFrom(json.prometheusType);
  const http = upstreamHttpSettingsFrom(instance, type);
  let scrapeIntervalMs = DEFAULT_SCRAPE_INTERVAL_MS;
  if (typeof json.timeInterval === 'string' && json.timeInterval.trim() !== '') {
    try {
      scrapeIntervalMs = parseDuration(json.timeInterval);
    } catch (e) {
      throw configError(`Data source setting timeInterval (scrape interval): ${(e as Error).message}`);
    }
  }
  const method = typeof json.httpMethod === 'string' ? json.httpMethod.toUpperCase() : 'POST';
  if (method !== 'GET' && method !== 'POST') {
    throw configError(`Data source setting httpMethod must be GET or POST, got ${JSON.stringify(json.httpMethod)}`);
  }
  return {
    http,
    scrapeIntervalMs,
    httpMethod: method,
    type,
    version: versionFrom(json.prometheusVersion),
    customParams: parseCustomQueryParameters(json.customQueryParameters),
  };
}
