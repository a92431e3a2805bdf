/**
 * A tokenizer for InfluxQL that reads text the way InfluxDB 1.x does, so the read-only guard sees the same
 * statements InfluxDB would run. The lexical facts it relies on (from InfluxQL's grammar and InfluxDB's scanner;
 * written out in docs/reliability.md, "The InfluxQL guard"):
 *  - whitespace is space, tab, LF and CR only; anything InfluxDB's scanner does not know is an error;
 *  - `'…'` strings and `"…"` identifiers end at the same quote, may not hold a line break, and know only the
 *    escapes `\n`, `\\`, `\'` and `\"`; a bare word directly followed by `"…"` is one identifier;
 *  - `--` comments run to the end of the line, `/* … *\/` comments must be closed;
 *  - numbers are `12`, `1.5`, `.5` (a dot after digits is always swallowed), durations digits then letters;
 *  - a regex literal `/…/` ends at the first `/` not preceded by a backslash (a backslash before any other
 *    character is kept as is, so `\\/` does not end it) and may not hold a line break.
 *
 * `/` is the division operator too. InfluxDB's parser decides by where it is in the grammar: it reads a regex
 * right after `SELECT`, `FROM`, `BY`, `,`, `(`, `=`, `=~`, `!~`, and after the `.` of a `db.rp./re/` source. At
 * all but the last of those places division cannot start an operand, so reading a regex there is never wrong
 * for a query InfluxDB accepts. After a `.` both are possible (`FROM rp./re/` is a regex, `SELECT a./b/2` is
 * division), so the scan yields one reading for each choice. `/*` is always a comment: where InfluxDB expects a
 * regex it would read one starting with `*`, which no regex engine accepts, so the query fails there anyway.
 */

export type InfluxQLTokenKind =
  | 'keyword'
  | 'identifier'
  | 'string'
  | 'regex'
  | 'number'
  | 'integer'
  | 'duration'
  | 'parameter'
  | 'operator'
  | 'punctuation';

export interface InfluxQLToken {
  kind: InfluxQLTokenKind;
  /** The source text of the token. */
  text: string;
  /** Upper-cased word for keywords (`SELECT`), the token text otherwise. */
  value: string;
  /** 0-based offset of the first character. */
  start: number;
}

export interface InfluxQLScanError {
  /** What cannot be read, e.g. `unterminated string starting at character 18`. */
  message: string;
  /** 0-based offset where reading failed. */
  offset: number;
}

/** One way InfluxDB could read the text: its tokens (no whitespace or comments), or why it cannot be read. */
export type InfluxQLReading = { tokens: InfluxQLToken[] } | { error: InfluxQLScanError };

export interface InfluxQLScanResult {
  readings: InfluxQLReading[];
  /** True when the text has more `./` places than `maxReadings` allows; `readings` is then incomplete. */
  tooAmbiguous: boolean;
}

export interface ScanInfluxQLOptions {
  /** Most readings explored (each `./` can double them); default 64. */
  maxReadings?: number;
}

/** InfluxQL's reserved words (InfluxDB 1.x), plus AND, OR, IN, TRUE and FALSE. */
const KEYWORDS = new Set(
  (
    'ALL ALTER ANALYZE ANY AS ASC BEGIN BY CARDINALITY CREATE CONTINUOUS DATABASE DATABASES DEFAULT DELETE DESC ' +
    'DESTINATIONS DIAGNOSTICS DISTINCT DROP DURATION END EVERY EXACT EXPLAIN FIELD FOR FROM GRANT GRANTS GROUP ' +
    'GROUPS INF INSERT INTO KEY KEYS KILL LIMIT MEASUREMENT MEASUREMENTS NAME OFFSET ON ORDER PASSWORD POLICY ' +
    'POLICIES PRIVILEGES QUERIES QUERY READ REPLICATION RESAMPLE RETENTION REVOKE SELECT SERIES SET SHOW SHARD ' +
    'SHARDS SLIMIT SOFFSET STATS SUBSCRIPTION SUBSCRIPTIONS TAG TO USER USERS VALUES WHERE WITH WRITE ' +
    'AND OR IN TRUE FALSE'
  ).split(' ')
);

/** Tokens after which InfluxDB reads `/` as the start of a regex (or fails to parse). */
const REGEX_AFTER_KEYWORD = new Set(['SELECT', 'FROM', 'BY']);
const REGEX_AFTER_PUNCTUATION = new Set([',', '(', '=', '=~', '!~']);

const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c: string) => c >= '0' && c <= '9';
const isIdentChar = (c: string) => isLetter(c) || isDigit(c) || c === '_';
const isLineBreak = (c: string) => c === '\n' || c === '\r';
const isWhitespace = (c: string) => c === ' ' || c === '\t' || isLineBreak(c);
const MICRO = '\u00b5';

