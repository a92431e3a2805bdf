import { alertFirings } from '../alertFirings';

const times = [0, 60, 120, 180, 240, 300, 360, 420].map((s) => s * 1000);

describe('alertFirings', () => {
  it('fires at the first true evaluation without a pending period and resolves at the first false one', () => {
    const c = [false, true, true, false, true, false, false, false];
    expect(alertFirings(times, c)).toEqual([
      { startMs: 60_000, endMs: 180_000, first: 1, last: 2, open: false },
      { startMs: 240_000, endMs: 300_000, first: 4, last: 4, open: false },
    ]);
  });

  it('waits out `for` in Pending: true at 1, 2, 3 with for 2m fires at 3; a shorter run never fires', () => {
    const c = [false, true, true, true, false, true, true, false];
    expect(alertFirings(times, c, { forMs: 120_000 })).toEqual([
      { startMs: 180_000, endMs: 240_000, first: 3, last: 3, open: false },
    ]);
  });

  it('keeps a firing still on at the end open, ending at endMs', () => {
    const c = [false, false, false, false, false, false, true, true];
    expect(alertFirings(times, c, { endMs: 450_000 })).toEqual([
      { startMs: 360_000, endMs: 450_000, first: 6, last: 7, open: true },
    ]);
  });

  it('refuses mismatched lengths and a negative pending period', () => {
    expect(() => alertFirings([0, 1], [true])).toThrow(RangeError);
    expect(() => alertFirings([0], [true], { forMs: -1 })).toThrow(RangeError);
  });
});
