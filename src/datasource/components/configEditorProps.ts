import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import type { ConnectionOptions, ConnectionSecureOptions } from '../connectionOptions';

/** What Grafana hands the config editor and each of its sections. */
export type ConfigEditorProps = DataSourcePluginOptionsEditorProps<ConnectionOptions, ConnectionSecureOptions>;
export type SecretKey = keyof ConnectionSecureOptions & string;

/** Writes a secret: only to secureJsonData, which Grafana encrypts and never sends back. */
export function setSecret(props: ConfigEditorProps, key: SecretKey, value: string) {
  const { options, onOptionsChange } = props;
  onOptionsChange({ ...options, secureJsonData: { ...(options.secureJsonData ?? {}), [key]: value } });
}

/** Forgets a stored secret (the "Reset" button): Grafana deletes it on save. */
export function resetSecret(props: ConfigEditorProps, key: SecretKey) {
  const { options, onOptionsChange } = props;
  onOptionsChange({
    ...options,
    secureJsonFields: { ...(options.secureJsonFields ?? {}), [key]: false },
    secureJsonData: { ...(options.secureJsonData ?? {}), [key]: '' },
  });
}

/** Settings patch that clears secrets a chosen method does not use, since the backend sends any token that is set. */
export function withoutSecrets(props: ConfigEditorProps, keys: SecretKey[]) {
  const { secureJsonFields = {}, secureJsonData = {} } = props.options;
  return {
    secureJsonFields: { ...secureJsonFields, ...Object.fromEntries(keys.map((k) => [k, false])) },
    secureJsonData: { ...secureJsonData, ...Object.fromEntries(keys.map((k) => [k, ''])) },
  };
}
