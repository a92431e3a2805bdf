/**
 * What the query editor should complete at the cursor, shared by the PromQL and InfluxQL readers. Our own types.
 */

export type CompletionKind =
  /** A metric name (PromQL, demo selectors) or a function. */
  | 'metric'
  /** A label name inside `{…}` or a `by (…)` / `without (…)` / `on (…)` / `ignoring (…)` list. */
  | 'labelName'
  /** A label value inside quotes after `label=`, `!=`, `=~` or `!~`. */
  | 'labelValue'
  /** InfluxQL: a measurement after FROM. */
  | 'measurement'
  /** InfluxQL: a field key in the SELECT list. */
  | 'fieldKey'
  /** InfluxQL: a tag key in WHERE or GROUP BY. */
  | 'tagKey'
  /** InfluxQL: a tag value inside quotes after `tag =`. */
  | 'tagValue'
  /** A dashboard variable or Grafana macro after `$` or `${`. */
  | 'variable';

export interface CompletionContext {
  kind: CompletionKind;
  /** What is already typed of the item (may be empty). */
  prefix: string;
  /** Offset in the text where the typed prefix starts: the chosen item replaces [from, cursor). */
  from: number;
  /** The metric (PromQL selector) or measurement (InfluxQL) the item belongs to, when known. */
  metric?: string;
  /** The label (PromQL) or tag key (InfluxQL) whose value is being typed. */
  label?: string;
  /** InfluxQL: the typed identifier began with `"`, so the inserted name must not add another quote. */
  quoted?: boolean;
}
