import React, { ChangeEvent } from 'react';
import { SelectableValue } from '@grafana/data';
import { Field, FieldSet, Input, RadioButtonGroup, SecretTextArea, Switch } from '@grafana/ui';
import { DEFAULT_UPSTREAM, UpstreamKind } from '../../shared/queryModel';
import { ConnectionOptions } from '../connectionOptions';
import { AuthSection } from './AuthSection';
import { ConfigEditorProps, resetSecret, setSecret } from './configEditorProps';
import { CustomHeadersSection } from './CustomHeadersSection';
import { LimitsSection } from './LimitsSection';
import { NumberField } from './NumberField';
import { PrometheusSection } from './PrometheusSection';
import { configSelectors as sel } from './selectors';

const upstreamOptions: Array<SelectableValue<UpstreamKind>> = [
  { value: 'demo', label: 'Demo', description: 'Built-in synthetic series; no connection needed' },
  { value: 'prometheus', label: 'Prometheus', description: 'Prometheus-compatible HTTP API' },
  { value: 'influxdb', label: 'InfluxDB', description: 'InfluxQL over the v1 /query API' },
];

const methodOptions: Array<SelectableValue<string>> = [
  { value: 'POST', label: 'POST' },
  { value: 'GET', label: 'GET' },
];

/**
 * Settings of one Anomaly Lens data source: which upstream it wraps and how to reach it, in the sections and
 * order of Grafana's own HTTP data sources (connection, authentication, TLS, custom headers, advanced HTTP
 * settings), then the upstream's own settings and the limits. Fields are stacked with their label above and a
 * description below that states the default, so nothing is cut at narrow widths and no placeholder poses as a
 * value. Secrets (passwords, tokens, header values, CA certificate) go only to `secureJsonData`; once saved the
 * editor shows them as "configured" and can only reset them, never read them back.
 */
