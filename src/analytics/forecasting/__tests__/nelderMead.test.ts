import { nelderMead } from '../nelderMead';

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock function at (1, 1)', () => {
    const f = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    const r = nelderMead(f, [-1.2, 1], { maxEvaluations: 5000, tolerance: 1e-14 });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
    expect(r.value).toBeLessThan(1e-8);
  });

  it('treats non-finite objective values as +Infinity and stays in the feasible region', () => {
    const f = (x: Float64Array) => (x[0] < 0 ? NaN : (x[0] - 2) ** 2);
    const r = nelderMead(f, [0.5]);
    expect(r.x[0]).toBeCloseTo(2, 4);
  });

  it('stops at the evaluation budget', () => {
    const r = nelderMead((x) => x[0] ** 2 + x[1] ** 2, [5, 5], { maxEvaluations: 20 });
    expect(r.evaluations).toBeLessThanOrEqual(22);
  });

  it('does not mutate the start vector', () => {
    const start = Float64Array.from([3, 4]);
    nelderMead((x) => x[0] ** 2 + x[1] ** 2, start);
    expect(Array.from(start)).toEqual([3, 4]);
  });
});
