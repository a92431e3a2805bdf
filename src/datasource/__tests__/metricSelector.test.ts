import { metricSelector } from '../metricSelector';

describe('metricSelector', () => {
  it('matches one chosen value exactly, labels in name order', () => {
    expect(metricSelector('http_requests_total', { service: ['checkout'], job: ['api'] })).toBe(
      'http_requests_total{job="api",service="checkout"}'
    );
  });

  it('matches any of several chosen values with an escaped alternation', () => {
    expect(metricSelector('up', { instance: ['a.b:9090', 'c:9090'] })).toBe('up{instance=~"a\\\\.b:9090|c:9090"}');
  });

  it('leaves out labels without a chosen value and gives the bare metric when none remain', () => {
    expect(metricSelector('up', { job: [] })).toBe('up');
    expect(metricSelector('up', {})).toBe('up');
  });

  it('escapes quotes and backslashes in values and keeps a value chosen twice once', () => {
    expect(metricSelector('m', { path: ['a"b', 'a"b'] })).toBe('m{path="a\\"b"}');
  });
});
