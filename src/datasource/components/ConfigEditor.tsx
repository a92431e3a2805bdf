import React, { ChangeEvent, useState } from 'react';
import { DataSourcePluginOptionsEditorProps, SelectableValue } from '@grafana/data';
import {
  Button,
  FieldSet,
  InlineField,
  InlineSwitch,
  Input,
  RadioButtonGroup,
  SecretInput,
  SecretTextArea,
} from '@grafana/ui';
import { DEFAULT_UPSTREAM, UpstreamKind } from '../../shared/queryModel';
import {
  ConnectionOptions,
  ConnectionSecureOptions,
  headerNameKey,
  headerValueKey,
  MAX_CUSTOM_HEADERS,
} from '../connectionOptions';
import { configSelectors as sel } from './selectors';
import { LimitsSection } from './LimitsSection';

type Props = DataSourcePluginOptionsEditorProps<ConnectionOptions, ConnectionSecureOptions>;
type SecretKey = keyof ConnectionSecureOptions & string;

const LABEL_WIDTH = 20;

const upstreamOptions: Array<SelectableValue<UpstreamKind>> = [
  { value: 'demo', label: 'Demo', description: 'Built-in synthetic series; no connection needed' },
  { value: 'prometheus', label: 'Prometheus', description: 'Prometheus-compatible HTTP API' },
  { value: 'influxdb', label: 'InfluxDB', description: 'InfluxQL over the v1 /query API' },
];

/**
 * How the data source authenticates to the upstream. Not stored itself: it is read from the settings the backend
 * uses (Prometheus: `basicAuth` or a `bearerToken`; InfluxDB: `user` + `password` or an `influxToken`).
 */
export type AuthMethod = 'none' | 'basic' | 'bearer' | 'influxUser' | 'influxToken';

const authOptions = (upstream: UpstreamKind): Array<SelectableValue<AuthMethod>> =>
  upstream === 'influxdb'
    ? [
        { value: 'none', label: 'None' },
        { value: 'influxUser', label: 'User and password', description: 'InfluxDB 1.x' },
        { value: 'influxToken', label: 'Token', description: 'InfluxDB 2.x/3.x v1-compatibility API' },
      ]
    : [
        { value: 'none', label: 'None' },
        { value: 'basic', label: 'Basic' },
        { value: 'bearer', label: 'Bearer' },
      ];

function storedAuthMethod(props: Props, upstream: UpstreamKind): AuthMethod {
  const { options } = props;
  const has = (key: SecretKey) => Boolean(options.secureJsonFields?.[key] || options.secureJsonData?.[key]);
  if (upstream === 'influxdb') {
    return has('influxToken') ? 'influxToken' : options.user ? 'influxUser' : 'none';
  }
  return options.basicAuth ? 'basic' : has('bearerToken') ? 'bearer' : 'none';
}

/** A header slot is shown when it has a name, a stored value, or was added in this editing session. */
function headerSlots(props: Props, added: number[]): number[] {
  const { jsonData, secureJsonFields, secureJsonData } = props.options;
  const used: number[] = [];
  for (let n = 1; n <= MAX_CUSTOM_HEADERS; n++) {
    const name = jsonData[headerNameKey(n)];
    if (
      (typeof name === 'string' && name !== '') ||
      secureJsonFields?.[headerValueKey(n)] ||
      secureJsonData?.[headerValueKey(n)] ||
      (name !== undefined && added.includes(n))
    ) {
      used.push(n);
    }
  }
  return used;
}

/**
 * Settings of one Anomaly Lens data source: which upstream it wraps and how to reach it. Secrets (password,
 * tokens, header values, CA certificate) go only to `secureJsonData`; once saved the editor shows them as
 * "configured" and can only reset them, never read them back.
 */
