/**
 * Template-variable queries of the data source, in the function style Grafana's Prometheus and InfluxDB users know:
 *
 *   metrics(<regex>?)                 metric names (demo, Prometheus); measurements (InfluxDB)
 *   label_names(<metric>?)            label names (demo, Prometheus)
 *   label_values(<metric>?, <label>)  label values, optionally of one metric (demo, Prometheus)
 *   measurements()                    InfluxDB measurements
 *   field_keys(<measurement>)         InfluxDB field keys
 *   tag_keys(<measurement>)           InfluxDB tag keys
 *   tag_values(<measurement>, <key>)  InfluxDB tag values
 *
 * Our own parser; the names follow Grafana's Prometheus variable functions (`label_values`, `label_names`,
 * `metrics`). Errors say what was expected.
 */

export type VariableQuery =
  | { kind: 'metrics'; regex?: string }
  | { kind: 'labelNames'; metric?: string }
  | { kind: 'labelValues'; metric?: string; label: string }
  | { kind: 'measurements' }
  | { kind: 'fieldKeys'; measurement: string }
  | { kind: 'tagKeys'; measurement: string }
  | { kind: 'tagValues'; measurement: string; key: string };

export const VARIABLE_QUERY_HELP =
  'metrics(regex?), label_names(metric?), label_values(metric?, label); InfluxDB: measurements(), ' +
  'field_keys(measurement), tag_keys(measurement), tag_values(measurement, key)';

export class VariableQueryError extends Error {}

function args(text: string): string[] {
  if (text.trim() === '') {
    return [];
  }
  return text.split(',').map((a) => a.trim().replace(/^(["'])(.*)\1$/, '$2'));
}

export function parseVariableQuery(query: string): VariableQuery {
  const m = /^\s*([a-z_]+)\s*\((.*)\)\s*$/s.exec(query);
  if (!m) {
    throw new VariableQueryError(`"${query.trim()}" is not a variable query; use one of ${VARIABLE_QUERY_HELP}`);
  }
  const [, fn, rest] = m;
  const a = args(rest);
  const arity = (min: number, max: number) => {
    if (a.length < min || a.length > max || a.some((x) => x === '')) {
      const want = min === max ? `${min}` : `${min} to ${max}`;
      throw new VariableQueryError(`${fn}() takes ${want} argument${max === 1 ? '' : 's'}, got "${rest.trim()}"`);
    }
  };
  switch (fn) {
    case 'metrics':
      // A regex may contain commas: take the whole text.
      return rest.trim() === '' ? { kind: 'metrics' } : { kind: 'metrics', regex: args(rest).join(',') };
    case 'label_names':
      arity(0, 1);
      return a.length ? { kind: 'labelNames', metric: a[0] } : { kind: 'labelNames' };
    case 'label_values':
      arity(1, 2);
      return a.length === 2 ? { kind: 'labelValues', metric: a[0], label: a[1] } : { kind: 'labelValues', label: a[0] };
    case 'measurements':
      arity(0, 0);
      return { kind: 'measurements' };
    case 'field_keys':
      arity(1, 1);
      return { kind: 'fieldKeys', measurement: a[0] };
    case 'tag_keys':
      arity(1, 1);
      return { kind: 'tagKeys', measurement: a[0] };
    case 'tag_values':
      arity(2, 2);
      return { kind: 'tagValues', measurement: a[0], key: a[1] };
    default:
      throw new VariableQueryError(`unknown function ${fn}(); use one of ${VARIABLE_QUERY_HELP}`);
  }
}
