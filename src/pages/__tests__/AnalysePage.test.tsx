import React from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { DataFrame, FieldType, toDataFrame } from '@grafana/data';
import { AnalysePage, toTimeRange } from '../AnalysePage';
import { PageServices, PanelProps } from '../pageServices';
import { AnalyseParams } from '../../extensions/analyseParams';
import { DashboardJson } from '../../extensions/addBandTarget';
import { LensQuery } from '../../shared/queryModel';
import { ANOMALY_WINDOW_FRAME } from '../../shared/queryTypes';
import { pageSelectors as sel } from '../selectors';

const PARAMS: AnalyseParams = {
  kind: 'prometheus',
  sourceUid: 'prom',
  expr: 'demo_http_latency_seconds{service="checkout"}',
  from: '1764900000000',
  to: '1764921600000',
  dashboardUid: 'svc',
  panelId: 2,
  panelTitle: 'Checkout latency',
};

const URLS: Record<string, string> = {
  prom: 'http://prometheus:9090',
  lensA: 'http://prometheus:9090/',
  lensB: 'http://other:9090',
};

function windowsFrame(): DataFrame {
  const F = ANOMALY_WINDOW_FRAME.fields;
  return toDataFrame({
    name: ANOMALY_WINDOW_FRAME.name,
    fields: [
      { name: F.time, type: FieldType.time, values: [1764910000000] },
      { name: F.timeEnd, type: FieldType.time, values: [1764911200000] },
      { name: F.title, type: FieldType.string, values: ['checkout above its band'] },
      { name: F.text, type: FieldType.string, values: ['peak 0.9 s vs expected 0.2 s, 6.1σ'] },
      { name: F.tags, type: FieldType.other, values: [['anomaly']] },
      { name: F.series, type: FieldType.string, values: ['checkout'] },
      { name: F.score, type: FieldType.number, values: [6.1] },
    ],
  });
}

function fakeServices(lens: Array<{ uid: string; upstream: string }>, dashboard?: DashboardJson) {
  const queries: Array<{ lensUid: string; q: LensQuery }> = [];
  const saved: DashboardJson[] = [];
  const navigated: string[] = [];
  const services: PageServices = {
    lensDataSources: () => lens.map((l) => ({ ...l, name: `Lens ${l.uid}` })),
    dataSourceUrl: async (uid) => URLS[uid],
    dataSourceName: (uid) => (uid === 'prom' ? 'Prometheus' : undefined),
    runQueries: async (lensUid, qs) => {
      qs.forEach((q) => queries.push({ lensUid, q }));
      return qs[0].queryType === 'anomalyWindows' ? [windowsFrame()] : [toDataFrame({ fields: [] })];
    },
    dashboards: {
      get: async () => ({
        dashboard: JSON.parse(JSON.stringify(dashboard ?? {})),
        meta: { canSave: true, folderUid: 'f' },
      }),
      save: async (body) => {
        saved.push(body.dashboard);
      },
    },
    navigate: (url) => navigated.push(url),
    renderPanel: (p: PanelProps) => (
      <div data-testid={`panel-${p.pluginId}`}>
        {p.title}
        {p.onSelectRange && <button onClick={() => p.onSelectRange!(1764909000000, 1764912000000)}>drag</button>}
      </div>
    ),
  };
  return { services, queries, saved, navigated };
}

test('the page shows the band, the flagged windows and the decomposition for the matching data source', async () => {
  const { services, queries } = fakeServices([
    { uid: 'lensA', upstream: 'prometheus' },
    { uid: 'lensB', upstream: 'prometheus' },
    { uid: 'demo', upstream: 'demo' },
  ]);
  render(<AnalysePage params={PARAMS} services={services} />);
  expect(await screen.findByTestId(sel.lensName)).toHaveTextContent('Lens lensA');
  expect(screen.getByTestId(sel.expr)).toHaveTextContent(PARAMS.expr);
  expect(await screen.findByTestId('panel-timeseries')).toHaveTextContent('Checkout latency: expected band');
  expect(screen.getByTestId('panel-seedlabs-stl-panel')).toBeInTheDocument();
  expect(await screen.findByTestId(sel.windows)).toHaveTextContent(
    'checkout above its band: peak 0.9 s vs expected 0.2 s, 6.1σ'
  );
  expect(queries.every((x) => x.lensUid === 'lensA')).toBe(true);
  expect(queries.map((x) => x.q.expr)).toEqual([PARAMS.expr, PARAMS.expr, PARAMS.expr]);
  expect(queries.map((x) => x.q.outputs ?? x.q.queryType)).toEqual([
    ['raw', 'band', 'flag'],
    ['raw', 'decomposition'],
    'anomalyWindows',
  ]);
  expect(screen.getByTestId(sel.dragHint)).toBeInTheDocument();
  expect(screen.getByText(sel.createAlert).closest('a')).toHaveAttribute(
    'href',
    expect.stringMatching(/^\/alerting\/new\/alerting\?defaults=/)
  );
});

