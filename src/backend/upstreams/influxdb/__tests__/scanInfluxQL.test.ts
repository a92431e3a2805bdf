import fc from 'fast-check';

import { scanInfluxQL, type InfluxQLReading } from '../scanInfluxQL';

/** The single reading's tokens as `kind:text`; fails when the text has several readings or cannot be read. */
function tokens(q: string): string[] {
  const { readings } = scanInfluxQL(q);
  expect(readings).toHaveLength(1);
  const [r] = readings;
  if ('error' in r) {
    throw new Error(`unexpected scan error: ${r.error.message}`);
  }
  return r.tokens.map((t) => `${t.kind}:${t.text}`);
}

function scanError(q: string): string {
  const { readings } = scanInfluxQL(q);
  expect(readings).toHaveLength(1);
  const [r] = readings;
  if (!('error' in r)) {
    throw new Error(`expected a scan error, got ${r.tokens.map((t) => t.text).join(' ')}`);
  }
  return r.error.message;
}

const show = (r: InfluxQLReading) =>
  'error' in r ? `error: ${r.error.message}` : r.tokens.map((t) => t.text).join(' ');

describe('scanInfluxQL tokens', () => {
  it('reads keywords case-insensitively, identifiers, numbers, durations and operators', () => {
    expect(tokens('select mean("value") FROM cpu WHERE time >= 10ms and x != 1.5 GROUP BY time(1h30m)')).toEqual([
      'keyword:select',
      'identifier:mean',
      'punctuation:(',
      'identifier:"value"',
      'punctuation:)',
      'keyword:FROM',
      'identifier:cpu',
      'keyword:WHERE',
      'identifier:time',
      'operator:>=',
      'duration:10ms',
      'keyword:and',
      'identifier:x',
      'operator:!=',
      'number:1.5',
      'keyword:GROUP',
      'keyword:BY',
      'identifier:time',
      'punctuation:(',
      'duration:1h30m',
      'punctuation:)',
    ]);
    expect(scanInfluxQL('select').readings).toEqual([
      { tokens: [{ kind: 'keyword', text: 'select', value: 'SELECT', start: 0 }] },
    ]);
  });

  it('reads every operator and punctuation mark InfluxQL has', () => {
    expect(tokens('+ - * % & | ^ = =~ != !~ < <= <> > >= ( ) , ; : :: . π')).toEqual(
      ['+', '-', '*', '%', '&', '|', '^', '=', '=~', '!=', '!~', '<', '<=', '<>', '>', '>=']
        .map((o) => `operator:${o}`)
        .concat(
          ['(', ')', ',', ';', ':', '::', '.'].map((p) => `punctuation:${p}`),
          ['operator:π']
        )
    );
  });

  it('reads numbers as InfluxDB does: a dot after digits is swallowed, .5 is a number, digits then letters a duration', () => {
    expect(tokens('12 1.5 .5 1. 5m 10µs 1e5 1_0')).toEqual([
      'integer:12',
      'number:1.5',
      'number:.5',
      'number:1.',
      'duration:5m',
      'duration:10µs',
      'duration:1e5',
      'integer:1',
      'identifier:_0',
    ]);
  });

  it('keeps escaped quotes inside strings and identifiers', () => {
    expect(tokens(`'it\\'s; DROP' "a\\"b" 'x\\\\' 'n\\n'`)).toEqual([
      `string:'it\\'s; DROP'`,
      'identifier:"a\\"b"',
      "string:'x\\\\'",
      "string:'n\\n'",
    ]);
  });

  it('takes a bare word directly followed by a quoted identifier as one identifier, never a keyword', () => {
    expect(tokens('into"x" "a""b"')).toEqual(['identifier:into"x"', 'identifier:"a"', 'identifier:"b"']);
  });

  it('reads $name as a parameter', () => {
    expect(tokens('$timeFilter $"q" $')).toEqual(['parameter:$timeFilter', 'parameter:$"q"', 'parameter:$']);
  });

  it('drops whitespace and comments; -- ends at LF or CR, /* */ does not nest', () => {
    expect(tokens('a -- b ; c\nd --e\rf /* g ; */ h /* /* */ i\t\r\nj')).toEqual(
      ['a', 'd', 'f', 'h', 'i', 'j'].map((w) => `identifier:${w}`)
    );
  });
});

