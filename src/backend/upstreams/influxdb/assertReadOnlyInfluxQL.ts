/**
 * Refuses InfluxQL that is not a read: every statement must start with SELECT or SHOW, and SELECT … INTO
 * (which writes) is refused. InfluxDB 1.x only runs writes over POST, but our POST mode and 2.x/3.x endpoints
 * must not let a dashboard query drop a database. A small tokenizer that skips quoted strings, identifiers
 * and comments so `;` or `INTO` inside them do not count. Our own code (InfluxQL spec: statements separated
 * by `;`, strings in '…', identifiers in "…", `--` and C-style comments).
 */
import { UpstreamError } from '../http/UpstreamError';

/** Splits into statements and returns, per statement, its top-level words (upper-cased, quotes removed). */
function statementWords(q: string): string[][] {
  const statements: string[][] = [[]];
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (c === "'" || c === '"') {
      // Quoted string or identifier: skip to the matching unescaped quote.
      i++;
      while (i < q.length && q[i] !== c) {
        i += q[i] === '\\' ? 2 : 1;
      }
      i++;
      statements[statements.length - 1].push(c === '"' ? '"ID"' : "'STR'");
    } else if (c === '-' && q[i + 1] === '-') {
      while (i < q.length && q[i] !== '\n') {
        i++;
      }
    } else if (c === '/' && q[i + 1] === '*') {
      const end = q.indexOf('*/', i + 2);
      i = end < 0 ? q.length : end + 2;
    } else if (c === ';') {
      statements.push([]);
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < q.length && /[A-Za-z0-9_]/.test(q[j])) {
        j++;
      }
      statements[statements.length - 1].push(q.slice(i, j).toUpperCase());
      i = j;
    } else {
      i++;
    }
  }
  return statements.filter((s) => s.length > 0);
}

export function assertReadOnlyInfluxQL(q: string): void {
  const statements = statementWords(q);
  if (statements.length === 0) {
    throw new UpstreamError(
      'InfluxQL query is empty; enter e.g. SELECT mean("value") FROM "cpu" WHERE $timeFilter GROUP BY time($__interval)',
      {
        kind: 'query',
        status: 400,
      }
    );
  }
  statements.forEach((words, n) => {
    const first = words[0];
    const where = statements.length > 1 ? ` (statement ${n + 1})` : '';
    if (first !== 'SELECT' && first !== 'SHOW') {
      throw new UpstreamError(`Only SELECT and SHOW statements may be run from Anomaly Lens; got ${first}${where}`, {
        kind: 'query',
        status: 400,
      });
    }
    if (first === 'SELECT' && words.includes('INTO')) {
      throw new UpstreamError(`SELECT … INTO writes data and is not allowed from Anomaly Lens${where}`, {
        kind: 'query',
        status: 400,
      });
    }
  });
}
