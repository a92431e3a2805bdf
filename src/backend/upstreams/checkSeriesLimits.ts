/**
 * The series and points limits of one query (`maxSeries`, `maxPoints`), answered 422 as the Prometheus and
 * InfluxDB parsers answer them. fetchSeries checks the demo upstream before any value is generated and every cache
 * hit (the other upstreams' parsers check while reading).
 */
import { LensError } from '../errors/LensError';

export function checkSeriesLimits(
  refId: string,
  count: number,
  gridPoints: number,
  limits: { maxSeries: number; maxPoints: number }
): void {
  if (count > limits.maxSeries) {
    throw LensError.overLimit(
      `query ${refId}: the query returns ${count} series, over the limit of ${limits.maxSeries} (maxSeries); ` +
        `add label matchers (e.g. {host="web-1"}) or aggregate, or raise the data source setting maxSeries`
    );
  }
  if (count * gridPoints > limits.maxPoints) {
    throw LensError.overLimit(
      `query ${refId}: the query would return ${count} series × ${gridPoints} steps (history included) = ` +
        `${count * gridPoints} points, over the limit of ${limits.maxPoints} (maxPoints); use a larger step ` +
        `(Min interval), a shorter range or history, or fewer series, or raise the data source setting maxPoints`
    );
  }
}
