import React, { useState } from 'react';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { dateTime, TimeRange } from '@grafana/data';
import { QueryEditor } from './QueryEditor';
import type { DataSource } from '../datasource';
import { upstreamLookups } from '../completion/upstreamLookups';
import { LensQuery, UpstreamKind } from '../../shared/queryModel';
import type { BacktestResult } from '../backtest/readBacktest';
import type { BandSeries } from '../backtest/readBandSeries';
import { querySelectors as sel } from './selectors';
import { acceptIn, completeIn } from './__tests__/codeEditorDouble';

jest.mock('@grafana/ui', () => ({
  ...jest.requireActual('@grafana/ui'),
  CodeEditor: jest.requireActual('./__tests__/codeEditorDouble').CodeEditorDouble,
}));

/** Resource answers of a small upstream, keyed like `path?query`. */
const ANSWERS: Record<string, unknown> = {
  'metrics?': {
    metrics: [
      { name: 'demo_http_latency_seconds', help: 'Request latency', unit: 's', labels: ['service'] },
      { name: 'demo_http_requests_total', help: 'Requests', unit: 'short', labels: ['service'] },
    ],
  },
  'series?metric=demo_http_latency_seconds': { metric: 'demo_http_latency_seconds', series: [{ service: 'checkout' }] },
  'labels?metric=demo_http_latency_seconds': { labels: ['service'] },
  'label-values?label=service&metric=demo_http_latency_seconds': { label: 'service', values: ['cart', 'checkout'] },
  'measurements?': { measurements: ['cpu', 'disk io'] },
  'tag-keys?measurement=cpu': { measurement: 'cpu', keys: ['host', 'region'] },
};

function fakeDatasource(
  upstream: UpstreamKind,
  preview?: (q: LensQuery, spanMs: number) => Promise<BacktestResult>,
  bandSeries?: (q: LensQuery, spanMs: number, nowMs: number) => Promise<BandSeries[]>,
  extra: Record<string, unknown> = {}
) {
  const calls: string[] = [];
  const answers = { ...ANSWERS, ...extra };
  const getResource = async <T,>(path: string, params: Record<string, string> = {}): Promise<T> => {
    const key = `${path}?${new URLSearchParams(params).toString()}`;
    calls.push(key);
    if (!(key in answers)) {
      throw { data: { error: `no answer for ${key}` } };
    }
    return answers[key] as T;
  };
  const ds = {
    upstream,
    lookups: upstreamLookups(upstream, getResource),
    listSeries: (metric: string) => getResource('series', { metric }),
    validateExpr: async () => ({ ok: true }),
    // Dashboard variables as Grafana would replace them: `$win` and `$bad` are set, `$anomaly_from` not yet.
    applyTemplateVariables: (q: LensQuery) =>
      JSON.parse(
        JSON.stringify(q)
          .replace(/\$\{?win\}?/g, '30m')
          .replace(/\$\{?bad\}?/g, 'soon')
      ) as LensQuery,
    previewBacktest: jest.fn(preview ?? (async () => ({ summary: [], windows: [] }))),
    previewBandSeries: jest.fn(bandSeries ?? (async () => [])),
    exportRecordingRules: jest.fn(async (q: LensQuery) => {
      if (q.method !== 'moving') {
        throw {
          data: {
            error: `cannot export as recording rules: method is ${q.method ?? 'forecast'}; set method to moving or seasonal`,
          },
        };
      }
      return {
        yaml: 'groups:\n  - name: "g"\n',
        group: 'g',
        interval: '1m',
        names: { value: 'v', expected: 'series:demo_up:moving1h_expected', sigma: 's', flag: 'f' },
        notes: [],
      };
    }),
  };
  return { ds: ds as unknown as DataSource, calls, preview: ds.previewBacktest, bandSeries: ds.previewBandSeries };
}

