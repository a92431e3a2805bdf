import { suggestCandidates } from '../suggestCandidates';

test('suggestCandidates proposes the metric family for PromQL and nothing for InfluxQL', () => {
  expect(
    suggestCandidates('prometheus', 'histogram_quantile(0.99, sum by (le) (rate(http_bucket{a="b_c"}[5m])))')
  ).toBe('{__name__=~"http_.*"}');
  expect(suggestCandidates('prometheus', 'vector(1)')).toBeUndefined();
  expect(suggestCandidates('prometheus', 'rate(demo_http_requests_total[5m])')).toBe('{__name__=~"demo_.*"}');
  expect(suggestCandidates('prometheus', 'up')).toBe('{__name__=~"up.*"}');
  expect(suggestCandidates('influxdb', 'SELECT mean("v") FROM "cpu"')).toBeUndefined();
});
