import { CorroborationRow, corroborateByService } from '../corroborateByService';

const row = (service: string | undefined, measurement: string, score: number): CorroborationRow => ({
  service,
  measurement,
  score,
});

describe('corroborateByService', () => {
  test('a service whose second measurement moved as much as its best gains T·ln 2 on every row', () => {
    const { scores, bonus } = corroborateByService([row('search', 'latency', 10), row('search', 'errors', 10)]);
    expect(bonus[0]).toBeCloseTo(2 * Math.log(2), 12);
    expect(bonus[1]).toBeCloseTo(2 * Math.log(2), 12);
    expect(scores[0]).toBeCloseTo(10 + 2 * Math.log(2), 12);
  });

  test('the service with two moved measurements overtakes a caller whose single measurement scored a little higher', () => {
    const rows = [
      row('balancer', 'availability', 12),
      row('search', 'availability', 11.4),
      row('search', 'latency', 11),
    ];
    const { scores } = corroborateByService(rows);
    // search: 11.4 + 2·ln(1 + e^(−0.2)) ≈ 12.6 > 12.
    expect(scores[1]).toBeCloseTo(11.4 + 2 * Math.log(1 + Math.exp(-0.2)), 12);
    expect(scores[1]).toBeGreaterThan(scores[0]);
    expect(scores[0]).toBe(12);
  });

  test('quantiles of one measurement count once, by the best row', () => {
    const one = corroborateByService([row('db', 'latency', 9), row('db', 'latency', 9), row('db', 'latency', 8.5)]);
    expect(Array.from(one.bonus)).toEqual([0, 0, 0]);
    const two = corroborateByService([row('db', 'latency', 9), row('db', 'latency', 3), row('db', 'requests', 5)]);
    // Only requests corroborates: 2·ln(1 + e^(−(9 − 5)/2)).
    expect(two.bonus[0]).toBeCloseTo(2 * Math.log(1 + Math.exp(-2)), 12);
  });

  test('a far weaker measurement adds next to nothing, and the temperature sets how far is far', () => {
    const rows = [row('s', 'a', 10), row('s', 'b', 4)];
    expect(corroborateByService(rows).bonus[0]).toBeCloseTo(2 * Math.log(1 + Math.exp(-3)), 12);
    expect(corroborateByService(rows).bonus[0]).toBeLessThan(0.1);
    expect(corroborateByService(rows, { temperature: 6 }).bonus[0]).toBeCloseTo(6 * Math.log(1 + Math.exp(-1)), 12);
  });

  test('rows without a service keep their score, and the order of rows within a service is unchanged', () => {
    const rows = [row(undefined, 'cpu', 7), row('s', 'a', 6), row('s', 'b', 5), row(undefined, 'cpu', 3)];
    const { scores, bonus } = corroborateByService(rows);
    expect(scores[0]).toBe(7);
    expect(scores[3]).toBe(3);
    expect(bonus[0]).toBe(0);
    expect(scores[1] - scores[2]).toBeCloseTo(1, 12);
  });

  test('NaN scores add nothing and stay NaN; inputs are not mutated', () => {
    const rows = [row('s', 'a', 6), row('s', 'b', NaN)];
    const copy = JSON.parse(JSON.stringify(rows));
    const { scores, bonus } = corroborateByService(rows);
    expect(bonus[0]).toBe(0);
    expect(Number.isNaN(scores[1])).toBe(true);
    expect(JSON.parse(JSON.stringify(rows))).toEqual(copy);
  });

  test('an empty input gives empty results; a temperature that is not finite and positive is a RangeError', () => {
    expect(corroborateByService([]).scores.length).toBe(0);
    for (const temperature of [0, -1, NaN, Infinity]) {
      expect(() => corroborateByService([row('s', 'a', 1)], { temperature })).toThrow(RangeError);
    }
  });
});