const RANGE: TimeRange = (() => {
  const from = dateTime('2026-11-20T00:00:00Z');
  const to = dateTime('2026-11-20T06:00:00Z');
  return { from, to, raw: { from, to } };
})();

async function renderEditor(ds: DataSource, initial: LensQuery) {
  const latest = { current: initial };
  const onRunQuery = jest.fn();
  function Host() {
    const [q, setQ] = useState(initial);
    return (
      <QueryEditor
        datasource={ds}
        query={q}
        range={RANGE}
        onRunQuery={onRunQuery}
        onChange={(next) => {
          latest.current = next;
          setQ(next);
        }}
      />
    );
  }
  // Let the demo metric list load inside act, as it would before a person starts typing.
  await act(async () => {
    render(<Host />);
  });
  return { latest, onRunQuery };
}

/** Types into the expression field with the cursor at the end, as a person would. */
function type(field: HTMLElement, text: string) {
  const el = field as HTMLTextAreaElement;
  el.focus();
  fireEvent.change(el, { target: { value: text, selectionStart: text.length, selectionEnd: text.length } });
}

const exprField = () => screen.getByLabelText(sel.expr);
/** Types into the expression field and asks for completion at the end, as Monaco does after a keystroke. */
const complete = (text: string) => act(() => completeIn(sel.expr, text));

