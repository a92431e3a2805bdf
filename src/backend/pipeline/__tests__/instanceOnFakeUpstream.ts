/**
 * A data source instance whose upstream is a test's fake server (tests/integration/helpers/fakeUpstream.ts), with
 * incremental querying off and a cache of its own. Each call is a new settings version, so no answer is shared
 * between calls. Our own test helper.
 */
import type { UpstreamKind } from '../../../shared/queryModel';
import type { DataSourceInstanceSettings } from '../../server/protoTypes';
import { dataSourceInstance, newUpstreamCache, type DataSourceInstance } from '../DataSourceInstances';

let version = 0;

export function instanceOnFakeUpstream(url: string, upstream: UpstreamKind, uid: string): DataSourceInstance {
  version++;
  const instance: DataSourceInstanceSettings = {
    id: 1,
    name: upstream,
    url,
    user: '',
    database: 'db',
    basicAuthEnabled: false,
    basicAuthUser: '',
    jsonData: Buffer.from(JSON.stringify({ upstream, incrementalQuerying: false })),
    decryptedSecureJsonData: {},
    lastUpdatedMS: version,
    uid,
    apiVersion: '',
  };
  return dataSourceInstance(
    {
      upstream,
      name: upstream,
      uid,
      lastUpdatedMs: version,
      instance,
      incremental: { enabled: false, overlapMs: 0 },
    },
    { cache: newUpstreamCache() }
  );
}
