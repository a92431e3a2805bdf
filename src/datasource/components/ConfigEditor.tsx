import React, { ChangeEvent } from 'react';
import { SelectableValue } from '@grafana/data';
import { Field, FieldSet, Input, RadioButtonGroup, SecretTextArea, Switch } from '@grafana/ui';
import type { UpstreamKind } from '../../shared/queryModel';
import { ConnectionOptions } from '../connectionOptions';
import { AuthSection } from './AuthSection';
import { ConfigEditorProps, resetSecret, setSecret } from './configEditorProps';
import { CustomHeadersSection } from './CustomHeadersSection';
import { LimitsSection } from './LimitsSection';
import { NumberField } from './NumberField';
import { configSelectors as sel } from './selectors';
import { UPSTREAM_UIS, upstreamUi } from '../upstreams/upstreamUis';

const upstreamOptions: Array<SelectableValue<UpstreamKind>> = UPSTREAM_UIS.map((u) => ({ value: u.kind, ...u.option }));

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
  const ui = upstreamUi(jsonData.upstream);
  const connection = ui.connection;
  const setJson = (patch: Partial<ConnectionOptions>) =>
    onOptionsChange({ ...options, jsonData: { ...jsonData, ...patch } });

  return (
    <>
      <FieldSet label="Upstream">
        <Field label={sel.upstream}>
          <RadioButtonGroup<UpstreamKind>
            options={upstreamOptions}
            value={ui.kind}
            onChange={(v) => setJson({ upstream: v })}
          />
        </Field>
        {connection ? (
          <p data-testid={sel.upstreamNote}>
            Queries go to this {connection.server}; the analysis runs in the plugin. Save &amp; test checks that the
            server answers with these settings.
          </p>
        ) : (
          <p data-testid={sel.demoNote}>{ui.note}</p>
        )}
      </FieldSet>

      {connection && (
        <>
          <FieldSet label="Connection">
            <Field label={sel.url} required description={connection.urlHelp}>
              <Input
                id="lens-url"
                width={40}
                value={options.url ?? ''}
                onChange={(e: ChangeEvent<HTMLInputElement>) =>
                  onOptionsChange({ ...options, url: e.currentTarget.value })
                }
              />
            </Field>
            {connection.database && (
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

          <AuthSection {...props} auth={connection.auth} />

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
            <Field label={sel.httpMethod} description={connection.httpMethod.help}>
              <RadioButtonGroup<string>
                options={methodOptions}
                value={(jsonData[connection.httpMethod.key] ?? connection.httpMethod.default).toUpperCase()}
                onChange={(v) => setJson({ [connection.httpMethod.key]: v })}
              />
            </Field>
          </FieldSet>

          {connection.section && <connection.section jsonData={jsonData} setJson={setJson} />}
        </>
      )}
      <LimitsSection jsonData={jsonData} setJson={setJson} maxPointsPerSeriesDefault={ui.maxPointsPerSeriesDefault} />
    </>
  );
}