describe('scanInfluxQL regex or division', () => {
  it('reads a regex where InfluxQL places one: after SELECT, FROM, BY, ",", "(", "=", "=~" and "!~"', () => {
    for (const before of ['SELECT', 'FROM', 'BY', 'a,', 'f(', 'k =', 'k =~', 'k !~', 'SELECT\n']) {
      expect(tokens(`${before} /x'y/`).pop()).toBe("regex:/x'y/");
    }
  });

  it('reads division everywhere else', () => {
    for (const before of ['a', '"a"', '1', '1.', '5m', ')', 'WHERE', '; ', "'s'"]) {
      expect(tokens(`${before} /x/`).slice(-3)).toEqual(['operator:/', 'identifier:x', 'operator:/']);
    }
  });

  it('ends a regex only at a / not escaped by a backslash, so \\\\/ does not end it', () => {
    expect(tokens('FROM /a\\/b/')).toEqual(['keyword:FROM', 'regex:/a\\/b/']);
    expect(tokens('FROM /a\\\\/b/ x')).toEqual(['keyword:FROM', 'regex:/a\\\\/b/', 'identifier:x']);
    expect(tokens('FROM /\\d+/')).toEqual(['keyword:FROM', 'regex:/\\d+/']);
  });

  it('reads /* as a comment even where a regex could start (InfluxDB fails there anyway)', () => {
    expect(tokens('FROM /*/ x */ cpu')).toEqual(['keyword:FROM', 'identifier:cpu']);
  });

  it('reads the reported bypass as three statements', () => {
    const q = `SELECT value FROM /cpu'/; DROP DATABASE "victim"; SELECT value FROM cpu WHERE host = '/'`;
    expect(tokens(q).filter((t) => t === 'punctuation:;')).toHaveLength(2);
    expect(tokens(q)).toContain("regex:/cpu'/");
  });

  it('reads a / right after a dot both ways (rp./re/ is a regex, a./b/2 is division)', () => {
    const { readings, tooAmbiguous } = scanInfluxQL('SELECT v FROM rp./x/');
    expect(tooAmbiguous).toBe(false);
    expect(readings.map(show)).toEqual(['SELECT v FROM rp . / x /', 'SELECT v FROM rp . /x/']);
  });

  it('keeps a reading that fails next to one that scans', () => {
    const { readings } = scanInfluxQL("FROM rp./'/");
    expect(readings.map(show)).toEqual(['error: unterminated string starting at character 10', "FROM rp . /'/"]);
  });

  it('stops exploring past maxReadings and says so', () => {
    const q = 'SELECT ' + Array.from({ length: 8 }, () => 'a./b/').join(' + ');
    const all = scanInfluxQL(q, { maxReadings: 1000 });
    expect(all.tooAmbiguous).toBe(false);
    expect(all.readings).toHaveLength(256);
    const capped = scanInfluxQL(q);
    expect(capped.tooAmbiguous).toBe(true);
    expect(capped.readings.length).toBeLessThan(64);
  });
});

describe('scanInfluxQL errors', () => {
  it.each([
    ["SELECT 'abc", 'unterminated string starting at character 8'],
    ['SELECT "abc', 'unterminated quoted identifier starting at character 8'],
    ['SELECT a"bc', 'unterminated quoted identifier starting at character 9'],
    ["SELECT 'a\nb'", 'line break inside the string starting at character 8'],
    ["SELECT 'a\rb'", 'line break inside the string starting at character 8'],
    [
      "SELECT 'a\\qb'",
      `bad escape "\\q" at character 10, in the string starting at character 8 (only \\n, \\\\, \\' and \\" are escapes)`,
    ],
    [
      "SELECT 'a\\",
      `backslash at the end of the query, in the string starting at character 8 (only \\n, \\\\, \\' and \\" are escapes)`,
    ],
    ['FROM /abc', 'unterminated regex starting at character 6'],
    ['FROM /ab\\/', 'unterminated regex starting at character 6'],
    ['FROM /ab\\', 'unterminated regex starting at character 6'],
    ['FROM /a\nb/', 'line break inside the regex starting at character 6'],
    ['SELECT a /* b', 'unterminated /* comment starting at character 10'],
    ['SELECT !a', "'!' at character 8 must be followed by = or ~"],
    ['SELECT a；', "'；' (U+FF1B) at character 9 is not part of InfluxQL outside quotes"],
    ['SELECT a\u00a0', "'\u00a0' (U+00A0) at character 9 is not part of InfluxQL outside quotes"],
    ['SELECT a\u0000', 'U+0000 at character 9 is not part of InfluxQL outside quotes'],
    ['SELECT 😀', "'😀' (U+1F600) at character 8 is not part of InfluxQL outside quotes"],
    ['SELECT `a`', "'`' (U+0060) at character 8 is not part of InfluxQL outside quotes"],
  ])('%j cannot be read: %s', (q, message) => {
    expect(scanError(q)).toBe(message);
  });

  it('allows any character inside strings, identifiers, regexes and comments', () => {
    expect(tokens('\'😀；\u00a0\' "`" -- 😀\n/*；*/ FROM /😀/')).toEqual([
      "string:'😀；\u00a0'",
      'identifier:"`"',
      'keyword:FROM',
      'regex:/😀/',
    ]);
  });
});

/** Characters that change how InfluxQL is read, plus a few ordinary and foreign ones. */
const grammarChar = fc.constantFrom(
  "'",
  '"',
  '/',
  '\\',
  '*',
  '-',
  '.',
  ';',
  'a',
  'b',
  '1',
  ' ',
  '\n',
  '\r',
  '(',
  ',',
  '=',
  '~',
  '!',
  'µ',
  'π',
  '😀',
  '$'
);

describe('scanInfluxQL on any text', () => {
  it('never throws, and its tokens appear in order at their offsets', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: grammarChar, maxLength: 40 })),
        (q) => {
          const { readings } = scanInfluxQL(q);
          const problems: string[] = readings.length === 0 ? ['no reading'] : [];
          for (const r of readings) {
            if ('tokens' in r) {
              let end = 0;
              for (const t of r.tokens) {
                if (t.start < end || q.slice(t.start, t.start + t.text.length) !== t.text) {
                  problems.push(`token ${t.text} at ${t.start}`);
                }
                end = t.start + t.text.length;
              }
            } else if (!(r.error.offset >= 0 && r.error.offset < q.length)) {
              problems.push(`error offset ${r.error.offset}`);
            }
          }
          expect(problems).toEqual([]);
        }
      ),
      { seed: 20261205, numRuns: 3000 }
    );
  });
});