/** `'x' (U+0078)`, readable for any character including controls. */
function describeChar(c: string): string {
  const code = c.codePointAt(0)!;
  const hex = 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
  return code < 0x20 || code === 0x7f ? hex : `'${c}' (${hex})`;
}

/** Thrown inside the scan only, and caught by it; not an Error, so no stack is captured per refusal. */
class ScanFailure {
  constructor(readonly scanError: InfluxQLScanError) {}
}

/** `message` names the place itself (`at character N`, 1-based, as InfluxDB's errors count). */
function fail(message: string, offset: number): never {
  throw new ScanFailure({ message, offset });
}

/** End (exclusive) of a quoted string or identifier opened at `open`; throws on a bad one. */
function quotedEnd(q: string, open: number, what: string): number {
  const quote = q[open];
  let i = open + 1;
  for (;;) {
    if (i >= q.length) {
      fail(`unterminated ${what} starting at character ${open + 1}`, open);
    }
    const c = q[i];
    if (c === quote) {
      return i + 1;
    }
    if (isLineBreak(c)) {
      fail(`line break inside the ${what} starting at character ${open + 1}`, open);
    }
    if (c === '\\') {
      const e = q[i + 1];
      if (e !== 'n' && e !== '\\' && e !== "'" && e !== '"') {
        const shown =
          e === undefined
            ? 'backslash at the end of the query'
            : `bad escape "\\${e < ' ' ? describeChar(e) : e}" at character ${i + 1}`;
        fail(`${shown}, in the ${what} starting at character ${open + 1} (only \\n, \\\\, \\' and \\" are escapes)`, i);
      }
      i += 2;
    } else {
      i++;
    }
  }
}

/** End (exclusive) of the regex literal opened by the `/` at `open`; throws on a bad one. */
function regexEnd(q: string, open: number): number {
  let i = open + 1;
  for (;;) {
    if (i >= q.length) {
      fail(`unterminated regex starting at character ${open + 1}`, open);
    }
    const c = q[i];
    if (c === '/') {
      return i + 1;
    }
    if (isLineBreak(c)) {
      fail(`line break inside the regex starting at character ${open + 1}`, open);
    }
    if (c === '\\') {
      if (i + 1 >= q.length) {
        fail(`unterminated regex starting at character ${open + 1}`, open);
      }
      // Only `\/` is an escape; any other backslash stays and the next character is read on its own.
      i += q[i + 1] === '/' ? 2 : 1;
    } else {
      i++;
    }
  }
}

/** End (exclusive) of a number or duration starting at `i` (a digit, or `.` before a digit), and its kind. */
function numberEnd(q: string, i: number): { end: number; kind: 'number' | 'integer' | 'duration' } {
  let j = i;
  while (j < q.length && isDigit(q[j])) {
    j++;
  }
  if (q[j] === '.') {
    // InfluxDB's scanner keeps the dot even when no digit follows it (`1.` is the number 1).
    j++;
    while (j < q.length && isDigit(q[j])) {
      j++;
    }
    return { end: j, kind: 'number' };
  }
  if (j < q.length && (isLetter(q[j]) || q[j] === MICRO)) {
    while (j < q.length && (isLetter(q[j]) || q[j] === MICRO)) {
      j++;
    }
    while (j < q.length && (isLetter(q[j]) || q[j] === MICRO || isDigit(q[j]))) {
      j++;
    }
    return { end: j, kind: 'duration' };
  }
  return { end: j, kind: 'integer' };
}

/** End (exclusive) of a bare word starting at `i`, with a directly following `"…"` taken into it. */
function wordEnd(q: string, i: number): { end: number; quoted: boolean } {
  let j = i;
  while (j < q.length && isIdentChar(q[j])) {
    j++;
  }
  if (q[j] === '"') {
    return { end: quotedEnd(q, j, 'quoted identifier'), quoted: true };
  }
  return { end: j, quoted: false };
}

const OPERATORS_2 = new Set(['=~', '!=', '!~', '>=', '<=', '<>']);
const OPERATORS_1 = new Set(['+', '-', '*', '%', '&', '|', '^', '=', '>', '<', '\u03c0']);
const PUNCTUATION_1 = new Set(['(', ')', ',', ';', ':', '.']);

interface Scanner {
  q: string;
  maxReadings: number;
  readings: InfluxQLReading[];
  /** `./` places met so far, over all readings (bounds both the work and the recursion depth). */
  forks: number;
  tooAmbiguous: boolean;
}

function token(q: string, kind: InfluxQLTokenKind, start: number, end: number): InfluxQLToken {
  const text = q.slice(start, end);
  return { kind, text, value: kind === 'keyword' ? text.toUpperCase() : text, start };
}

