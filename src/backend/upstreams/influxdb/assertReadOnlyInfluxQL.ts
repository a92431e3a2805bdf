/**
 * Refuses InfluxQL that could change anything upstream, before it is sent. Allowed: exactly one `SELECT` (with no
 * `INTO` anywhere, subqueries included) or `SHOW` statement, optionally ended by one `;`. Refused with a 400 that
 * names the reason: empty text, anything the tokenizer cannot read as InfluxDB would (unterminated string,
 * identifier, regex or comment, bad escape, unknown character, NUL), a second statement, any other statement.
 * InfluxDB 1.x runs writes even over GET, so this is the only thing between a dashboard query and `DROP DATABASE`;
 * provisioning read-only credentials (docs/provisioning.md) is the second line. What it allows and refuses is
 * described in docs/reliability.md, "The InfluxQL guard".
 */
import { LensError } from '../../errors/LensError';
import { scanInfluxQL, type InfluxQLToken } from './scanInfluxQL';

/** Most ways of reading a query explored (each `./` may double them; see scanInfluxQL). */
const MAX_READINGS = 64;

function refuse(message: string): never {
  throw new LensError(message, { kind: 'query', status: 400 });
}

const at = (t: InfluxQLToken) => `character ${t.start + 1}`;

/** Why one reading of the text is not a single read-only statement, or undefined when it is. */
function refusal(tokens: InfluxQLToken[]): string | undefined {
  const first = tokens[0];
  if (first.kind !== 'keyword' || (first.value !== 'SELECT' && first.value !== 'SHOW')) {
    return `Only SELECT and SHOW statements may be run from Anomaly Lens; got ${first.kind === 'keyword' ? first.value : first.text}`;
  }
  const into = tokens.find((t) => t.kind === 'keyword' && t.value === 'INTO');
  if (into) {
    return `SELECT … INTO writes data and is not allowed from Anomaly Lens (INTO at ${at(into)})`;
  }
  const semi = tokens.findIndex((t) => t.text === ';' && t.kind === 'punctuation');
  if (semi >= 0 && semi < tokens.length - 1) {
    const second = tokens[semi + 1];
    const what = second.kind === 'keyword' ? second.value : second.text;
    return `Only one statement per query may be run from Anomaly Lens; a second one (${what}) starts at ${at(second)}`;
  }
  return undefined;
}

export function assertReadOnlyInfluxQL(q: string): void {
  const nul = q.indexOf('\u0000');
  if (nul >= 0) {
    // InfluxDB's scanner takes NUL for the end of the text: what follows would be checked but never sent on.
    refuse(`InfluxQL query refused: it holds a NUL character (U+0000) at character ${nul + 1}`);
  }
  const { readings, tooAmbiguous } = scanInfluxQL(q, { maxReadings: MAX_READINGS });
  if (tooAmbiguous) {
    refuse(
      'InfluxQL query refused: too many places where a "/" after a "." may start a regex or a division ' +
        `(over ${MAX_READINGS} ways to read it); put spaces around division operators`
    );
  }
  // A reading InfluxDB cannot tokenize either is one it would refuse; every other reading must be read-only.
  const read = readings.filter((r) => 'tokens' in r);
  if (read.length === 0) {
    const first = readings[0];
    refuse(
      `InfluxQL query refused, it cannot be read safely: ${'error' in first ? first.error.message : 'no reading'}`
    );
  }
  // Readings differ only after a `.` token, so either all are empty (or bare `;`) or none is.
  if (read[0].tokens.every((t) => t.kind === 'punctuation' && t.text === ';')) {
    refuse(
      'InfluxQL query is empty; enter e.g. SELECT mean("value") FROM "cpu" WHERE $timeFilter GROUP BY time($__interval)'
    );
  }
  for (const r of read) {
    const why = refusal(r.tokens);
    if (why) {
      refuse(read.length > 1 ? `${why} (reading a "/" after a "." as regex or division, as InfluxDB may)` : why);
    }
  }
}
