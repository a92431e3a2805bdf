import { dateTime, serializeStateToUrlParam, toURLRange, urlUtil } from '@grafana/data';
import { QUERY_SCHEMA_VERSION } from '../../../shared/queryModel';
import { DataSourceRef } from './queryDataSource';

export interface ExploreUrlOptions {
  datasource: DataSourceRef;
  /** Upstream query of one candidate (the row's `explore_expr`); becomes the Anomaly Lens query's `expr`. */
  expr: string;
  /** Time range to open, epoch ms. */
  fromMs: number;
  toMs: number;
  /**
   * Open a `correlations` query instead, with `expr` as its target ("use as target"): the candidates are the panel
   * query's own expression and the window the one just ranked.
   */
  rankAgainst?: { candidates: string; windowFromMs: number; windowToMs: number };
}

/** Pane id in the URL; Grafana accepts any key (it generates short random ones itself). */
export const EXPLORE_PANE_ID = 'lens';

/**
 * Relative Explore URL (`/explore?schemaVersion=1&panes=…`, the multi-pane URL format of Grafana ≥ 10) that
 * opens one Anomaly Lens analysis query of `expr` over the range. Relative so the caller can prefix Grafana's
 * sub-path (`locationUtil.assureBaseUrl`); the org is taken from the session.
 */
export function exploreUrl({ datasource, expr, fromMs, toMs, rankAgainst }: ExploreUrlOptions): string {
  const query = rankAgainst
    ? {
        queryType: 'correlations',
        expr: rankAgainst.candidates,
        correlate: {
          target: expr,
          window: { from: String(rankAgainst.windowFromMs), to: String(rankAgainst.windowToMs) },
        },
      }
    : { expr };
  const pane = serializeStateToUrlParam({
    datasource: datasource.uid,
    queries: [
      {
        refId: 'A',
        datasource: { uid: datasource.uid, type: datasource.type },
        schemaVersion: QUERY_SCHEMA_VERSION,
        ...query,
      },
    ],
    range: toURLRange({ from: dateTime(fromMs), to: dateTime(toMs) }),
  });
  // `panes` maps pane ids to pane states; the state is already JSON, so it is embedded as it is.
  return urlUtil.renderUrl('/explore', { schemaVersion: 1, panes: `{"${EXPLORE_PANE_ID}":${pane}}` });
}
