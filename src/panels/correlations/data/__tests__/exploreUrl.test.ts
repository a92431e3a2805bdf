import { exploreUrl } from '../exploreUrl';

describe('exploreUrl', () => {
  const expr = 'rate(http_requests_total{service="a b", path=~"/x&y#z"}[5m]) + 1';
  const url = exploreUrl({
    datasource: { uid: 'anomalylens-prometheus', type: 'seedlabs-anomalylens-datasource' },
    expr,
    fromMs: 1767225600000,
    toMs: 1767227400000,
  });
  const parsed = new URL(url, 'http://grafana.local');

  it('opens Explore with the multi-pane URL format', () => {
    expect(parsed.pathname).toBe('/explore');
    expect(parsed.searchParams.get('schemaVersion')).toBe('1');
  });

  it('carries the data source, the row expression unchanged and the window as epoch-ms range', () => {
    const panes = JSON.parse(parsed.searchParams.get('panes') ?? 'null');
    expect(Object.keys(panes)).toHaveLength(1);
    const pane = Object.values(panes)[0];
    expect(pane).toEqual({
      datasource: 'anomalylens-prometheus',
      queries: [
        {
          refId: 'A',
          datasource: { uid: 'anomalylens-prometheus', type: 'seedlabs-anomalylens-datasource' },
          schemaVersion: 2,
          expr,
        },
      ],
      range: { from: '1767225600000', to: '1767227400000' },
    });
  });
});

describe('exploreUrl with rankAgainst ("use as target")', () => {
  it("opens a correlations query whose target is the row and whose candidates and window are the panel query's", () => {
    const url = exploreUrl({
      datasource: { uid: 'lens', type: 'seedlabs-anomalylens-datasource' },
      expr: 'cpu{container="carts"}',
      fromMs: 1000,
      toMs: 9000,
      rankAgainst: { candidates: '{__name__=~"cpu|mem"}', windowFromMs: 5000, windowToMs: 9000 },
    });
    const panes = JSON.parse(new URL(url, 'http://grafana.local').searchParams.get('panes') ?? 'null');
    const [query] = (Object.values(panes)[0] as { queries: object[] }).queries;
    expect(query).toEqual({
      refId: 'A',
      datasource: { uid: 'lens', type: 'seedlabs-anomalylens-datasource' },
      schemaVersion: 2,
      queryType: 'correlations',
      expr: '{__name__=~"cpu|mem"}',
      correlate: { target: 'cpu{container="carts"}', window: { from: '5000', to: '9000' } },
    });
  });
});
