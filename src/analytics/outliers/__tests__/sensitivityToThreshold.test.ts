import { sensitivityToThreshold } from '../sensitivityToThreshold';

describe('sensitivityToThreshold', () => {
  it('follows the augurs curve: 0.5 → 2.92, decreasing in sensitivity', () => {
    expect(sensitivityToThreshold(0.5)).toBeCloseTo(7.941444487 - (7.941444487 - 0.841621234) * Math.SQRT1_2, 12);
    expect(sensitivityToThreshold(0.5)).toBeCloseTo(2.92, 2);
    expect(sensitivityToThreshold(0.1)).toBeGreaterThan(sensitivityToThreshold(0.9));
  });

  it('rejects sensitivities outside (0, 1)', () => {
    expect(() => sensitivityToThreshold(0)).toThrow(/sensitivity/);
    expect(() => sensitivityToThreshold(1)).toThrow(/sensitivity/);
    expect(() => sensitivityToThreshold(NaN)).toThrow(/sensitivity/);
  });
});
