import { FieldType, toDataFrame } from '@grafana/data';
import { readBandSeries } from '../readBandSeries';

const T0 = Date.UTC(2024, 0, 15);
const MIN = 60_000;

/** One value field per frame, as the backend writes `raw` + `band` (OUTPUT_LABEL tells them apart). */
function frame(output: string, values: Array<number | null>, labels: Record<string, string>, times?: number[]) {
  return toDataFrame({
    refId: 'A',
    fields: [
      { name: 'time', type: FieldType.time, values: times ?? values.map((_, i) => T0 + i * MIN) },
      {
        name: output === 'value' ? 'demo_up' : output,
        type: FieldType.number,
        values,
        labels: { ...labels, lens_output: output },
        config: { displayNameFromDS: `demo_up{host="${labels.host}"}` },
      },
    ],
  });
}

describe('readBandSeries', () => {
  it('joins each series with its expected value and band by labels, on the raw series’ times', () => {
    const a = { host: 'a' };
    const b = { host: 'b' };
    const series = readBandSeries([
      frame('value', [1, 2, 3], a),
      frame('expected', [1.1, 2.1, 3.1], a),
      frame('lower', [0, 1, 2], a),
      frame('upper', [2, 3, 4], a),
      frame('value', [5, 6, 7], b),
      frame('expected', [5, 6, 7], b),
      frame('lower', [4, 5, 6], b),
      frame('upper', [6, 7, 8], b),
    ]);
    expect(series.map((s) => s.name)).toEqual(['demo_up{host="a"}', 'demo_up{host="b"}']);
    expect(series[0].times).toEqual([T0, T0 + MIN, T0 + 2 * MIN]);
    expect(Array.from(series[0].values)).toEqual([1, 2, 3]);
    expect(Array.from(series[0].expected)).toEqual([1.1, 2.1, 3.1]);
    expect(Array.from(series[1].lower)).toEqual([4, 5, 6]);
    expect(Array.from(series[1].upper)).toEqual([6, 7, 8]);
  });

  it('leaves NaN where a value is null or the band has no point at a raw time', () => {
    const a = { host: 'a' };
    const [s] = readBandSeries([
      frame('value', [1, null, 3], a),
      // The band starts one step later (training history not yet long enough at the first point).
      frame('expected', [2, 3], a, [T0 + MIN, T0 + 2 * MIN]),
    ]);
    expect(Array.from(s.values)).toEqual([1, NaN, 3]);
    expect(Array.from(s.expected)).toEqual([NaN, 2, 3]);
    expect(Array.from(s.lower)).toEqual([NaN, NaN, NaN]);
  });

  it('ignores frames that are not analysis outputs, and a band without its series', () => {
    const table = toDataFrame({ name: 'backtest', fields: [{ name: 'fired', values: [3] }] });
    expect(readBandSeries([table, frame('expected', [1, 2], { host: 'a' })])).toEqual([]);
  });

  it('does not change the frames it reads', () => {
    const f = frame('value', [3, 1, 2], { host: 'a' }, [T0 + 2 * MIN, T0, T0 + MIN]);
    const [s] = readBandSeries([f]);
    expect(Array.from(s.values)).toEqual([1, 2, 3]);
    expect(f.fields[1].values).toEqual([3, 1, 2]);
  });
});
