import fc from 'fast-check';
import { trendLine } from '../recentTrendForecast';
import { rollingTrendLine } from '../rollingTrendLine';

/** Same double, NaN equal to NaN (a −0 slope and a +0 one may trade places; see rollingTrendLine). */
const same = (a: number, b: number) => a === b || (a !== a && b !== b);

function expectEqualToTrendLinePerWindow(
  y: Float64Array,
  window: number,
  horizon: number,
  maxPoints: number,
  from: number
): void {
  const r = rollingTrendLine(y, { window, horizon, maxPoints, from });
  expect(r.slope.length).toBe(Math.max(0, y.length - from));
  for (let i = from; i < y.length; i++) {
    const line = trendLine(y.subarray(Math.max(0, i - window + 1), i + 1), { horizon, maxPoints });
    const k = i - from;
    expect({ i, fitted: r.fitted[k] }).toEqual({ i, fitted: line ? 1 : 0 });
    if (line) {
      expect({ i, slope: same(r.slope[k], line.slope), last: same(r.last[k], line.last) }).toEqual({
        i,
        slope: true,
        last: true,
      });
    } else {
      expect(r.slope[k]).toBeNaN();
      expect(r.last[k]).toBeNaN();
    }
  }
}

describe('rollingTrendLine', () => {
  it('gives every point the slope and level trendLine fits on its trailing window, to the bit', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            { weight: 8, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true }) },
            { weight: 1, arbitrary: fc.constantFrom(NaN, 0, 1, 1) },
            { weight: 1, arbitrary: fc.constantFrom(Infinity, -Infinity) }
          ),
          { maxLength: 160 }
        ),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 3, max: 30 }),
        fc.integer({ min: 0, max: 60 }),
        (values, window, horizon, maxPoints, from) => {
          expectEqualToTrendLinePerWindow(Float64Array.from(values), window, horizon, maxPoints, from);
        }
      ),
      { numRuns: 300 }
    );
  });

  it('agrees on a capacity-like series: a slow climb with noise, gaps and plateaus, window thinned or not', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const y = Float64Array.from({ length: 900 }, (_, i) =>
      i % 97 === 5 ? NaN : i > 400 && i < 460 ? 0.8 : 0.5 + i * 1e-4 + 0.01 * Math.sin(i / 30) + 0.003 * rand()
    );
    // 82 points (the dashboard's hour at 44 s: every point used) and 240 (15 s: thinned by 2).
    expectEqualToTrendLinePerWindow(y, 82, 1964, 120, 60);
    expectEqualToTrendLinePerWindow(y, 240, 5000, 120, 240);
  });

  it('has no line where the window holds fewer than 3 finite values, and rejects a window below 1', () => {
    const r = rollingTrendLine([1, NaN, 2, NaN, NaN, 4, 5, 6], { window: 3, horizon: 10 });
    expect(Array.from(r.fitted)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(() => rollingTrendLine([1, 2, 3], { window: 0, horizon: 10 })).toThrow(RangeError);
  });
});
