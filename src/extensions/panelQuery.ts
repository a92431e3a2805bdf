/**
 * The query of a Prometheus or InfluxDB panel that Anomaly Lens can analyse: the first visible target whose data
 * source is Prometheus (PromQL in `expr`) or InfluxDB with a raw InfluxQL text (`query` with `rawQuery`). InfluxDB's
 * visual builder and Flux queries have no text we can wrap, so they are skipped.
 */
export type SourceKind = 'prometheus' | 'influxdb';

/** What Grafana passes of each panel or Explore query (a DataQuery with the data source's own fields). */
export interface SourceTarget {
  refId?: string;
  hide?: boolean;
  datasource?: { type?: string; uid?: string } | null;
  expr?: unknown;
  query?: unknown;
  rawQuery?: unknown;
  /** InfluxDB 2/3 data sources answer Flux or SQL when set; only InfluxQL is wrapped. */
  language?: unknown;
}

export interface SourceQuery {
  kind: SourceKind;
  /** The panel's data source. */
  dataSourceUid: string;
  /** PromQL or InfluxQL, as written in the panel (variables not yet replaced). */
  expr: string;
}

export function panelQuery(targets: readonly SourceTarget[] | undefined): SourceQuery | undefined {
  for (const t of targets ?? []) {
    const ds = t?.datasource;
    if (!ds?.uid || t.hide) {
      continue;
    }
    if (ds.type === 'prometheus' && typeof t.expr === 'string' && t.expr.trim() !== '') {
      return { kind: 'prometheus', dataSourceUid: ds.uid, expr: t.expr.trim() };
    }
    const influxql = t.language === undefined || t.language === 'influxql' || t.language === 'InfluxQL';
    if (ds.type === 'influxdb' && t.rawQuery === true && influxql && typeof t.query === 'string' && t.query.trim()) {
      return { kind: 'influxdb', dataSourceUid: ds.uid, expr: t.query.trim() };
    }
  }
  return undefined;
}
