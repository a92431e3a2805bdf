/**
 * Answers a template-variable query with the upstream look-ups (the same resource calls completion uses), sorted
 * and without duplicates. `metrics(regex)` filters by a regex matched anywhere in the name, as Grafana's
 * Prometheus `metrics()` does; InfluxDB answers `metrics()` with its measurements.
 */
import type { UpstreamKind } from '../../shared/queryModel';
import { UpstreamLookups } from '../completion/upstreamLookups';
import { upstreamUi } from '../upstreams/upstreamUis';
import { VariableQuery, VariableQueryError } from './parseVariableQuery';

export async function runVariableQuery(
  q: VariableQuery,
  upstream: UpstreamKind,
  lookups: UpstreamLookups
): Promise<string[]> {
  let values: string[];
  switch (q.kind) {
    case 'metrics': {
      values = await upstreamUi(upstream).variableMetrics(lookups);
      if (q.regex) {
        let re: RegExp;
        try {
          re = new RegExp(q.regex);
        } catch (e) {
          throw new VariableQueryError(`metrics(): ${(e as Error).message}`);
        }
        values = values.filter((v) => re.test(v));
      }
      break;
    }
    case 'labelNames':
      values = (await lookups.labelNames(q.metric)).filter((l) => l !== '__name__');
      break;
    case 'labelValues':
      values = await lookups.labelValues(q.label, q.metric);
      break;
    case 'measurements':
      values = await lookups.measurements();
      break;
    case 'fieldKeys':
      values = (await lookups.fieldKeys(q.measurement)).map((f) => f.key);
      break;
    case 'tagKeys':
      values = await lookups.tagKeys(q.measurement);
      break;
    case 'tagValues':
      values = await lookups.tagValues(q.measurement, q.key);
      break;
  }
  return [...new Set(values)].sort((a, b) => a.localeCompare(b));
}
