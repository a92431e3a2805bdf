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

describe('redactSecrets with a length limit', () => {
  it('cuts the text and counts what was left out of the original', () => {
    const text = 'x'.repeat(10_000);
    expect(redactSecrets(text, ['secret-value'], 100)).toBe(`${'x'.repeat(100)}… (9900 more characters)`);
  });

  it('masks a secret that straddles the cut before cutting, so no part of it shows', () => {
    const secret = 'tenant-secret-0123456789';
    const text = `${'x'.repeat(90)}${secret}${'y'.repeat(1000)}`;
    const out = redactSecrets(text, [secret], 100);
    expect(out.startsWith(`${'x'.repeat(90)}[redacted]`)).toBe(true);
    expect(out).not.toContain('tenant');
    expect(out).not.toContain('0123');
  });

  it('leaves a short text whole', () => {
    expect(redactSecrets('pw in here', ['pw'], 100)).toBe('[redacted] in here');
  });
});
