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

test('redactJson masks registered secrets and credentials in every string of an answer, keys included', () => {
  const r = new Redactor();
  r.registerSecret('tenant-secret-42');
  const answer = {
    labels: ['job', 'X-Scope-OrgID: tenant-secret-42', 'Authorization: Basic bGVuczpwdw=='],
    series: [{ 'tenant-secret-42': 'x', token_bucket: 'kept' }],
    n: 3,
    none: null,
  };
  expect(r.redactJson(answer)).toEqual({
    labels: ['job', `X-Scope-OrgID: ${REDACTED}`, `Authorization: Basic ${REDACTED}`],
    series: [{ [REDACTED]: 'x', token_bucket: 'kept' }],
    n: 3,
    none: null,
  });
  // A copy: the answer itself is not changed; key order is kept.
  expect(answer.labels[1]).toBe('X-Scope-OrgID: tenant-secret-42');
  expect(Object.keys(r.redactJson({ b: 1, a: 2, c: 3 }) as object)).toEqual(['b', 'a', 'c']);
});

test('redactJson copes with any nesting depth', () => {
  let deep: unknown = 'end';
  for (let i = 0; i < 100_000; i++) {
    deep = [deep];
  }
  expect(() => new Redactor().redactJson(deep)).not.toThrow();
});

test('redactCut masks a secret straddling the cut before cutting, and counts the whole text', () => {
  const r = new Redactor();
  r.registerSecret('tenant-secret-42');
  const text = `${'a'.repeat(95)}tenant-secret-42${'b'.repeat(10_000_000)}`;
  const out = r.redactCut(text, 100);
  // What is left out is counted after masking: 95 + 10 ([REDACTED]) + 10,000,000 − 100 shown.
  expect(out).toBe(`${'a'.repeat(95)}${REDACTED.slice(0, 5)}… (10000005 more characters)`);
  expect(out).not.toContain('tenant');
  expect(r.redactCut('Authorization: Basic dXNlcjpwdw==', 100)).toBe(`Authorization: Basic ${REDACTED}`);
});

test('redactJson keeps a "__proto__" key of an answer as data', () => {
  const answer = JSON.parse('{"series":[{"__proto__":{"polluted":"yes"},"job":"a"}]}') as unknown;
  const out = new Redactor().redactJson(answer);
  expect(JSON.stringify(out)).toBe('{"series":[{"__proto__":{"polluted":"yes"},"job":"a"}]}');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
