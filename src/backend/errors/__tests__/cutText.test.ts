import { cutText } from '../cutText';

describe('cutText', () => {
  it('returns a text within the limit unchanged', () => {
    expect(cutText('short', 5)).toBe('short');
    expect(cutText('', 0)).toBe('');
  });

  it('keeps the first characters and says how many were left out', () => {
    expect(cutText('abcdefghij', 4)).toBe('abcd… (6 more characters)');
  });

  it('counts against the whole text when given a prefix of it', () => {
    expect(cutText('abcd', 4, 1_000_000)).toBe('abcd… (999996 more characters)');
  });

  it('never ends inside a surrogate pair', () => {
    const cut = cutText('a😀b', 2);
    expect(cut.startsWith('a…')).toBe(true);
    expect(cut).toBe('a… (3 more characters)');
  });
});
