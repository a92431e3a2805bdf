import { alignTimeRange } from '../alignTimeRange';
import { interpolateMacros } from '../interpolateMacros';
import { parseDuration } from '../../../../shared/parseDuration';
import { formatDurationExact, formatIntervalShort } from '../promDuration';

describe('interpolateMacros', () => {
  const ctx = { intervalMs: 30_000, rangeMs: 3_600_400, rateIntervalMs: 75_000 };

  it('replaces every Grafana Prometheus variable', () => {
    expect(
      interpolateMacros(
        'rate(x[$__rate_interval]) / $__rate_interval_ms + $__interval + $__interval_ms + $__range + $__range_s + $__range_ms',
        ctx
      )
    ).toBe('rate(x[1m15s]) / 75000 + 30s + 30000 + 3600s + 3600 + 3600400');
  });

  it('accepts the ${…} form', () => {
    expect(interpolateMacros('avg_over_time(x[${__interval}])', ctx)).toBe('avg_over_time(x[30s])');
  });

  it('leaves unknown variables and other dollar text alone', () => {
    expect(interpolateMacros('x{a="$job"} + $__unknown + ${__nope}', ctx)).toBe('x{a="$job"} + $__unknown + ${__nope}');
  });

  it('formats $__interval like Grafana, truncated to the largest unit', () => {
    expect(interpolateMacros('$__interval', { ...ctx, intervalMs: 90_000 })).toBe('1m');
    expect(interpolateMacros('$__interval', { ...ctx, intervalMs: 500 })).toBe('500ms');
  });
});

describe('durations', () => {
  it('formats short and exact durations', () => {
    expect(formatIntervalShort(2 * 86_400_000 + 5)).toBe('2d');
    expect(formatIntervalShort(0)).toBe('1ms');
    expect(formatDurationExact(3_723_500)).toBe('1h2m3s500ms');
    expect(parseDuration(formatDurationExact(3_723_500))).toBe(3_723_500);
  });
});

describe('alignTimeRange', () => {
  it('floors start and end to multiples of the step', () => {
    expect(alignTimeRange(1_000_123, 2_000_999, 60_000)).toEqual({ startMs: 960_000, endMs: 1_980_000 });
  });

  it('keeps already aligned bounds', () => {
    expect(alignTimeRange(600_000, 1_200_000, 300_000)).toEqual({ startMs: 600_000, endMs: 1_200_000 });
  });

  it('shifts the grid by an offset', () => {
    expect(alignTimeRange(1_000_000, 2_000_000, 600_000, 3_600_000)).toEqual({ startMs: 600_000, endMs: 1_800_000 });
  });

  it('refuses a non-positive step', () => {
    expect(() => alignTimeRange(0, 1, 0)).toThrow(/Step must be positive/);
  });
});
