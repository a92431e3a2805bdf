/**
 * Custom headers under Grafana's keys (name in `jsonData.httpHeaderName<n>`, value in
 * `secureJsonData.httpHeaderValue<n>`), edited with @grafana/plugin-ui's header list while each name stays paired
 * with its stored value.
 *
 * plugin-ui's own conversion (`convertLegacyAuthProps`) renumbers the names 1..k after a removal but cannot move a
 * stored value (Grafana never sends secrets back): removing header 2 of 3 would pair header 3's name with header 2's
 * old value. Here every header keeps its number for as long as it exists; a removed number loses its name and its
 * value, and the backend reads any numbers, gaps included (upstreamHttpSettings.ts).
 */
import { headerNameKey, headerValueKey, MAX_CUSTOM_HEADERS } from '../connectionOptions';
import type { ConfigEditorProps } from './configEditorProps';

type Options = ConfigEditorProps['options'];

/** One row of plugin-ui's header list, as it reports them (the value only for a value not stored yet). */
export interface HeaderRow {
  name: string;
  value: string;
  configured: boolean;
}

/** The stored headers in number order: their numbers, and the rows plugin-ui starts from. */
export function storedHeaders(options: Options): { numbers: number[]; rows: Array<Omit<HeaderRow, 'value'>> } {
  const numbers: number[] = [];
  for (let n = 1; n <= MAX_CUSTOM_HEADERS; n++) {
    const name = options.jsonData[headerNameKey(n)];
    if (typeof name === 'string' && (name !== '' || options.secureJsonFields?.[headerValueKey(n)])) {
      numbers.push(n);
    }
  }
  const rows = numbers.map((n) => ({
    name: options.jsonData[headerNameKey(n)] ?? '',
    configured: Boolean(options.secureJsonFields?.[headerValueKey(n)]),
  }));
  return { numbers, rows };
}

/**
 * Settings after plugin-ui reported its list: `numbers` are the header numbers of the rows it showed before (in
 * order), `removed` the index of the row it just removed, if any. Rows past the known ones are new and take free
 * numbers. Returns the settings and the numbers of the rows now shown.
 */
export function withHeaderRows(
  options: Options,
  numbers: readonly number[],
  rows: readonly HeaderRow[],
  removed?: number
): { options: Options; numbers: number[] } {
  const kept = [...numbers];
  const gone = removed !== undefined && removed < kept.length ? kept.splice(removed, 1) : [];
  const jsonData = { ...options.jsonData };
  const secureJsonData = { ...(options.secureJsonData ?? {}) };
  const secureJsonFields = { ...(options.secureJsonFields ?? {}) };
  for (const n of gone) {
    delete jsonData[headerNameKey(n)];
    secureJsonData[headerValueKey(n)] = '';
    secureJsonFields[headerValueKey(n)] = false;
  }
  const taken = new Set([...kept, ...gone]);
  const isFree = (n: number) =>
    !taken.has(n) && !options.jsonData[headerNameKey(n)] && !options.secureJsonFields?.[headerValueKey(n)];
  const next: number[] = [];
  rows.forEach((row, i) => {
    let n = kept[i];
    if (n === undefined) {
      n = Array.from({ length: MAX_CUSTOM_HEADERS }, (_, k) => k + 1).find(isFree) ?? -1;
      if (n < 0) {
        return; // More rows than MAX_CUSTOM_HEADERS: the backend would not read the rest either.
      }
      taken.add(n);
    }
    next.push(n);
    jsonData[headerNameKey(n)] = row.name;
    if (!row.configured) {
      // A new value, or a stored one that was reset: written (Grafana encrypts it on save).
      secureJsonData[headerValueKey(n)] = row.value;
      secureJsonFields[headerValueKey(n)] = false;
    }
  });
  return { options: { ...options, jsonData, secureJsonData, secureJsonFields }, numbers: next };
}
