import { metricOfExpr } from '../metricOfExpr';

describe('metricOfExpr', () => {
  it('finds the metric under functions, aggregations, matchers, ranges and offsets', () => {
    expect(metricOfExpr('up')).toBe('up');
    expect(metricOfExpr('demo_http_latency_seconds{service="checkout"}')).toBe('demo_http_latency_seconds');
    expect(metricOfExpr('sum by (job) (rate(http_requests_total{code=~"5.."}[5m] offset 1h))')).toBe(
      'http_requests_total'
    );
    expect(metricOfExpr('histogram_quantile(0.99, sum without (pod) (rate(req_bucket[5m])))')).toBe('req_bucket');
    expect(metricOfExpr('job:errors:rate5m / 2')).toBe('job:errors:rate5m');
  });

  it('answers undefined when the expression names no metric', () => {
    expect(metricOfExpr('vector(1)')).toBeUndefined();
    expect(metricOfExpr('{__name__="x"}')).toBeUndefined();
  });
});
