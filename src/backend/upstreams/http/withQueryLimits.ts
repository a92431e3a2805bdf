/**
 * The HTTP settings an upstream client runs under for one request: the data source's, with the limits replaced by
 * the ones read for the request (settings/queryLimits.ts), which include Grafana's GF_RESPONSE_LIMIT from the plugin context.
 * The clients' own settings readers see jsonData alone. Used by queries and resource look-ups alike.
 */
import type { UpstreamHttpSettings, UpstreamLimits } from './upstreamHttpSettings';

export function withQueryLimits(http: UpstreamHttpSettings, limits: UpstreamLimits): UpstreamHttpSettings {
  return {
    ...http,
    limits: {
      maxResponseBytes: limits.maxResponseBytes,
      maxResponseBytesSetting: limits.maxResponseBytesSetting,
      maxSeries: limits.maxSeries,
      maxPoints: limits.maxPoints,
    },
  };
}
