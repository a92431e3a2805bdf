/**
 * Explore with the panel's query and the Anomaly Lens band query side by side: one pane, mixed data sources,
 * in Grafana's Explore URL format (`/explore?schemaVersion=1&panes={<id>: {datasource, queries, range}}`).
 */
import { LENS_DATASOURCE_TYPE, bandOutputs } from './addBandTarget';
import { QUERY_SCHEMA_VERSION } from '../shared/queryModel';
import { SourceKind } from './panelQuery';

export interface ExploreSource {
  kind: SourceKind;
  sourceUid: string;
  expr: string;
  lensUid: string;
  from: string;
  to: string;
}

export function exploreWithBandUrl(s: ExploreSource): string {
  const original =
    s.kind === 'prometheus'
      ? { refId: 'A', datasource: { type: 'prometheus', uid: s.sourceUid }, expr: s.expr }
      : {
          refId: 'A',
          datasource: { type: 'influxdb', uid: s.sourceUid },
          query: s.expr,
          rawQuery: true,
          resultFormat: 'time_series',
        };
  const band = {
    refId: 'B',
    datasource: { type: LENS_DATASOURCE_TYPE, uid: s.lensUid },
    schemaVersion: QUERY_SCHEMA_VERSION,
    expr: s.expr,
    outputs: bandOutputs(),
  };
  const panes = {
    lens: { datasource: '-- Mixed --', queries: [original, band], range: { from: s.from, to: s.to } },
  };
  return `/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify(panes))}`;
}
