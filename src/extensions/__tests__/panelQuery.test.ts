import { panelQuery } from '../panelQuery';

const prom = { type: 'prometheus', uid: 'prom' };
const influx = { type: 'influxdb', uid: 'influx' };

test('panelQuery takes the first Prometheus expression', () => {
  expect(
    panelQuery([
      { refId: 'A', datasource: { type: 'loki', uid: 'l' }, expr: '{app="x"}' },
      { refId: 'B', datasource: prom, expr: ' rate(http_requests_total[5m]) ' },
      { refId: 'C', datasource: prom, expr: 'up' },
    ])
  ).toEqual({ kind: 'prometheus', dataSourceUid: 'prom', expr: 'rate(http_requests_total[5m])' });
});

test('panelQuery takes raw InfluxQL and skips the visual builder and Flux', () => {
  expect(panelQuery([{ datasource: influx, query: 'SELECT 1', rawQuery: false }])).toBeUndefined();
  expect(
    panelQuery([{ datasource: influx, query: 'from(bucket:"x")', rawQuery: true, language: 'flux' }])
  ).toBeUndefined();
  expect(panelQuery([{ datasource: influx, query: 'SELECT mean("v") FROM "cpu"', rawQuery: true }])).toEqual({
    kind: 'influxdb',
    dataSourceUid: 'influx',
    expr: 'SELECT mean("v") FROM "cpu"',
  });
});

test('panelQuery skips hidden, empty and data-source-less targets', () => {
  expect(
    panelQuery([
      { datasource: prom, expr: 'up', hide: true },
      { datasource: prom, expr: '  ' },
      { expr: 'up' },
      { datasource: null, expr: 'up' },
    ])
  ).toBeUndefined();
  expect(panelQuery(undefined)).toBeUndefined();
});