/** Whether a `/` (not `/*`) after `prev` starts a regex: 'yes', 'no', or 'both' (after a `.`). */
function regexAfter(prev: InfluxQLToken | undefined): 'yes' | 'no' | 'both' {
  if (!prev) {
    return 'no';
  }
  if (prev.kind === 'keyword' && REGEX_AFTER_KEYWORD.has(prev.value)) {
    return 'yes';
  }
  if ((prev.kind === 'punctuation' || prev.kind === 'operator') && REGEX_AFTER_PUNCTUATION.has(prev.text)) {
    return 'yes';
  }
  return prev.kind === 'punctuation' && prev.text === '.' ? 'both' : 'no';
}

/** Scans from `i` with `tokens` read so far; at a `./` it scans the rest both ways. */
function scanFrom(s: Scanner, i: number, tokens: InfluxQLToken[]): void {
  const q = s.q;
  try {
    while (i < q.length) {
      const c = q[i];
      const next = q[i + 1];
      if (isWhitespace(c)) {
        i++;
      } else if (c === '-' && next === '-') {
        while (i < q.length && !isLineBreak(q[i])) {
          i++;
        }
      } else if (c === '/' && next === '*') {
        const close = q.indexOf('*/', i + 2);
        if (close < 0) {
          fail(`unterminated /* comment starting at character ${i + 1}`, i);
        }
        i = close + 2;
      } else if (c === '/') {
        const how = regexAfter(tokens[tokens.length - 1]);
        if (how === 'both') {
          if (++s.forks >= s.maxReadings) {
            s.tooAmbiguous = true;
            return;
          }
          // Division first, then the regex reading on a copy of what was read so far.
          const asDivision = [...tokens, token(q, 'operator', i, i + 1)];
          scanFrom(s, i + 1, asDivision);
          const end = regexEnd(q, i);
          tokens.push(token(q, 'regex', i, end));
          i = end;
        } else if (how === 'yes') {
          const end = regexEnd(q, i);
          tokens.push(token(q, 'regex', i, end));
          i = end;
        } else {
          tokens.push(token(q, 'operator', i, i + 1));
          i++;
        }
      } else if (c === "'") {
        const end = quotedEnd(q, i, 'string');
        tokens.push(token(q, 'string', i, end));
        i = end;
      } else if (c === '"') {
        const end = quotedEnd(q, i, 'quoted identifier');
        tokens.push(token(q, 'identifier', i, end));
        i = end;
      } else if (isLetter(c) || c === '_') {
        const { end, quoted } = wordEnd(q, i);
        const upper = q.slice(i, end).toUpperCase();
        tokens.push(token(q, !quoted && KEYWORDS.has(upper) ? 'keyword' : 'identifier', i, end));
        i = end;
      } else if (isDigit(c) || (c === '.' && next !== undefined && isDigit(next))) {
        const { end, kind } = numberEnd(q, i);
        tokens.push(token(q, kind, i, end));
        i = end;
      } else if (c === '$') {
        // A bound parameter; InfluxDB fails on it unless the request carries `params` (ours never does).
        const { end } = wordEnd(q, i + 1);
        tokens.push(token(q, 'parameter', i, end));
        i = end;
      } else if (c === ':' && next === ':') {
        tokens.push(token(q, 'punctuation', i, i + 2));
        i += 2;
      } else if (OPERATORS_2.has(c + next)) {
        tokens.push(token(q, 'operator', i, i + 2));
        i += 2;
      } else if (OPERATORS_1.has(c)) {
        tokens.push(token(q, 'operator', i, i + 1));
        i++;
      } else if (PUNCTUATION_1.has(c)) {
        tokens.push(token(q, 'punctuation', i, i + 1));
        i++;
      } else if (c === '!') {
        fail(`'!' at character ${i + 1} must be followed by = or ~`, i);
      } else {
        const ch = String.fromCodePoint(q.codePointAt(i)!);
        fail(`${describeChar(ch)} at character ${i + 1} is not part of InfluxQL outside quotes`, i);
      }
    }
    s.readings.push({ tokens });
  } catch (e) {
    if (e instanceof ScanFailure) {
      s.readings.push({ error: e.scanError });
      return;
    }
    throw e;
  }
}

/**
 * Splits InfluxQL into tokens, dropping whitespace and comments. Usually one reading; more when a `/` follows a
 * `.` and InfluxDB could read either a regex or a division there (see the file comment). Never throws.
 */
export function scanInfluxQL(q: string, options: ScanInfluxQLOptions = {}): InfluxQLScanResult {
  const s: Scanner = { q, maxReadings: options.maxReadings ?? 64, readings: [], forks: 0, tooAmbiguous: false };
  scanFrom(s, 0, []);
  return { readings: s.readings, tooAmbiguous: s.tooAmbiguous };
}
