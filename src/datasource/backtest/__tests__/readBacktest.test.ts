import { toDataFrame } from '@grafana/data';
import { readBacktest } from '../readBacktest';

describe('readBacktest', () => {
  it('reads the summary rows and the firings of every variant, earliest first, ignoring other frames', () => {
    const summary = toDataFrame({
      name: 'backtest',
      fields: [
        { name: 'variant', values: ['A', 'B'] },
        { name: 'settings', values: ['as saved', 'sensitivity 2'] },
        { name: 'fired', values: [3, 1] },
        { name: 'fired_per_day', values: [1.5, 0.5] },
        { name: 'firing_share', values: [0.01, 0.002] },
        { name: 'incidents', values: [2, 2] },
        { name: 'caught', values: [2, 0] },
        { name: 'precision', values: [2 / 3, 0] },
        { name: 'recall', values: [1, 0] },
        { name: 'median_delay_seconds', values: [60, null] },
      ],
    });
    const windows = (variant: string, times: number[]) =>
      toDataFrame({
        name: 'backtest_windows',
        fields: [
          { name: 'time', type: 'time', values: times },
          { name: 'timeEnd', type: 'time', values: times.map((t) => t + 60_000) },
          { name: 'text', values: times.map(() => 'why') },
          { name: 'series', values: times.map(() => 's') },
          { name: 'variant', values: times.map(() => variant) },
          { name: 'incident', values: times.map((_, i) => (i === 0 ? 'outage' : '')) },
          { name: 'score', values: times.map(() => -4) },
          { name: 'value', values: times.map(() => 1) },
          { name: 'expected', values: times.map(() => 2) },
        ],
      });
    const other = toDataFrame({ name: 'anomaly_windows', fields: [{ name: 'time', values: [0] }] });
    const r = readBacktest([summary, other, windows('A', [3000, 1000]), windows('B', [2000])]);
    expect(r.summary).toEqual([
      {
        variant: 'A',
        settings: 'as saved',
        fired: 3,
        firedPerDay: 1.5,
        incidents: 2,
        caught: 2,
        precision: 2 / 3,
        recall: 1,
        medianDelaySeconds: 60,
        falseAlarms: 1,
      },
      expect.objectContaining({ variant: 'B', caught: 0, medianDelaySeconds: NaN, falseAlarms: 1 }),
    ]);
    expect(r.windows.map((w) => [w.variant, w.fromMs, w.toMs, w.incident])).toEqual([
      ['A', 1000, 61_000, ''],
      ['B', 2000, 62_000, 'outage'],
      ['A', 3000, 63_000, 'outage'],
    ]);
    expect(r.windows[0]).toMatchObject({ score: -4, value: 1, expected: 2, series: 's', text: 'why' });
  });

  it('counts false alarms from precision, and leaves them undefined without known incidents', () => {
    const summary = (incidents: number[], fired: number[], precision: Array<number | null>) =>
      toDataFrame({
        name: 'backtest',
        fields: [
          { name: 'variant', values: fired.map((_, i) => `v${i}`) },
          { name: 'fired', values: fired },
          { name: 'incidents', values: incidents },
          { name: 'precision', values: precision },
        ],
      });
    const r = readBacktest([summary([3, 3, 0], [41, 0, 5], [3 / 41, null, null])]);
    expect(r.summary.map((s) => s.falseAlarms)).toEqual([38, 0, NaN]);
  });
});
