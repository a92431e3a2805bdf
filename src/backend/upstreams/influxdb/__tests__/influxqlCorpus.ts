/**
 * The InfluxQL guard's test corpus, shared by its unit test and by tests/integration/influxqlGuard.test.ts, which
 * runs it against a real influxd. Names refer to that test's fixture: database `lens` (measurements `cpu` with
 * tags host/region and fields value/n/s, `mem`, `semi;colon`), and the sentinel database `victim` (measurement
 * `canary`) that no refused statement may touch. `READ_ONLY` statements are valid reads influxd runs without
 * error; `REFUSED` ones would write, add a statement, or cannot be read.
 */
import fc from 'fast-check';

export const READ_ONLY: string[] = [
  'SELECT "value" FROM "cpu"',
  'select value from cpu',
  'SELECT\tvalue\tFROM\tcpu',
  "SELECT value FROM cpu\r\nWHERE host = 'a'",
  'SELECT mean("value") FROM "cpu" WHERE time >= 1396310400000ms and time <= 1396400000000ms GROUP BY time(1h), "host" fill(null)',
  'SELECT mean("value") FROM "autogen"."cpu" WHERE ("host" =~ /^a$/) AND time >= 0ms GROUP BY time(1d) fill(none)',
  // Regex literals holding what a naive scanner takes for quotes, statement ends or comments.
  "SELECT value FROM /cpu'/",
  'SELECT value FROM /cpu"/',
  'SELECT value FROM /^c.u$/',
  'SELECT value FROM /cpu|mem/',
  "SELECT value FROM cpu, /m'm/",
  "SELECT value FROM cpu GROUP BY host, /re'g/",
  "SELECT value, /'/ FROM cpu",
  "SELECT count( /'/) FROM cpu",
  'SELECT value FROM cpu WHERE host =~ /\'/ OR host =~ /"/',
  'SELECT value FROM cpu WHERE host !~ /;DROP DATABASE victim;/',
  'SELECT value FROM cpu WHERE host =~ /--/',
  'SELECT value FROM cpu WHERE host =~ /a;b/',
  'SELECT value FROM cpu WHERE host =~ /a\\/b/',
  'SELECT value FROM cpu WHERE host =~ /\\d/',
  'SELECT value FROM cpu WHERE host =~ /\\/*x*\\//',
  "SELECT value FROM cpu WHERE host =~ /a\\\\/'/ OR host = 'a'",
  'SELECT value FROM cpu WHERE host =~ /ü/',
  "SELECT value FROM cpu GROUP BY /'/",
  'SELECT value FROM cpu GROUP BY /ho/',
  "SELECT /'/ FROM cpu",
  "SELECT count(/'/) FROM cpu",
  'SELECT value FROM "autogen"./cpu/',
  'SELECT value FROM lens.autogen./^cpu$/',
  'SELECT value FROM "autogen"./^cpu$/ WHERE host =~ /^(a|b)$/',
  "SELECT value FROM lens.autogen./'; DROP DATABASE victim; --/",
  'SELECT value FROM lens..cpu',
  // Strings and identifiers holding statement ends, comments and escaped quotes.
  "SELECT value FROM cpu WHERE host = 'a\\'; DROP DATABASE victim; --'",
  "SELECT value FROM cpu WHERE s = 'semi;colon -- /* */ \\' \"'",
  'SELECT "value" FROM "semi;colon"',
  'SELECT "va\\"lue; DROP DATABASE victim" FROM cpu',
  'SELECT value AS "as; DROP" FROM cpu',
  "SELECT value FROM cpu WHERE host = 'π'",
  'SELECT "ünïcode" FROM cpu',
  "SELECT value FROM cpu WHERE host = 'into'",
  'SELECT "into" FROM cpu',
  // Comments hiding statement ends.
  'SELECT value FROM cpu -- ; DROP DATABASE victim',
  "SELECT value FROM cpu WHERE host = 'a' -- it's a comment",
  'SELECT value /* ; DROP DATABASE victim */ FROM cpu',
  'SELECT value /* " and / and ; and \' */ FROM cpu',
  'SELECT value FROM cpu;',
  'SELECT value FROM cpu; -- trailing comment',
  'SELECT value FROM cpu ; /* and a block */ ',
  // Division in every place it can stand.
  'SELECT value / 2 FROM cpu',
  'SELECT value/2/2 FROM cpu',
  'SELECT (value) / 2 FROM cpu',
  'SELECT value FROM cpu WHERE value / 2 > 0',
  "SELECT mean(value) / 2 FROM cpu WHERE time > '2014-04-01T00:00:00Z' AND time < '2014-04-02T00:00:00Z' GROUP BY time(1h)",
  'SELECT value * 1.5/2 FROM cpu',
  'SELECT value/.5 FROM cpu',
  'SELECT "cpu"."value" FROM cpu',
  // Subqueries, casts, clauses.
  'SELECT * FROM (SELECT value FROM cpu)',
  "SELECT max(v) FROM (SELECT value AS v FROM cpu WHERE host = 'a')",
  'SELECT value::field, host::tag FROM cpu',
  'SELECT value FROM cpu WHERE time > now() - 1000w',
  "SELECT value FROM cpu WHERE host = 'a' OR host = 'b' LIMIT 1 OFFSET 0 SLIMIT 1",
  'SELECT value FROM cpu ORDER BY time DESC LIMIT 2',
  "SELECT value FROM cpu TZ('Europe/Paris')",
  'SELECT value, n FROM cpu, mem',
  "SELECT count(value) FROM cpu WHERE time >= '2014-04-01T00:00:00Z'",
  'SELECT value FROM cpu WHERE value > .5 AND value < 1000.0',
  'SELECT "value" FROM "cpu" WHERE "region" = \'eu\' GROUP BY *',
  'SELECT top(value, 1) FROM cpu',
  "SELECT value FROM cpu WHERE host <> 'a'",
  'SELECT DISTINCT(host) FROM (SELECT value, host FROM cpu)',
  // SHOW statements a read-only user may run.
  'SHOW MEASUREMENTS',
  'SHOW MEASUREMENTS;',
  'SHOW MEASUREMENTS WITH MEASUREMENT =~ /c.*/',
  "SHOW MEASUREMENTS WITH MEASUREMENT =~ /'/",
  "SHOW MEASUREMENTS WITH MEASUREMENT = /c'u/",
  'SHOW TAG KEYS FROM cpu',
  'SHOW TAG VALUES FROM cpu WITH KEY = "host"',
  "SHOW TAG VALUES WITH KEY =~ /ho'st/",
  'SHOW FIELD KEYS FROM "cpu"',
  'SHOW SERIES FROM cpu',
  'SHOW RETENTION POLICIES ON lens',
  'SHOW DATABASES',
];

