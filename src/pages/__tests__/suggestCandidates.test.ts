import { firstMetric, suggestCandidates } from '../suggestCandidates';

test('firstMetric skips functions, grouping labels, durations and label values', () => {
  expect(firstMetric('demo_http_latency_seconds{service="checkout"}')).toBe('demo_http_latency_seconds');
  expect(firstMetric('histogram_quantile(0.99, sum by (le, service) (rate(http_bucket{a="b_c"}[5m])))')).toBe(
    'http_bucket'
  );
  expect(firstMetric('sum without (instance) (node_cpu_seconds_total)')).toBe('node_cpu_seconds_total');
  expect(firstMetric('vector(1)')).toBeUndefined();
});

test('suggestCandidates proposes the metric family for PromQL and nothing for InfluxQL', () => {
  expect(suggestCandidates('prometheus', 'rate(demo_http_requests_total[5m])')).toBe('{__name__=~"demo_.*"}');
  expect(suggestCandidates('prometheus', 'up')).toBe('{__name__=~"up.*"}');
  expect(suggestCandidates('influxdb', 'SELECT mean("v") FROM "cpu"')).toBeUndefined();
});
