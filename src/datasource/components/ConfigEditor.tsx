import React, { ChangeEvent } from 'react';
import { SelectableValue } from '@grafana/data';
import { ConfigSection, ConfigSubSection, ConnectionSettings } from '@grafana/plugin-ui';
import { Divider, Field, Input, RadioButtonGroup } from '@grafana/ui';
import type { UpstreamKind } from '../../shared/queryModel';
import { ConnectionOptions } from '../connectionOptions';
import { AuthSection } from './AuthSection';
import { ConfigEditorProps } from './configEditorProps';
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
 * Settings of one Anomaly Lens data source: which upstream it wraps and how to reach it, with the sections Grafana's
 * own HTTP data sources show (@grafana/plugin-ui's ConnectionSettings and Auth: authentication, TLS, custom
 * headers), then the advanced HTTP settings, the upstream's own settings and the limits. plugin-ui's
 * AdvancedHttpSettings is not used: it offers forwarding cookies, which the backend does not do, and its timeout
 * box keeps whole seconds only and shows no default. Fields state their default in their description, so no
 * placeholder poses as a value. Secrets (passwords, tokens, header values, certificates and keys) go only to
 * `secureJsonData`; once saved the editor shows them as "configured" and can only reset them, never read them back.
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
      <ConfigSection title="Upstream">
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
      </ConfigSection>

      {connection && (
        <>
          <Divider />
          <ConnectionSettings
            config={options}
            onChange={onOptionsChange}
            description={connection.urlHelp}
            urlTooltip={connection.urlHelp}
          />
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

          <Divider />
          <AuthSection key={ui.kind} {...props} auth={connection.auth} />
          <Divider />
          <ConfigSection title="Additional settings">
            <ConfigSubSection title="Advanced HTTP settings">
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
            </ConfigSubSection>
            {connection.section && <connection.section jsonData={jsonData} setJson={setJson} />}
          </ConfigSection>
        </>
      )}
      <Divider />
      <LimitsSection jsonData={jsonData} setJson={setJson} maxPointsPerSeriesDefault={ui.maxPointsPerSeriesDefault} />
    </>
  );
}
