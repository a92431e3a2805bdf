import React, { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
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
    fireEvent.change(screen.getByLabelText(sel.timeout), { target: { value: '45' } });
    expect(latest.current.url).toBe('http://prom:9090');
    expect(latest.current.jsonData.timeout).toBe(45);
    fireEvent.change(screen.getByLabelText(sel.timeout), { target: { value: '' } });
    expect(latest.current.jsonData.timeout).toBeUndefined();
  });

  it('offers incremental querying for Prometheus, on by default, with its overlap window', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    const toggle = screen.getByLabelText(sel.incrementalQuerying);
    expect(toggle).toBeChecked();
    fireEvent.change(screen.getByLabelText(sel.incrementalOverlap), { target: { value: '30m' } });
    expect(latest.current.jsonData.incrementalQueryOverlapWindow).toBe('30m');
    fireEvent.click(toggle);
    expect(latest.current.jsonData.incrementalQuerying).toBe(false);
    expect(screen.queryByLabelText(sel.incrementalOverlap)).not.toBeInTheDocument();
    fireEvent.click(screen.getByLabelText(sel.incrementalQuerying));
    expect(latest.current.jsonData.incrementalQuerying).toBeUndefined();
  });

  it('offers no incremental querying for InfluxDB', () => {
    renderEditor(settings({ jsonData: { upstream: 'influxdb' } }));
    expect(screen.queryByLabelText(sel.incrementalQuerying)).not.toBeInTheDocument();
  });

  it('keeps the basic-auth password in secureJsonData only', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    fireEvent.click(screen.getByLabelText('Basic'));
    fireEvent.change(screen.getByLabelText(sel.basicUser), { target: { value: 'grafana' } });
    fireEvent.change(screen.getByLabelText(sel.basicPassword), { target: { value: 's3cret' } });
    expect(latest.current.basicAuth).toBe(true);
    expect(latest.current.basicAuthUser).toBe('grafana');
    expect(latest.current.secureJsonData?.basicAuthPassword).toBe('s3cret');
    expect(JSON.stringify(latest.current.jsonData)).not.toContain('s3cret');
  });

  it('shows a stored bearer token as configured and resets it to empty', () => {
    const latest = renderEditor(
      settings({ jsonData: { upstream: 'prometheus' }, secureJsonFields: { bearerToken: true } })
    );
    expect(screen.getByLabelText(sel.bearerToken)).toHaveValue('configured');
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(latest.current.secureJsonFields.bearerToken).toBe(false);
    expect(latest.current.secureJsonData?.bearerToken).toBe('');
  });

  it('clears a stored bearer token when basic auth is chosen instead', () => {
    const latest = renderEditor(
      settings({ jsonData: { upstream: 'prometheus' }, secureJsonFields: { bearerToken: true } })
    );
    fireEvent.click(screen.getByLabelText('Basic'));
    expect(latest.current.basicAuth).toBe(true);
    expect(latest.current.secureJsonFields.bearerToken).toBe(false);
    expect(latest.current.secureJsonData?.bearerToken).toBe('');
  });

  it('offers user/password and token for InfluxDB and writes the database at the top level', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'influxdb' } }));
    fireEvent.change(screen.getByLabelText(new RegExp(`^${sel.database}`)), { target: { value: 'telegraf' } });
    fireEvent.click(screen.getByLabelText('Token'));
    fireEvent.change(screen.getByLabelText(sel.influxToken), { target: { value: 'tok' } });
    expect(latest.current.database).toBe('telegraf');
    expect(latest.current.secureJsonData?.influxToken).toBe('tok');
    expect(screen.queryByLabelText(sel.bearerToken)).not.toBeInTheDocument();
  });

  it('stores custom header names in jsonData and values in secureJsonData', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    fireEvent.click(screen.getByRole('button', { name: sel.addHeader }));
    fireEvent.change(screen.getByLabelText(sel.headerName(1)), { target: { value: 'X-Scope-OrgID' } });
    fireEvent.change(screen.getByLabelText(sel.headerValue(1)), { target: { value: 'tenant-a' } });
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
    expect(screen.queryByLabelText(sel.headerName(1))).not.toBeInTheDocument();
    // The freed number is reused by the next added header.
    fireEvent.click(screen.getByRole('button', { name: sel.addHeader }));
    expect(screen.getByLabelText(sel.headerName(1))).toHaveValue('');
  });

  it('stores TLS skip-verify and the CA certificate (secret) when enabled', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus' } }));
    fireEvent.click(screen.getByLabelText(sel.tlsSkipVerify));
    fireEvent.click(screen.getByLabelText(sel.tlsWithCA));
    fireEvent.change(screen.getByLabelText(sel.tlsCACert), { target: { value: '-----BEGIN CERTIFICATE-----' } });
    expect(latest.current.jsonData.tlsSkipVerify).toBe(true);
    expect(latest.current.jsonData.tlsAuthWithCACert).toBe(true);
    expect(latest.current.secureJsonData?.tlsCACert).toBe('-----BEGIN CERTIFICATE-----');
  });
});

describe('ConfigEditor limits', () => {
  it('folds the limits away, shows the defaults as placeholders and stores only what is set', () => {
    const latest = renderEditor(settings({ jsonData: { upstream: 'prometheus', maxSeries: 50 } }));
    fireEvent.click(screen.getByText('Limits'));
    expect(screen.getByLabelText(/^Max series/)).toHaveValue(50);
    expect(screen.getByLabelText(/^Max points per series/)).toHaveAttribute('placeholder', '10998');
    fireEvent.change(screen.getByLabelText(/^Max history/), { target: { value: '2w' } });
    fireEvent.change(screen.getByLabelText(/^Max series/), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText(/^Max queries per request/), { target: { value: '-3' } });
    expect(latest.current.jsonData).toEqual({ upstream: 'prometheus', maxHistory: '2w' });
  });

  it('shows the InfluxDB points-per-series default for an InfluxDB source', () => {
    renderEditor(settings({ jsonData: { upstream: 'influxdb' } }));
    fireEvent.click(screen.getByText('Limits'));
    expect(screen.getByLabelText(/^Max points per series/)).toHaveAttribute('placeholder', '100000');
  });

  it('offers the limits for the demo upstream too', () => {
    renderEditor(settings());
    fireEvent.click(screen.getByText('Limits'));
    expect(screen.getByLabelText(/^Max response bytes/)).toHaveAttribute('placeholder', '67108864');
  });
});
