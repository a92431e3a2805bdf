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
    expect(series.map((s) => s.name)).toEqual(['demo_consumer_lag billing', 'demo_consumer_lag orders']);
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

  it('joins decomposition frames to the raw frame with the same refId and labels (one value per frame)', () => {
    const labels = { service: 'checkout' };
    const withOutput = (name: string, values: number[]) => {
      const f = seriesFrame(values, { name, labels: { ...labels, lens_output: name } });
      f.refId = 'A';
      return f;
    };
    const other = seriesFrame([9, 9], { name: 'value', labels: { service: 'cart', lens_output: 'value' } });
    other.refId = 'A';
    const frames = [
      withOutput('value', [5, 7]),
      withOutput('expected', [5, 6]),
      withOutput('trend', [4, 5]),
      withOutput('seasonal', [1, 1]),
      withOutput('remainder', [0, 1]),
      other,
    ];
    const { series } = findSeries(frames);
    expect(series).toHaveLength(2);
    expect(series[0].values).toEqual([5, 7]);
    expect(series[0].components).toEqual({ trend: [4, 5], seasonal: [1, 1], remainder: [0, 1] });
    expect(series[1].components).toBeUndefined();
    // Named by metric and series labels, without the output label that tells the fields apart.
    expect(series.map((x) => x.name)).toEqual(['value{service="checkout"}', 'value{service="cart"}']);
  });

  it('rebuilds observed as the sum of the parts when only the decomposition was returned', () => {
    const frames = ['trend', 'seasonal', 'remainder'].map((name, i) => {
      const f = seriesFrame([10 * (i + 1), 20 * (i + 1)], { name, labels: { group: 'billing', lens_output: name } });
      f.refId = 'A';
      return f;
    });
    const [s] = findSeries(frames).series;
    expect(s.values).toEqual([60, 120]);
    expect(s.name).toBe('{group="billing"}');
  });

  it('skips band, flag and other Anomaly Lens outputs', () => {
    const frames = ['value', 'lower', 'upper', 'flag'].map((name) =>
      seriesFrame([1, 2], { name, labels: { lens_output: name } })
    );
    expect(findSeries(frames).series).toHaveLength(1);
  });

  it('treats a lone "trend" field as an ordinary series when the other components are absent', () => {
    const frame = seriesFrame([1, 2], { extra: { trend: [1, 1] } });
    expect(findSeries([frame]).series.map((s) => s.name)).toEqual(['value', 'trend']);
  });
});
