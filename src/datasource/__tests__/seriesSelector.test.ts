import { seriesSelector } from '../seriesSelector';

describe('seriesSelector', () => {
  it('names one series with its labels in name order', () => {
    expect(seriesSelector('demo_kafka_bytes_in', { topic: 'orders', broker: 'b1' })).toBe(
      'demo_kafka_bytes_in{broker="b1",topic="orders"}'
    );
  });

  it('gives the bare metric for a series without labels', () => {
    expect(seriesSelector('demo_up', {})).toBe('demo_up');
  });

  it('escapes quotes, backslashes and newlines in label values', () => {
    expect(seriesSelector('m', { path: 'a"b\\c\nd' })).toBe('m{path="a\\"b\\\\c\\nd"}');
  });
});
