/**
 * Settings of a Prometheus-compatible upstream (Prometheus, Mimir, Thanos, VictoriaMetrics): the shared HTTP
 * settings plus jsonData `timeInterval` (scrape interval, Grafana's name for it; default 15 s) and
 * `httpMethod` (`POST` default, `GET` for read-only proxies that refuse POST). Our own mapping.
 */
import { UpstreamError } from '../http/UpstreamError';
import {
  upstreamHttpSettingsFrom,
  type UpstreamHttpSettings,
  type UpstreamInstanceSettings,
} from '../http/upstreamHttpSettings';
import { DEFAULT_SCRAPE_INTERVAL_MS } from './chooseStep';
import { parsePromDuration } from './promDuration';

export interface PrometheusSettings {
  http: UpstreamHttpSettings;
  scrapeIntervalMs: number;
  httpMethod: 'GET' | 'POST';
}

export function prometheusSettingsFrom(instance: UpstreamInstanceSettings): PrometheusSettings {
  const http = upstreamHttpSettingsFrom(instance, 'Prometheus');
  const json = instance.jsonData ?? {};
  let scrapeIntervalMs = DEFAULT_SCRAPE_INTERVAL_MS;
  if (typeof json.timeInterval === 'string' && json.timeInterval.trim() !== '') {
    try {
      scrapeIntervalMs = parsePromDuration(json.timeInterval);
    } catch (e) {
      throw new UpstreamError(`Data source setting timeInterval (scrape interval): ${(e as Error).message}`, {
        kind: 'config',
        status: 400,
      });
    }
  }
  const method = typeof json.httpMethod === 'string' ? json.httpMethod.toUpperCase() : 'POST';
  if (method !== 'GET' && method !== 'POST') {
    throw new UpstreamError(
      `Data source setting httpMethod must be GET or POST, got ${JSON.stringify(json.httpMethod)}`,
      {
        kind: 'config',
        status: 400,
      }
    );
  }
  return { http, scrapeIntervalMs, httpMethod: method };
}
