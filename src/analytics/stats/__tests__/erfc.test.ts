import fixture from './fixtures/erfc.json';
import { erfc } from '../erfc';

describe('erfc', () => {
  test.each(fixture.points as Array<[number, number]>)('matches math.erfc at x = %p', (x, expected) => {
    // Relative tolerance: the series near 2.5 loses a few digits to cancellation, the continued fraction none.
    expect(Math.abs(erfc(x) - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(expected));
  });

  test('NaN gives NaN and the far tail underflows to 0', () => {
    expect(erfc(NaN)).toBeNaN();
    expect(erfc(40)).toBe(0);
    expect(erfc(-40)).toBe(2);
  });
});