describe('QueryEditor', () => {
  it('completes metric names from the upstream, metrics before functions, and inserts the chosen one', async () => {
    const { ds } = fakeDatasource('demo');
    const { latest } = await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: '' });
    const items = await complete('demo_http_req');
    expect(items.map((i) => [i.label, i.detail])).toEqual([['demo_http_requests_total', 'Requests']]);
    await act(async () => {
      acceptIn(sel.expr, items[0]);
    });
    expect(latest.current.expr).toBe('demo_http_requests_total');
  });

  it('looks up series only for a metric the upstream has, not for each prefix typed', async () => {
    const { ds, calls } = fakeDatasource('demo');
    await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: '' });
    type(exprField(), 'demo_http_lat');
    await complete('demo_http_lat');
    expect(calls.filter((c) => c.startsWith('series?'))).toEqual([]);
    await act(async () => type(exprField(), 'demo_http_latency_seconds'));
    await waitFor(() => expect(calls).toContain('series?metric=demo_http_latency_seconds'));
  });

  it('completes label values of the selector metric inside quotes', async () => {
    const { ds, calls } = fakeDatasource('demo');
    const { latest } = await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: '' });
    const items = await complete('demo_http_latency_seconds{service="');
    expect(items.map((i) => i.label)).toEqual(['cart', 'checkout']);
    expect(calls).toContain('label-values?label=service&metric=demo_http_latency_seconds');
    await act(async () => {
      acceptIn(sel.expr, items[1]);
    });
    expect(latest.current.expr).toBe('demo_http_latency_seconds{service="checkout');
  });

  it('completes InfluxQL measurements and tag keys', async () => {
    const { ds } = fakeDatasource('influxdb');
    await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: '' });
    expect((await complete('SELECT mean("v") FROM di')).map((i) => i.label)).toEqual(['disk io']);
    expect((await complete('SELECT mean("v") FROM cpu WHERE $timeFilter GROUP BY re')).map((i) => i.label)).toEqual([
      'region',
    ]);
  });

  it('completes Grafana macros after $', async () => {
    const { ds } = fakeDatasource('prometheus');
    const { latest } = await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: '' });
    const items = await complete('rate(http_requests_total[$__rate');
    expect(items.map((i) => [i.label, i.detail])).toEqual([
      ['$__rate_interval', 'macro'],
      ['$__rate_interval_ms', 'macro'],
    ]);
    await act(async () => {
      acceptIn(sel.expr, items[0]);
    });
    expect(latest.current.expr).toBe('rate(http_requests_total[$__rate_interval');
  });

  it('says when completion is unavailable instead of showing an empty list', async () => {
    const { ds } = fakeDatasource('prometheus');
    await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: '' });
    expect(await complete('http')).toEqual([]);
    expect(screen.getByTestId(sel.completionError)).toHaveTextContent(
      /Completion unavailable: no answer for label-values\?label=__name__/
    );
  });

  it('builds a selector in the metrics browser and uses it as the query', async () => {
    const { ds } = fakeDatasource('prometheus', undefined, undefined, {
      'label-values?label=__name__': { label: '__name__', values: ['demo_http_latency_seconds'] },
    });
    const { latest, onRunQuery } = await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: '' });
    fireEvent.click(screen.getByRole('button', { name: sel.metricsBrowser }));
    const metricPicker = await screen.findByLabelText(sel.browserMetric);
    fireEvent.keyDown(metricPicker, { key: 'ArrowDown' });
    fireEvent.click(await screen.findByText('demo_http_latency_seconds'));
    const values = await screen.findByLabelText(sel.browserLabel('service'));
    fireEvent.keyDown(values, { key: 'ArrowDown' });
    fireEvent.click(await screen.findByText('checkout'));
    expect(screen.getByTestId(sel.browserSelector)).toHaveTextContent('demo_http_latency_seconds{service="checkout"}');
    fireEvent.keyDown(screen.getByLabelText(sel.browserLabel('service')), { key: 'ArrowDown' });
    fireEvent.click(await screen.findByText('cart'));
    expect(screen.getByTestId(sel.browserSelector)).toHaveTextContent(
      'demo_http_latency_seconds{service=~"checkout|cart"}'
    );
    fireEvent.click(screen.getByRole('button', { name: sel.useQuery }));
    expect(latest.current.expr).toBe('demo_http_latency_seconds{service=~"checkout|cart"}');
    expect(onRunQuery).toHaveBeenCalled();
    expect(screen.queryByRole('group', { name: sel.metricsBrowser })).not.toBeInTheDocument();
  });

  it('offers the metrics browser for PromQL upstreams only', async () => {
    const { ds } = fakeDatasource('influxdb');
    await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: '' });
    expect(screen.queryByRole('button', { name: sel.metricsBrowser })).not.toBeInTheDocument();
  });

  it('shows forecast options only when the forecast output is chosen', async () => {
    const { ds } = fakeDatasource('demo');
    await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: 'demo_up', outputs: ['raw', 'band'] });
    expect(screen.queryByLabelText('Forecast horizon')).not.toBeInTheDocument();
    await cleanupAndRender(ds, { refId: 'A', schemaVersion: 2, expr: 'demo_up', outputs: ['raw', 'forecast'] });
    expect(screen.getByLabelText('Forecast horizon')).toHaveAttribute('placeholder', '1h');
  });

  it('writes an option when set and names an invalid one with its field', async () => {
    const { ds } = fakeDatasource('demo');
    const { latest } = await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: 'demo_up' });
    fireEvent.change(screen.getByLabelText('Sensitivity (σ)'), { target: { value: '42' } });
    expect(latest.current.sensitivity).toBe(42);
    // Once, at the field: not again in a list under the options.
    expect(screen.getAllByText(/^sensitivity must be/)).toHaveLength(1);
    expect(screen.queryByTestId(sel.optionError)).not.toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Moving window'), { target: { value: '30m' } });
    expect(latest.current.movingWindow).toBe('30m');
  });

  it('switches to a correlations query with a target and a window from dashboard variables', async () => {
    const { ds } = fakeDatasource('demo');
    const { latest } = await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: 'demo_http_latency_seconds' });
    fireEvent.click(screen.getByText('Correlations'));
    expect(latest.current.queryType).toBe('correlations');
    fireEvent.change(screen.getByLabelText('Target'), {
      target: { value: 'demo_http_latency_seconds{service="checkout"}' },
    });
    fireEvent.change(screen.getByLabelText('Window from'), { target: { value: '$anomaly_from' } });
    fireEvent.change(screen.getByLabelText('Window to'), { target: { value: '$anomaly_to' } });
    expect(latest.current.correlate).toEqual({
      target: 'demo_http_latency_seconds{service="checkout"}',
      window: { from: '$anomaly_from', to: '$anomaly_to' },
    });
    expect(screen.queryByText(sel.preview)).not.toBeInTheDocument();
    // Variables are values the dashboard supplies at run time, not errors.
    expect(screen.queryByText(/must be/)).not.toBeInTheDocument();
  });

  it('sets the service graph and its label of a correlations query, defaults shown as placeholders', async () => {
    const { ds } = fakeDatasource('demo');
    const { latest } = await renderEditor(ds, {
      refId: 'A',
      schemaVersion: 2,
      expr: 'demo_up',
      queryType: 'correlations',
      correlate: { target: 'demo_up' },
    });
    expect(screen.getByLabelText('Service graph')).toHaveAttribute('placeholder', 'auto');
    expect(screen.getByLabelText('Service label')).toHaveAttribute('placeholder', 'auto');
    fireEvent.change(screen.getByLabelText('Service graph'), { target: { value: 'off' } });
    fireEvent.change(screen.getByLabelText('Service label'), { target: { value: 'service name' } });
    expect(latest.current.correlate).toEqual({ target: 'demo_up', serviceGraph: 'off', serviceLabel: 'service name' });
    expect(screen.getAllByText(/^correlate.serviceLabel must be auto or a label name/)).toHaveLength(1);
  });

  it('does not mark a new correlations query invalid before anything is typed', async () => {
    const { ds } = fakeDatasource('demo');
    await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: 'demo_up', queryType: 'correlations' });
    expect(screen.queryByText(/correlate.target/)).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('marks every invalid option at once, each message once', async () => {
    const { ds } = fakeDatasource('demo');
    await renderEditor(ds, {
      refId: 'A',
      schemaVersion: 2,
      expr: 'demo_up',
      sensitivity: 42,
      movingWindow: 'soon',
      exclusions: [{ from: 'yesterday', to: 2 }],
    } as unknown as LensQuery);
    expect(screen.getAllByText(/^sensitivity must be/)).toHaveLength(1);
    expect(screen.getAllByText(/^movingWindow /)).toHaveLength(1);
    // Exclusions have no control in the editor, so their message is listed under the options.
    expect(screen.getByTestId(sel.optionError)).toHaveTextContent(/^exclusions\[0\]\.from /);
  });

  it('marks each invalid field itself, and only those', async () => {
    const { ds } = fakeDatasource('demo');
    await renderEditor(ds, {
      refId: 'A',
      schemaVersion: 2,
      expr: 'demo_up',
      sensitivity: 42,
      movingWindow: 'soon',
      history: '$range',
    } as unknown as LensQuery);
    expect(screen.getByLabelText('Sensitivity (σ)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Moving window')).toHaveAttribute('aria-invalid', 'true');
    // A dashboard variable is a value supplied at run time, and a field left to its default is not invalid.
    expect(screen.getByLabelText('History')).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Seasonality')).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('judges an option after dashboard variables are replaced', async () => {
    const { ds } = fakeDatasource('demo');
    await renderEditor(ds, {
      refId: 'A',
      schemaVersion: 2,
      expr: 'demo_up',
      movingWindow: '$win',
      forecast: { horizon: '${win}' },
      flags: { minDuration: '$bad' },
    } as unknown as LensQuery);
    // `$win` is a valid duration once replaced; `$bad` is not, and its message names the field.
    expect(screen.queryByText(/^movingWindow|^forecast.horizon/)).not.toBeInTheDocument();
    expect(screen.getAllByText(/^flags.minDuration /)).toHaveLength(1);
  });

  it('backtests the query over the chosen range and lists the firings with precision and recall', async () => {
    const result: BacktestResult = {
      summary: [
        {
          variant: 'variant 1',
          settings: 'as saved',
          fired: 2,
          firedPerDay: 2 / 30,
          incidents: 1,
          caught: 1,
          precision: 0.5,
          recall: 1,
          medianDelaySeconds: 120,
          falseAlarms: 1,
        },
      ],
      windows: [
        {
          variant: 'variant 1',
          series: 'checkout',
          fromMs: Date.parse('2026-11-20T02:00:00Z'),
          toMs: Date.parse('2026-11-20T02:10:00Z'),
          score: 6.1,
          value: 0.9,
          expected: 0.2,
          incident: 'outage',
          text: 'why',
        },
        {
          variant: 'variant 1',
          series: 'checkout',
          fromMs: Date.parse('2026-11-21T05:00:00Z'),
          toMs: Date.parse('2026-11-21T05:03:00Z'),
          score: -3.25,
          value: 0.05,
          expected: 0.21,
          incident: '',
          text: 'why not',
        },
      ],
    };
    const { ds, preview } = fakeDatasource('demo', async () => result);
    await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: 'demo_up', sensitivity: 4 });
    await act(async () => fireEvent.click(screen.getByText('Last 30 d')));
    await act(async () => fireEvent.click(screen.getByText(sel.preview)));
    expect(preview).toHaveBeenCalledWith(
      expect.objectContaining({ expr: 'demo_up', sensitivity: 4 }),
      30 * 86_400_000,
      expect.any(Number)
    );
    expect(screen.getByTestId(sel.previewResult)).toHaveTextContent(
      'Over the last 30 d an alert on this query would have fired 2 times (0.0667 per day). It caught 1 of 1 ' +
        'tagged incident: precision 50 %, recall 100 %, median delay 2m.'
    );
    const rows = screen.getAllByTestId(sel.previewWindow).map((r) => r.textContent);
    expect(rows).toEqual([
      '2026-11-20 02:0010mabove0.9 vs 0.2+6.1outage',
      '2026-11-21 05:003mbelow0.05 vs 0.21−3.3false alarm',
    ]);
  });

  it('keeps the incident tags in the query, for the backtest to score against', async () => {
    const { ds } = fakeDatasource('demo');
    const { latest } = await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: 'demo_up' });
    const input = screen.getByPlaceholderText('incident');
    fireEvent.change(input, { target: { value: 'incident, outage ' } });
    fireEvent.blur(input);
    expect(latest.current.backtest).toEqual({ incidentTags: ['incident', 'outage'] });
  });

  it('draws the series with its band above the firings, shading the firings of the drawn series', async () => {
    const now = Date.now();
    const result: BacktestResult = {
      summary: [
        {
          variant: 'variant 1',
          settings: 'as saved',
          fired: 2,
          firedPerDay: 2,
          incidents: 0,
          caught: 0,
          precision: NaN,
          recall: NaN,
          medianDelaySeconds: NaN,
          falseAlarms: NaN,
        },
      ],
      windows: ['checkout', 'cart'].map((series, i) => ({
        variant: 'variant 1',
        series,
        fromMs: now - (10 - i) * 3_600_000,
        toMs: now - (9 - i) * 3_600_000,
        score: 5,
        value: 2,
        expected: 1,
        incident: '',
        text: '',
      })),
    };
    const band = (name: string): BandSeries => ({
      name,
      times: [now - 86_400_000, now - 43_200_000, now],
      values: Float64Array.from([1, 3, 1]),
      expected: Float64Array.from([1, 1, 1]),
      lower: Float64Array.from([0.5, 0.5, 0.5]),
      upper: Float64Array.from([1.5, 1.5, 1.5]),
    });
    const { ds, preview, bandSeries } = fakeDatasource(
      'demo',
      async () => result,
      async () => [band('checkout'), band('cart')]
    );
    await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: 'demo_up' });
    await act(async () => fireEvent.click(screen.getByText('Last 24 h')));
    await act(async () => fireEvent.click(screen.getByText(sel.preview)));
    // Both answers are for the same range: the same span and the same "now".
    expect(bandSeries.mock.calls[0].slice(1)).toEqual(preview.mock.calls[0].slice(1));
    const picture = screen.getByTestId(sel.previewSparkline);
    expect(picture).toHaveAccessibleName(
      'checkout over the last 24 h (values 1 to 3), with its expected value and band; 1 fired window shaded'
    );
    expect(picture.querySelectorAll('[data-role="fired"]')).toHaveLength(1);
    expect(screen.getAllByTestId(sel.previewWindow)).toHaveLength(2);
  });

  it('still shows the backtest when the series for the sparkline cannot be fetched, and says why', async () => {
    const result: BacktestResult = {
      summary: [
        {
          variant: 'variant 1',
          settings: 'as saved',
          fired: 0,
          firedPerDay: 0,
          incidents: 0,
          caught: 0,
          precision: NaN,
          recall: NaN,
          medianDelaySeconds: NaN,
          falseAlarms: NaN,
        },
      ],
      windows: [],
    };
    const { ds } = fakeDatasource(
      'demo',
      async () => result,
      async () => {
        throw new Error('query A: too many points');
      }
    );
    await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: 'demo_up' });
    await act(async () => fireEvent.click(screen.getByText(sel.preview)));
    expect(screen.getByTestId(sel.previewResult)).toHaveTextContent('would have fired 0 times');
    expect(screen.getByTestId(sel.previewResult)).toHaveTextContent('No sparkline: query A: too many points.');
    expect(screen.queryByTestId(sel.previewSparkline)).not.toBeInTheDocument();
  });

  it('shows why a preview failed', async () => {
    const { ds } = fakeDatasource('demo', async () => {
      throw new Error('query A: method must be one of auto, moving, seasonal, stl, forecast');
    });
    await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: 'demo_up' });
    await act(async () => fireEvent.click(screen.getByText(sel.preview)));
    expect(screen.getByTestId(sel.previewResult)).toHaveTextContent('Backtest failed: query A: method must be');
  });
});

