import { movingBand } from '../../bands/movingBand';
import { explainPoint } from '../explainPoint';

describe('explainPoint', () => {
  const y = Float64Array.from({ length: 40 }, (_, t) => (t === 30 ? 20 : 10 + (t % 2)));
  const band = movingBand(y, { window: 10 });

  it('reports expected value, deviation, edges and component of a band at an index', () => {
    const e = explainPoint(y, band, 30);
    expect(e.value).toBe(20);
    expect(e.expected).toBe(band.expected[30]);
    expect(e.deviation).toBe(band.score[30]);
    expect(e.component).toBe('level');
    expect(e.outside).toBe(true);
    expect(explainPoint(y, band, 20).outside).toBe(false);
  });

  it('says not outside for a NaN value and throws for an index outside the series', () => {
    const g = Float64Array.from(y);
    g[25] = NaN;
    expect(explainPoint(g, movingBand(g, { window: 10 }), 25).outside).toBe(false);
    expect(() => explainPoint(y, band, 40)).toThrow(/outside the series/);
    expect(() => explainPoint(y, band, -1)).toThrow(/outside the series/);
  });
});
