/**
 * Look-ups the query editor needs from InfluxDB: measurements, field keys (with types), tag keys and tag
 * values, each a SHOW statement on the configured database. Names are quoted as InfluxQL identifiers / string
 * literals (spec: `"` and `'` escaped with a backslash) so that editor input cannot add a statement.
 */
import type { UpstreamRequestOptions } from '../http/upstreamRequest';
import { LensError } from '../../errors/LensError';
import type { InfluxSettings } from './influxSettings';
import { runInfluxQL } from './queryInfluxQL';
import type { InfluxStatementResult } from './parseInfluxResponse';

/** `"name"` with backslash escapes, as InfluxQL identifiers are quoted. */
export function quoteInfluxIdentifier(name: string): string {
  return '"' + name.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/** Most rows a look-up returns (the editor lists them; more would not help). */
const LOOKUP_LIMIT = 1000;

/** Rows of the first statement's series, projected on `cols` (across measurements). */
function rows(results: InfluxStatementResult[], settings: InfluxSettings, cols: string[]): string[][] {
  const r = results[0];
  if (!r) {
    return [];
  }
  if (r.error !== undefined) {
    throw new LensError(`${settings.http.upstreamName} error: ${r.error}`, { kind: 'query', status: 400 });
  }
  const out: string[][] = [];
  for (const s of r.series) {
    const idx = cols.map((c) => s.columns.indexOf(c));
    if (idx.some((j) => j < 0)) {
      throw new LensError(`${settings.http.upstreamName} answered a look-up without the ${cols.join('/')} columns`, {
        kind: 'malformed',
        status: 502,
      });
    }
    for (const row of s.values) {
      out.push(idx.map((j) => String(row[j])));
    }
  }
  return out;
}

/** Distinct values of one column, in first-seen order. */
function column(results: InfluxStatementResult[], settings: InfluxSettings, col: string): string[] {
  return [...new Set(rows(results, settings, [col]).map((r) => r[0]))];
}

export async function showMeasurements(
  settings: InfluxSettings,
  options: UpstreamRequestOptions = {}
): Promise<string[]> {
  return column(await runInfluxQL(`SHOW MEASUREMENTS LIMIT ${LOOKUP_LIMIT}`, settings, options), settings, 'name');
}

export async function showFieldKeys(
  settings: InfluxSettings,
  measurement?: string,
  options: UpstreamRequestOptions = {}
): Promise<Array<{ key: string; type: string }>> {
  const from = measurement ? ` FROM ${quoteInfluxIdentifier(measurement)}` : '';
  const results = await runInfluxQL(`SHOW FIELD KEYS${from}`, settings, options);
  const keys = rows(results, settings, ['fieldKey', 'fieldType']);
  const seen = new Map<string, string>();
  for (const [key, type] of keys) {
    if (!seen.has(key)) {
      seen.set(key, type);
    }
  }
  return [...seen].map(([key, type]) => ({ key, type }));
}

export async function showTagKeys(
  settings: InfluxSettings,
  measurement?: string,
  options: UpstreamRequestOptions = {}
): Promise<string[]> {
  const from = measurement ? ` FROM ${quoteInfluxIdentifier(measurement)}` : '';
  return column(await runInfluxQL(`SHOW TAG KEYS${from}`, settings, options), settings, 'tagKey');
}

export async function showTagValues(
  settings: InfluxSettings,
  tagKey: string,
  measurement?: string,
  options: UpstreamRequestOptions = {}
): Promise<string[]> {
  if (tagKey === '') {
    throw new LensError('A tag-values look-up needs a tag key', { kind: 'query', status: 400 });
  }
  const from = measurement ? ` FROM ${quoteInfluxIdentifier(measurement)}` : '';
  const q = `SHOW TAG VALUES${from} WITH KEY = ${quoteInfluxIdentifier(tagKey)} LIMIT ${LOOKUP_LIMIT}`;
  return column(await runInfluxQL(q, settings, options), settings, 'value');
}
