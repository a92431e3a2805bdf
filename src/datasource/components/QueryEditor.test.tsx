import React, { useState } from 'react';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { dateTime, TimeRange } from '@grafana/data';
import { QueryEditor } from './QueryEditor';
import type { DataSource } from '../datasource';
import { upstreamLookups } from '../completion/upstreamLookups';
import { LensQuery, UpstreamKind } from '../../shared/queryModel';
import type { BacktestResult } from '../backtest/readBacktest';
import { querySelectors as sel } from './selectors';

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

function fakeDatasource(upstream: UpstreamKind, preview?: (q: LensQuery, spanMs: number) => Promise<BacktestResult>) {
  const calls: string[] = [];
  const getResource = async <T,>(path: string, params: Record<string, string> = {}): Promise<T> => {
    const key = `${path}?${new URLSearchParams(params).toString()}`;
    calls.push(key);
    if (!(key in ANSWERS)) {
      throw { data: { error: `no answer for ${key}` } };
    }
    return ANSWERS[key] as T;
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
  return { ds: ds as unknown as DataSource, calls, preview: ds.previewBacktest };
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

describe('QueryEditor', () => {
  it('completes metric names from the upstream while typing and inserts the chosen one with Enter', async () => {
    const { ds } = fakeDatasource('demo');
    const { latest } = await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: '' });
    type(exprField(), 'demo_http_req');
    const items = await screen.findAllByTestId(sel.completionItem);
    expect(items.map((i) => i.textContent)).toEqual(['demo_http_requests_totalRequests']);
    fireEvent.keyDown(exprField(), { key: 'Enter' });
    expect(latest.current.expr).toBe('demo_http_requests_total');
    expect(screen.queryByTestId(sel.completions)).not.toBeInTheDocument();
  });

  it('looks up series only for a metric the upstream has, not for each prefix typed', async () => {
    const { ds, calls } = fakeDatasource('demo');
    await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: '' });
    type(exprField(), 'demo_http_lat');
    await screen.findAllByTestId(sel.completionItem);
    expect(calls.filter((c) => c.startsWith('series?'))).toEqual([]);
    await act(async () => type(exprField(), 'demo_http_latency_seconds'));
    await waitFor(() => expect(calls).toContain('series?metric=demo_http_latency_seconds'));
  });

  it('completes label values of the selector metric inside quotes, moving with the arrow keys', async () => {
    const { ds, calls } = fakeDatasource('demo');
    const { latest } = await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: '' });
    type(exprField(), 'demo_http_latency_seconds{service="');
    const items = await screen.findAllByTestId(sel.completionItem);
    expect(items.map((i) => i.textContent)).toEqual(['cart', 'checkout']);
    expect(calls).toContain('label-values?label=service&metric=demo_http_latency_seconds');
    fireEvent.keyDown(exprField(), { key: 'ArrowDown' });
    fireEvent.keyDown(exprField(), { key: 'Tab' });
    expect(latest.current.expr).toBe('demo_http_latency_seconds{service="checkout');
  });

  it('completes InfluxQL measurements and tag keys', async () => {
    const { ds } = fakeDatasource('influxdb');
    await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: '' });
    type(exprField(), 'SELECT mean("v") FROM di');
    expect((await screen.findAllByTestId(sel.completionItem)).map((i) => i.textContent)).toEqual(['disk io']);
    type(exprField(), 'SELECT mean("v") FROM cpu WHERE $timeFilter GROUP BY re');
    await waitFor(() =>
      expect(screen.getAllByTestId(sel.completionItem).map((i) => i.textContent)).toEqual(['region'])
    );
  });

  it('completes Grafana macros after $', async () => {
    const { ds } = fakeDatasource('prometheus');
    const { latest } = await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: '' });
    type(exprField(), 'rate(http_requests_total[$__rate');
    expect((await screen.findAllByTestId(sel.completionItem)).map((i) => i.textContent)).toEqual([
      '$__rate_intervalmacro',
      '$__rate_interval_msmacro',
    ]);
    fireEvent.keyDown(exprField(), { key: 'Enter' });
    expect(latest.current.expr).toBe('rate(http_requests_total[$__rate_interval');
  });

  it('says when completion is unavailable instead of showing an empty list', async () => {
    const { ds } = fakeDatasource('prometheus');
    await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: '' });
    type(exprField(), 'http');
    expect(
      await screen.findByText(/Completion unavailable: no answer for label-values\?label=__name__/)
    ).toBeInTheDocument();
  });

  it('opens completion on Ctrl+Space and closes it with Escape', async () => {
    const { ds } = fakeDatasource('demo');
    await renderEditor(ds, { refId: 'A', schemaVersion: 2, expr: '' });
    fireEvent.keyDown(exprField(), { key: ' ', ctrlKey: true });
    expect(await screen.findAllByTestId(sel.completionItem)).not.toHaveLength(0);
    fireEvent.keyDown(exprField(), { key: 'Escape' });
    expect(screen.queryByTestId(sel.completions)).not.toBeInTheDocument();
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
    expect(preview).toHaveBeenCalledWith(expect.objectContaining({ expr: 'demo_up', sensitivity: 4 }), 30 * 86_400_000);
    expect(screen.getByTestId(sel.previewResult)).toHaveTextContent(
      'Over the last 30 d an alert on this query would have fired 2 times (0.0667 per day). It caught 1 of 1 ' +
        'tagged incident: precision 50 %, recall 100 %, median delay 2m.'
    );
    const rows = screen.getAllByTestId(sel.previewWindow).map((r) => r.textContent);
    expect(rows).toEqual([
      '2026-11-20 02:0010mabove0.9 vs 0.2+6.1checkoutoutage',
      '2026-11-21 05:003mbelow0.05 vs 0.21−3.3checkoutfalse alarm',
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
