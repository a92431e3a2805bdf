import { svgAreaPath, svgPath } from './svgPath';

const x = (t: number) => t * 10;
const y = (v: number) => 100 - v;

describe('svgPath', () => {
  it('breaks the line where a value is not finite', () => {
    expect(svgPath([0, 1, 2, 3], [1, NaN, 2, 3], x, y)).toBe('M0.0,99.0M20.0,98.0L30.0,97.0');
  });
});

describe('svgAreaPath', () => {
  it('closes the band between lower and upper, going out along upper and back along lower', () => {
    expect(svgAreaPath([0, 1], [1, 2], [5, 6], x, y)).toBe('M0.0,95.0L10.0,94.0L10.0,98.0L0.0,99.0Z');
  });

  it('draws one shape per run where both ends are finite, leaving gaps open', () => {
    const d = svgAreaPath([0, 1, 2, 3], [1, 1, NaN, 1], [2, 2, 2, 2], x, y);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/Z/g)).toHaveLength(2);
    expect(d).not.toContain('20.0');
  });

  it('is empty without any finite band', () => {
    expect(svgAreaPath([0, 1], [NaN, NaN], [1, 2], x, y)).toBe('');
  });
});