/** Statements the guard refuses; each names the reason it must be refused. */
export const REFUSED: Array<{ q: string; why: string }> = [
  {
    why: 'the reported bypass: a quote inside a regex',
    q: `SELECT value FROM /cpu'/; DROP DATABASE "victim"; SELECT value FROM cpu WHERE host = '/'`,
  },
  { why: 'a double quote inside a regex', q: `SELECT value FROM /cpu"/; DROP DATABASE victim; SELECT "/" FROM cpu` },
  {
    why: 'quote in a =~ regex',
    q: `SELECT value FROM cpu WHERE host =~ /'/; DROP DATABASE victim; SELECT value FROM cpu WHERE host = '/'`,
  },
  { why: 'quote in a GROUP BY regex', q: `SELECT value FROM cpu GROUP BY /'/; DROP DATABASE victim --'` },
  { why: 'quote in a field regex', q: `SELECT /'/ FROM cpu; DROP DATABASE victim --'` },
  { why: 'quote in a call-argument regex', q: `SELECT count(/'/) FROM cpu; DROP DATABASE victim --'` },
  { why: 'quote in a db.rp./re/ regex', q: `SELECT value FROM lens.autogen./'/; DROP DATABASE victim -- '` },
  {
    why: 'quote in an rp./re/ regex',
    q: `SELECT value FROM "autogen"./x'/; DROP DATABASE victim; SELECT value FROM cpu WHERE host = '/'`,
  },
  {
    why: 'division after a dot hiding a statement',
    q: `SELECT a./x FROM cpu; DROP DATABASE victim; SELECT x/2 FROM cpu`,
  },
  { why: 'quote in a SHOW regex', q: `SHOW MEASUREMENTS WITH MEASUREMENT =~ /'/; DROP DATABASE victim --'` },
  { why: 'quote in a WITH KEY regex', q: `SHOW TAG VALUES WITH KEY =~ /'/; DROP DATABASE victim --'` },
  {
    why: '\\\\/ does not end a regex',
    q: `SELECT value FROM cpu WHERE host =~ /a\\\\/'/; DROP DATABASE victim; SELECT value FROM cpu WHERE host = '/'`,
  },
  { why: 'a regex with a semicolon then a real one', q: 'SELECT value FROM /a;b/; DROP DATABASE victim' },
  { why: 'comment markers inside a regex', q: 'SELECT value FROM /--/; DROP DATABASE victim' },
  {
    why: 'escaped backslash ends a string',
    q: `SELECT value FROM cpu WHERE host = 'a\\\\'; DROP DATABASE victim; --'`,
  },
  { why: 'escaped backslash ends an identifier', q: `SELECT "a\\\\"; DROP DATABASE victim; --" FROM cpu` },
  { why: 'a statement after a block comment', q: 'SELECT value FROM cpu /* ; */; DROP DATABASE victim' },
  { why: 'a statement after a line comment', q: 'SELECT value FROM cpu --x\n; DROP DATABASE victim' },
  { why: 'CR ends a line comment', q: 'SELECT value FROM cpu -- x\r; DROP DATABASE victim' },
  { why: 'comments do not nest', q: 'SELECT value FROM cpu /* /* */ ; DROP DATABASE victim; /* */' },
  { why: 'unterminated block comment', q: 'SELECT value FROM cpu /* ; DROP DATABASE victim' },
  { why: 'no space around ;', q: 'SELECT value FROM cpu;DROP DATABASE victim' },
  { why: 'two SELECTs', q: 'SELECT value FROM cpu; SELECT value FROM mem' },
  { why: 'two semicolons', q: 'SELECT value FROM cpu;;' },
  { why: 'SHOW then DROP', q: 'SHOW DATABASES; DROP DATABASE victim' },
  { why: 'SHOW then DELETE', q: 'SHOW MEASUREMENTS ; DELETE FROM canary' },
  { why: 'a leading semicolon', q: '; DROP DATABASE victim' },
  { why: 'a leading empty statement', q: ';SELECT value FROM cpu' },
  // Writes and administration.
  { why: 'DROP DATABASE', q: 'DROP DATABASE victim' },
  { why: 'mixed case', q: 'dRoP dAtAbAsE victim' },
  { why: 'comment before DROP', q: '/* c */DROP DATABASE victim' },
  { why: 'line comment before DROP', q: '-- c\nDROP DATABASE victim' },
  { why: 'DROP MEASUREMENT', q: 'DROP MEASUREMENT canary' },
  { why: 'DROP SERIES', q: 'DROP SERIES FROM canary' },
  { why: 'DELETE', q: 'DELETE FROM canary' },
  { why: 'DELETE WHERE', q: 'DELETE WHERE time < now()' },
  { why: 'DROP RETENTION POLICY', q: 'DROP RETENTION POLICY autogen ON victim' },
  { why: 'DROP SHARD', q: 'DROP SHARD 1' },
  { why: 'DROP USER', q: 'DROP USER reader' },
  { why: 'DROP CONTINUOUS QUERY', q: 'DROP CONTINUOUS QUERY cq ON victim' },
  { why: 'DROP SUBSCRIPTION', q: 'DROP SUBSCRIPTION s ON victim.autogen' },
  { why: 'CREATE DATABASE', q: 'CREATE DATABASE evil' },
  { why: 'CREATE USER', q: "CREATE USER evil WITH PASSWORD 'x' WITH ALL PRIVILEGES" },
  { why: 'CREATE RETENTION POLICY', q: 'CREATE RETENTION POLICY rp ON victim DURATION 1h REPLICATION 1 DEFAULT' },
  {
    why: 'CREATE CONTINUOUS QUERY',
    q: 'CREATE CONTINUOUS QUERY cq ON victim BEGIN SELECT count(value) INTO c FROM canary GROUP BY time(1m) END',
  },
  { why: 'CREATE SUBSCRIPTION', q: "CREATE SUBSCRIPTION s ON victim.autogen DESTINATIONS ALL 'http://127.0.0.1:9'" },
  { why: 'ALTER RETENTION POLICY', q: 'ALTER RETENTION POLICY autogen ON victim DURATION 1h' },
  { why: 'GRANT admin', q: 'GRANT ALL TO reader' },
  { why: 'GRANT WRITE', q: 'GRANT WRITE ON victim TO reader' },
  { why: 'REVOKE admin', q: 'REVOKE ALL PRIVILEGES FROM lens_admin' },
  { why: 'REVOKE READ', q: 'REVOKE READ ON lens FROM reader' },
  { why: 'KILL QUERY', q: 'KILL QUERY 1' },
  { why: 'SET PASSWORD', q: "SET PASSWORD FOR reader = 'x'" },
  { why: 'EXPLAIN ANALYZE runs the query', q: 'EXPLAIN ANALYZE SELECT value FROM cpu' },
  { why: 'EXPLAIN is not SELECT or SHOW', q: 'EXPLAIN SELECT value FROM cpu' },
  { why: 'INSERT is not InfluxQL', q: 'INSERT canary value=2' },
  { why: 'a statement in parentheses', q: '(SELECT value FROM cpu)' },
  { why: 'a quoted SELECT is an identifier', q: '"SELECT" value FROM cpu' },
  // SELECT … INTO in every spelling.
  { why: 'SELECT INTO', q: 'SELECT value INTO cpu_copy FROM cpu' },
  { why: 'INTO another database', q: 'SELECT * INTO victim..copy FROM cpu' },
  { why: 'INTO with :MEASUREMENT', q: 'SELECT * INTO "victim"."autogen".:MEASUREMENT FROM /.*/' },
  { why: 'INTO in a subquery', q: 'SELECT * FROM (SELECT * INTO x FROM cpu)' },
  { why: 'lower-case into', q: 'select * into x from cpu' },
  { why: 'INTO behind a comment', q: 'SELECT value INTO/**/x FROM cpu' },
  { why: 'INTO on its own line', q: 'SELECT value\nINTO x FROM cpu' },
  { why: 'INTO with GROUP BY', q: 'SELECT mean(value) INTO x FROM cpu WHERE time > 0 GROUP BY time(1h)' },
  // What InfluxDB cannot read either.
  { why: 'bad escape in a string', q: "SELECT value FROM cpu WHERE host = 'a\\x'" },
  { why: 'unterminated string', q: "SELECT value FROM cpu WHERE host = 'a" },
  { why: 'unterminated identifier', q: 'SELECT "value FROM cpu' },
  { why: 'unterminated regex', q: 'SELECT value FROM /cpu' },
  { why: 'regex ending in an escaped slash', q: 'SELECT value FROM cpu WHERE host =~ /a\\/' },
  { why: 'line break in a regex', q: 'SELECT value FROM /cp\nu/' },
  { why: 'line break in a string', q: "SELECT value FROM cpu WHERE host = 'a\nb'" },
  { why: 'a lone !', q: 'SELECT value FROM cpu WHERE !host' },
  { why: 'NUL hides the rest from InfluxDB', q: 'SELECT value FROM cpu\u0000; DROP DATABASE victim' },
  { why: 'full-width semicolon', q: 'SELECT value FROM cpu\uff1bDROP DATABASE victim' },
  { why: 'no-break space', q: 'SELECT value FROM cpu\u00a0; DROP DATABASE victim' },
  { why: 'line separator', q: 'SELECT value FROM cpu\u2028DROP DATABASE victim' },
  { why: 'Cyrillic homoglyph', q: '\u0405ELECT value FROM cpu' },
  { why: 'byte-order mark', q: '\ufeffSELECT value FROM cpu' },
  { why: 'emoji outside quotes', q: 'SELECT value FROM cpu 😀' },
  { why: 'lone surrogate', q: 'SELECT value FROM cpu \ud800' },
  { why: 'backtick', q: 'SELECT `value` FROM cpu' },
];

