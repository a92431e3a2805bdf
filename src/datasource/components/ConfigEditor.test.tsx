import React, { useState } from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { DataSourceSettings } from '@grafana/data';
import { convertLegacyAuthProps } from '@grafana/plugin-ui';
import { ConfigEditor } from './ConfigEditor';
import { ConnectionOptions, ConnectionSecureOptions } from '../connectionOptions';
import { configSelectors as sel } from './selectors';

type Settings = DataSourceSettings<ConnectionOptions, ConnectionSecureOptions>;

function settings(overrides: Partial<Settings> = {}): Settings {
  return {
    id: 1,
    uid: 'lens',
    orgId: 1,
    name: 'Anomaly Lens',
    type: 'seedlabs-anomalylens-datasource',
    typeName: 'Anomaly Lens',
    typeLogoUrl: '',
    access: 'proxy',
    url: '',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    jsonData: {},
    secureJsonFields: {},
    readOnly: false,
    withCredentials: false,
    ...overrides,
  } as Settings;
}

/** A field by its label: Grafana's Field puts the description inside the label, after the label text. */
const label = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** Chooses an authentication method in plugin-ui's method select. */
function chooseAuth(option: string) {
  const select = document.getElementById('auth-method-select')!;
  fireEvent.keyDown(select, { key: 'ArrowDown' });
  fireEvent.click(screen.getByText(option, { selector: '[role="option"] *, [role="option"]' }));
}

/** plugin-ui's header rows: name and value inputs in row order. */
const headerNames = () => Array.from(document.querySelectorAll<HTMLInputElement>('input[id$="-name-input"]'));
const headerValues = () => Array.from(document.querySelectorAll<HTMLInputElement>('input[id$="-value-input"]'));

/** Types into a field and leaves it, as plugin-ui's header list reports its rows on blur. */
function typeAndLeave(input: HTMLElement, value: string) {
  fireEvent.change(input, { target: { value } });
  fireEvent.blur(input);
}

/** Renders the editor with state, like Grafana's settings page, and exposes the latest options. */
function renderEditor(initial: Settings) {
  const latest: { current: Settings } = { current: initial };
  function Host() {
    const [options, setOptions] = useState(initial);
    return (
      <ConfigEditor
        options={options}
        onOptionsChange={(o) => {
          latest.current = o as Settings;
          setOptions(o as Settings);
        }}
      />
    );
  }
  render(<Host />);
  return latest;
}

