/**
 * The plugin context Grafana sends with a query to one of our provisioned data sources: the provisioned settings
 * (uid, name, database, jsonData), with the URL pointed at a local test server instead of the compose service.
 */
import { demoPluginContext } from '../../conformance/support/pluginClients';
import type { DataSourceEntry } from './provisioningFiles';

export function provisionedDataSourceContext(ds: DataSourceEntry, url: string | undefined): object {
  const base = demoPluginContext() as { dataSourceInstanceSettings: Record<string, unknown> };
  return {
    ...base,
    dataSourceInstanceSettings: {
      ...base.dataSourceInstanceSettings,
      uid: ds.uid,
      name: ds.name,
      url: url ?? '',
      database: ds.database ?? '',
      jsonData: Buffer.from(JSON.stringify(ds.jsonData ?? {})),
      decryptedSecureJsonData: {},
    },
  };
}
