/**
 * One parsed instance per data source settings version, like the instance manager of Grafana's Go plugin SDK:
 * the settings are read, the secrets registered with the redactor and the upstream connected once, when a version
 * is first seen, and reused by every query, look-up and health check after it. A new version (Grafana bumps the
 * data source's `updated` on every save; the key also holds the settings' content, so that settings changed
 * within one timestamp are seen too) replaces the instance of that uid. Unusable settings are remembered as their
 * error, so each request answers it without reading them again.
 */
import { readSettings, registerContextSecrets, type LensSettings } from '../settings/dataSourceSettings';
import { DEFAULT_QUERY_LIMITS } from '../settings/queryLimits';
import type { PluginContext } from '../server/protoTypes';
import type { UpstreamAdapter, UpstreamConnection } from '../upstreams/UpstreamAdapter';
import { upstreamAdapter } from '../upstreams/upstreamAdapters';
import { fetchedBytes } from './fetchedSeries';
import type { CachedRange } from './incrementalRange';
import { BoundedLruCache } from './BoundedLruCache';
import { modelCaches, type ModelCaches, releaseModelCaches } from './modelCaches';
import { releaseIdleCaches } from './releaseIdleCaches';

/** A data source's settings with what was built from them: its upstream connection and the caches it uses. */
export interface DataSourceInstance extends LensSettings {
  connection: UpstreamConnection;
  /** Fetched ranges (keyed by uid and version, so instances may share one byte budget). */
  cache: BoundedLruCache<CachedRange>;
  /** What this instance remembers of its series' models between evaluations (its own, never shared). */
  models: ModelCaches;
}

/** 64 MiB of upstream answers shared by all instances of the process. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

export function newUpstreamCache(maxBytes = DEFAULT_CACHE_BYTES): BoundedLruCache<CachedRange> {
  return new BoundedLruCache<CachedRange>({ maxBytes, sizeOf: (e) => fetchedBytes(e.fetched) });
}

/** The process's cache of upstream answers (the idle collector trims it). */
export const sharedUpstreamCache = newUpstreamCache();

export interface InstanceOptions {
  /** Default: the process's shared cache. */
  cache?: BoundedLruCache<CachedRange>;
  /** Default: the adapter registry. */
  adapterOf?: (kind: LensSettings['upstream']) => UpstreamAdapter;
  /** Builds each instance's model caches. Default: a new empty set per instance (modelCaches). */
  newModelCaches?: () => ModelCaches;
}

/** Connects parsed settings to their upstream (the one step from settings to an instance). */
export function dataSourceInstance(settings: LensSettings, options: InstanceOptions = {}): DataSourceInstance {
  const adapter = (options.adapterOf ?? upstreamAdapter)(settings.upstream);
  const connection = adapter.connect({
    instance: settings.instance,
    limits: settings.limits ?? DEFAULT_QUERY_LIMITS,
    incremental: settings.incremental,
  });
  return {
    ...settings,
    connection,
    cache: options.cache ?? sharedUpstreamCache,
    models: (options.newModelCaches ?? modelCaches)(),
  };
}

/** Most data sources whose instance is kept; past it the least recently used is dropped (and rebuilt on use). */
const MAX_INSTANCES = 256;

type Held = { version: string; instance: DataSourceInstance } | { version: string; error: unknown };

/** A string map as key text (insertion order: Grafana sends the same settings the same way). */
function mapText(map: Record<string, string> | null | undefined): string {
  let text = '';
  for (const key in map) {
    text += `${key}\u0001${map[key]}\u0002`;
  }
  return text;
}

/** Everything that changes what an instance holds, as one string (built on every request: kept cheap). */
function versionOf(ctx: PluginContext | null | undefined): string {
  const ds = ctx?.dataSourceInstanceSettings;
  const app = ctx?.appInstanceSettings;
  return [
    ds?.lastUpdatedMS ?? 0,
    ds?.jsonData
      ? Buffer.from(ds.jsonData.buffer, ds.jsonData.byteOffset, ds.jsonData.byteLength).toString('utf8')
      : '',
    mapText(ds?.decryptedSecureJsonData),
    ds?.url ?? '',
    ds?.user ?? '',
    ds?.basicAuthEnabled ?? false,
    ds?.basicAuthUser ?? '',
    ds?.database ?? '',
    ds?.name ?? '',
    mapText(ctx?.grafanaConfig),
    app?.lastUpdatedMS ?? 0,
    mapText(app?.decryptedSecureJsonData),
  ].join('\u0000');
}

export class DataSourceInstances {
  private readonly held = new Map<string, Held>();

  constructor(private readonly options: InstanceOptions = {}) {}

  /** The instance for the request's data source; throws its settings' LensError when they cannot be used. */
  get(ctx: PluginContext | null | undefined): DataSourceInstance {
    const uid = ctx?.dataSourceInstanceSettings?.uid ?? '';
    const version = versionOf(ctx);
    let held = this.held.get(uid);
    if (held?.version !== version) {
      // Secrets are registered when the version is first seen, before anything may quote them.
      registerContextSecrets(ctx);
      try {
        held = { version, instance: dataSourceInstance(readSettings(ctx), this.options) };
      } catch (error) {
        held = { version, error };
      }
    }
    // Re-insert: the Map's first key is then the least recently used.
    this.held.delete(uid);
    this.held.set(uid, held);
    if (this.held.size > MAX_INSTANCES) {
      this.held.delete(this.held.keys().next().value as string);
    }
    if ('error' in held) {
      throw held.error;
    }
    return held.instance;
  }

  /**
   * Gives memory back when the process falls quiet (the idle collector calls this): the upstream cache and each held
   * instance's model caches drop expired entries, and after `IDLE_TRIM_AFTER_MS` keep only their most recent
   * entries (releaseIdleCaches.ts).
   */
  releaseIdle(quietForMs: number): void {
    releaseIdleCaches(this.options.cache ?? sharedUpstreamCache, quietForMs);
    for (const held of this.held.values()) {
      if ('instance' in held) {
        releaseModelCaches(held.instance.models, quietForMs);
      }
    }
  }

  /** Instances held (for tests and metrics). */
  get size(): number {
    return this.held.size;
  }
}

/** The process's instances: what the RPC handlers use unless a test passes its own. */
export const processInstances = new DataSourceInstances();