describe('ConfigEditor', () => {
  it('shows only the upstream choice and a note for the demo upstream', () => {
    renderEditor(settings());
    expect(screen.getByTestId(sel.demoNote)).toBeInTheDocument();
    expect(screen.queryByLabelText(new RegExp(`^${sel.url}`))).not.toBeInTheDocument();
  });

  it('stores the chosen upstream in jsonData and says where its queries go', () => {
    const latest = renderEditor(settings());
    fireEvent.click(screen.getByLabelText('Prometheus'));
    expect(latest.current.jsonData.upstream).toBe('prometheus');
    expect(screen.getByTestId(sel.upstreamNote)).toHaveTextContent('Save & test checks that the server answers');
  });

  it('writes the URL to the top-level url setting and the timeout in seconds to jsonData', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    fireEvent.change(screen.getByLabelText(new RegExp(`^${sel.url}`)), { target: { value: 'http://prom:9090' } });
    fireEvent.change(screen.getByLabelText(label(sel.timeout)), { target: { value: '45' } });
    expect(latest.current.url).toBe('http://prom:9090');
    expect(latest.current.jsonData.timeout).toBe(45);
    // The backend accepts fractions of a second (0.1 to 3600).
    fireEvent.change(screen.getByLabelText(label(sel.timeout)), { target: { value: '2.5' } });
    expect(latest.current.jsonData.timeout).toBe(2.5);
    fireEvent.change(screen.getByLabelText(label(sel.timeout)), { target: { value: '' } });
    expect(latest.current.jsonData.timeout).toBeUndefined();
  });

  it('shows the timeout default in words, not as a placeholder that looks like a value', () => {
    renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    const timeout = screen.getByLabelText(label(sel.timeout));
    expect(timeout).toHaveValue('');
    expect(timeout).not.toHaveAttribute('placeholder');
    expect(screen.getByText(/Default: 30 s\./)).toBeInTheDocument();
  });

  it('marks a timeout that is not a number above 0 and keeps the stored one', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus', timeout: 10 } }));
    expect(screen.getByLabelText(label(sel.timeout))).toHaveValue('10');
    fireEvent.change(screen.getByLabelText(label(sel.timeout)), { target: { value: '-1' } });
    expect(screen.getByText(/Enter a number above 0/)).toBeInTheDocument();
    expect(latest.current.jsonData.timeout).toBe(10);
  });

  it('stores the Prometheus type, version and custom query parameters under Grafana’s keys', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    const typeGroup = within(screen.getByRole('group', { name: label(sel.prometheusType) }));
    expect(typeGroup.getByLabelText('Prometheus')).toBeChecked();
    fireEvent.click(typeGroup.getByLabelText('Mimir'));
    fireEvent.change(screen.getByLabelText(label(sel.prometheusVersion)), { target: { value: '2.9.1' } });
    fireEvent.change(screen.getByLabelText(label(sel.customQueryParameters)), {
      target: { value: 'max_source_resolution=5m&dedup=true' },
    });
    expect(latest.current.jsonData).toMatchObject({
      prometheusType: 'Mimir',
      prometheusVersion: '2.9.1',
      customQueryParameters: 'max_source_resolution=5m&dedup=true',
    });
    fireEvent.change(screen.getByLabelText(label(sel.customQueryParameters)), { target: { value: '' } });
    expect(latest.current.jsonData.customQueryParameters).toBeUndefined();
  });

  it('shows POST as the Prometheus HTTP method until GET is chosen, stored as httpMethod', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    expect(screen.getByLabelText('POST')).toBeChecked();
    fireEvent.click(screen.getByLabelText('GET'));
    expect(latest.current.jsonData.httpMethod).toBe('GET');
    expect(latest.current.jsonData.httpMode).toBeUndefined();
  });

  it('shows GET as the InfluxDB HTTP method until POST is chosen, stored as httpMode', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'influxdb' } }));
    expect(screen.getByLabelText('GET')).toBeChecked();
    fireEvent.click(screen.getByLabelText('POST'));
    expect(latest.current.jsonData.httpMode).toBe('POST');
    expect(latest.current.jsonData.httpMethod).toBeUndefined();
    expect(screen.queryByLabelText(label(sel.prometheusType))).not.toBeInTheDocument();
  });

  it('offers incremental querying for Prometheus, on by default, with its overlap window', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    const toggle = screen.getByLabelText(label(sel.incrementalQuerying));
    expect(toggle).toBeChecked();
    fireEvent.change(screen.getByLabelText(label(sel.incrementalOverlap)), { target: { value: '30m' } });
    expect(latest.current.jsonData.incrementalQueryOverlapWindow).toBe('30m');
    fireEvent.click(toggle);
    expect(latest.current.jsonData.incrementalQuerying).toBe(false);
    expect(screen.queryByLabelText(label(sel.incrementalOverlap))).not.toBeInTheDocument();
    fireEvent.click(screen.getByLabelText(label(sel.incrementalQuerying)));
    expect(latest.current.jsonData.incrementalQuerying).toBeUndefined();
  });

  it('offers no incremental querying for InfluxDB', () => {
    renderEditor(settings({ jsonData: { upstream: 'influxdb' } }));
    expect(screen.queryByLabelText(label(sel.incrementalQuerying))).not.toBeInTheDocument();
  });

  it('keeps the basic-auth password in secureJsonData only', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    chooseAuth('Basic authentication');
    fireEvent.change(document.getElementById('basic-auth-user-input')!, { target: { value: 'grafana' } });
    fireEvent.change(document.getElementById('basic-auth-password-input')!, { target: { value: 's3cret' } });
    expect(latest.current.basicAuth).toBe(true);
    expect(latest.current.basicAuthUser).toBe('grafana');
    expect(latest.current.secureJsonData?.basicAuthPassword).toBe('s3cret');
    expect(JSON.stringify(latest.current.jsonData)).not.toContain('s3cret');
  });

  it('offers only the methods the backend honours: no OAuth forwarding, no cross-site cookies', () => {
    renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    fireEvent.keyDown(document.getElementById('auth-method-select')!, { key: 'ArrowDown' });
    const offered = screen.getAllByRole('option').map((o) => o.textContent);
    expect(offered).toEqual([
      expect.stringMatching(/^No authentication/),
      expect.stringMatching(/^Basic authentication/),
      expect.stringMatching(/^Bearer token/),
    ]);
  });

  it('stores a bearer token chosen as the method in secureJsonData', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    chooseAuth('Bearer token');
    fireEvent.change(screen.getByLabelText(label(sel.bearerToken)), { target: { value: 'tok-123' } });
    expect(latest.current.secureJsonData?.bearerToken).toBe('tok-123');
    expect(latest.current.basicAuth).toBe(false);
  });

  it('shows a stored bearer token as configured and resets it to empty', () => {
    const latest = renderEditor(
      settings({ jsonData: { upstream: 'prometheus' }, secureJsonFields: { bearerToken: true } })
    );
    expect(screen.getByLabelText(label(sel.bearerToken))).toHaveValue('configured');
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(latest.current.secureJsonFields.bearerToken).toBe(false);
    expect(latest.current.secureJsonData?.bearerToken).toBe('');
  });

  it('clears a stored bearer token when basic auth is chosen instead', () => {
    const latest = renderEditor(
      settings({ jsonData: { upstream: 'prometheus' }, secureJsonFields: { bearerToken: true } })
    );
    chooseAuth('Basic authentication');
    expect(latest.current.basicAuth).toBe(true);
    expect(latest.current.secureJsonFields.bearerToken).toBe(false);
    expect(latest.current.secureJsonData?.bearerToken).toBe('');
  });

  it('offers user/password and token for InfluxDB and writes the database at the top level', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'influxdb' } }));
    fireEvent.change(screen.getByLabelText(new RegExp(`^${sel.database}`)), { target: { value: 'telegraf' } });
    chooseAuth('User and password');
    fireEvent.change(screen.getByLabelText(label(sel.basicUser)), { target: { value: 'reader' } });
    fireEvent.change(screen.getByLabelText(label(sel.basicPassword)), { target: { value: 'pw-1' } });
    expect(latest.current).toMatchObject({ database: 'telegraf', user: 'reader' });
    expect(latest.current.secureJsonData?.password).toBe('pw-1');
    chooseAuth('Token');
    fireEvent.change(screen.getByLabelText(label(sel.influxToken)), { target: { value: 'tok' } });
    expect(latest.current.secureJsonData?.influxToken).toBe('tok');
    // Choosing the token clears the 1.x user and password, which the backend would otherwise not send.
    expect(latest.current.user).toBe('');
    expect(latest.current.secureJsonData?.password).toBe('');
    expect(screen.queryByLabelText(label(sel.bearerToken))).not.toBeInTheDocument();
  });

  it('stores custom header names in jsonData and values in secureJsonData', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    fireEvent.click(screen.getByLabelText('Expand section HTTP headers'));
    fireEvent.click(screen.getByText('Add header'));
    typeAndLeave(headerNames()[0], 'X-Scope-OrgID');
    typeAndLeave(headerValues()[0], 'tenant-a');
    expect(latest.current.jsonData.httpHeaderName1).toBe('X-Scope-OrgID');
    expect(latest.current.secureJsonData?.httpHeaderValue1).toBe('tenant-a');
    expect(JSON.stringify(latest.current.jsonData)).not.toContain('tenant-a');
  });

  const threeHeaders = () =>
    settings({
      jsonData: { upstream: 'prometheus', httpHeaderName1: 'A', httpHeaderName2: 'B', httpHeaderName3: 'C' },
      secureJsonFields: { httpHeaderValue1: true, httpHeaderValue2: true, httpHeaderValue3: true },
    });

  it('keeps each header name paired with its stored value when a header before it is removed', () => {
    const latest = renderEditor(threeHeaders());
    expect(headerNames().map((i) => i.value)).toEqual(['A', 'B', 'C']);
    fireEvent.click(screen.getAllByRole('button', { name: 'Remove header' })[1]);
    const { jsonData, secureJsonFields, secureJsonData } = latest.current;
    // C keeps number 3, whose stored value is C's; number 2 loses its name and its value.
    expect(jsonData).toMatchObject({ httpHeaderName1: 'A', httpHeaderName3: 'C' });
    expect(jsonData).not.toHaveProperty('httpHeaderName2');
    expect(secureJsonFields).toMatchObject({ httpHeaderValue1: true, httpHeaderValue2: false, httpHeaderValue3: true });
    expect(secureJsonData?.httpHeaderValue2).toBe('');
    expect(headerNames().map((i) => i.value)).toEqual(['A', 'C']);
    // A header added next takes the free number 2, with its own value.
    fireEvent.click(screen.getByRole('button', { name: 'Add another header' }));
    typeAndLeave(headerNames()[2], 'D');
    typeAndLeave(headerValues()[2], 'd-value');
    expect(latest.current.jsonData).toMatchObject({ httpHeaderName1: 'A', httpHeaderName2: 'D', httpHeaderName3: 'C' });
    expect(latest.current.secureJsonData?.httpHeaderValue2).toBe('d-value');
    expect(latest.current.secureJsonFields).toMatchObject({ httpHeaderValue1: true, httpHeaderValue3: true });
  });

  it('needs the pairing: plugin-ui’s own conversion would give header C the stored value of removed header B', () => {
    const config = threeHeaders();
    let result: Settings | undefined;
    const converted = convertLegacyAuthProps({ config, onChange: (c) => (result = c as Settings) });
    act(() =>
      converted.customHeaders!.onChange([
        { name: 'A', value: '', configured: true },
        { name: 'C', value: '', configured: true },
      ])
    );
    // Name C now sits at number 2, marked configured: the stored value there is B's.
    expect(result!.jsonData.httpHeaderName2).toBe('C');
    expect(result!.secureJsonFields.httpHeaderValue2).toBe(true);
    expect(result!.secureJsonData?.httpHeaderValue2).toBeUndefined();
  });

  it('loads headers saved by the earlier editor, where a removed header left an empty name, and reuses that number', () => {
    const latest = renderEditor(
      settings({
        jsonData: { upstream: 'prometheus', httpHeaderName1: '', httpHeaderName2: 'B' },
        secureJsonFields: { httpHeaderValue1: false, httpHeaderValue2: true },
      })
    );
    expect(headerNames().map((i) => i.value)).toEqual(['B']);
    fireEvent.click(screen.getByText('Add another header'));
    typeAndLeave(headerNames()[1], 'X-New');
    typeAndLeave(headerValues()[1], 'new-value');
    expect(latest.current.jsonData).toMatchObject({ httpHeaderName1: 'X-New', httpHeaderName2: 'B' });
    expect(latest.current.secureJsonData?.httpHeaderValue1).toBe('new-value');
    expect(latest.current.secureJsonFields.httpHeaderValue2).toBe(true);
  });

  it('resets a stored header value and stores the new one under the same number', () => {
    const latest = renderEditor(threeHeaders());
    fireEvent.click(screen.getAllByRole('button', { name: 'Reset' })[2]);
    typeAndLeave(headerValues()[2], 'c-new');
    expect(latest.current.jsonData.httpHeaderName3).toBe('C');
    expect(latest.current.secureJsonFields.httpHeaderValue3).toBe(false);
    expect(latest.current.secureJsonData?.httpHeaderValue3).toBe('c-new');
    expect(latest.current.secureJsonFields).toMatchObject({ httpHeaderValue1: true, httpHeaderValue2: true });
  });

  it('stores TLS skip-verify, the CA certificate and the client certificate, key and server name', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    fireEvent.click(screen.getByLabelText('Skip TLS certificate validation'));
    fireEvent.click(screen.getByLabelText('Add self-signed certificate'));
    fireEvent.change(document.getElementById('self-signed-certificate-input')!, {
      target: { value: '-----BEGIN CERTIFICATE-----CA' },
    });
    fireEvent.click(screen.getByLabelText('TLS Client Authentication'));
    fireEvent.change(document.getElementById('client-auth-servername-input')!, { target: { value: 'prom.internal' } });
    fireEvent.change(document.getElementById('client-auth-client-certificate-input')!, {
      target: { value: '-----BEGIN CERTIFICATE-----CLIENT' },
    });
    fireEvent.change(document.getElementById('client-auth-client-key-input')!, {
      target: { value: '-----BEGIN PRIVATE KEY-----KEY' },
    });
    expect(latest.current.jsonData).toMatchObject({
      tlsSkipVerify: true,
      tlsAuthWithCACert: true,
      tlsAuth: true,
      serverName: 'prom.internal',
    });
    expect(latest.current.secureJsonData).toMatchObject({
      tlsCACert: '-----BEGIN CERTIFICATE-----CA',
      tlsClientCert: '-----BEGIN CERTIFICATE-----CLIENT',
      tlsClientKey: '-----BEGIN PRIVATE KEY-----KEY',
    });
    expect(JSON.stringify(latest.current.jsonData)).not.toContain('BEGIN');
  });

  it('loads every saved setting back into its field', () => {
    renderEditor(
      settings({
        url: 'https://mimir:9009/prometheus',
        basicAuth: true,
        basicAuthUser: 'grafana',
        jsonData: {
          upstream: 'prometheus',
          timeout: 12.5,
          httpMethod: 'GET',
          tlsSkipVerify: true,
          tlsAuthWithCACert: true,
          tlsAuth: true,
          serverName: 'mimir.internal',
          httpHeaderName1: 'X-Scope-OrgID',
          httpHeaderName4: 'X-Extra',
          prometheusType: 'Mimir',
          prometheusVersion: '2.9.1',
          timeInterval: '30s',
          customQueryParameters: 'dedup=false',
          incrementalQuerying: false,
          maxResponseBytes: 16 * 1048576,
          maxHistory: '2w',
        },
        secureJsonFields: {
          basicAuthPassword: true,
          tlsCACert: true,
          tlsClientCert: true,
          tlsClientKey: true,
          httpHeaderValue1: true,
          httpHeaderValue4: true,
        },
      })
    );
    expect(screen.getByLabelText('Data source connection URL')).toHaveValue('https://mimir:9009/prometheus');
    expect(document.getElementById('basic-auth-user-input')).toHaveValue('grafana');
    expect(document.getElementById('basic-auth-password-input')).toHaveValue('configured');
    expect(screen.getByLabelText('Skip TLS certificate validation')).toBeChecked();
    expect(screen.getByLabelText('Add self-signed certificate')).toBeChecked();
    expect(screen.getByLabelText('TLS Client Authentication')).toBeChecked();
    expect(document.getElementById('client-auth-servername-input')).toHaveValue('mimir.internal');
    expect(headerNames().map((i) => i.value)).toEqual(['X-Scope-OrgID', 'X-Extra']);
    expect(headerValues().map((i) => i.value)).toEqual(['configured', 'configured']);
    expect(screen.getByLabelText(label(sel.timeout))).toHaveValue('12.5');
    expect(screen.getByLabelText('GET')).toBeChecked();
    expect(
      within(screen.getByRole('group', { name: label(sel.prometheusType) })).getByLabelText('Mimir')
    ).toBeChecked();
    expect(screen.getByLabelText(label(sel.prometheusVersion))).toHaveValue('2.9.1');
    expect(screen.getByLabelText(label(sel.scrapeInterval))).toHaveValue('30s');
    expect(screen.getByLabelText(label(sel.customQueryParameters))).toHaveValue('dedup=false');
    expect(screen.getByLabelText(label(sel.incrementalQuerying))).not.toBeChecked();
    fireEvent.click(screen.getByRole('button', { name: 'Expand section Limits' }));
    expect(screen.getByLabelText(/^Max upstream answer size/)).toHaveValue('16');
    expect(screen.getByLabelText(/^Max history/)).toHaveValue('2w');
  });

  it('offers VictoriaMetrics as a Prometheus type', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    fireEvent.click(
      within(screen.getByRole('group', { name: label(sel.prometheusType) })).getByLabelText('VictoriaMetrics')
    );
    expect(latest.current.jsonData.prometheusType).toBe('VictoriaMetrics');
  });
});

