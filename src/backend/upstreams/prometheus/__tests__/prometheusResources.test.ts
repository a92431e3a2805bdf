import { fakeUpstreamPerFile, json } from '../../../../../tests/integration/helpers/fakeUpstream';
import { labelNames, labelValues, metricMetadata, seriesLabels } from '../prometheusResources';
import { prometheusSettingsFrom } from '../prometheusSettings';

const fake = fakeUpstreamPerFile();

const settings = () => prometheusSettingsFrom({ url: fake.url });

describe('Prometheus look-ups', () => {
  it('labelNames sends matchers and the time window', async () => {
    fake.handle((_req, res) => json(res, 200, { status: 'success', data: ['__name__', 'job'] }));
    expect(await labelNames(settings(), { matchers: ['up'], fromMs: 1_000_000, toMs: 2_000_000 })).toEqual([
      '__name__',
      'job',
    ]);
    const q = fake.requests[0].query;
    expect(fake.requests[0].path).toBe('/api/v1/labels');
    expect(q.getAll('match[]')).toEqual(['up']);
    expect(q.get('start')).toBe('1000');
    expect(q.get('end')).toBe('2000');
  });

  it('look-ups carry the custom query parameters', async () => {
    fake.handle((_req, res) => json(res, 200, { status: 'success', data: ['job'] }));
    const custom = prometheusSettingsFrom({ url: fake.url, jsonData: { customQueryParameters: '?tenant=a%20b' } });
    await labelNames(custom, { matchers: ['up'] });
    expect(fake.requests[0].query.get('tenant')).toBe('a b');
    expect(fake.requests[0].query.getAll('match[]')).toEqual(['up']);
  });

  it('labelValues puts a valid label name in the path', async () => {
    fake.handle((_req, res) => json(res, 200, { status: 'success', data: ['a', 'b'] }));
    expect(await labelValues(settings(), '__name__')).toEqual(['a', 'b']);
    expect(fake.requests[0].path).toBe('/api/v1/label/__name__/values');
  });

  it('labelValues refuses a label name that could change the path', async () => {
    for (const bad of ['../admin', 'a/b', 'job?x=1', '9lives', '']) {
      await expect(labelValues(settings(), bad)).rejects.toThrow(/is not a valid Prometheus label name/);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('seriesLabels needs a selector and enforces the series limit', async () => {
    await expect(seriesLabels(settings(), [])).rejects.toThrow(/at least one non-empty selector/);
    fake.handle((_req, res) => json(res, 200, { status: 'success', data: [{ __name__: 'up', job: 'a' }] }));
    expect(await seriesLabels(settings(), ['up'])).toEqual([{ __name__: 'up', job: 'a' }]);
    fake.handle((_req, res) => json(res, 200, { status: 'success', data: [{ a: '1' }, { a: '2' }] }));
    const s = settings();
    s.http.limits.maxSeries = 1;
    await expect(seriesLabels(s, ['up'])).rejects.toThrow(/matched 2 series, over the limit of 1/);
  });

  it('seriesLabels refuses entries that are not label sets instead of splitting them into characters', async () => {
    for (const entry of ['up', ['a'], null, { a: 1 }]) {
      fake.handle((_req, res) => json(res, 200, { status: 'success', data: [{ a: '1' }, entry] }));
      await expect(seriesLabels(settings(), ['up'])).rejects.toMatchObject({
        kind: 'malformed',
        status: 502,
        message:
          'Prometheus sent an unexpected series list: entry 1 is not a label set (an object of label names to ' +
          'string values)',
      });
    }
  });

  it('metricMetadata keeps the first entry per metric', async () => {
    fake.handle((_req, res) =>
      json(res, 200, {
        status: 'success',
        data: {
          up: [
            { type: 'gauge', help: 'Target up', unit: '' },
            { type: 'counter', help: 'other', unit: '' },
          ],
        },
      })
    );
    expect(await metricMetadata(settings(), { metric: 'up', limit: 5 })).toEqual({
      up: { type: 'gauge', help: 'Target up', unit: '' },
    });
    expect(fake.requests[0].query.get('metric')).toBe('up');
    expect(fake.requests[0].query.get('limit')).toBe('5');
  });

  it('passes Prometheus errors through', async () => {
    fake.handle((_req, res) =>
      json(res, 400, { status: 'error', errorType: 'bad_data', error: 'invalid parameter "match[]"' })
    );
    await expect(labelNames(settings(), { matchers: ['{'] })).rejects.toThrow(
      'Prometheus error (bad_data): invalid parameter "match[]"'
    );
  });
});

describe('prometheusSettingsFrom', () => {
  it('reads the scrape interval and HTTP method', () => {
    const s = prometheusSettingsFrom({ url: 'http://x', jsonData: { timeInterval: '30s', httpMethod: 'get' } });
    expect(s.scrapeIntervalMs).toBe(30_000);
    expect(s.httpMethod).toBe('GET');
    expect(prometheusSettingsFrom({ url: 'http://x' })).toMatchObject({ scrapeIntervalMs: 15_000, httpMethod: 'POST' });
  });

  it('refuses a bad scrape interval or method', () => {
    expect(() => prometheusSettingsFrom({ url: 'http://x', jsonData: { timeInterval: 'often' } })).toThrow(
      /timeInterval \(scrape interval\)/
    );
    expect(() => prometheusSettingsFrom({ url: 'http://x', jsonData: { httpMethod: 'PUT' } })).toThrow(
      /httpMethod must be GET or POST/
    );
  });

  it('reads the Prometheus type (Grafana spelling, any case) and names the upstream after it', () => {
    expect(prometheusSettingsFrom({ url: 'http://x' })).toMatchObject({ type: 'Prometheus', version: undefined });
    const s = prometheusSettingsFrom({
      url: 'http://x',
      jsonData: { prometheusType: 'mimir', prometheusVersion: ' 2.9.1 ' },
    });
    expect(s).toMatchObject({ type: 'Mimir', version: '2.9.1' });
    expect(s.http.upstreamName).toBe('Mimir');
    expect(prometheusSettingsFrom({ url: 'http://x', jsonData: { prometheusType: 'victoriametrics' } }).type).toBe(
      'VictoriaMetrics'
    );
    expect(() => prometheusSettingsFrom({ url: 'http://x', jsonData: { prometheusType: 'Influx' } })).toThrow(
      /prometheusType must be one of Prometheus, Cortex, Mimir, Thanos, VictoriaMetrics, got "Influx"/
    );
    expect(() => prometheusSettingsFrom({ url: 'http://x', jsonData: { prometheusVersion: 'x'.repeat(40) } })).toThrow(
      /prometheusVersion must be text of at most 32 characters/
    );
  });

  it('parses custom query parameters and refuses ones the plugin sets itself', () => {
    expect(prometheusSettingsFrom({ url: 'http://x' }).customParams).toEqual([]);
    expect(
      prometheusSettingsFrom({ url: 'http://x', jsonData: { customQueryParameters: 'a=1&b=x%3Dy&a=2' } }).customParams
    ).toEqual([
      ['a', '1'],
      ['b', 'x=y'],
      ['a', '2'],
    ]);
    for (const reserved of ['query=up', 'a=1&step=1', 'match[]=x', 'time=0']) {
      expect(() => prometheusSettingsFrom({ url: 'http://x', jsonData: { customQueryParameters: reserved } })).toThrow(
        /customQueryParameters may not set ".*": the plugin sets it on each request/
      );
    }
    expect(() => prometheusSettingsFrom({ url: 'http://x', jsonData: { customQueryParameters: '=1' } })).toThrow(
      /without a name/
    );
    const many = Array.from({ length: 21 }, (_, i) => `p${i}=1`).join('&');
    expect(() => prometheusSettingsFrom({ url: 'http://x', jsonData: { customQueryParameters: many } })).toThrow(
      /more than 20 parameters/
    );
    expect(() => prometheusSettingsFrom({ url: 'http://x', jsonData: { customQueryParameters: 5 } })).toThrow(
      /must be text/
    );
  });
});
