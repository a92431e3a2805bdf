import { buildStlView, StlDecompositionView } from '../buildStlView';
import { analyticsDecomposer } from '../analyticsDecomposer';
import { defaultStlPanelOptions } from '../../types';
import { seededNoise, seriesFrame } from './frames';

/** Daily-seasonal hourly series with a linear trend, seeded noise and one spike at index 100. */
function seasonalWithSpike(n: number): number[] {
  return seededNoise(n, 1).map(
    (e, i) => 100 + 0.05 * i + 10 * Math.sin((2 * Math.PI * i) / 24) + e + (i === 100 ? 60 : 0)
  );
}

describe('analyticsDecomposer in the STL view', () => {
  it('detects the daily season of an hourly series', () => {
    const v = buildStlView([seriesFrame(seasonalWithSpike(24 * 7))], defaultStlPanelOptions, analyticsDecomposer);
    expect(v).toMatchObject({ kind: 'decomposition', source: 'browser', period: 24 });
  });

  it('puts a spike in the remainder, where it is the largest value, and marks it', () => {
    const v = buildStlView(
      [seriesFrame(seasonalWithSpike(24 * 14))],
      { ...defaultStlPanelOptions, robust: false },
      analyticsDecomposer
    ) as StlDecompositionView;
    expect(v.outliers).toContain(100);
    const abs = Array.from(v.remainder, Math.abs);
    expect(abs.indexOf(Math.max(...abs))).toBe(100);
    expect(v.remainder[100]).toBeGreaterThan(30);
  });

  it('by default (robust) keeps a spike of three seasons out of the seasonal row and marks few other points', () => {
    // Three days, hourly: the spike at 13:00 on day 2; its seasonal value must stay the 13:00 shape of the other days.
    // Thirty noise draws, because how many ordinary points pass 3σ on 72 points depends on the draw.
    const spikeAt = 24 + 13;
    expect(defaultStlPanelOptions.robust).toBe(true);
    const marked: number[] = [];
    for (let seed = 1; seed <= 30; seed++) {
      const y = seededNoise(72, 1, seed).map(
        (e, i) => 50 + 10 * Math.sin((2 * Math.PI * i) / 24) + e + (i === spikeAt ? 40 : 0)
      );
      const v = buildStlView(
        [seriesFrame(y)],
        { ...defaultStlPanelOptions, periodMode: 'fixed', period: '1d' },
        analyticsDecomposer
      ) as StlDecompositionView;
      expect(Math.abs(v.seasonal[spikeAt] - v.seasonal[spikeAt + 24])).toBeLessThan(2);
      expect(v.remainder[spikeAt]).toBeGreaterThan(35);
      expect(v.outliers).toContain(spikeAt);
      marked.push(v.outliers.length - 1);
    }
    marked.sort((a, b) => a - b);
    // Typically none to two other points; at worst about a tenth of them (7 of 71 in these draws).
    expect(marked[14]).toBeLessThanOrEqual(2);
    expect(marked[29]).toBeLessThanOrEqual(8);
  });

  it('returns components that add up to the observed series', () => {
    const v = buildStlView(
      [seriesFrame(seasonalWithSpike(24 * 5))],
      defaultStlPanelOptions,
      analyticsDecomposer
    ) as StlDecompositionView;
    for (let i = 0; i < v.times.length; i++) {
      expect(v.trend[i] + v.seasonal[i] + v.remainder[i]).toBeCloseTo(v.observed[i], 8);
    }
  });

  it('reports no season for a straight line instead of inventing one', () => {
    const line = Array.from({ length: 200 }, (_, i) => 3 + 0.5 * i);
    expect(buildStlView([seriesFrame(line)], defaultStlPanelOptions, analyticsDecomposer)).toMatchObject({
      kind: 'message',
      reason: 'noSeasonDetected',
    });
  });
});
