/**
 * How the data source authenticates to its upstream. The method is not stored itself: it is read back from the
 * settings the backend uses (Prometheus: `basicAuth` or a `bearerToken`; InfluxDB: `user` + `password` or an
 * `influxToken`), and choosing one clears the secrets of the others. Each upstream's methods, and how they are read
 and chosen, are its `connection.auth` (src/datasource/upstreams/).
 */
import React, { ChangeEvent, useState } from 'react';
import { Field, FieldSet, Input, RadioButtonGroup, SecretInput } from '@grafana/ui';
import type { AuthMethod, ConnectionUi } from '../upstreams/UpstreamUi';
import { ConfigEditorProps, resetSecret, SecretKey, setSecret } from './configEditorProps';
import { configSelectors as sel } from './selectors';

function SecretField(props: ConfigEditorProps & { secret: SecretKey; label: string; description?: string }) {
  const { options, secret, label, description } = props;
  return (
    <Field label={label} description={description}>
      <SecretInput
        id={`lens-${secret}`}
        width={40}
        isConfigured={Boolean(options.secureJsonFields?.[secret])}
        value={options.secureJsonData?.[secret] ?? ''}
        onChange={(e: ChangeEvent<HTMLInputElement>) => setSecret(props, secret, e.currentTarget.value)}
        onReset={() => resetSecret(props, secret)}
      />
    </Field>
  );
}

export function AuthSection(props: ConfigEditorProps & { auth: ConnectionUi['auth'] }) {
  const { options, onOptionsChange, auth } = props;
  // The user's choice wins until the settings say otherwise (e.g. "Bearer" chosen, token not typed yet).
  const [chosen, setChosen] = useState<AuthMethod | undefined>();
  const method = chosen && auth.methods.some((o) => o.value === chosen) ? chosen : auth.stored(props);
  const choose = (m: AuthMethod) => {
    setChosen(m);
    onOptionsChange(auth.choose(props, m));
  };
  const userField = (key: 'basicAuthUser' | 'user') => (
    <Field label={sel.basicUser}>
      <Input
        id={`lens-${key}`}
        width={40}
        value={options[key] ?? ''}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onOptionsChange({ ...options, [key]: e.currentTarget.value })}
      />
    </Field>
  );

  return (
    <FieldSet label="Authentication">
      <Field label={sel.authMethod} description="How the plugin's backend signs in to the upstream">
        <RadioButtonGroup<AuthMethod> options={auth.methods} value={method} onChange={choose} />
      </Field>
      {method === 'basic' && (
        <>
          {userField('basicAuthUser')}
          <SecretField {...props} secret="basicAuthPassword" label={sel.basicPassword} />
        </>
      )}
      {method === 'influxUser' && (
        <>
          {userField('user')}
          <SecretField {...props} secret="password" label={sel.basicPassword} />
        </>
      )}
      {method === 'bearer' && (
        <SecretField
          {...props}
          secret="bearerToken"
          label={sel.bearerToken}
          description="Sent as Authorization: Bearer <token>"
        />
      )}
      {method === 'influxToken' && (
        <SecretField
          {...props}
          secret="influxToken"
          label={sel.influxToken}
          description="Sent as Authorization: Token <token>"
        />
      )}
    </FieldSet>
  );
}
