import { overlayLine } from '../overlayLine';

describe('overlayLine', () => {
  it('z-normalises to mean 0 and population σ 1', () => {
    const { z } = overlayLine([0, 1, 2, 3], [2, 4, 4, 6]);
    // mean 4, population σ √2
    expect(Array.from(z)).toEqual([-2 / Math.SQRT2, 0, 0, 2 / Math.SQRT2].map((v) => expect.closeTo(v, 12)));
  });

  it('keeps null, NaN and Infinity as NaN gaps and ignores them in mean and σ', () => {
    const { z } = overlayLine([0, 1, 2, 3, 4], [1, null, NaN, Infinity, 3]);
    expect(Array.from(z)).toEqual([-1, NaN, NaN, NaN, 1]);
  });

  it('draws a constant series flat at zero and an all-missing one as NaN', () => {
    expect(Array.from(overlayLine([0, 1], [5, 5]).z)).toEqual([0, 0]);
    expect(Array.from(overlayLine([0, 1], [null, null]).z)).toEqual([NaN, NaN]);
  });

  it('keeps the values themselves for the tooltip, missing ones as NaN', () => {
    expect(Array.from(overlayLine([0, 1, 2], [3, null, Infinity]).values)).toEqual([3, NaN, NaN]);
  });

  it('shifts times by shiftMs', () => {
    expect(overlayLine([1000, 2000], [1, 2], { shiftMs: -500 }).times).toEqual([500, 1500]);
  });

  it('does not mutate its inputs', () => {
    const times = [0, 1, 2];
    const values = [3, 1, 2];
    overlayLine(times, values, { shiftMs: 10 });
    expect(times).toEqual([0, 1, 2]);
    expect(values).toEqual([3, 1, 2]);
  });
});
