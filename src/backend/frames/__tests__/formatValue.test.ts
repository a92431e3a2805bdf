import { formatValue } from '../formatValue';

test.each([
  [0.243, 's', '243 ms'],
  [1.2049, 's', '1.2 s'],
  [180, 's', '3 min'],
  [7200, 's', '2 h'],
  [0.0000042, 's', '4.2 µs'],
  [250, 'ms', '250 ms'],
  [4_200_000, 'Bps', '4.2 MB/s'],
  [1536, 'bytes', '1.5 KiB'],
  [0.973, 'percentunit', '97.3 %'],
  [42, 'percent', '42 %'],
  [12.3456, undefined, '12.3'],
  [-0.5, 's', '-500 ms'],
  [1.5e9, 'short', '1.5e+9'],
  [NaN, 's', 'no value'],
  [Infinity, 's', '+∞'],
])('formatValue(%p, %p) is %p', (v, unit, text) => {
  expect(formatValue(v, unit)).toBe(text);
});
