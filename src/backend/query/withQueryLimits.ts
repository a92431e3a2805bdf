/**
 * The HTTP settings an upstream client runs under for one request: the data source's, with the limits replaced by
 * the ones read for the request (queryLimits.ts), which include Grafana's GF_RESPONSE_LIMIT from the plugin context.
 * The clients' own settings readers see jsonData alone. Used by queries and resource look-ups alike.
 */
import type { UpstreamHttpSettings } from '../upstreams/http/upstreamHttpSettings';
import type { QueryLimits } from './queryLimits';

export function withQueryLimits(http: UpstreamHttpSettings, limits: QueryLimits): UpstreamHttpSettings {
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
