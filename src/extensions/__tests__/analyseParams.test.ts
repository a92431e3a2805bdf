import { analysePath, parseAnalyseParams, rangeEnd } from '../analyseParams';

test('analysePath and parseAnalyseParams round-trip every field', () => {
  const p = {
    kind: 'prometheus' as const,
    sourceUid: 'prom',
    expr: 'histogram_quantile(0.99, sum by (le) (rate(x_bucket{svc="a&b"}[5m])))',
    from: 'now-6h',
    to: 'now',
    dashboardUid: 'dash',
    panelId: 7,
    panelTitle: 'Latency p99',
    addBand: true,
    openExplore: true,
    window: { fromMs: 1000, toMs: 2000 },
  };
  const path = analysePath(p);
  expect(path.startsWith('/a/seedlabs-anomalylens-app/analyse?')).toBe(true);
  expect(parseAnalyseParams(path.slice(path.indexOf('?')))).toEqual(p);
});

test('analysePath leaves out the panel when there is no dashboard (Explore)', () => {
  const path = analysePath({ kind: 'influxdb', sourceUid: 'i', expr: 'SELECT 1', from: '1', to: '2', panelId: 3 });
  expect(parseAnalyseParams(path.slice(path.indexOf('?')))).toEqual({
    kind: 'influxdb',
    sourceUid: 'i',
    expr: 'SELECT 1',
    from: '1',
    to: '2',
  });
});

test('parseAnalyseParams ignores a window that ends before it starts', () => {
  expect(parseAnalyseParams('?kind=prometheus&source=p&expr=up&windowFrom=5&windowTo=1')).not.toHaveProperty('window');
});

test('parseAnalyseParams says what is missing', () => {
  expect(parseAnalyseParams('')).toEqual({ error: expect.stringMatching(/panel's menu/) });
  expect(parseAnalyseParams('?kind=prometheus&source=p')).toEqual({ error: expect.stringMatching(/expr/) });
});

test('rangeEnd keeps relative text and turns dates into epoch milliseconds', () => {
  expect(rangeEnd('now-1h', 'now')).toBe('now-1h');
  expect(rangeEnd(new Date(Date.UTC(2026, 0, 1)), 'now')).toBe('1767225600000');
  expect(rangeEnd(undefined, 'now')).toBe('now');
});
