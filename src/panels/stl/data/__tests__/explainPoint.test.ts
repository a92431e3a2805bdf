import { StlDecompositionView } from '../buildStlView';
import { explainPoint } from '../explainPoint';
import { remainderScale } from '../remainderScale';

function view(remainder: number[], outliers: number[], threshold = 3): StlDecompositionView {
  const n = remainder.length;
  return {
    kind: 'decomposition',
    source: 'browser',
    seriesName: 's',
    seriesNames: ['s'],
    period: 4,
    times: Array.from({ length: n }, (_, i) => i * 1000),
    observed: remainder.map((r) => 10 + r),
    trend: new Array(n).fill(9),
    seasonal: new Array(n).fill(1),
    remainder,
    outliers,
    remainderScale: remainderScale(remainder),
    threshold,
    filledPoints: 0,
  };
}

describe('explainPoint', () => {
  // Median 0, MAD = 1 → robust σ 1.4826.
  const r = [-1, 1, 0, -1, 1, 0, 8, -1, 1];

  it('says a marked point is that many robust σ from the remainder median', () => {
    const e = explainPoint(view(r, [6]), 6);
    expect(e).toMatchObject({ time: 6000, observed: 18, trend: 9, seasonal: 1, remainder: 8, marked: true });
    expect(e.sigmas).toBeCloseTo(8 / 1.4826, 10);
    expect(e.reason).toBe(
      'Marked: the remainder is 5.4σ above its median (threshold 3σ); trend and season do not explain it.'
    );
  });

  it('says an unmarked point is within the threshold, on its side', () => {
    expect(explainPoint(view(r, [6]), 0).reason).toBe(
      'Not marked: the remainder is 0.67σ below its median, within 3σ.'
    );
  });

  it('gives no reason where the remainder is missing', () => {
    const e = explainPoint(view([NaN, 1, 0, 2], []), 0);
    expect(e.reason).toBe('');
    expect(e.marked).toBe(false);
  });
});
