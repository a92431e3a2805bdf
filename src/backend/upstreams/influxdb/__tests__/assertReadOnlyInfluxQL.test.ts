import fc from 'fast-check';

import { LensError } from '../../../errors/LensError';
import { assertReadOnlyInfluxQL } from '../assertReadOnlyInfluxQL';
import { generatedRefused, hostileButValid, READ_ONLY, REFUSED } from './influxqlCorpus';

/** The guard's refusal for `q`, or undefined when it lets `q` through. */
function refusal(q: string): LensError | undefined {
  try {
    assertReadOnlyInfluxQL(q);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(LensError);
    return e as LensError;
  }
}

const message = (q: string) => refusal(q)?.message;

describe('assertReadOnlyInfluxQL', () => {
  it('refuses the reported bypass (a quote inside a regex hid a DROP DATABASE)', () => {
    const e = refusal(`SELECT value FROM /cpu'/; DROP DATABASE "victim"; SELECT value FROM cpu WHERE host = '/'`);
    expect(e).toMatchObject({
      status: 400,
      kind: 'query',
      errorSource: 'downstream',
      message: 'Only one statement per query may be run from Anomaly Lens; a second one (DROP) starts at character 27',
    });
  });

  it('lets every read-only statement of the corpus through', () => {
    expect(READ_ONLY.filter((q) => refusal(q) !== undefined).map((q) => `${q} → ${message(q)}`)).toEqual([]);
  });

  it('refuses every hand-written adversarial statement with a 400', () => {
    const through = REFUSED.filter(({ q }) => refusal(q)?.status !== 400).map(({ why, q }) => `${why}: ${q}`);
    expect(through).toEqual([]);
  });

  it('refuses every generated adversarial statement with a 400', () => {
    const generated = generatedRefused(200, 20261205);
    expect(generated).toHaveLength(200);
    expect(generated.filter((q) => refusal(q)?.status !== 400)).toEqual([]);
  });

  it('lets hostile text inside strings, identifiers, regexes and comments through', () => {
    fc.assert(
      fc.property(hostileButValid, (q) => {
        expect(message(q)).toBeUndefined();
      }),
      { seed: 20261205, numRuns: 2000 }
    );
  });

  it('allows one trailing semicolon, with only whitespace or comments after it', () => {
    expect(message('SHOW MEASUREMENTS ; -- done\n /* really */')).toBeUndefined();
    expect(message('SHOW MEASUREMENTS;;')).toBe(
      'Only one statement per query may be run from Anomaly Lens; a second one (;) starts at character 19'
    );
  });

  it('names what it refuses and why', () => {
    expect(message('')).toBe(
      'InfluxQL query is empty; enter e.g. SELECT mean("value") FROM "cpu" WHERE $timeFilter GROUP BY time($__interval)'
    );
    expect(message('  -- nothing but a comment')).toMatch(/^InfluxQL query is empty/);
    expect(message('  ;  ')).toMatch(/^InfluxQL query is empty/);
    expect(message('drop database x')).toBe('Only SELECT and SHOW statements may be run from Anomaly Lens; got DROP');
    expect(message('"SELECT" a FROM b')).toBe(
      'Only SELECT and SHOW statements may be run from Anomaly Lens; got "SELECT"'
    );
    expect(message('SELECT * FROM (SELECT a INTO b FROM c)')).toBe(
      'SELECT … INTO writes data and is not allowed from Anomaly Lens (INTO at character 25)'
    );
    expect(message("SELECT a FROM b WHERE c = 'd")).toBe(
      'InfluxQL query refused, it cannot be read safely: unterminated string starting at character 27'
    );
    expect(message('SELECT a FROM b\u0000; DROP DATABASE c')).toBe(
      'InfluxQL query refused: it holds a NUL character (U+0000) at character 16'
    );
  });

  it('checks every way InfluxDB may read a / after a dot, and ignores ways it cannot read', () => {
    expect(message('SELECT v FROM "autogen"./^cpu$/')).toBeUndefined();
    // As a regex the text is one statement; as a division, InfluxDB would see a second one.
    expect(message('SELECT a./x FROM m; DROP DATABASE d; SELECT x/2 FROM m')).toBe(
      'Only one statement per query may be run from Anomaly Lens; a second one (DROP) starts at character 21 ' +
        '(reading a "/" after a "." as regex or division, as InfluxDB may)'
    );
    // As a division the quote opens a string that never ends, so InfluxDB can only read the regex.
    expect(message("SELECT v FROM rp./'; DROP DATABASE d; --/")).toBeUndefined();
  });

  it('refuses text with too many ways to read it', () => {
    const q = 'SELECT ' + Array.from({ length: 7 }, () => 'a./b/').join(' + ') + ' FROM m';
    expect(message(q)).toBe(
      'InfluxQL query refused: too many places where a "/" after a "." may start a regex or a division ' +
        '(over 64 ways to read it); put spaces around division operators'
    );
    expect(message('SELECT ' + Array.from({ length: 5 }, () => 'a./b/').join(' + ') + ' FROM m')).toBeUndefined();
  });

  it.each([
    'SELECT mean("value") FROM "cpu" WHERE time > now() - 1h GROUP BY time(1m)',
    'show measurements',
    "SELECT v FROM m WHERE t = 'DROP; INTO'",
    'SELECT "into" FROM m -- DROP DATABASE x',
    'SELECT v /* ; DELETE FROM m */ FROM m',
    'SELECT * FROM "a;b";',
  ])('allows %j', (q) => {
    expect(message(q)).toBeUndefined();
  });

  it.each([
    ['DROP DATABASE nab', /^Only SELECT and SHOW statements .* got DROP$/],
    ['SELECT v FROM m; DROP MEASUREMENT m', /^Only one statement per query .* \(DROP\) starts at character 18$/],
    ['SELECT * FROM "a;b"; SHOW TAG KEYS', /^Only one statement per query .* \(SHOW\) starts at character 22$/],
    ['SELECT v INTO other FROM m', /^SELECT … INTO writes data/],
    ["CREATE USER x WITH PASSWORD 'y'", /got CREATE$/],
  ])('refuses %j', (q, expected) => {
    expect(message(q)).toMatch(expected);
  });

  it('answers any text with nothing or a 400, never another error', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (q) => {
        const e = refusal(q);
        expect(e === undefined || e.status === 400).toBe(true);
      }),
      { seed: 20261205, numRuns: 2000 }
    );
  });
});
