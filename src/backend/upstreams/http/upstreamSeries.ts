/**
 * The series shape every upstream client returns (Prometheus, InfluxDB), so that the query pipeline can treat
 * them alike. Our own definition (no library): one label set and two parallel typed arrays.
 */

export interface UpstreamSeries {
  /** Label set of the series (Prometheus labels incl. `__name__`; Influx tags plus `_measurement`/`_field`). */
  labels: Record<string, string>;
  /** Sample times in epoch milliseconds, as the upstream sent them (the RangeSeries shape, UpstreamAdapter.ts). */
  timesMs: Float64Array;
  /** Sample values; NaN where the upstream had no sample or sent `NaN`/null. `±Infinity` is kept as is. */
  values: Float64Array;
}
