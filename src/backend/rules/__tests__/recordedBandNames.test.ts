import { levelOfExpr, metricOfExpr, recordedBandNames } from '../recordedBandNames';

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

describe('levelOfExpr', () => {
  it('is the by-labels of an aggregation, else the matched labels, else series', () => {
    expect(levelOfExpr('sum by (job, instance) (x)')).toBe('job_instance');
    expect(levelOfExpr('x{service="a", region=~"eu.*"}')).toBe('service_region');
    expect(levelOfExpr('x')).toBe('series');
  });
});

describe('recordedBandNames', () => {
  it('puts the method and its span in the operation so two exports never collide', () => {
    const a = recordedBandNames('job', 'x', 'moving', 3_600_000);
    const b = recordedBandNames('job', 'x', 'moving', 1_800_000);
    expect(a.expected).toBe('job:x:moving1h_expected');
    expect(b.expected).toBe('job:x:moving30m_expected');
    expect(recordedBandNames('job', 'x', 'seasonal', 86_400_000).flag).toBe('job:x:seasonal1d_flag');
  });
});
