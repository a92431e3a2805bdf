/**
 * The `legendFormat` value that asks for automatic series names (the editor's Legend "Auto"; the same spelling
 * Grafana's Prometheus editor saves). The backend names each series by its labels without the metric name: one
 * label → its value, several → `{a="x", b="y"}`, none → the metric name. An empty `legendFormat` keeps the verbose
 * `metric{labels}` name.
 */
export const LEGEND_AUTO = '__auto';