/** Statements that write or administer when InfluxDB runs them (all against the sentinel). */
export const WRITES = [
  'DROP DATABASE victim',
  'DROP MEASUREMENT canary',
  'DELETE FROM canary',
  'DROP SERIES FROM canary',
  'CREATE DATABASE evil',
  "CREATE USER evil WITH PASSWORD 'x' WITH ALL PRIVILEGES",
  'GRANT ALL TO reader',
  'REVOKE READ ON lens FROM reader',
  'DROP RETENTION POLICY autogen ON victim',
  'ALTER RETENTION POLICY autogen ON victim DURATION 1h',
  'KILL QUERY 1',
  "SET PASSWORD FOR reader = 'x'",
  'SELECT * INTO victim..copy FROM canary',
];

const READS = [
  'SELECT value FROM cpu',
  "SELECT value FROM cpu WHERE host = 'a'",
  "SELECT mean(value) FROM cpu WHERE time > '2014-04-01T00:00:00Z' AND time < '2014-04-02T00:00:00Z' GROUP BY time(1h)",
  'SHOW MEASUREMENTS',
  'SHOW TAG KEYS FROM cpu',
];

/**
 * Whitespace or a comment between tokens. Block comments only after `;`: InfluxDB 1.6 fails to parse a `/` (even
 * a comment's) right after a FROM source, and the generated attacks must be ones it runs.
 */
