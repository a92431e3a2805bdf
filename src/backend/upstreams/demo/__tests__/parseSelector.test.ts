import { LensError } from '../../../errors/LensError';
import { matchesLabels, parseSelector } from '../parseSelector';

test('parseSelector reads a bare metric name', () => {
  expect(parseSelector('demo_cpu_utilization')).toEqual({ metric: 'demo_cpu_utilization', matchers: [] });
});

test('parseSelector reads all four matcher operators, spaces, quotes, escapes and a trailing comma', () => {
  expect(parseSelector(` m:x { a = "1", b!='2' ,c=~"web-.*", d !~ "x\\"y", }`)).toEqual({
    metric: 'm:x',
    matchers: [
      { label: 'a', op: '=', value: '1' },
      { label: 'b', op: '!=', value: '2' },
      { label: 'c', op: '=~', value: 'web-.*' },
      { label: 'd', op: '!~', value: 'x"y' },
    ],
  });
});

test('parseSelector takes the metric from a __name__ matcher', () => {
  expect(parseSelector('{__name__="demo_consumer_lag", group="billing"}')).toEqual({
    metric: 'demo_consumer_lag',
    matchers: [{ label: 'group', op: '=', value: 'billing' }],
  });
});

test('parseSelector leaves the metric empty when only other __name__ matchers pick metrics', () => {
  expect(parseSelector('{__name__=~"demo_.*"}')).toEqual({
    metric: '',
    matchers: [{ label: '__name__', op: '=~', value: 'demo_.*' }],
  });
});

function errorOf(input: string): LensError {
  try {
    parseSelector(input);
  } catch (e) {
    return e as LensError;
  }
  throw new Error(`expected "${input}" to fail`);
}

test.each([
  ['', /the selector is empty/, 0],
  ['   ', /the selector is empty/, 3],
  ['9metric', /expected a metric name or "\{"/, 0],
  ['m{a="1"', /missing "\}"/, 7],
  ['m{a="1}', /unterminated label value/, 4],
  ['m{a}', /expected one of = != =~ !~ after label "a"/, 3],
  ['m{a==1}', /expected a quoted label value/, 4],
  ['m{="x"}', /expected a label name/, 2],
  ['m{a="1" b="2"}', /expected "," or "\}"/, 8],
  ['m{a=~"("}', /invalid regular expression "\("/, 5],
  ['rate(m[5m])', /unexpected "\(m\[5m\]\)"/, 4],
  ['{a="1"}', /names no metric/, 0],
  ['m{__name__="n"}', /the metric is named twice/, 2],
])('parseSelector rejects %j with a message saying what is wrong and where', (input, message, position) => {
  const e = errorOf(input);
  expect(e).toBeInstanceOf(LensError);
  expect(e.message).toMatch(message);
  expect(e.position).toBe(position);
  expect(e.message).toContain(`at position ${position + 1}`);
});

test('matchesLabels anchors regexes and treats a missing label as empty', () => {
  const labels = { host: 'web-12' };
  expect(matchesLabels([{ label: 'host', op: '=~', value: 'web-1' }], labels)).toBe(false);
  expect(matchesLabels([{ label: 'host', op: '=~', value: 'web-1.' }], labels)).toBe(true);
  expect(matchesLabels([{ label: 'host', op: '!~', value: 'db.*' }], labels)).toBe(true);
  expect(matchesLabels([{ label: 'dc', op: '=', value: '' }], labels)).toBe(true);
  expect(matchesLabels([{ label: 'dc', op: '!=', value: '' }], labels)).toBe(false);
});

test('a syntax error in a long selector quotes about 80 characters around the position, not the whole text', () => {
  const long = `demo_cpu_utilization{host="${'a'.repeat(5000)}" ! "x"}`;
  let message = '';
  try {
    parseSelector(long);
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toMatch(/^expected "," or "}", found "!" at position 5030 of "…a+" ! "x"}"$/);
  expect(message.length).toBeLessThan(300);
  expect(message).toContain('…');
});