describe('Export as recording rules', () => {
  it('shows the rule file with a copy button for a moving-band query', async () => {
    const { ds } = fakeDatasource('demo');
    await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: 'demo_up', method: 'moving' });
    await act(async () => fireEvent.click(screen.getByText(sel.exportRules)));
    expect(ds.exportRecordingRules).toHaveBeenCalledWith(
      expect.objectContaining({ expr: 'demo_up', method: 'moving' })
    );
    expect(screen.getByTestId(sel.exportRulesYaml)).toHaveTextContent('groups: - name: "g"');
    expect(screen.getByTestId(sel.exportRulesResult)).toHaveTextContent('series:demo_up:moving1h_expected');
    expect(screen.getByText(sel.copyRules)).toBeInTheDocument();
  });

  it('says which option blocks the export', async () => {
    const { ds } = fakeDatasource('demo');
    await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: 'demo_up', method: 'stl' });
    await act(async () => fireEvent.click(screen.getByText(sel.exportRules)));
    expect(screen.getByRole('alert')).toHaveTextContent('method is stl; set method to moving or seasonal');
    expect(screen.queryByTestId(sel.exportRulesYaml)).not.toBeInTheDocument();
  });

  it('is not offered for InfluxDB or for correlation queries', async () => {
    await renderEditor(fakeDatasource('influxdb').ds, { refId: 'A', schemaVersion: 2, expr: 'SELECT 1' });
    expect(screen.queryByText(sel.exportRules)).not.toBeInTheDocument();
    await cleanupAndRender(fakeDatasource('demo').ds, {
      refId: 'A',
      schemaVersion: 2,
      expr: 'x',
      queryType: 'correlations',
    });
    expect(screen.queryByText(sel.exportRules)).not.toBeInTheDocument();
  });
});

async function cleanupAndRender(ds: DataSource, q: LensQuery) {
  cleanup();
  await renderEditor(ds, q);
}