describe('ConfigEditor limits', () => {
  it('folds the limits away, states the defaults and stores only what is set', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus', maxSeries: 50 } }));
    fireEvent.click(screen.getByRole('button', { name: 'Expand section Limits' }));
    expect(screen.getByLabelText(/^Max series/)).toHaveValue('50');
    expect(screen.getByLabelText(/^Max points per series/)).toHaveValue('');
    expect(screen.getByLabelText(/^Max points per series/)).not.toHaveAttribute('placeholder');
    expect(screen.getByText(/Default: 10,998\./)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/^Max history/), { target: { value: '2w' } });
    fireEvent.change(screen.getByLabelText(/^Max series/), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText(/^Max queries per request/), { target: { value: '-3' } });
    expect(latest.current.jsonData).toEqual({ upstream: 'prometheus', maxHistory: '2w' });
  });

  it('shows byte limits in MiB and stores them in bytes', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus', maxResponseBytes: 8 * 1048576 } }));
    fireEvent.click(screen.getByRole('button', { name: 'Expand section Limits' }));
    expect(screen.getByLabelText(/^Max upstream answer size/)).toHaveValue('8');
    expect(screen.getByText(/Default: 50 MiB\./)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/^Max response size/), { target: { value: '1.5' } });
    expect(latest.current.jsonData.maxQueryResponseBytes).toBe(1572864);
  });

  it('shows quoted numbers from a provisioning file, which the backend accepts', () => {
    renderEditor(settings({ jsonData: { upstream: 'prometheus', maxResponseBytes: '1048576' as unknown as number } }));
    fireEvent.click(screen.getByRole('button', { name: 'Expand section Limits' }));
    expect(screen.getByLabelText(/^Max upstream answer size/)).toHaveValue('1');
  });

  it('states the InfluxDB points-per-series default for an InfluxDB source', () => {
    renderEditor(settings({ jsonData: { upstream: 'influxdb' } }));
    fireEvent.click(screen.getByRole('button', { name: 'Expand section Limits' }));
    expect(screen.getByText(/Default: 100,000\./)).toBeInTheDocument();
  });

  it('offers the limits for the demo upstream too', () => {
    renderEditor(settings());
    fireEvent.click(screen.getByRole('button', { name: 'Expand section Limits' }));
    expect(screen.getByLabelText(/^Max response size/)).toHaveValue('');
    expect(screen.getByText(/Default: 64 MiB\./)).toBeInTheDocument();
  });
});
