/**
 * How the data source authenticates to its upstream, with @grafana/plugin-ui's `Auth` (the section Grafana's own
 * HTTP data sources show): the method, TLS (own CA, client certificate, skip verify) and custom headers. Only what
 * the backend honours is offered: no OAuth forwarding or cross-site cookies (the backend makes every request
 * itself), and each upstream's own methods (a bearer token, InfluxDB's user or token) as plugin-ui custom methods.
 *
 * The method is not stored itself: it is read back from the settings the backend uses (Prometheus: `basicAuth` or a
 * `bearerToken`; InfluxDB: `user` + `password` or an `influxToken`), and choosing one clears the secrets of the
 * others. Each upstream's methods, and how they are read and chosen, are its `connection.auth`
 * (src/datasource/upstreams/).
 */
import React, { ChangeEvent, MouseEvent, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { Auth, AuthMethod as PluginAuthMethod, convertLegacyAuthProps } from '@grafana/plugin-ui';
import { Field, Input, SecretInput } from '@grafana/ui';
import type { AuthMethod, ConnectionUi } from '../upstreams/UpstreamUi';
import { ConfigEditorProps, resetSecret, SecretKey, setSecret } from './configEditorProps';
import { storedHeaders, withHeaderRows } from './pairedHeaders';
import { configSelectors as sel } from './selectors';

type PluginMethod = PluginAuthMethod | `custom-${string}`;

/** Our methods as plugin-ui names them: its own for none and basic auth, custom ones for the rest. */
function pluginMethod(m: AuthMethod): PluginMethod {
  return m === 'none' ? PluginAuthMethod.NoAuth : m === 'basic' ? PluginAuthMethod.BasicAuth : `custom-${m}`;
}

function ourMethod(m: PluginMethod, offered: AuthMethod[]): AuthMethod {
  return offered.find((o) => pluginMethod(o) === m) ?? 'none';
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

/** The fields of a method plugin-ui does not know, shown when it is chosen. */
function customMethodFields(props: ConfigEditorProps, m: AuthMethod): React.ReactElement | undefined {
  const { options, onOptionsChange } = props;
  switch (m) {
    case 'bearer':
      return (
        <SecretField
          {...props}
          secret="bearerToken"
          label={sel.bearerToken}
          description="Sent as Authorization: Bearer <token>"
        />
      );
    case 'influxToken':
      return (
        <SecretField
          {...props}
          secret="influxToken"
          label={sel.influxToken}
          description="Sent as Authorization: Token <token>"
        />
      );
    case 'influxUser':
      return (
        <>
          <Field label={sel.basicUser}>
            <Input
              id="lens-user"
              width={40}
              value={options.user ?? ''}
              onChange={(e: ChangeEvent<HTMLInputElement>) =>
                onOptionsChange({ ...options, user: e.currentTarget.value })
              }
            />
          </Field>
          <SecretField {...props} secret="password" label={sel.basicPassword} />
        </>
      );
    default:
      return undefined;
  }
}

/** plugin-ui's remove button of a header row carries this accessible name. */
const REMOVE_HEADER = 'Remove header';

/**
 * plugin-ui sizes a header row's name and value fields in percent of its 578 px section, which cuts names such as
 * CF-Access-Client-Secret and, below about 700 px, puts the value's Reset button over the remove button. The
 * fields (found by the ids plugin-ui gives their inputs) grow from a width that holds such a name, and the row
 * wraps when they do not fit side by side.
 */
const headerRows = css({
  '& div:has(> label[for$="-name-input"])': { width: 'auto', flex: '1 1 300px', minWidth: 0 },
  '& div:has(> label[for$="-value-input"])': { width: 'auto', flex: '1 1 220px', minWidth: 0 },
  // A stored value shows "configured" and a Reset button: the box gives way to the button instead of pushing it out.
  '& div:has(> div > input[id$="-value-input"])': { minWidth: 0 },
});

export function AuthSection(props: ConfigEditorProps & { auth: ConnectionUi['auth'] }) {
  const { options, onOptionsChange, auth } = props;
  const offered = auth.methods.map((o) => o.value).filter((m): m is AuthMethod => m !== undefined);
  // The user's choice wins until the settings say otherwise (e.g. "Bearer" chosen, token not typed yet).
  const [chosen, setChosen] = useState<AuthMethod | undefined>();
  const method = chosen && offered.includes(chosen) ? chosen : auth.stored(props);

  // plugin-ui's header list keeps its own rows (read once, at mount) and reports the whole list, without saying
  // which row a removal took: the header number of each row it shows, and the row whose remove button was pressed.
  const [initialHeaders] = useState(() => storedHeaders(options));
  const headerNumbers = useRef(initialHeaders.numbers);
  const removing = useRef<number | undefined>(undefined);
  const noteRemoval = (e: MouseEvent<HTMLDivElement>) => {
    const button = (e.target as HTMLElement).closest('button');
    if (button?.getAttribute('aria-label') === REMOVE_HEADER) {
      const all = Array.from(e.currentTarget.querySelectorAll(`button[aria-label="${REMOVE_HEADER}"]`));
      removing.current = all.indexOf(button);
    }
  };

  const legacy = convertLegacyAuthProps({ config: options, onChange: onOptionsChange });
  const custom = auth.methods.filter((o) => o.value && pluginMethod(o.value).startsWith('custom-'));
  return (
    <div onClickCapture={noteRemoval} className={headerRows}>
      <Auth
        selectedMethod={pluginMethod(method)}
        visibleMethods={offered.map(pluginMethod)}
        defaultOptionsOverrides={Object.fromEntries(
          auth.methods
            .filter((o) => o.value === 'none' || o.value === 'basic')
            .map((o) => [pluginMethod(o.value!), { label: o.label, description: o.description }])
        )}
        customMethods={custom.map((o) => ({
          id: pluginMethod(o.value!) as `custom-${string}`,
          label: o.label ?? String(o.value),
          description: o.description ?? '',
          component: customMethodFields(props, o.value!) ?? <></>,
        }))}
        onAuthMethodSelect={(m) => {
          const ours = ourMethod(m, offered);
          setChosen(ours);
          onOptionsChange(auth.choose(props, ours));
        }}
        basicAuth={legacy.basicAuth}
        TLS={legacy.TLS}
        customHeaders={{
          headers: initialHeaders.rows,
          onChange: (rows) => {
            const next = withHeaderRows(options, headerNumbers.current, rows, removing.current);
            removing.current = undefined;
            headerNumbers.current = next.numbers;
            onOptionsChange(next.options);
          },
        }}
        readOnly={options.readOnly}
      />
    </div>
  );
}
