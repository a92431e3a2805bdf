/**
 * Reads the non-secret data source settings (DataSourceInstanceSettings.jsonData), and registers the secrets with
 * the redactor (pipeline/DataSourceInstances.ts does both once per settings version).
 */
import { DEFAULT_UPSTREAM, DataSourceOptions, UPSTREAM_KINDS, UpstreamKind } from '../../shared/queryModel';
import { redactor } from '../server/redact';
import type { DataSourceInstanceSettings, PluginContext } from '../server/protoTypes';
import { LensError } from '../errors/LensError';
import type { UpstreamOwnSettings } from '../upstreams/UpstreamAdapter';
import { upstreamAdapter } from '../upstreams/upstreamAdapters';
import { DEFAULT_QUERY_LIMITS, QueryLimits, readQueryLimits } from './queryLimits';

/**
 * A data source's parsed settings: what every upstream shares, read here, and the upstream's own keys
 * (`UpstreamOwnSettings`), read by its adapter (upstreams/upstreamAdapters.ts).
 */
export interface LensSettings extends UpstreamOwnSettings {
  upstream: UpstreamKind;
  name: string;
  uid: string;
  /** Data source `lastUpdated` (ms); part of the upstream cache key so that edited settings refetch. */
  lastUpdatedMs?: number;
  /** The instance settings as delivered, for the upstream adapter's connection (absent in unit tests). */
  instance?: DataSourceInstanceSettings;
  /** Limits from jsonData and grafanaConfig (queryLimits.ts); absent (unit tests) → the defaults. */
  limits?: QueryLimits;
}

/** The limits a query runs under. */
export function limitsOf(settings: LensSettings): QueryLimits {
  return settings.limits ?? DEFAULT_QUERY_LIMITS;
}

/** Registers secrets from the context (decryptedSecureJsonData of data source and app) with the redactor. */
export function registerContextSecrets(ctx: PluginContext | null | undefined): void {
  const ds = ctx?.dataSourceInstanceSettings;
  const secure = ds?.decryptedSecureJsonData;
  redactor.registerSecrets(secure);
  redactor.registerSecrets(ctx?.appInstanceSettings?.decryptedSecureJsonData);
  // The Authorization header carries base64("user:password"); an upstream echoing the request would show that form.
  const pairs: Array<[string | undefined, string | undefined]> = [
    [ds?.basicAuthUser, secure?.basicAuthPassword],
    [ds?.user, secure?.password],
  ];
  for (const [user, password] of pairs) {
    if (password) {
      redactor.registerSecret(Buffer.from(`${user ?? ''}:${password}`, 'utf8').toString('base64'));
    }
  }
}

/**
 * Registers credential-bearing request headers (docs/protocol.md §3.3: `Authorization`, `X-Id-Token`, `Cookie`, or the
 * same names prefixed `http_`) so their values are masked wherever they might appear later.
 */
export function registerHeaderSecrets(
  headers: Record<string, string | { values?: string[] }> | null | undefined
): void {
  if (!headers) {
    return;
  }
  for (const [key, raw] of Object.entries(headers)) {
    if (!redactor.isSecretKey(key) && !/id-token/i.test(key)) {
      continue;
    }
    const values = typeof raw === 'string' ? [raw] : (raw?.values ?? []);
    for (const v of values) {
      redactor.registerSecret(v);
      // The credential itself, without its scheme ("Bearer abc" → "abc").
      const m = v.match(/^\s*\w+\s+(\S+)\s*$/);
      if (m) {
        redactor.registerSecret(m[1]);
      }
    }
  }
}

/** Throws LensError (400, plugin settings) with a message naming the fix. */
export function readSettings(ctx: PluginContext | null | undefined): LensSettings {
  const ds = ctx?.dataSourceInstanceSettings;
  const name = ds?.name ?? '';
  const uid = ds?.uid ?? '';
  const bytes = ds?.jsonData;
  let options: DataSourceOptions = {};
  if (bytes && bytes.length > 0) {
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch (e) {
      throw LensError.badQuery(`the data source settings (jsonData) are not valid JSON: ${(e as Error).message}`);
    }
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      options = raw as DataSourceOptions;
    }
  }
  const upstream = options.upstream ?? DEFAULT_UPSTREAM;
  if (!UPSTREAM_KINDS.includes(upstream)) {
    throw LensError.badQuery(
      `the data source setting "upstream" is ${JSON.stringify(upstream)}; choose one of ${UPSTREAM_KINDS.join(', ')}`
    );
  }
  const adapter = upstreamAdapter(upstream);
  const json = options as Record<string, unknown>;
  const limits = readQueryLimits(json, adapter.maxPointsPerSeries, ctx?.grafanaConfig);
  return {
    upstream,
    name,
    uid,
    lastUpdatedMs: ds?.lastUpdatedMS ?? 0,
    instance: ds ?? undefined,
    limits,
    ...adapter.readOwnSettings(json),
  };
}
