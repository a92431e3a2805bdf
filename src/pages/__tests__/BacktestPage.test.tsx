import React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { DataFrame, FieldType, TimeRange, toDataFrame } from '@grafana/data';
import { BacktestPage } from '../BacktestPage';
import { PageServices } from '../pageServices';
import { LensQuery } from '../../shared/queryModel';
import { BACKTEST_SUMMARY_FRAME, BACKTEST_WINDOW_FRAME } from '../../shared/queryTypes';
import { pageSelectors as sel } from '../selectors';

// Four variant forms of @grafana/ui fields take a few seconds to render in jsdom on a busy machine.
jest.setTimeout(30_000);

const S = BACKTEST_SUMMARY_FRAME.fields;
const W = BACKTEST_WINDOW_FRAME.fields;
const T0 = Date.parse('2024-01-16T18:00:00Z');
const MIN = 60_000;

interface Row {
  variant: string;
  settings: string;
  fired: number;
  incidents: number;
  caught: number;
  precision: number | null;
  recall: number | null;
  delay: number | null;
}

function summary(rows: Row[]): DataFrame {
  return toDataFrame({
    name: BACKTEST_SUMMARY_FRAME.name,
    fields: [
      { name: S.variant, type: FieldType.string, values: rows.map((r) => r.variant) },
      { name: S.settings, type: FieldType.string, values: rows.map((r) => r.settings) },
      { name: S.fired, type: FieldType.number, values: rows.map((r) => r.fired) },
      { name: S.firedPerDay, type: FieldType.number, values: rows.map((r) => r.fired / 7) },
      { name: S.incidents, type: FieldType.number, values: rows.map((r) => r.incidents) },
      { name: S.caught, type: FieldType.number, values: rows.map((r) => r.caught) },
      { name: S.precision, type: FieldType.number, values: rows.map((r) => r.precision) },
      { name: S.recall, type: FieldType.number, values: rows.map((r) => r.recall) },
      { name: S.medianDelaySeconds, type: FieldType.number, values: rows.map((r) => r.delay) },
    ],
  });
}

function firings(variant: string, starts: number[], incident: (i: number) => string): DataFrame {
  return toDataFrame({
    name: BACKTEST_WINDOW_FRAME.name,
    fields: [
      { name: W.time, type: FieldType.time, values: starts },
      { name: W.timeEnd, type: FieldType.time, values: starts.map((t) => t + 10 * MIN) },
      { name: W.text, type: FieldType.string, values: starts.map(() => 'peak 0.9 vs 0.2') },
      { name: W.series, type: FieldType.string, values: starts.map(() => 'checkout') },
      { name: W.variant, type: FieldType.string, values: starts.map(() => variant) },
      { name: W.incident, type: FieldType.string, values: starts.map((_, i) => incident(i)) },
      { name: W.score, type: FieldType.number, values: starts.map(() => 6.1) },
      { name: W.value, type: FieldType.number, values: starts.map(() => 0.9) },
      { name: W.expected, type: FieldType.number, values: starts.map(() => 0.2) },
    ],
  });
}

/** Variant A (as saved) fires 41 times, B (sensitivity 5) 3 times; both catch the two incidents. */
function answer(): DataFrame[] {
  return [
    summary([
      {
        variant: 'variant A',
        settings: 'as saved',
        fired: 41,
        incidents: 2,
        caught: 2,
        precision: 2 / 41,
        recall: 1,
        delay: 120,
      },
      {
        variant: 'variant B',
        settings: 'sensitivity 5',
        fired: 3,
        incidents: 2,
        caught: 2,
        precision: 2 / 3,
        recall: 1,
        delay: 180,
      },
    ]),
    firings(
      'variant A',
      Array.from({ length: 41 }, (_, i) => T0 + i * 60 * MIN),
      (i) => (i < 2 ? 'spike' : '')
    ),
    firings('variant B', [T0, T0 + 53 * 60 * MIN, T0 + 70 * 60 * MIN], (i) => (i < 2 ? 'spike' : '')),
  ];
}

