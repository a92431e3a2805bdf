import React, { useState } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { DataSourceSettings } from '@grafana/data';
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

/** The authentication choice is a radio group whose option may share a field's label ("Bearer token"). */
const notRadio = { selector: 'input:not([type="radio"])' };

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

  it('stores the TLS server name in jsonData', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    fireEvent.change(screen.getByLabelText(label(sel.tlsServerName)), { target: { value: 'prom.internal' } });
    expect(latest.current.jsonData.serverName).toBe('prom.internal');
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
    fireEvent.click(screen.getByLabelText('Basic authentication'));
    fireEvent.change(screen.getByLabelText(label(sel.basicUser)), { target: { value: 'grafana' } });
    fireEvent.change(screen.getByLabelText(label(sel.basicPassword)), { target: { value: 's3cret' } });
    expect(latest.current.basicAuth).toBe(true);
    expect(latest.current.basicAuthUser).toBe('grafana');
    expect(latest.current.secureJsonData?.basicAuthPassword).toBe('s3cret');
    expect(JSON.stringify(latest.current.jsonData)).not.toContain('s3cret');
  });

  it('shows a stored bearer token as configured and resets it to empty', () => {
    const latest = renderEditor(
      settings({ jsonData: { upstream: 'prometheus' }, secureJsonFields: { bearerToken: true } })
    );
    expect(screen.getByLabelText(label(sel.bearerToken), notRadio)).toHaveValue('configured');
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(latest.current.secureJsonFields.bearerToken).toBe(false);
    expect(latest.current.secureJsonData?.bearerToken).toBe('');
  });

  it('clears a stored bearer token when basic auth is chosen instead', () => {
    const latest = renderEditor(
      settings({ jsonData: { upstream: 'prometheus' }, secureJsonFields: { bearerToken: true } })
    );
    fireEvent.click(screen.getByLabelText('Basic authentication'));
    expect(latest.current.basicAuth).toBe(true);
    expect(latest.current.secureJsonFields.bearerToken).toBe(false);
    expect(latest.current.secureJsonData?.bearerToken).toBe('');
  });

  it('offers user/password and token for InfluxDB and writes the database at the top level', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'influxdb' } }));
    fireEvent.change(screen.getByLabelText(new RegExp(`^${sel.database}`)), { target: { value: 'telegraf' } });
    fireEvent.click(screen.getByLabelText('Token'));
    fireEvent.change(screen.getByLabelText(label(sel.influxToken)), { target: { value: 'tok' } });
    expect(latest.current.database).toBe('telegraf');
    expect(latest.current.secureJsonData?.influxToken).toBe('tok');
    expect(screen.queryByLabelText(label(sel.bearerToken), notRadio)).not.toBeInTheDocument();
  });

  it('stores custom header names in jsonData and values in secureJsonData', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    fireEvent.click(screen.getByRole('button', { name: sel.addHeader }));
    fireEvent.change(screen.getByLabelText(label(sel.headerName(1))), { target: { value: 'X-Scope-OrgID' } });
    fireEvent.change(screen.getByLabelText(label(sel.headerValue(1))), { target: { value: 'tenant-a' } });
    expect(latest.current.jsonData.httpHeaderName1).toBe('X-Scope-OrgID');
    expect(latest.current.secureJsonData?.httpHeaderValue1).toBe('tenant-a');
    expect(JSON.stringify(latest.current.jsonData)).not.toContain('tenant-a');
  });

  it('removes a header by blanking its name and resetting its value, keeping later numbers', () => {
    const latest = renderEditor(
      settings({
        jsonData: { upstream: 'prometheus', httpHeaderName1: 'A', httpHeaderName2: 'B' },
        secureJsonFields: { httpHeaderValue1: true, httpHeaderValue2: true },
      })
    );
    fireEvent.click(screen.getByRole('button', { name: sel.removeHeader(1) }));
    expect(latest.current.jsonData.httpHeaderName1).toBe('');
    expect(latest.current.jsonData.httpHeaderName2).toBe('B');
    expect(latest.current.secureJsonFields.httpHeaderValue1).toBe(false);
    expect(latest.current.secureJsonFields.httpHeaderValue2).toBe(true);
    expect(screen.queryByLabelText(label(sel.headerName(1)))).not.toBeInTheDocument();
    // The freed number is reused by the next added header.
    fireEvent.click(screen.getByRole('button', { name: sel.addHeader }));
    expect(screen.getByLabelText(label(sel.headerName(1)))).toHaveValue('');
  });

  it('stores TLS skip-verify and the CA certificate (secret) when enabled', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    fireEvent.click(screen.getByLabelText(label(sel.tlsSkipVerify)));
    fireEvent.click(screen.getByLabelText(label(sel.tlsWithCA)));
    fireEvent.change(screen.getByLabelText(label(sel.tlsCACert)), { target: { value: '-----BEGIN CERTIFICATE-----' } });
    expect(latest.current.jsonData.tlsSkipVerify).toBe(true);
    expect(latest.current.jsonData.tlsAuthWithCACert).toBe(true);
    expect(latest.current.secureJsonData?.tlsCACert).toBe('-----BEGIN CERTIFICATE-----');
  });
});

describe('ConfigEditor limits', () => {
  it('folds the limits away, states the defaults and stores only what is set', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus', maxSeries: 50 } }));
    fireEvent.click(screen.getByText('Limits'));
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
    fireEvent.click(screen.getByText('Limits'));
    expect(screen.getByLabelText(/^Max upstream answer size/)).toHaveValue('8');
    expect(screen.getByText(/Default: 50 MiB\./)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/^Max response size/), { target: { value: '1.5' } });
    expect(latest.current.jsonData.maxQueryResponseBytes).toBe(1572864);
  });

  it('shows quoted numbers from a provisioning file, which the backend accepts', () => {
    renderEditor(settings({ jsonData: { upstream: 'prometheus', maxResponseBytes: '1048576' as unknown as number } }));
    fireEvent.click(screen.getByText('Limits'));
    expect(screen.getByLabelText(/^Max upstream answer size/)).toHaveValue('1');
  });

  it('states the InfluxDB points-per-series default for an InfluxDB source', () => {
    renderEditor(settings({ jsonData: { upstream: 'influxdb' } }));
    fireEvent.click(screen.getByText('Limits'));
    expect(screen.getByText(/Default: 100,000\./)).toBeInTheDocument();
  });

  it('offers the limits for the demo upstream too', () => {
    renderEditor(settings());
    fireEvent.click(screen.getByText('Limits'));
    expect(screen.getByLabelText(/^Max response size/)).toHaveValue('');
    expect(screen.getByText(/Default: 64 MiB\./)).toBeInTheDocument();
  });
});
