import { suggestCompletions } from '../suggestCompletions';
import { UpstreamLookups } from '../upstreamLookups';

function lookups(over: Partial<UpstreamLookups> = {}): UpstreamLookups {
  const none = () => Promise.reject(new Error('not expected'));
  return {
    metrics: none,
    labelNames: none,
    labelValues: none,
    measurements: none,
    fieldKeys: none,
    tagKeys: none,
    tagValues: none,
    ...over,
  };
}

describe('suggestCompletions', () => {
  it('lists metrics then functions matching the prefix, prefix matches first', async () => {
    const l = lookups({
      metrics: async () => [{ name: 'http_requests_total', help: 'Requests' }, { name: 'node_http_x' }, { name: 'up' }],
    });
    const items = await suggestCompletions({ kind: 'metric', prefix: 'http', from: 0 }, l);
    expect(items.map((i) => i.label)).toEqual(['http_requests_total', 'node_http_x']);
    expect(items[0].detail).toBe('Requests');
    const rate = await suggestCompletions({ kind: 'metric', prefix: 'rat', from: 0 }, l);
    expect(rate[0]).toEqual({ label: 'rate', insertText: 'rate(', detail: 'function', kind: 'function' });
    expect(rate.map((i) => i.label)).toEqual(['rate', 'irate']);
    // A metric and a function that both start with the prefix: the metric first.
    const withRateMetric = lookups({ metrics: async () => [{ name: 'rate_limited_total' }] });
    const both = await suggestCompletions({ kind: 'metric', prefix: 'rate', from: 0 }, withRateMetric);
    expect(both.map((i) => `${i.kind}:${i.label}`)).toEqual([
      'metric:rate_limited_total',
      'function:rate',
      'function:irate',
    ]);
  });

  it('asks label names of the selector metric and hides __name__', async () => {
    const seen: Array<string | undefined> = [];
    const l = lookups({
      labelNames: async (m) => {
        seen.push(m);
        return ['__name__', 'job', 'instance'];
      },
    });
    const items = await suggestCompletions({ kind: 'labelName', prefix: '', from: 3, metric: 'up' }, l);
    expect(seen).toEqual(['up']);
    expect(items.map((i) => i.label)).toEqual(['instance', 'job']);
  });

  it('escapes label values for a double-quoted PromQL string', async () => {
    const l = lookups({ labelValues: async () => ['a"b', 'c\\d'] });
    const items = await suggestCompletions({ kind: 'labelValue', prefix: '', from: 0, label: 'p' }, l);
    expect(items.map((i) => i.insertText)).toEqual(['a\\"b', 'c\\\\d']);
  });

  it('quotes InfluxQL identifiers that need it and closes an opened quote', async () => {
    const l = lookups({ measurements: async () => ['cpu', 'disk io'] });
    const plain = await suggestCompletions({ kind: 'measurement', prefix: '', from: 0 }, l);
    expect(plain.map((i) => i.insertText)).toEqual(['cpu', '"disk io"']);
    const opened = await suggestCompletions({ kind: 'measurement', prefix: 'd', from: 0, quoted: true }, l);
    expect(opened.map((i) => i.insertText)).toEqual(['disk io"']);
  });

  it('escapes tag values for a single-quoted InfluxQL string and needs measurement and key', async () => {
    const l = lookups({ tagValues: async (m, k) => (m === 'cpu' && k === 'host' ? ["o'brien"] : []) });
    const items = await suggestCompletions({ kind: 'tagValue', prefix: '', from: 0, metric: 'cpu', label: 'host' }, l);
    expect(items.map((i) => i.insertText)).toEqual(["o\\'brien"]);
    expect(await suggestCompletions({ kind: 'tagValue', prefix: '', from: 0, label: 'host' }, l)).toEqual([]);
  });

  it('passes look-up failures to the caller', async () => {
    const l = lookups({ metrics: () => Promise.reject(new Error('Prometheus answered 503')) });
    await expect(suggestCompletions({ kind: 'metric', prefix: '', from: 0 }, l)).rejects.toThrow('503');
  });
});