export function ConfigEditor(props: ConfigEditorProps) {
  const { options, onOptionsChange } = props;
  const jsonData = options.jsonData;
  const upstream = jsonData.upstream ?? DEFAULT_UPSTREAM;
  const setJson = (patch: Partial<ConnectionOptions>) =>
    onOptionsChange({ ...options, jsonData: { ...jsonData, ...patch } });
  // Prometheus reads `httpMethod` (default POST), InfluxDB `httpMode` (default GET): Grafana's keys for each.
  const methodKey = upstream === 'influxdb' ? 'httpMode' : 'httpMethod';
  const defaultMethod = upstream === 'influxdb' ? 'GET' : 'POST';

  return (
    <>
      <FieldSet label="Upstream">
        <Field label={sel.upstream}>
          <RadioButtonGroup<UpstreamKind>
            options={upstreamOptions}
            value={upstream}
            onChange={(v) => setJson({ upstream: v })}
          />
        </Field>
        {upstream === 'demo' ? (
          <p data-testid={sel.demoNote}>
            The demo upstream generates deterministic synthetic series inside the plugin (HTTP and database latency,
            Kafka bytes-in, consumer lag, CPU) with incidents and their causes. It needs no connection settings.
          </p>
        ) : (
          <p data-testid={sel.upstreamNote}>
            Queries go to this{' '}
            {upstream === 'prometheus'
              ? 'Prometheus-compatible server (Prometheus, Mimir, Thanos, Cortex, VictoriaMetrics)'
              : 'InfluxDB server (InfluxQL over the v1 /query API)'}
            ; the analysis runs in the plugin. Save &amp; test checks that the server answers with these settings.
          </p>
        )}
      </FieldSet>

      {upstream !== 'demo' && (
        <>
          <FieldSet label="Connection">
            <Field
              label={sel.url}
              required
              description={
                upstream === 'prometheus'
                  ? 'The server’s address, e.g. http://prometheus:9090 (no query string: use custom query parameters)'
                  : 'The server’s address, e.g. http://influxdb:8086'
              }
            >
              <Input
                id="lens-url"
                width={40}
                value={options.url ?? ''}
                onChange={(e: ChangeEvent<HTMLInputElement>) =>
                  onOptionsChange({ ...options, url: e.currentTarget.value })
                }
              />
            </Field>
            {upstream === 'influxdb' && (
              <Field label={sel.database} required description="The InfluxDB database (1.x) or mapped bucket (2.x/3.x)">
                <Input
                  id="lens-database"
                  width={40}
                  value={options.database ?? ''}
                  onChange={(e: ChangeEvent<HTMLInputElement>) =>
                    onOptionsChange({ ...options, database: e.currentTarget.value })
                  }
                />
              </Field>
            )}
          </FieldSet>

          <AuthSection {...props} upstream={upstream} />

          <FieldSet label="TLS">
            <Field
              label={sel.tlsSkipVerify}
              description="Do not check the upstream’s certificate (testing only). Default: off."
            >
              <Switch
                id="lens-tlsSkipVerify"
                value={Boolean(jsonData.tlsSkipVerify)}
                onChange={(e) => setJson({ tlsSkipVerify: e.currentTarget.checked })}
              />
            </Field>
            <Field
              label={sel.tlsWithCA}
              description="Verify the upstream against your own CA certificate instead of the system’s. Default: off."
            >
              <Switch
                id="lens-tlsAuthWithCACert"
                value={Boolean(jsonData.tlsAuthWithCACert)}
                onChange={(e) => setJson({ tlsAuthWithCACert: e.currentTarget.checked })}
              />
            </Field>
            {jsonData.tlsAuthWithCACert && (
              <Field
                label={sel.tlsCACert}
                description="PEM, beginning with -----BEGIN CERTIFICATE-----; stored encrypted"
              >
                <SecretTextArea
                  id="lens-tlsCACert"
                  cols={45}
                  rows={6}
                  isConfigured={Boolean(options.secureJsonFields?.tlsCACert)}
                  value={options.secureJsonData?.tlsCACert ?? ''}
                  onChange={(e: ChangeEvent<HTMLTextAreaElement>) =>
                    setSecret(props, 'tlsCACert', e.currentTarget.value)
                  }
                  onReset={() => resetSecret(props, 'tlsCACert')}
                />
              </Field>
            )}
            <Field
              label={sel.tlsServerName}
              description="The name the certificate must carry, when it differs from the URL’s host. Optional."
            >
              <Input
                id="lens-serverName"
                width={40}
                value={jsonData.serverName ?? ''}
                onChange={(e: ChangeEvent<HTMLInputElement>) =>
                  setJson({ serverName: e.currentTarget.value || undefined })
                }
              />
            </Field>
          </FieldSet>

          <CustomHeadersSection {...props} />

          <FieldSet label="Advanced HTTP settings">
            <NumberField
              id="lens-timeout"
              label={sel.timeout}
              description="How long one upstream request may take, connecting and reading the answer included (0.1 to 3600 s)"
              defaultText="30 s"
              unit="s"
              value={jsonData.timeout}
              onChange={(timeout) => setJson({ timeout })}
            />
            <Field
              label={sel.httpMethod}
              description={
                upstream === 'influxdb'
                  ? 'POST fits long queries; only read statements are sent either way. Default: GET.'
                  : 'GET for read-only proxies that refuse POST. Default: POST.'
              }
            >
              <RadioButtonGroup<string>
                options={methodOptions}
                value={(jsonData[methodKey] ?? defaultMethod).toUpperCase()}
                onChange={(v) => setJson({ [methodKey]: v })}
              />
            </Field>
          </FieldSet>

          {upstream === 'prometheus' && <PrometheusSection jsonData={jsonData} setJson={setJson} />}
        </>
      )}
      <LimitsSection jsonData={jsonData} setJson={setJson} />
    </>
  );
}
