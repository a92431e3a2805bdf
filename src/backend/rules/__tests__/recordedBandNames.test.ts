import { levelOfExpr, recordedBandNames } from '../recordedBandNames';

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
