import type { UpstreamKind } from '../../../shared/queryModel';
import { upstreamAdapter } from '../upstreamAdapters';

const LIMITS = { maxResponseBytes: 1e6, maxSeries: 100, maxPoints: 1e6 };

/** The Explore expression each upstream's connection gives for one series of a candidate query. */
function exploreExpr(
  kind: UpstreamKind,
  candidateExpr: string,
  series: { name: string; labels: Record<string, string> }
) {
  return upstreamAdapter(kind).connect({ limits: LIMITS }).exploreExpr(candidateExpr, series);
}

test('exploreExpr gives Prometheus series with a name their exact selector', () => {
  const s = { name: 'http_requests_total', labels: { __name__: 'http_requests_total', code: '500', job: 'api' } };
  expect(exploreExpr('prometheus', 'sum by (code) (x)', s)).toBe('http_requests_total{code="500",job="api"}');
});

test('exploreExpr keeps the candidate query when a Prometheus series has no name (an expression dropped it)', () => {
  const s = { name: 'value', labels: { job: 'api' } };
  expect(exploreExpr('prometheus', 'rate(http_requests_total[5m])', s)).toBe('rate(http_requests_total[5m])');
});

test('exploreExpr names demo series by their metric and keeps InfluxQL unchanged', () => {
  expect(
    exploreExpr('demo', '{__name__=~"demo_.*"}', { name: 'demo_cpu_utilization', labels: { host: 'web-2' } })
  ).toBe('demo_cpu_utilization{host="web-2"}');
  const influx = 'SELECT mean("value") FROM "cpu" WHERE $timeFilter GROUP BY time($__interval), "host"';
  expect(exploreExpr('influxdb', influx, { name: 'mean', labels: { host: 'a' } })).toBe(influx);
});
