import { upstreamLookups } from '../upstreamLookups';

function recorder(answers: Record<string, unknown>) {
  const calls: string[] = [];
  const getResource = async <T>(path: string, params: Record<string, string> = {}): Promise<T> => {
    const key = `${path}?${new URLSearchParams(params).toString()}`;
    calls.push(key);
    if (!(key in answers)) {
      throw new Error(`unexpected ${key}`);
    }
    const a = answers[key];
    if (a instanceof Error) {
      throw a;
    }
    return a as T;
  };
  return { calls, getResource };
}

describe('upstreamLookups', () => {
  it('reads demo metrics with their help and asks each resource once', async () => {
    const r = recorder({ 'metrics?': { metrics: [{ name: 'demo_up', help: 'Up', unit: '', labels: [] }] } });
    const l = upstreamLookups('demo', r.getResource);
    expect(await l.metrics()).toEqual([{ name: 'demo_up', help: 'Up' }]);
    await l.metrics();
    expect(r.calls).toEqual(['metrics?']);
  });

  it('reads Prometheus metric names from __name__ values and adds metadata help when offered', async () => {
    const r = recorder({
      'label-values?label=__name__': { label: '__name__', values: ['up', 'x'] },
      'metadata?': { metadata: { up: { type: 'gauge', help: 'Target up', unit: '' } } },
    });
    expect(await upstreamLookups('prometheus', r.getResource).metrics()).toEqual([
      { name: 'up', help: 'Target up' },
      { name: 'x', help: undefined },
    ]);
  });

  it('still completes Prometheus names when metadata fails', async () => {
    const r = recorder({
      'label-values?label=__name__': { label: '__name__', values: ['up'] },
      'metadata?': new Error('404'),
    });
    expect(await upstreamLookups('prometheus', r.getResource).metrics()).toEqual([{ name: 'up', help: undefined }]);
  });

  it('passes metric and label to label look-ups', async () => {
    const r = recorder({
      'labels?metric=up': { labels: ['job'] },
      'label-values?label=job&metric=up': { label: 'job', values: ['a'] },
    });
    const l = upstreamLookups('prometheus', r.getResource);
    expect(await l.labelNames('up')).toEqual(['job']);
    expect(await l.labelValues('job', 'up')).toEqual(['a']);
  });

  it('reads InfluxDB measurements, field keys, tag keys and tag values', async () => {
    const r = recorder({
      'measurements?': { measurements: ['cpu'] },
      'field-keys?measurement=cpu': { measurement: 'cpu', fields: [{ key: 'usage', type: 'float' }] },
      'tag-keys?measurement=cpu': { measurement: 'cpu', keys: ['host'] },
      'tag-values?measurement=cpu&key=host': { measurement: 'cpu', key: 'host', values: ['web1'] },
    });
    const l = upstreamLookups('influxdb', r.getResource);
    expect(await l.measurements()).toEqual(['cpu']);
    expect(await l.fieldKeys('cpu')).toEqual([{ key: 'usage', type: 'float' }]);
    expect(await l.tagKeys('cpu')).toEqual(['host']);
    expect(await l.tagValues('cpu', 'host')).toEqual(['web1']);
    await expect(l.metrics()).rejects.toThrow('not offered by the influxdb upstream');
  });

  it('forgets a failed look-up so the next keystroke can retry', async () => {
    let fail = true;
    const calls: string[] = [];
    const l = upstreamLookups('demo', async <T>(path: string): Promise<T> => {
      calls.push(path);
      if (fail) {
        throw new Error('timeout');
      }
      return { metrics: [] } as T;
    });
    await expect(l.metrics()).rejects.toThrow('timeout');
    fail = false;
    await Promise.resolve();
    expect(await l.metrics()).toEqual([]);
    expect(calls).toHaveLength(2);
  });
});