const lineGap = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', ' -- note\n');
const gap = fc.constantFrom(' ', '\t', '\n', '\r\n', ' /* x */ ', ' -- note\n', '/**/');

/** InfluxQL keywords the generated statements use; only these change case (durations and names must not). */
const KEYWORDS = new Set(
  'SELECT FROM WHERE GROUP BY INTO SHOW TAG KEYS DROP DATABASE MEASUREMENT DELETE SERIES CREATE USER WITH PASSWORD ALL PRIVILEGES GRANT TO REVOKE READ ON RETENTION POLICY ALTER DURATION KILL QUERY SET FOR AND OR'.split(
    ' '
  )
);

/** Mixes the case of keywords (InfluxQL keywords are case-insensitive). */
const recase = (s: string, flips: boolean[]) =>
  s.replace(/[A-Za-z_]+/g, (w: string, at: number) =>
    KEYWORDS.has(w.toUpperCase())
      ? [...w].map((c, i) => (flips[(at + i) % flips.length] ? c.toLowerCase() : c.toUpperCase())).join('')
      : w
  );

/** Ways to put a second statement after a read: plain, or hidden from a scanner that misreads regexes. */
const second = fc.oneof(
  fc
    .record({ read: fc.constantFrom(...READS), g0: lineGap, g: gap, write: fc.constantFrom(...WRITES) })
    .map(({ read, g0, g, write }) => `${read}${g0};${g}${write}`),
  fc
    .record({
      at: fc.constantFrom('FROM ', 'FROM lens.autogen.', 'WHERE host =~ ', 'GROUP BY ', 'FROM "autogen".'),
      quote: fc.constantFrom("'", '"'),
      write: fc.constantFrom(...WRITES),
      g: gap,
      g1: lineGap,
    })
    .map(({ at, quote, write, g, g1 }) => {
      const select = at.startsWith('FROM') ? `SELECT value ${at}` : `SELECT value FROM cpu ${at}`;
      return `${select}/x${quote}/;${g}${write}${g1}-- ${quote}`;
    }),
  fc
    .record({ write: fc.constantFrom(...WRITES), g: lineGap })
    .map(({ write, g }) => `SELECT a./x FROM cpu;${g}${write};${g}SELECT x/2 FROM cpu`)
);