test('dragging across the band ranks what moved with it over that window', async () => {
  const { services, queries } = fakeServices([{ uid: 'lensA', upstream: 'prometheus' }]);
  render(<AnalysePage params={PARAMS} services={services} />);
  fireEvent.click(await screen.findByText('drag'));
  expect(await screen.findByTestId('panel-seedlabs-correlations-panel')).toBeInTheDocument();
  const ranking = queries.find((x) => x.q.queryType === 'correlations')!.q;
  expect(ranking).toMatchObject({
    expr: '{__name__=~"demo_.*"}',
    correlate: { target: PARAMS.expr, window: { from: 1764909000000, to: 1764912000000 } },
  });
});

test('"Add anomaly band" previews the query, then saves it to the panel', async () => {
  const dashboard: DashboardJson = {
    uid: 'svc',
    version: 1,
    panels: [{ id: 2, type: 'timeseries', title: 'Checkout latency', targets: [{ refId: 'A', expr: PARAMS.expr }] }],
  };
  const { services, saved } = fakeServices([{ uid: 'lensA', upstream: 'prometheus' }], dashboard);
  render(<AnalysePage params={PARAMS} services={services} />);
  const add = await screen.findByText(sel.addBand);
  await act(async () => fireEvent.click(add));
  expect(screen.getByTestId(sel.bandPreview)).toHaveTextContent('seedlabs-anomalylens-datasource');
  expect(saved).toHaveLength(0);
  await act(async () => fireEvent.click(screen.getByText(sel.saveBand)));
  expect(screen.getByTestId(sel.bandMessage)).toHaveTextContent('"Checkout latency" now draws the expected band');
  expect(saved[0].panels![0].targets).toHaveLength(2);
});

test('with no URL match the user picks the data source; with none of the kind the page says how to add one', async () => {
  URLS.elsewhere = 'http://nowhere:9090';
  const { services, queries } = fakeServices([
    { uid: 'lensB', upstream: 'prometheus' },
    { uid: 'lensC', upstream: 'prometheus' },
  ]);
  render(<AnalysePage params={{ ...PARAMS, sourceUid: 'elsewhere' }} services={services} />);
  expect(await screen.findByLabelText(sel.lensPicker)).toBeInTheDocument();
  expect(queries).toHaveLength(0);

  const none = fakeServices([{ uid: 'demo', upstream: 'demo' }]);
  render(<AnalysePage params={PARAMS} services={none.services} />);
  expect(await screen.findByTestId(sel.noLens)).toHaveTextContent('docs/provisioning.md');
});

test('opened from Explore, the page goes on to Explore with both queries once the data source is known', async () => {
  const { services, navigated } = fakeServices([{ uid: 'lensA', upstream: 'prometheus' }]);
  render(<AnalysePage params={{ ...PARAMS, openExplore: true }} services={services} />);
  await waitFor(() => expect(navigated).toHaveLength(1));
  expect(navigated[0]).toMatch(/^\/explore\?schemaVersion=1&panes=/);
  expect(decodeURIComponent(navigated[0])).toContain('"uid":"lensA"');
});

test('toTimeRange reads epoch milliseconds and now-relative ends', () => {
  const now = Date.UTC(2026, 11, 5, 12);
  const r = toTimeRange({ from: 'now-6h', to: 'now' }, now)!;
  expect(r.from.valueOf()).toBe(now - 6 * 3_600_000);
  expect(r.to.valueOf()).toBe(now);
  expect(toTimeRange({ from: '10', to: '5' })).toBeUndefined();
  expect(toTimeRange({ from: 'yesterday', to: 'now' })).toBeUndefined();
});
