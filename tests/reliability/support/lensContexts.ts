/**
 * Plugin contexts for the reliability tests: a Prometheus-type Anomaly Lens data source pointing at a fake
 * upstream, optionally carrying known, unique secrets (so a test can search every output for them). Our own helper.
 */
import { demoPluginContext } from '../../conformance/support/pluginClients';

/** Unique secret values: long and distinctive so that a substring search cannot miss them or hit by chance. */
export const SECRETS = {
  basicAuthPassword: 'pw-7Hq2-RELIABILITY-basic-secret',
  bearerToken: 'tok-Zx81-RELIABILITY-bearer-secret',
  httpHeaderValue1: 'hdr-Kp33-RELIABILITY-tenant-secret',
  password: 'pw-Q9v0-RELIABILITY-influx-password',
  influxToken: 'tok-Lm55-RELIABILITY-influx-token',
  tlsCACert: '-----BEGIN CERTIFICATE-----\nMIIRELIABILITYcaSecret\n-----END CERTIFICATE-----',
} as const;

/** Request-header credentials Grafana forwards (docs/protocol.md §3.3). */
export const HEADER_SECRETS = {
  Authorization: 'Bearer hdrtok-Wd44-RELIABILITY-forwarded-oauth',
  'X-Id-Token': 'idtok-Ee12-RELIABILITY-forwarded-idtoken',
  Cookie: 'grafana_session=sess-Rr90-RELIABILITY-cookie',
} as const;

/** Every string that must never appear in an output: the secrets, their base64 forms and header credentials. */
export function forbiddenStrings(basicAuthUser = 'lens'): string[] {
  const out: string[] = [...Object.values(SECRETS)];
  out.push(Buffer.from(`${basicAuthUser}:${SECRETS.basicAuthPassword}`).toString('base64'));
  out.push(
    'hdrtok-Wd44-RELIABILITY-forwarded-oauth',
    'idtok-Ee12-RELIABILITY-forwarded-idtoken',
    'sess-Rr90-RELIABILITY-cookie'
  );
  // Distinctive middles too, in case something truncates or re-encodes the ends.
  out.push(
    'RELIABILITY-basic-secret',
    'RELIABILITY-bearer-secret',
    'RELIABILITY-tenant-secret',
    'MIIRELIABILITYcaSecret'
  );
  return out;
}

/** A context like Grafana's for a data source of the given upstream at `url`. */
export function lensContext(
  upstream: 'demo' | 'prometheus' | 'influxdb',
  url: string,
  options: { secrets?: boolean; timeoutS?: number; basicAuth?: boolean; jsonData?: Record<string, unknown> } = {}
): object {
  const base = demoPluginContext() as { dataSourceInstanceSettings: Record<string, unknown> };
  const jsonData: Record<string, unknown> = {
    upstream,
    timeout: options.timeoutS ?? 2,
    httpHeaderName1: 'X-Scope-OrgID',
    ...options.jsonData,
  };
  return {
    ...base,
    dataSourceInstanceSettings: {
      ...base.dataSourceInstanceSettings,
      uid: `lens-${upstream}`,
      name: `Anomaly Lens ${upstream}`,
      url,
      database: 'db',
      user: 'lens',
      basicAuthEnabled: options.basicAuth ?? false,
      basicAuthUser: 'lens',
      jsonData: Buffer.from(JSON.stringify(jsonData)),
      decryptedSecureJsonData: options.secrets ? { ...SECRETS } : {},
    },
  };
}

/** Grafana's forwarded headers in the CallResource `map<string, StringList>` shape. */
export function resourceHeaders(): Record<string, { values: string[] }> {
  return Object.fromEntries(Object.entries(HEADER_SECRETS).map(([k, v]) => [k, { values: [v] }]));
}

/** Grafana's forwarded headers in the QueryData/CheckHealth `map<string,string>` shape (`http_` prefixed there). */
export function flatHeaders(): Record<string, string> {
  return Object.fromEntries(Object.entries(HEADER_SECRETS).map(([k, v]) => [`http_${k}`, v]));
}
