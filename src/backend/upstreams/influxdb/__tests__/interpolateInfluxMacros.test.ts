import { formatInfluxDuration, interpolateInfluxMacros } from '../interpolateInfluxMacros';

describe('interpolateInfluxMacros', () => {
  const ctx = { fromMs: 1_396_310_400_000, toMs: 1_396_396_800_000, intervalMs: 300_000 };

  it('replaces $timeFilter with a millisecond time range', () => {
    expect(interpolateInfluxMacros('SELECT v FROM m WHERE $timeFilter', ctx)).toBe(
      'SELECT v FROM m WHERE time >= 1396310400000ms and time <= 1396396800000ms'
    );
  });

  it('replaces $__interval, $__interval_ms, $__from, $__to and the ${…} form', () => {
    expect(interpolateInfluxMacros('time(${__interval}) $__interval $__interval_ms $__from $__to', ctx)).toBe(
      'time(5m) 5m 300000 1396310400000 1396396800000'
    );
  });

  it('leaves other dollar text alone', () => {
    expect(interpolateInfluxMacros("WHERE host = '$host' AND $__unknown", ctx)).toBe(
      "WHERE host = '$host' AND $__unknown"
    );
  });
});

describe('formatInfluxDuration', () => {
  it.each([
    [10_000, '10s'],
    [60_000, '1m'],
    [90_000, '90s'],
    [3_600_000, '1h'],
    [86_400_000, '1d'],
    [1_209_600_000, '2w'],
    [1500, '1500ms'],
    [0, '1ms'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatInfluxDuration(ms)).toBe(text);
  });
});
