/**
 * Settings of an InfluxDB upstream queried with InfluxQL over the v1 `/query` API. Our own mapping, with
 * Grafana's InfluxDB data source names where they exist:
 *  - database: top-level `database` or jsonData `dbName` (required);
 *  - InfluxDB 1.x: top-level `user` + secureJsonData `password`, sent as HTTP basic auth (1.x accepts it and it
 *    keeps the password out of URLs and upstream access logs, unlike `u=`/`p=` parameters);
 *  - InfluxDB 2.x/3.x compatibility endpoints: secureJsonData `influxToken`, sent as `Authorization: Token …`;
 *  - jsonData `httpMode`: `GET` (default) or `POST` (long queries); only read statements are sent either way.
 * Grafana's generic basic auth (`basicAuthEnabled`/`basicAuthUser`/`basicAuthPassword`) is used when neither
 * of the above is set (e.g. a reverse proxy in front of InfluxDB).
 */
import { LensError } from '../../errors/LensError';
import {
  upstreamHttpSettingsFrom,
  type UpstreamHttpSettings,
  type UpstreamInstanceSettings,
} from '../http/upstreamHttpSettings';

export interface InfluxSettings {
  http: UpstreamHttpSettings;
  database: string;
  httpMethod: 'GET' | 'POST';
}

export function influxSettingsFrom(instance: UpstreamInstanceSettings): InfluxSettings {
  const http = upstreamHttpSettingsFrom(instance, 'InfluxDB');
  const json = instance.jsonData ?? {};
  const secure = instance.decryptedSecureJsonData ?? {};
  const database = (instance.database || (typeof json.dbName === 'string' ? json.dbName : '')).trim();
  if (database === '') {
    throw new LensError('InfluxDB database is not set; enter it in the data source settings', {
      kind: 'config',
      status: 400,
    });
  }
  if (secure.influxToken) {
    http.basicAuth = undefined;
    http.bearerToken = secure.influxToken;
    http.tokenScheme = 'Token';
  } else if (instance.user) {
    http.basicAuth = { user: instance.user, password: secure.password ?? '' };
    http.bearerToken = undefined;
  }
  const mode = typeof json.httpMode === 'string' ? json.httpMode.toUpperCase() : 'GET';
  if (mode !== 'GET' && mode !== 'POST') {
    throw new LensError(`Data source setting httpMode must be GET or POST, got ${JSON.stringify(json.httpMode)}`, {
      kind: 'config',
      status: 400,
    });
  }
  return { http, database, httpMethod: mode };
}