/** SELECT … INTO, at the top or in a subquery. */
const into = fc
  .record({
    target: fc.constantFrom('x', '"x"', 'victim..copy', '"victim"."autogen"."copy"', 'autogen.copy'),
    sub: fc.boolean(),
    g: gap,
  })
  .map(({ target, sub, g }) => {
    const inner = `SELECT value${g}INTO${g}${target}${g}FROM cpu`;
    return sub ? `SELECT * FROM (${inner})` : inner;
  });

/** Generated statements the guard must refuse: each, as InfluxDB reads it, adds a write or a second statement. */
export function generatedRefused(count: number, seed: number): string[] {
  const arb = fc
    .record({ q: fc.oneof(second, second, into), flips: fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }) })
    .map(({ q, flips }) => (flips.length > 3 ? recase(q, flips) : q));
  return [...new Set(fc.sample(arb, { seed, numRuns: count * 3 }))].slice(0, count);
}

/** Pieces of hostile InfluxQL: quotes, regex and comment delimiters, escapes, separators, writes, odd characters. */
const piece = fc.constantFrom(
  ' ',
  "'",
  '"',
  '/',
  '\\',
  '\\\\',
  ';',
  '--',
  '/*',
  '*/',
  '\n',
  '\r',
  '.',
  ',',
  '(',
  ')',
  '=~',
  '!~',
  '=',
  '*',
  'INTO',
  'into"x"',
  ' DROP DATABASE victim',
  ' DELETE FROM canary',
  'SELECT',
  'FROM',
  'BY',
  'GROUP BY',
  'cpu',
  'value',
  'x',
  '$x',
  '1.',
  '.5',
  '5m',
  'π',
  'ü',
  '\u00a0',
  '\u0000',
  'autogen.',
  '::',
  '!',
  '#',
  '`'
);

