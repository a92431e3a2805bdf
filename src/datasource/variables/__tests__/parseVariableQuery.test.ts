import { parseVariableQuery } from '../parseVariableQuery';
import { runVariableQuery } from '../runVariableQuery';
import { UpstreamLookups } from '../../completion/upstreamLookups';

describe('parseVariableQuery', () => {
  it('reads the Prometheus-style functions with optional metric', () => {
    expect(parseVariableQuery('metrics()')).toEqual({ kind: 'metrics' });
    expect(parseVariableQuery('metrics(^demo_.*,x)')).toEqual({ kind: 'metrics', regex: '^demo_.*,x' });
    expect(parseVariableQuery(' label_names() ')).toEqual({ kind: 'labelNames' });
    expect(parseVariableQuery('label_names(up)')).toEqual({ kind: 'labelNames', metric: 'up' });
    expect(parseVariableQuery('label_values(service)')).toEqual({ kind: 'labelValues', label: 'service' });
    expect(parseVariableQuery('label_values(demo_up, "service")')).toEqual({
      kind: 'labelValues',
      metric: 'demo_up',
      label: 'service',
    });
  });

  it('reads the InfluxDB functions', () => {
    expect(parseVariableQuery('measurements()')).toEqual({ kind: 'measurements' });
    expect(parseVariableQuery('field_keys(cpu)')).toEqual({ kind: 'fieldKeys', measurement: 'cpu' });
    expect(parseVariableQuery("tag_keys('cpu')")).toEqual({ kind: 'tagKeys', measurement: 'cpu' });
    expect(parseVariableQuery('tag_values(cpu, host)')).toEqual({ kind: 'tagValues', measurement: 'cpu', key: 'host' });
  });

  it('says what is wrong with a bad query', () => {
    expect(() => parseVariableQuery('up')).toThrow(/is not a variable query; use one of metrics/);
    expect(() => parseVariableQuery('series(up)')).toThrow('unknown function series()');
    expect(() => parseVariableQuery('label_values()')).toThrow('label_values() takes 1 to 2 arguments');
    expect(() => parseVariableQuery('tag_values(cpu)')).toThrow('tag_values() takes 2 arguments');
    expect(() => parseVariableQuery('label_values(a,,b)')).toThrow('takes 1 to 2 arguments');
  });
});

describe('runVariableQuery', () => {
  const lookups: UpstreamLookups = {
    metrics: async () => [{ name: 'demo_up' }, { name: 'node_load1' }, { name: 'demo_up' }],
    labelNames: async () => ['__name__', 'service', 'job'],
    labelValues: async (label, metric) => (label === 'service' && metric === 'demo_up' ? ['b', 'a', 'b'] : []),
    measurements: async () => ['mem', 'cpu'],
    fieldKeys: async () => [{ key: 'used', type: 'float' }],
    tagKeys: async () => ['host'],
    tagValues: async () => ['web2', 'web1'],
  };

  it('answers sorted values without duplicates', async () => {
    expect(await runVariableQuery({ kind: 'metrics' }, 'prometheus', lookups)).toEqual(['demo_up', 'node_load1']);
    expect(
      await runVariableQuery({ kind: 'labelValues', metric: 'demo_up', label: 'service' }, 'demo', lookups)
    ).toEqual(['a', 'b']);
    expect(await runVariableQuery({ kind: 'labelNames' }, 'demo', lookups)).toEqual(['job', 'service']);
    expect(await runVariableQuery({ kind: 'tagValues', measurement: 'cpu', key: 'host' }, 'influxdb', lookups)).toEqual(
      ['web1', 'web2']
    );
  });

  it('filters metrics by regex and answers metrics() with measurements on InfluxDB', async () => {
    expect(await runVariableQuery({ kind: 'metrics', regex: '^node' }, 'demo', lookups)).toEqual(['node_load1']);
    expect(await runVariableQuery({ kind: 'metrics' }, 'influxdb', lookups)).toEqual(['cpu', 'mem']);
    await expect(runVariableQuery({ kind: 'metrics', regex: '(' }, 'demo', lookups)).rejects.toThrow(/^metrics\(\): /);
  });
});