export function ConfigEditor(props: Props) {
  const { options, onOptionsChange } = props;
  const jsonData = options.jsonData;
  const upstream = jsonData.upstream ?? DEFAULT_UPSTREAM;
  const secureFields = options.secureJsonFields ?? {};
  const secureData: ConnectionSecureOptions = options.secureJsonData ?? {};

  const setJson = (patch: Partial<ConnectionOptions>) =>
    onOptionsChange({ ...options, jsonData: { ...jsonData, ...patch } });
  const setSecret = (key: SecretKey, value: string) =>
    onOptionsChange({ ...options, secureJsonData: { ...secureData, [key]: value } });
  const resetSecret = (key: SecretKey) =>
    onOptionsChange({
      ...options,
      secureJsonFields: { ...secureFields, [key]: false },
      secureJsonData: { ...secureData, [key]: '' },
    });
  /** Clears secrets the chosen method does not use, since the backend sends any token that is set. */
  const withoutSecrets = (keys: SecretKey[]) => ({
    secureJsonFields: { ...secureFields, ...Object.fromEntries(keys.map((k) => [k, false])) },
    secureJsonData: { ...secureData, ...Object.fromEntries(keys.map((k) => [k, ''])) },
  });

  const secret = (key: SecretKey, label: string, placeholder: string) => (
    <InlineField label={label} labelWidth={LABEL_WIDTH} htmlFor={`lens-${key}`}>
      <SecretInput
        id={`lens-${key}`}
        width={40}
        isConfigured={Boolean(secureFields[key])}
        value={secureData[key] ?? ''}
        placeholder={placeholder}
        onChange={(e: ChangeEvent<HTMLInputElement>) => setSecret(key, e.currentTarget.value)}
        onReset={() => resetSecret(key)}
      />
    </InlineField>
  );

  const [addedHeaders, setAddedHeaders] = useState<number[]>([]);
  const slots = headerSlots(props, addedHeaders);
  const addHeader = () => {
    const free = Array.from({ length: MAX_CUSTOM_HEADERS }, (_, i) => i + 1).find((n) => !slots.includes(n));
    if (free !== undefined) {
      setAddedHeaders([...addedHeaders, free]);
      setJson({ [headerNameKey(free)]: '' });
    }
  };
  const removeHeader = (n: number) => {
    // The number stays taken with an empty name: the backend stops at the first absent number, and stored
    // values cannot be moved to another number without reading them back.
    setAddedHeaders(addedHeaders.filter((a) => a !== n));
    onOptionsChange({
      ...options,
      jsonData: { ...jsonData, [headerNameKey(n)]: '' },
      ...withoutSecrets([headerValueKey(n)]),
    });
  };

  // The user's choice wins until the settings say otherwise (e.g. "Bearer" chosen, token not typed yet).
  const [chosenAuth, setChosenAuth] = useState<AuthMethod | undefined>();
  const stored = storedAuthMethod(props, upstream);
  const authMethod = chosenAuth && authOptions(upstream).some((o) => o.value === chosenAuth) ? chosenAuth : stored;
  const setAuthMethod = (m: AuthMethod) => {
    setChosenAuth(m);
    if (upstream === 'influxdb') {
      onOptionsChange({
        ...options,
        user: m === 'influxUser' ? options.user : '',
        ...withoutSecrets(
          m === 'influxToken' ? ['password'] : m === 'influxUser' ? ['influxToken'] : ['password', 'influxToken']
        ),
      });
    } else {
      onOptionsChange({
        ...options,
        basicAuth: m === 'basic',
        ...(m === 'bearer'
          ? { secureJsonFields: secureFields, secureJsonData: secureData }
          : withoutSecrets(['bearerToken'])),
      });
    }
  };

  return (
    <>
      <FieldSet label="Upstream">
        <InlineField label={sel.upstream} labelWidth={LABEL_WIDTH}>
          <RadioButtonGroup<UpstreamKind>
            options={upstreamOptions}
            value={upstream}
            onChange={(v) => setJson({ upstream: v })}
          />
        </InlineField>
        {upstream === 'demo' ? (
          <p data-testid={sel.demoNote}>
            The demo upstream generates deterministic synthetic series inside the plugin (HTTP and database latency,
            Kafka bytes-in, consumer lag, CPU) with incidents and their causes. It needs no connection settings.
          </p>
        ) : (
          <p data-testid={sel.upstreamNote}>
            Queries go to this{' '}
            {upstream === 'prometheus'
              ? 'Prometheus-compatible server (Prometheus, Mimir, Thanos, VictoriaMetrics)'
              : 'InfluxDB server (InfluxQL over the v1 /query API)'}
            ; the analysis runs in the plugin. Save &amp; test checks that the server answers with these settings.
          </p>
        )}
      </FieldSet>

      {upstream !== 'demo' && (
        <>
          <FieldSet label="Connection">
            <InlineField label={sel.url} labelWidth={LABEL_WIDTH} htmlFor="lens-url" required>
              <Input
                id="lens-url"
                width={40}
                value={options.url ?? ''}
                placeholder={upstream === 'prometheus' ? 'http://localhost:9090' : 'http://localhost:8086'}
                onChange={(e: ChangeEvent<HTMLInputElement>) =>
                  onOptionsChange({ ...options, url: e.currentTarget.value })
                }
              />
            </InlineField>
            {upstream === 'influxdb' && (
              <InlineField label={sel.database} labelWidth={LABEL_WIDTH} htmlFor="lens-database" required>
                <Input
                  id="lens-database"
                  width={40}
                  value={options.database ?? ''}
                  onChange={(e: ChangeEvent<HTMLInputElement>) =>
                    onOptionsChange({ ...options, database: e.currentTarget.value })
                  }
                />
              </InlineField>
            )}
            {upstream === 'prometheus' && (
              <InlineField
                label={sel.scrapeInterval}
                labelWidth={LABEL_WIDTH}
                htmlFor="lens-scrape"
                tooltip="The upstream's scrape interval; the smallest step a query uses. Empty: 15s"
              >
                <Input
                  id="lens-scrape"
                  width={12}
                  placeholder="15s"
                  value={jsonData.timeInterval ?? ''}
                  onChange={(e: ChangeEvent<HTMLInputElement>) =>
                    setJson({ timeInterval: e.currentTarget.value || undefined })
                  }
                />
              </InlineField>
            )}
            {upstream === 'prometheus' && (
              <InlineField
                label={sel.incrementalQuerying}
                labelWidth={LABEL_WIDTH}
                tooltip="On a refresh, reuse the points already fetched (training history included) and ask the upstream only for the newest ones"
              >
                <InlineSwitch
                  aria-label={sel.incrementalQuerying}
                  value={jsonData.incrementalQuerying !== false}
                  onChange={(e: React.FormEvent<HTMLInputElement>) =>
                    setJson({ incrementalQuerying: e.currentTarget.checked ? undefined : false })
                  }
                />
              </InlineField>
            )}
            {upstream === 'prometheus' && jsonData.incrementalQuerying !== false && (
              <InlineField
                label={sel.incrementalOverlap}
                labelWidth={LABEL_WIDTH}
                htmlFor="lens-overlap"
                tooltip="Points newer than this before the last fetch are fetched again, for samples that arrive late. Empty: 10m"
              >
                <Input
                  id="lens-overlap"
                  width={12}
                  placeholder="10m"
                  value={jsonData.incrementalQueryOverlapWindow ?? ''}
                  onChange={(e: ChangeEvent<HTMLInputElement>) =>
                    setJson({ incrementalQueryOverlapWindow: e.currentTarget.value || undefined })
                  }
                />
              </InlineField>
            )}
            <InlineField
              label={sel.timeout}
              labelWidth={LABEL_WIDTH}
              htmlFor="lens-timeout"
              tooltip="Empty: backend default"
            >
              <Input
                id="lens-timeout"
                type="number"
                min={1}
                width={12}
                value={jsonData.timeout ?? ''}
                onChange={(e: ChangeEvent<HTMLInputElement>) => {
                  const v = parseInt(e.currentTarget.value, 10);
                  setJson({ timeout: Number.isFinite(v) && v > 0 ? v : undefined });
                }}
              />
            </InlineField>
          </FieldSet>

          <FieldSet label="Authentication">
            <InlineField label={sel.authMethod} labelWidth={LABEL_WIDTH}>
              <RadioButtonGroup<AuthMethod>
                options={authOptions(upstream)}
                value={authMethod}
                onChange={(v) => setAuthMethod(v)}
              />
            </InlineField>
            {authMethod === 'basic' && (
              <>
                <InlineField label={sel.basicUser} labelWidth={LABEL_WIDTH} htmlFor="lens-basic-user">
                  <Input
                    id="lens-basic-user"
                    width={40}
                    value={options.basicAuthUser ?? ''}
                    onChange={(e: ChangeEvent<HTMLInputElement>) =>
                      onOptionsChange({ ...options, basicAuthUser: e.currentTarget.value })
                    }
                  />
                </InlineField>
                {secret('basicAuthPassword', sel.basicPassword, 'Password')}
              </>
            )}
            {authMethod === 'influxUser' && (
              <>
                <InlineField label={sel.basicUser} labelWidth={LABEL_WIDTH} htmlFor="lens-influx-user">
                  <Input
                    id="lens-influx-user"
                    width={40}
                    value={options.user ?? ''}
                    onChange={(e: ChangeEvent<HTMLInputElement>) =>
                      onOptionsChange({ ...options, user: e.currentTarget.value })
                    }
                  />
                </InlineField>
                {secret('password', sel.basicPassword, 'Password')}
              </>
            )}
            {authMethod === 'bearer' && secret('bearerToken', sel.bearerToken, 'Sent as Authorization: Bearer')}
            {authMethod === 'influxToken' && secret('influxToken', sel.influxToken, 'Sent as Authorization: Token')}
          </FieldSet>

          <FieldSet label="TLS">
            <InlineField
              label={sel.tlsSkipVerify}
              labelWidth={LABEL_WIDTH}
              tooltip="Do not check the upstream's certificate"
            >
              <InlineSwitch
                aria-label={sel.tlsSkipVerify}
                value={Boolean(jsonData.tlsSkipVerify)}
                onChange={(e: React.FormEvent<HTMLInputElement>) => setJson({ tlsSkipVerify: e.currentTarget.checked })}
              />
            </InlineField>
            <InlineField
              label={sel.tlsWithCA}
              labelWidth={LABEL_WIDTH}
              tooltip="Verify against your own CA certificate"
            >
              <InlineSwitch
                aria-label={sel.tlsWithCA}
                value={Boolean(jsonData.tlsAuthWithCACert)}
                onChange={(e: React.FormEvent<HTMLInputElement>) =>
                  setJson({ tlsAuthWithCACert: e.currentTarget.checked })
                }
              />
            </InlineField>
            {jsonData.tlsAuthWithCACert && (
              <InlineField label={sel.tlsCACert} labelWidth={LABEL_WIDTH}>
                <SecretTextArea
                  aria-label={sel.tlsCACert}
                  cols={45}
                  rows={6}
                  isConfigured={Boolean(secureFields.tlsCACert)}
                  value={secureData.tlsCACert ?? ''}
                  placeholder="-----BEGIN CERTIFICATE-----"
                  onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setSecret('tlsCACert', e.currentTarget.value)}
                  onReset={() => resetSecret('tlsCACert')}
                />
              </InlineField>
            )}
          </FieldSet>

          <FieldSet label="Custom headers">
            {slots.map((n) => (
              <div key={n} style={{ display: 'flex', gap: 4 }}>
                <InlineField label={`Header ${n}`} labelWidth={LABEL_WIDTH}>
                  <Input
                    aria-label={sel.headerName(n)}
                    width={24}
                    placeholder="X-Scope-OrgID"
                    value={jsonData[headerNameKey(n)] ?? ''}
                    onChange={(e: ChangeEvent<HTMLInputElement>) =>
                      setJson({ [headerNameKey(n)]: e.currentTarget.value })
                    }
                  />
                </InlineField>
                <SecretInput
                  aria-label={sel.headerValue(n)}
                  width={30}
                  placeholder="Value (stored encrypted)"
                  isConfigured={Boolean(secureFields[headerValueKey(n)])}
                  value={secureData[headerValueKey(n)] ?? ''}
                  onChange={(e: ChangeEvent<HTMLInputElement>) => setSecret(headerValueKey(n), e.currentTarget.value)}
                  onReset={() => resetSecret(headerValueKey(n))}
                />
                <Button
                  variant="secondary"
                  icon="trash-alt"
                  aria-label={sel.removeHeader(n)}
                  onClick={() => removeHeader(n)}
                />
              </div>
            ))}
            <Button variant="secondary" icon="plus" onClick={addHeader} disabled={slots.length >= MAX_CUSTOM_HEADERS}>
              {sel.addHeader}
            </Button>
          </FieldSet>
        </>
      )}
      <LimitsSection jsonData={jsonData} setJson={setJson} />
    </>
  );
}
