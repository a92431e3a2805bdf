/**
 * How the data source authenticates to its upstream. The method is not stored itself: it is read back from the
 * settings the backend uses (Prometheus: `basicAuth` or a `bearerToken`; InfluxDB: `user` + `password` or an
 * `influxToken`), and choosing one clears the secrets of the others.
 */
import React, { ChangeEvent, useState } from 'react';
import { SelectableValue } from '@grafana/data';
import { Field, FieldSet, Input, RadioButtonGroup, SecretInput } from '@grafana/ui';
import type { UpstreamKind } from '../../shared/queryModel';
import { ConfigEditorProps, resetSecret, SecretKey, setSecret, withoutSecrets } from './configEditorProps';
import { configSelectors as sel } from './selectors';

export type AuthMethod = 'none' | 'basic' | 'bearer' | 'influxUser' | 'influxToken';

const authOptions = (upstream: UpstreamKind): Array<SelectableValue<AuthMethod>> =>
  upstream === 'influxdb'
    ? [
        { value: 'none', label: 'No authentication' },
        { value: 'influxUser', label: 'User and password', description: 'InfluxDB 1.x' },
        { value: 'influxToken', label: 'Token', description: 'InfluxDB 2.x/3.x v1-compatibility API' },
      ]
    : [
        { value: 'none', label: 'No authentication' },
        { value: 'basic', label: 'Basic authentication' },
        { value: 'bearer', label: 'Bearer token' },
      ];

function storedAuthMethod(props: ConfigEditorProps, upstream: UpstreamKind): AuthMethod {
  const { options } = props;
  const has = (key: SecretKey) => Boolean(options.secureJsonFields?.[key] || options.secureJsonData?.[key]);
  if (upstream === 'influxdb') {
    return has('influxToken') ? 'influxToken' : options.user ? 'influxUser' : 'none';
  }
  return options.basicAuth ? 'basic' : has('bearerToken') ? 'bearer' : 'none';
}

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

export function AuthSection(props: ConfigEditorProps & { upstream: UpstreamKind }) {
  const { options, onOptionsChange, upstream } = props;
  // The user's choice wins until the settings say otherwise (e.g. "Bearer" chosen, token not typed yet).
  const [chosen, setChosen] = useState<AuthMethod | undefined>();
  const method =
    chosen && authOptions(upstream).some((o) => o.value === chosen) ? chosen : storedAuthMethod(props, upstream);
  const choose = (m: AuthMethod) => {
    setChosen(m);
    if (upstream === 'influxdb') {
      const unused: SecretKey[] =
        m === 'influxToken' ? ['password'] : m === 'influxUser' ? ['influxToken'] : ['password', 'influxToken'];
      onOptionsChange({ ...options, user: m === 'influxUser' ? options.user : '', ...withoutSecrets(props, unused) });
    } else {
      onOptionsChange({
        ...options,
        basicAuth: m === 'basic',
        ...(m === 'bearer' ? {} : withoutSecrets(props, ['bearerToken'])),
      });
    }
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
        <RadioButtonGroup<AuthMethod> options={authOptions(upstream)} value={method} onChange={choose} />
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
