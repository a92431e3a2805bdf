import { FieldType, toDataFrame } from '@grafana/data';
import { findSeries } from '../findSeries';
import { hourlyTimes, seriesFrame } from './frames';

describe('findSeries', () => {
  it('returns one series per numeric field, named by Grafana display name (distinct labels only)', () => {
    const frames = [
      seriesFrame([1, 2], { name: 'demo_consumer_lag', labels: { group: 'billing' } }),
      seriesFrame([3, 4], { name: 'demo_consumer_lag', labels: { group: 'orders' } }),
    ];
    const { series } = findSeries(frames);
    expect(series.map((s) => s.name)).toEqual([
      'demo_consumer_lag billing',
      'demo_consumer_lag orders',
    ]);
  });

  it('sorts rows by time and turns null, NaN and non-numbers into null', () => {
    const times = hourlyTimes(3);
    const frame = seriesFrame([NaN, 2, null], { times: [times[2], times[0], times[1]] });
    const [s] = findSeries([frame]).series;
    expect(s.times).toEqual(times);
    expect(s.values).toEqual([2, null, null]);
  });

  it('counts frames that have numbers but no time field', () => {
    const frame = toDataFrame({ fields: [{ name: 'value', type: FieldType.number, values: [1, 2] }] });
    expect(findSeries([frame])).toEqual({ series: [], framesWithoutTime: 1 });
  });

  it('attaches trend, seasonal and remainder fields as components instead of series', () => {
    const frame = seriesFrame([1, 2], { extra: { trend: [1, 1], seasonal: [0, 1], remainder: [0, 0] } });
    const { series } = findSeries([frame]);
    expect(series).toHaveLength(1);
    expect(series[0].components).toEqual({ trend: [1, 1], seasonal: [0, 1], remainder: [0, 0] });
  });

  it('treats a lone "trend" field as an ordinary series when the other components are absent', () => {
    const frame = seriesFrame([1, 2], { extra: { trend: [1, 1] } });
    expect(findSeries([frame]).series.map((s) => s.name)).toEqual(['value', 'trend']);
  });
});
