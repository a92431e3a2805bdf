import { exactSelector, labelSetText, promString } from '../labelSetText';

test('labelSetText writes a PromQL-style set with sorted names and escaped values', () => {
  expect(labelSetText({ service: 'checkout', instance: 'a:9090' })).toBe('{instance="a:9090", service="checkout"}');
  expect(labelSetText({ path: 'C:\\x "y"\nz' })).toBe('{path="C:\\\\x \\"y\\"\\nz"}');
  expect(labelSetText({})).toBe('{}');
});

test('exactSelector names the metric and matches every other label exactly', () => {
  expect(exactSelector('up', { __name__: 'up', job: 'node', instance: 'h:1' })).toBe('up{instance="h:1",job="node"}');
  expect(exactSelector('up', {})).toBe('up');
  // Names outside the classic character set use the quoted form of Prometheus 3.
  expect(exactSelector('http.requests', { 'k8s.pod': 'p' })).toBe('{__name__="http.requests","k8s.pod"="p"}');
});

test('promString quotes backslashes, quotes and newlines', () => {
  expect(promString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
});