function fakeServices(lens = [{ uid: 'lens', upstream: 'demo' }], run?: () => Promise<DataFrame[]>) {
  const sent: Array<{ lensUid: string; queries: LensQuery[]; range: TimeRange }> = [];
  const services: PageServices = {
    lensDataSources: () => lens.map((l) => ({ ...l, name: `Lens ${l.uid}` })),
    dataSourceUrl: async () => undefined,
    dataSourceName: () => undefined,
    runQueries: async (lensUid, queries, range) => {
      sent.push({ lensUid, queries, range });
      return run ? run() : answer();
    },
    dashboards: { get: async () => ({ dashboard: {} }), save: async () => undefined },
    navigate: () => undefined,
    renderPanel: () => null,
  };
  return { services, sent };
}

const runButton = () => screen.getByRole('button', { name: sel.runBacktest });

describe('BacktestPage', () => {
  it('runs one backtest of the variants over the chosen range and shows a row per variant with the comparison', async () => {
    const { services, sent } = fakeServices();
    render(<BacktestPage services={services} initial={{ expr: 'demo_http_latency_seconds{service="checkout"}' }} />);
    fireEvent.click(screen.getByText('Last 30 d'));
    fireEvent.change(screen.getByLabelText(sel.incidentRanges), {
      target: { value: '2024-01-16T18:00Z, 2024-01-16T18:20Z, spike' },
    });
    const before = Date.now();
    await act(async () => fireEvent.click(runButton()));

    expect(sent).toHaveLength(1);
    expect(sent[0].lensUid).toBe('lens');
    expect(sent[0].queries).toHaveLength(1);
    expect(sent[0].queries[0]).toMatchObject({
      queryType: 'backtest',
      expr: 'demo_http_latency_seconds{service="checkout"}',
      minStepMs: 60_000,
      backtest: {
        variants: [{ name: 'variant A' }, { name: 'variant B', sensitivity: 5 }],
        incidentTags: ['incident'],
        incidents: [{ from: '2024-01-16T18:00:00.000Z', to: '2024-01-16T18:20:00.000Z', label: 'spike' }],
      },
    });
    const { from, to } = sent[0].range;
    expect(to.valueOf() - from.valueOf()).toBe(30 * 24 * 3_600_000);
    expect(to.valueOf()).toBeGreaterThanOrEqual(before);

    expect(screen.getByTestId(sel.backtestVerdict)).toHaveTextContent(
      'variant A would have fired 41 times and caught both incidents.' +
        'variant B would have fired 3 times instead of 41 and caught both incidents.'
    );
    const rows = screen
      .getAllByTestId(sel.backtestVariantRow)
      .map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent));
    expect(rows).toEqual([
      ['variant A', 'as saved', '41', '5.86', '2 of 2', '5 %', '100 %', '2m', '39'],
      ['variant B', 'sensitivity 5', '3', '0.429', '2 of 2', '67 %', '100 %', '3m', '1'],
    ]);
    // The firings of each variant under its own heading; a firing that counts for no incident is a false alarm.
    const perVariant = screen.getAllByTestId(sel.variantWindows);
    expect(perVariant.map((s) => s.querySelector('h4')!.textContent)).toEqual([
      'variant A: 41 firings',
      'variant B: 3 firings',
    ]);
    expect(within(perVariant[0]).getAllByTestId(sel.variantWindow)).toHaveLength(20);
    expect(perVariant[0]).toHaveTextContent('First 20 of 41 shown.');
    const b = within(perVariant[1])
      .getAllByTestId(sel.variantWindow)
      .map((r) => r.textContent);
    expect(b).toEqual([
      '2024-01-16 18:0010mabove0.9 vs 0.2+6.1spike',
      '2024-01-18 23:0010mabove0.9 vs 0.2+6.1spike',
      '2024-01-19 16:0010mabove0.9 vs 0.2+6.1false alarm',
    ]);
  });

  it('compares up to four variants: a third with its minimum duration and history, and no fifth', async () => {
    const { services, sent } = fakeServices();
    render(<BacktestPage services={services} initial={{ expr: 'demo_up' }} />);
    fireEvent.click(screen.getByRole('button', { name: sel.addVariant }));
    fireEvent.change(screen.getByLabelText('Variant 3 minimum duration'), { target: { value: '5m' } });
    fireEvent.change(screen.getByLabelText('Variant 3 history'), { target: { value: '3d' } });
    fireEvent.click(screen.getByRole('button', { name: sel.addVariant }));
    expect(screen.getAllByTestId(sel.variantForm)).toHaveLength(4);
    expect(screen.getByRole('button', { name: sel.addVariant })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Remove variant 4' }));
    await act(async () => fireEvent.click(runButton()));
    expect(sent[0].queries[0].backtest!.variants).toEqual([
      { name: 'variant A' },
      { name: 'variant B', sensitivity: 5 },
      { name: 'variant C', flags: { minDuration: '5m' }, history: '3d' },
    ]);
  });

  it('lists what to fix in the form and runs nothing', async () => {
    const { services, sent } = fakeServices();
    render(<BacktestPage services={services} />);
    fireEvent.change(screen.getByLabelText('Variant 2 sensitivity'), { target: { value: 'high' } });
    await act(async () => fireEvent.click(runButton()));
    expect(sent).toHaveLength(0);
    const errors = screen.getByTestId(sel.backtestErrors);
    expect(errors).toHaveTextContent('Name the series to backtest');
    expect(errors).toHaveTextContent('variant B: sensitivity must be a positive number, got "high"');
  });

  it('says why the backtest failed and what to do next', async () => {
    const { services } = fakeServices(undefined, async () => {
      throw new Error('query B: backtest.variants[1].history must be a duration');
    });
    render(<BacktestPage services={services} initial={{ expr: 'demo_up' }} />);
    await act(async () => fireEvent.click(runButton()));
    expect(screen.getByTestId(sel.backtestErrors)).toHaveTextContent(
      'The backtest failedquery B: backtest.variants[1].history must be a duration. Fix what it names'
    );
  });

  it('explains an empty answer, and how to get precision and recall when no incident is known', async () => {
    const empty = fakeServices(undefined, async () => []);
    const { unmount } = render(<BacktestPage services={empty.services} initial={{ expr: 'nothing_here' }} />);
    await act(async () => fireEvent.click(runButton()));
    expect(screen.getByTestId(sel.backtestErrors)).toHaveTextContent(
      'The expression matched no series over the last 7 d. Check it in Explore, or choose a longer range.'
    );
    unmount();

    const quiet = fakeServices(undefined, async () => [
      summary([
        {
          variant: 'variant A',
          settings: 'as saved',
          fired: 0,
          incidents: 0,
          caught: 0,
          precision: null,
          recall: null,
          delay: null,
        },
      ]),
    ]);
    render(<BacktestPage services={quiet.services} initial={{ expr: 'demo_up' }} />);
    await act(async () => fireEvent.click(runButton()));
    expect(screen.getByTestId(sel.backtestVerdict)).toHaveTextContent('variant A would have fired 0 times.');
    expect(screen.getByTestId(sel.noIncidents)).toHaveTextContent("tag the incidents' annotations");
    expect(screen.getByTestId(sel.variantWindows)).toHaveTextContent('variant A: no firings');
    const cells = Array.from(screen.getByTestId(sel.backtestVariantRow).querySelectorAll('td'), (td) => td.textContent);
    expect(cells.slice(4)).toEqual(['–', '–', '–', '–', '–']);
  });

  it('asks which data source to use when there are several, and how to add one when there is none', async () => {
    const two = fakeServices([
      { uid: 'a', upstream: 'demo' },
      { uid: 'b', upstream: 'prometheus' },
    ]);
    const { unmount } = render(<BacktestPage services={two.services} initial={{ expr: 'demo_up' }} />);
    expect(runButton()).toBeDisabled();
    expect(screen.getByText('Choose the Anomaly Lens data source to run the backtest on.')).toBeInTheDocument();
    unmount();

    render(<BacktestPage services={two.services} initial={{ expr: 'demo_up', lensUid: 'b' }} />);
    await act(async () => fireEvent.click(runButton()));
    expect(two.sent[0].lensUid).toBe('b');

    const none = fakeServices([]);
    render(<BacktestPage services={none.services} />);
    expect(screen.getByTestId(sel.noLens)).toHaveTextContent('Add one under Connections → Data sources');
  });
});
