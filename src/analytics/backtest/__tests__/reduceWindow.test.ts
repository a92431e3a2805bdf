import { reduceWindow } from '../reduceWindow';

describe('reduceWindow', () => {
  const v = [1, 4, 2, 8, 5];

  it('reduces the inclusive index range with each reducer', () => {
    expect(reduceWindow(v, 1, 3, 'last')).toBe(8);
    expect(reduceWindow(v, 1, 3, 'mean')).toBeCloseTo(14 / 3, 12);
    expect(reduceWindow(v, 1, 3, 'sum')).toBe(14);
    expect(reduceWindow(v, 1, 3, 'min')).toBe(2);
    expect(reduceWindow(v, 1, 3, 'max')).toBe(8);
    expect(reduceWindow(v, 1, 3, 'count')).toBe(3);
  });

  it('is strict about NaN like Grafana’s default mode: one NaN makes mean, sum, min and max NaN', () => {
    const w = [1, NaN, 3];
    expect(reduceWindow(w, 0, 2, 'mean')).toBeNaN();
    expect(reduceWindow(w, 0, 2, 'sum')).toBeNaN();
    expect(reduceWindow(w, 0, 2, 'min')).toBeNaN();
    expect(reduceWindow(w, 0, 2, 'max')).toBeNaN();
    expect(reduceWindow(w, 0, 2, 'last')).toBe(3);
    expect(reduceWindow(w, 0, 1, 'last')).toBeNaN();
    expect(reduceWindow(w, 0, 2, 'count')).toBe(3);
  });

  it('answers NaN (no data) for an empty window', () => {
    for (const r of ['last', 'mean', 'min', 'max', 'sum', 'count'] as const) {
      expect(reduceWindow(v, 3, 2, r)).toBeNaN();
    }
  });
});
