import { mad } from '../../stats/mad';
import { median } from '../../stats/median';
import { periodicStlOptions } from '../periodicStlOptions';
import { robustStl } from '../robustStl';
import { stl } from '../stl';
import { markedRemainder } from './markedRemainder';

/** Seeded mulberry32 and Box–Muller: N(0, 1) noise that never varies between runs. */
function gaussian(n: number, seed: number): Float64Array {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Float64Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
}

const season = (i: number, period: number) => 20 * Math.sin((2 * Math.PI * i) / period);

/**
 * `seasons` days of a 5-minute latency-like series (period 288): level 100, daily swing ±20, N(0, 1) noise, and an
 * incident like the demo's checkout spike: four points rising to +300 (a 20-minute triangle) starting at `at`.
 */
function incidentSeries(seasons: number, at: number, seed = 5) {
  const period = 288;
  const noise = gaussian(seasons * period, seed);
  const incident = [150, 300, 300, 150];
  const y = Float64Array.from(
    noise,
    (e, i) => 100 + season(i, period) + e + (i >= at && i < at + 4 ? incident[i - at] : 0)
  );
  return { y, period, incident: [at, at + 1, at + 2, at + 3] };
}

describe('robustStl', () => {
  it.each([3, 5, 7])(
    'keeps a spike of 300 σ over %i seasons in the remainder, whole, and the season clean',
    (seasons) => {
      const { y, period, incident } = incidentSeries(seasons, Math.floor(seasons / 2) * 288 + 150);
      const r = robustStl(y, period);
      for (const i of incident) {
        expect(Math.abs(r.seasonal[i] - season(i, period))).toBeLessThan(3);
        expect(r.weights[i]).toBe(0);
      }
      expect(r.remainder[incident[1]]).toBeGreaterThan(290);
      expect(markedRemainder(r.remainder)).toEqual(expect.arrayContaining(incident));
    }
  );

  it('plain periodic STL (robust: false) takes a fifth of that spike over five seasons into the season', () => {
    const { y, period, incident } = incidentSeries(5, 2 * 288 + 150);
    const r = robustStl(y, period, { robust: false });
    expect(r.seasonal[incident[1]] - season(incident[1], period)).toBeGreaterThan(40);
  });

  it('marks few points besides the incident, none at more than 10 σ, from three to seven seasons', () => {
    for (const seasons of [3, 5, 7]) {
      const { y, period, incident } = incidentSeries(seasons, Math.floor(seasons / 2) * 288 + 150, 11 + seasons);
      const r = robustStl(y, period);
      const center = median(r.remainder);
      const sigma = mad(r.remainder, { center });
      // The remainder keeps the noise's size (σ = 1) instead of collapsing to rounding error.
      expect(sigma).toBeGreaterThan(0.5);
      const others = markedRemainder(r.remainder).filter((i) => !incident.includes(i));
      expect(others.length).toBeLessThanOrEqual(Math.ceil(0.03 * y.length));
      for (const i of others) {
        expect(Math.abs(r.remainder[i] - center) / sigma).toBeLessThan(10);
      }
    }
  });

  it('two seasons cannot tell the incident from the season: marks it and its twin a day away, few others', () => {
    const { y, period, incident } = incidentSeries(2, 288 + 150, 13);
    const r = robustStl(y, period);
    const center = median(r.remainder);
    const sigma = mad(r.remainder, { center });
    expect(sigma).toBeGreaterThan(0.5);
    const twins = incident.flatMap((i) => [i, i - period]);
    const m = markedRemainder(r.remainder);
    expect(m).toEqual(expect.arrayContaining(incident.slice(1, 3)));
    const others = m.filter((i) => !twins.includes(i));
    expect(others.length).toBeLessThanOrEqual(Math.ceil(0.03 * y.length));
    for (const i of others) {
      expect(Math.abs(r.remainder[i] - center) / sigma).toBeLessThan(10);
    }
  });

  it('is periodic STL with one robustness pass when nothing stands out', () => {
    const period = 24;
    const y = Float64Array.from(gaussian(96, 3), (e, i) => 10 + season(i, period) + 0.2 * e);
    const r = robustStl(y, period);
    const direct = stl(y, periodicStlOptions(period, y.length));
    expect(Array.from(r.trend)).toEqual(Array.from(direct.trend));
    expect(Array.from(r.remainder)).toEqual(Array.from(direct.remainder));
  });

  it('robust: false is plain periodic STL; outer sets the robustness passes after the clean-up', () => {
    const { y, period } = incidentSeries(3, 400);
    expect(Array.from(robustStl(y, period, { robust: false }).seasonal)).toEqual(
      Array.from(stl(y, periodicStlOptions(period, y.length, false)).seasonal)
    );
    // Without a robustness pass the only weights below 1 are the replaced points (0): the incident among them.
    const w = robustStl(y, period, { outer: 0 }).weights;
    expect(w.every((v) => v === 0 || v === 1)).toBe(true);
    expect([400, 401, 402, 403].map((i) => w[i])).toEqual([0, 0, 0, 0]);
    expect(robustStl(y, period).weights.some((v) => v > 0 && v < 1)).toBe(true);
  });

  it('components add up to the input; NaN input gives NaN remainder there; the input is not mutated', () => {
    const { y, period } = incidentSeries(3, 400);
    y[10] = NaN;
    const copy = Array.from(y);
    const r = robustStl(y, period);
    expect(Array.from(y)).toEqual(copy);
    expect(r.remainder[10]).toBeNaN();
    for (let i = 0; i < y.length; i++) {
      if (i !== 10) {
        expect(r.trend[i] + r.seasonal[i] + r.remainder[i]).toBeCloseTo(y[i], 9);
      }
    }
  });

  it('throws as stl does for fewer than two seasons', () => {
    expect(() => robustStl(new Float64Array(30), 24)).toThrow(/two full periods/);
  });
});
