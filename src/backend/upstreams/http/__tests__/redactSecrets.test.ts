import { redactSecrets } from '../redactSecrets';

describe('redactSecrets', () => {
  it('replaces every occurrence of every secret', () => {
    expect(redactSecrets('token abc used; abc again, and pw', ['abc', 'pw'])).toBe(
      'token [redacted] used; [redacted] again, and [redacted]'
    );
  });

  it('replaces the longer of two overlapping secrets whole', () => {
    expect(redactSecrets('key=abcdef', ['abc', 'abcdef'])).toBe('key=[redacted]');
  });

  it('ignores empty and missing secrets', () => {
    expect(redactSecrets('plain text', ['', undefined])).toBe('plain text');
  });
});
