/**
 * Reads an InfluxQL text up to the cursor and says what can be completed there: a measurement after FROM, a field
 * key in the SELECT list, a tag key in WHERE / GROUP BY, or a tag value inside quotes after `tag =`. Our own
 * keyword scanner (InfluxQL clauses are keyword-led; see InfluxData's InfluxQL reference for the clause order).
 */
import { CompletionContext } from './completionContext';

const CLAUSE = /\b(SELECT|FROM|WHERE|GROUP\s+BY|AND|OR|ORDER\s+BY|LIMIT|SLIMIT|OFFSET|FILL|TZ)\b/gi;

/** The measurement named in the FROM clause anywhere in the text (last part of `"db"."rp"."m"`), if any. */
export function influxMeasurement(text: string): string | undefined {
  const m = /\bFROM\s+((?:"(?:[^"\\]|\\.)*"|[\w\-]+)(?:\.(?:"(?:[^"\\]|\\.)*"|[\w\-]+))*)/i.exec(text);
  if (!m) {
    return undefined;
  }
  const parts = m[1].match(/"(?:[^"\\]|\\.)*"|[\w\-]+/g) ?? [];
  const last = parts[parts.length - 1];
  return last?.startsWith('"') ? last.slice(1, -1).replace(/\\"/g, '"') : last;
}

function unquoteIdent(s: string): string {
  return s.startsWith('"') ? s.slice(1, -1) : s;
}

export function influxqlCompletionContext(text: string, cursor: number): CompletionContext | null {
  const upTo = text.slice(0, Math.max(0, Math.min(cursor, text.length)));
  const measurement = influxMeasurement(text);

  // Inside a string literal? Single quotes delimit strings in InfluxQL; `\'` escapes.
  let inString = false;
  let stringStart = -1;
  for (let i = 0; i < upTo.length; i++) {
    if (upTo[i] === '\\') {
      i++;
    } else if (upTo[i] === "'") {
      inString = !inString;
      stringStart = i;
    }
  }
  if (inString) {
    const m = /("(?:[^"\\]|\\.)*"|[\w\-.]+)\s*(=~|!~|!=|<>|=)\s*$/.exec(upTo.slice(0, stringStart));
    if (!m) {
      return null;
    }
    return {
      kind: 'tagValue',
      prefix: upTo.slice(stringStart + 1),
      from: stringStart + 1,
      metric: measurement,
      label: unquoteIdent(m[1]),
    };
  }

  let clause: string | undefined;
  for (const m of upTo.matchAll(CLAUSE)) {
    clause = m[1].toUpperCase().replace(/\s+/g, ' ');
  }
  const ident = /"?([\w\-.]*)$/.exec(upTo)!;
  const prefix = ident[1];
  const from = upTo.length - prefix.length;
  const beforeIdent = upTo.slice(0, upTo.length - ident[0].length);
  const quoted = ident[0].startsWith('"');

  switch (clause) {
    case 'FROM':
      return { kind: 'measurement', prefix, from, quoted };
    case 'SELECT':
      return { kind: 'fieldKey', prefix, from, metric: measurement, quoted };
    case 'WHERE':
    case 'AND':
    case 'OR':
      // After an operator a value (or time expression) comes, not a key.
      if (/(=~|!~|!=|<>|>=|<=|=|<|>)\s*$/.test(beforeIdent)) {
        return null;
      }
      return { kind: 'tagKey', prefix, from, metric: measurement, quoted };
    case 'GROUP BY':
      return { kind: 'tagKey', prefix, from, metric: measurement, quoted };
    default:
      return null;
  }
}
