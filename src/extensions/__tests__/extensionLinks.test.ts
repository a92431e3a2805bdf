import { parseAnalyseParams } from '../analyseParams';
import { EXPLORE_TOOLBAR, extensionLinks, LinkContext, PANEL_MENU } from '../extensionLinks';

const interpolate = (text: string, vars?: Record<string, unknown>) =>
  text.replace(/\$(\w+)/g, (m, name) => String((vars?.[name] as { value?: unknown } | undefined)?.value ?? m));
const [analyse, addBand, explore] = extensionLinks(interpolate);

const promPanel: LinkContext = {
  id: 4,
  title: 'Checkout p99',
  dashboard: { uid: 'svc' },
  timeRange: { from: 'now-12h', to: 'now' },
  scopedVars: { service: { value: 'checkout' } },
  targets: [{ refId: 'A', datasource: { type: 'prometheus', uid: 'prom' }, expr: 'p99{service="$service"}' }],
};

const paramsOf = (path: string) => parseAnalyseParams(path.slice(path.indexOf('?')));

test('the links sit in the panel menu and the Explore toolbar, with paths under the app', () => {
  expect(analyse.targets).toEqual([PANEL_MENU]);
  expect(addBand.targets).toEqual([PANEL_MENU]);
  expect(explore.targets).toEqual([EXPLORE_TOOLBAR]);
  for (const l of [analyse, addBand, explore]) {
    expect(l.path.startsWith('/a/seedlabs-anomalylens-app/')).toBe(true);
  }
});

test('"Analyse with Anomaly Lens" opens the page with the expression, variables replaced, range and panel', () => {
  expect(paramsOf(analyse.configure(promPanel)!.path)).toEqual({
    kind: 'prometheus',
    sourceUid: 'prom',
    expr: 'p99{service="checkout"}',
    from: 'now-12h',
    to: 'now',
    dashboardUid: 'svc',
    panelId: 4,
    panelTitle: 'Checkout p99',
  });
});

test('the links are hidden on panels that are not Prometheus or raw InfluxQL', () => {
  const loki: LinkContext = { ...promPanel, targets: [{ datasource: { type: 'loki', uid: 'l' }, expr: '{app="x"}' }] };
  const builder: LinkContext = { ...promPanel, targets: [{ datasource: { type: 'influxdb', uid: 'i' }, query: 'x' }] };
  for (const l of [analyse, addBand, explore]) {
    expect(l.configure(loki)).toBeUndefined();
    expect(l.configure(builder)).toBeUndefined();
    expect(l.configure(undefined)).toBeUndefined();
  }
});

test('"Add anomaly band to this panel" asks for the preview, and only on a dashboard panel', () => {
  expect(paramsOf(addBand.configure(promPanel)!.path)).toMatchObject({
    addBand: true,
    dashboardUid: 'svc',
    panelId: 4,
  });
  expect(addBand.configure({ ...promPanel, dashboard: undefined })).toBeUndefined();
});

test('the Explore action goes on to Explore and names no panel', () => {
  const ctx: LinkContext = {
    timeRange: { from: new Date(Date.UTC(2026, 11, 1)), to: new Date(Date.UTC(2026, 11, 2)) },
    targets: [
      {
        refId: 'A',
        datasource: { type: 'influxdb', uid: 'infl' },
        query: 'SELECT mean("v") FROM "cpu" WHERE $timeFilter',
        rawQuery: true,
      },
    ],
  };
  expect(paramsOf(explore.configure(ctx)!.path)).toEqual({
    kind: 'influxdb',
    sourceUid: 'infl',
    expr: 'SELECT mean("v") FROM "cpu" WHERE $timeFilter',
    from: String(Date.UTC(2026, 11, 1)),
    to: String(Date.UTC(2026, 11, 2)),
    openExplore: true,
  });
});
