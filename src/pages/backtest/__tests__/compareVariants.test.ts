import type { BacktestSummary } from '../../../datasource/backtest/readBacktest';
import { caughtText, compareVariants } from '../compareVariants';

const row = (variant: string, fired: number, caught: number, incidents: number): BacktestSummary => ({
  variant,
  settings: '',
  fired,
  firedPerDay: fired / 7,
  incidents,
  caught,
  precision: NaN,
  recall: NaN,
  medianDelaySeconds: NaN,
  falseAlarms: NaN,
});

describe('compareVariants', () => {
  it('compares each variant with the first: "variant B would have fired 3 times instead of 41 and caught both incidents"', () => {
    expect(compareVariants([row('variant A', 41, 2, 2), row('variant B', 3, 2, 2), row('variant C', 1, 0, 2)])).toEqual(
      [
        'variant A would have fired 41 times and caught both incidents.',
        'variant B would have fired 3 times instead of 41 and caught both incidents.',
        'variant C would have fired 1 time instead of 41 and missed both incidents.',
      ]
    );
  });

  it('says "as often as" when two variants fire equally, and leaves incidents out when none are known', () => {
    expect(compareVariants([row('default', 4, 0, 0), row('strict', 4, 0, 0)])).toEqual([
      'default would have fired 4 times.',
      'strict would have fired as often as default (4 times).',
    ]);
  });

  it('is empty without rows', () => {
    expect(compareVariants([])).toEqual([]);
  });
});

describe('caughtText', () => {
  it.each([
    [1, 1, 'caught the incident'],
    [0, 1, 'missed the incident'],
    [2, 2, 'caught both incidents'],
    [3, 3, 'caught all 3 incidents'],
    [2, 3, 'caught 2 of 3 incidents'],
    [0, 3, 'missed all 3 incidents'],
    [0, 0, ''],
  ])('%i caught of %i incidents reads "%s"', (caught, incidents, text) => {
    expect(caughtText(caught, incidents)).toBe(text);
  });
});