/** Random texts that start like a read, for the differential test against influxd. */
export const hostileText = fc
  .record({
    head: fc.constantFrom(
      'SELECT value FROM ',
      'SELECT value FROM cpu WHERE host =~ ',
      'SHOW TAG KEYS FROM ',
      'SELECT '
    ),
    body: fc.array(piece, { maxLength: 14 }),
  })
  .map(({ head, body }) => head + body.join(''));

/** Text that looks like statements, quotes and comment markers, for the inside of literals and comments. */
const lure = fc
  .array(
    fc.constantFrom(
      "'",
      '"',
      ';',
      '--',
      '/*',
      '*/',
      ' DROP DATABASE victim',
      ' INTO x',
      '\\',
      '/',
      '.',
      'π',
      'ü',
      ' ',
      '$x'
    ),
    { maxLength: 10 }
  )
  .map((parts) => parts.join(''));

/** InfluxQL string or quoted-identifier content for `text`: escapes as InfluxQL reads them. */
const escapeQuoted = (text: string, quote: string) =>
  text.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), '\\' + quote);

/** Regex-literal content for `text` that compiles: `/` escaped, everything else outside regex syntax. */
const escapeRegex = (text: string) => text.replace(/[\\^$.|?*+()[\]{}]/g, '').replace(/\//g, '\\/');

/** Valid single reads with hostile text inside a string, identifier, regex or comment: influxd runs each. */
export const hostileButValid = fc
  .record({
    text: lure,
    where: fc.constantFrom('string', 'identifier', 'regex', 'fromRegex', 'line', 'block', 'alias'),
  })
  .map(({ text, where }) => {
    switch (where) {
      case 'string':
        return `SELECT value FROM cpu WHERE host = '${escapeQuoted(text, "'")}'`;
      case 'identifier':
        return `SELECT "${escapeQuoted(text, '"')}" FROM cpu`;
      case 'alias':
        return `SELECT value AS "${escapeQuoted(text, '"')}x" FROM cpu`;
      case 'regex':
        return `SELECT value FROM cpu WHERE host =~ /${escapeRegex(text)}/`;
      case 'fromRegex':
        return `SELECT value FROM /${escapeRegex(text)}/`;
      case 'line':
        return `SELECT value FROM cpu -- ${text}`;
      default:
        return `SELECT value /* ${text.replace(/\*\//g, '')} */ FROM cpu`;
    }
  });
