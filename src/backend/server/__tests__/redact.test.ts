import { REDACTED, Redactor } from '../redact';

test('redactor replaces every occurrence of a registered secret, longest first', () => {
  const r = new Redactor();
  r.registerSecret('abcd');
  r.registerSecret('abcdefgh');
  expect(r.redactString('x abcdefgh y abcd z')).toBe(`x ${REDACTED} y ${REDACTED} z`);
});

test('redactor ignores secrets too short to mask safely but still masks their keys', () => {
  const r = new Redactor();
  r.registerSecret('ab');
  expect(r.redactString('about')).toBe('about');
  expect(r.redact({ password: 'ab' })).toEqual({ password: REDACTED });
});

test('redactor masks values under secret-sounding keys whatever their type', () => {
  const r = new Redactor();
  expect(r.redact({ apiKey: 1234, Cookie: 'a=b', secureJsonData: { x: 'y' }, user: 'bob' })).toEqual({
    apiKey: REDACTED,
    Cookie: REDACTED,
    secureJsonData: REDACTED,
    user: 'bob',
  });
});

test('redactor keeps errors readable without their stack', () => {
  const r = new Redactor();
  r.registerSecret('tok-999');
  expect(r.redact(new Error('failed with tok-999'))).toEqual({ name: 'Error', message: `failed with ${REDACTED}` });
});

test('redactor does not mutate its input', () => {
  const r = new Redactor();
  const input = { password: 'x1234', list: ['a'] };
  r.redact(input);
  expect(input).toEqual({ password: 'x1234', list: ['a'] });
});

test('redactor masks a secret registered after earlier redactions (the longest-first cache is refreshed)', () => {
  const r = new Redactor();
  r.registerSecret('first-secret');
  expect(r.redactString('first-secret second-secret')).toBe(`${REDACTED} second-secret`);
  r.registerSecret('second-secret');
  expect(r.redactString('first-secret second-secret')).toBe(`${REDACTED} ${REDACTED}`);
});
