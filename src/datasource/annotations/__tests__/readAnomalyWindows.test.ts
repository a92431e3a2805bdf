import { FieldType, toDataFrame } from '@grafana/data';
import { readAnomalyWindows } from '../readAnomalyWindows';
import { ANOMALY_WINDOW_FRAME } from '../../../shared/queryTypes';

const F = ANOMALY_WINDOW_FRAME.fields;

function windowsFrame(rows: Array<[number, number, string, string, string, string, number | null]>) {
  return toDataFrame({
    name: ANOMALY_WINDOW_FRAME.name,
    fields: [
      { name: F.time, type: FieldType.time, values: rows.map((r) => r[0]) },
      { name: F.timeEnd, type: FieldType.time, values: rows.map((r) => r[1]) },
      { name: F.title, type: FieldType.string, values: rows.map((r) => r[2]) },
      { name: F.text, type: FieldType.string, values: rows.map((r) => r[3]) },
      { name: F.tags, type: FieldType.string, values: rows.map((r) => r[4]) },
      { name: F.series, type: FieldType.string, values: rows.map((r) => r[5]) },
      { name: F.score, type: FieldType.number, values: rows.map((r) => r[6]) },
    ],
  });
}

describe('readAnomalyWindows', () => {
  it('reads every row sorted by start, splitting the comma-separated tags', () => {
    const frame = windowsFrame([
      [3000, 4000, 'b above its band', 'why b', 'anomaly, above,seasonal', 'b', 5.5],
      [1000, 2000, 'a below its band', 'why a', 'anomaly,below', 'a', null],
    ]);
    expect(readAnomalyWindows([frame])).toEqual([
      {
        fromMs: 1000,
        toMs: 2000,
        title: 'a below its band',
        text: 'why a',
        tags: ['anomaly', 'below'],
        series: 'a',
        score: NaN,
      },
      {
        fromMs: 3000,
        toMs: 4000,
        title: 'b above its band',
        text: 'why b',
        tags: ['anomaly', 'above', 'seasonal'],
        series: 'b',
        score: 5.5,
      },
    ]);
  });

  it('ignores frames of other shapes and reads an empty window frame as no windows', () => {
    const series = toDataFrame({ name: 'latency', fields: [{ name: 'time', type: FieldType.time, values: [1] }] });
    expect(readAnomalyWindows([series, windowsFrame([])])).toEqual([]);
  });
});
