import { alertCondition } from '../alertCondition';

describe('alertCondition', () => {
  it('compares with each evaluator type, ranges exclusive of their bounds', () => {
    expect(alertCondition(1, { type: 'gt', params: [0] })).toBe(true);
    expect(alertCondition(0, { type: 'gt', params: [0] })).toBe(false);
    expect(alertCondition(0, { type: 'gte', params: [0] })).toBe(true);
    expect(alertCondition(-1, { type: 'lt', params: [0] })).toBe(true);
    expect(alertCondition(0, { type: 'lte', params: [0] })).toBe(true);
    expect(alertCondition(0.5, { type: 'within_range', params: [0, 1] })).toBe(true);
    expect(alertCondition(1, { type: 'within_range', params: [0, 1] })).toBe(false);
    expect(alertCondition(-1, { type: 'outside_range', params: [0, 0] })).toBe(true);
    expect(alertCondition(1, { type: 'outside_range', params: [0, 0] })).toBe(true);
    expect(alertCondition(0, { type: 'outside_range', params: [0, 0] })).toBe(false);
  });

  it('never holds on NaN (no data)', () => {
    expect(alertCondition(NaN, { type: 'lt', params: [Infinity] })).toBe(false);
    expect(alertCondition(NaN, { type: 'outside_range', params: [0, 0] })).toBe(false);
  });
});
