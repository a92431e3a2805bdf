/**
 * Health check of a Prometheus-compatible upstream for CheckHealth: an instant query `1+1` (what Grafana's own
 * Prometheus data source runs), which proves reachability, credentials, TLS and that the endpoint speaks the
 * Prometheus API. Never throws: failures come back as `{ ok: false, message }` with the clear error text.
 */
import { upstreamRequest, type UpstreamRequestOptions } from '../http/upstreamRequest';
import { LensError } from '../../errors/LensError';
import { parseSampleValue, readPrometheusEnvelope } from './parsePrometheusResponse';
import type { PrometheusSettings } from './prometheusSettings';

export interface UpstreamHealth {
  ok: boolean;
  message: string;
}

export async function checkPrometheus(
  settings: PrometheusSettings,
  options: UpstreamRequestOptions & { nowMs?: number } = {}
): Promise<UpstreamHealth> {
  const where = `${settings.http.upstreamName} at ${settings.http.baseUrl.origin}`;
  try {
    const res = await upstreamRequest(
      {
        method: settings.httpMethod,
        path: '/api/v1/query',
        params: [['query', '1+1'], ['time', String((options.nowMs ?? Date.now()) / 1000)], ...settings.customParams],
      },
      settings.http,
      options
    );
    const data = readPrometheusEnvelope(res, settings.http).data as { resultType?: string; result?: unknown };
    const value = data?.resultType === 'scalar' && Array.isArray(data.result) ? parseSampleValue(data.result[1]) : NaN;
    if (value !== 2) {
      return { ok: false, message: `${where} answered the test query 1+1 with an unexpected result` };
    }
    const version = settings.version ? ` (configured as version ${settings.version})` : '';
    return { ok: true, message: `${where} is reachable and answers PromQL queries${version}` };
  } catch (e) {
    if (e instanceof LensError) {
      return { ok: false, message: e.message };
    }
    throw e;
  }
}
