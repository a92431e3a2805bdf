/**
 * The upstream query that shows one candidate of a correlations query, for the row's Explore link. Our own rule:
 *  - Prometheus: when the series carries `__name__`, the exact selector `metric{l="v",…}` of its labels; otherwise
 *    (an expression such as `rate(x[5m])` drops the name) the candidate query unchanged, since no selector can
 *    name the series;
 *  - demo: always the exact selector (the demo knows the metric of every series);
 *  - InfluxDB: the candidate query unchanged: InfluxQL has no per-series selector short of rewriting the WHERE
 *    clause of an arbitrary statement, which we do not attempt.
 */
import type { UpstreamKind } from '../../shared/queryModel';
import { exactSelector } from '../frames/labelSetText';

export function exploreExpr(
  upstream: UpstreamKind,
  candidateExpr: string,
  series: { name: string; labels: Record<string, string> }
): string {
  switch (upstream) {
    case 'prometheus':
      return series.labels.__name__ ? exactSelector(series.labels.__name__, series.labels) : candidateExpr;
    case 'demo':
      return exactSelector(series.labels.__name__ || series.name, series.labels);
    case 'influxdb':
      return candidateExpr;
  }
}
