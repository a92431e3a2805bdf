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
