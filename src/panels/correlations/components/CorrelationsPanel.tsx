import React, { useCallback, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, GrafanaTheme2, locationUtil, PanelProps } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { FilterInput, useStyles2, useTheme2 } from '@grafana/ui';
import { panelMessageStyle } from '../../../components/panelMessageStyle';
import { buildCorrelationsView, CorrelationsView } from '../data/buildCorrelationsView';
import { exploreUrl } from '../data/exploreUrl';
import { filterRows } from '../data/filterRows';
import { formatDuration } from '../data/formatLag';
import { queryDataSource } from '../data/queryDataSource';
import { CorrelationsPanelOptions } from '../types';
import { CorrelationRowView } from './CorrelationRowView';
import { rowLayout } from './rowLayout';
import { correlationsSelectors as S } from './selectors';
import { VirtualList } from './VirtualList';

const HEADER = 20;
const BANNER_LINE = 18;
const TOOLBAR = 36;
const COLUMNS = 20;
/** Below this height the filter box is dropped so a few rows still fit. */
const MIN_HEIGHT_FOR_TOOLBAR = 140;

function headerNotes(view: CorrelationsView, shown: number, timeZone: string): string[] {
  const { meta, window } = view;
  const settings = [
    meta.method,
    meta.preprocess,
    meta.maxLagSeconds ? `max lag ${formatDuration(meta.maxLagSeconds)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const total = view.rows.length;
  return [
    `window ${dateTimeFormat(window.fromMs, { timeZone })} – ${dateTimeFormat(window.toMs, { timeZone })}` +
      (window.source === 'timeRange' ? ' (time range)' : ''),
    settings,
    `${shown} of ${total} row${total === 1 ? '' : 's'}` +
      (meta.candidates !== undefined && meta.candidates > total ? ` (top of ${meta.candidates} candidates)` : ''),
    view.missingRefId !== undefined
      ? `no correlations result for query ${view.missingRefId}: showing ${view.refId}`
      : '',
    view.ignoredTables > 0
      ? `${view.ignoredTables} more correlations result${view.ignoredTables === 1 ? '' : 's'} not shown ` +
        `(${view.otherRefIds.join(', ')}; choose one with the Query option)`
      : '',
  ].filter(Boolean);
}

/**
 * The correlations panel: frames of a `correlations` query → view model (pure, in `data/`) → header, filter and a
 * virtual list of ranked candidates with score, lag, direction, overlay and an Explore link; or a message.
 */
export function CorrelationsPanel({
  data,
  options,
  width,
  height,
  timeZone,
  replaceVariables,
}: PanelProps<CorrelationsPanelOptions>) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const [text, setText] = useState('');
  const fromMs = data.timeRange.from.valueOf();
  const toMs = data.timeRange.to.valueOf();
  const view = useMemo(
    () => buildCorrelationsView(data.series, { fromMs, toMs }, options.query?.trim() ?? ''),
    [data.series, fromMs, toMs, options.query]
  );
  const ranking = view.kind === 'ranking' ? view : undefined;
  const rows = useMemo(
    () =>
      ranking ? filterRows(ranking.rows, { text, minAbsScore: options.minAbsScore, maxRows: options.maxRows }) : [],
    [ranking, text, options.minAbsScore, options.maxRows]
  );
  const datasource = useMemo(
    () => queryDataSource(data.request?.targets, ranking?.refId, (t) => replaceVariables(t)),
    [data.request?.targets, ranking?.refId, replaceVariables]
  );
  const hrefOf = useCallback(
    (expr: string) =>
      datasource && expr && ranking
        ? locationUtil.assureBaseUrl(
            // The window with the context the data source sent around it (the overlays' extent): what came
            // before and after the anomaly is what one opens Explore to see.
            exploreUrl({ datasource, expr, fromMs: ranking.range.fromMs, toMs: ranking.range.toMs })
          )
        : undefined,
    [datasource, ranking]
  );

  // The panel query's own candidate expression, so "use as target" ranks the same candidates against the row.
  const candidates = useMemo(() => {
    const q = data.request?.targets?.find((t) => t.refId === ranking?.refId) as { expr?: unknown } | undefined;
    return typeof q?.expr === 'string' && q.expr.trim() !== '' ? replaceVariables(q.expr) : undefined;
  }, [data.request?.targets, ranking?.refId, replaceVariables]);
  const rankHrefOf = useCallback(
    (expr: string) =>
      datasource && expr && ranking && candidates
        ? locationUtil.assureBaseUrl(
            exploreUrl({
              datasource,
              expr,
              fromMs: ranking.range.fromMs,
              toMs: ranking.range.toMs,
              rankAgainst: { candidates, windowFromMs: ranking.window.fromMs, windowToMs: ranking.window.toMs },
            })
          )
        : undefined,
    [datasource, ranking, candidates]
  );

  // "Use as target": Grafana panels change what their queries ask for through dashboard variables; setting
  // `var-<name>` in the URL updates the variable and re-runs every query that uses it (docs/extensions.md).
  const targetVariable = options.targetVariable?.trim().replace(/^\$/, '') || undefined;
  const makeTarget = useMemo(
    () =>
      targetVariable ? (expr: string) => locationService.partial({ [`var-${targetVariable}`]: expr }, true) : undefined,
    [targetVariable]
  );

  if (!ranking) {
    return (
      <div className={styles.message} style={{ width, height }} data-testid={S.message}>
        <p>{view.kind === 'message' ? view.text : ''}</p>
      </div>
    );
  }

  const layout = rowLayout(width, options.showOverlays);
  const showToolbar = height >= MIN_HEIGHT_FOR_TOOLBAR;
  // The "no clear cause" line wraps instead of being cut: as many lines as its text needs at this width (bodySmall
  // averages ~6.2 px per character), at most four.
  const bannerLines = Math.min(4, Math.ceil((S.texts.noClearCause.length * 6.2) / Math.max(1, width - 16)));
  const banner = ranking.meta.noClearCause ? bannerLines * BANNER_LINE : 0;
  const notes = headerNotes(ranking, rows.length, timeZone);
  // The header wraps as the banner does: "Ranked against <target> · window … · settings · rows" runs to ~1,100 px.
  const headerText = `Ranked against ${ranking.target.name} · ${notes.join(' · ')}`;
  const headerLines = Math.min(3, Math.ceil((headerText.length * 6.2) / Math.max(1, width - 16)));
  const header = headerLines === 1 ? HEADER : headerLines * BANNER_LINE;
  const listHeight = Math.max(layout.height, height - header - banner - COLUMNS - (showToolbar ? TOOLBAR : 0));

  return (
    <div style={{ width, height }} data-testid={S.panel}>
      <div
        className={headerLines === 1 ? styles.header : styles.banner}
        style={{ height: header }}
        data-testid={S.header}
        title={notes.join(' · ')}
      >
        Ranked against <strong>{ranking.target.name}</strong> · {notes.join(' · ')}
      </div>
      {ranking.meta.noClearCause && (
        <div className={styles.banner} style={{ height: banner }} data-testid={S.noClearCause} role="status">
          {S.texts.noClearCause}
        </div>
      )}
      {showToolbar && (
        <div className={styles.toolbar} style={{ height: TOOLBAR }}>
          <FilterInput value={text} onChange={setText} placeholder={S.texts.filterPlaceholder} data-testid={S.filter} />
        </div>
      )}
      <div className={styles.columns} style={{ gridTemplateColumns: layout.columns, height: COLUMNS }} aria-hidden>
        <span className={styles.right}>#</span>
        <span>Series</span>
        <span>Score</span>
        <span>Lag</span>
        {layout.showDirection && <span>Direction</span>}
        {layout.overlayWidth > 0 && (
          <span title="Target (grey) and candidate shifted by its lag, z-normalised">Overlay</span>
        )}
        <span />
      </div>
      {rows.length === 0 ? (
        <div className={styles.message} style={{ height: listHeight }} data-testid={S.noMatch}>
          {S.texts.noMatch}
        </div>
      ) : (
        <VirtualList
          count={rows.length}
          rowHeight={layout.height}
          height={listHeight}
          testId={S.list}
          rowKey={(i) => `${rows[i].rank}:${rows[i].series}`}
          renderRow={(i) => (
            <CorrelationRowView
              row={rows[i]}
              layout={layout}
              target={ranking.target.overlay}
              range={ranking.range}
              window={ranking.window}
              exploreHref={hrefOf(rows[i].exploreExpr)}
              rankHref={rankHrefOf(rows[i].exploreExpr)}
              onUseAsTarget={makeTarget && rows[i].exploreExpr ? () => makeTarget(rows[i].exploreExpr) : undefined}
              targetVariable={targetVariable}
              targetName={ranking.target.name}
              timeZone={timeZone}
              theme={theme}
            />
          )}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  message: css(panelMessageStyle(theme)),
  header: css({
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    strong: { color: theme.colors.text.primary },
  }),
  banner: css({
    fontSize: theme.typography.bodySmall.fontSize,
    strong: { color: theme.colors.text.primary },
    lineHeight: `${BANNER_LINE}px`,
    color: theme.colors.text.secondary,
    overflow: 'hidden',
  }),
  toolbar: css({ display: 'flex', alignItems: 'flex-start' }),
  columns: css({
    display: 'grid',
    alignItems: 'center',
    columnGap: theme.spacing(1),
    padding: theme.spacing(0, 1),
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    borderBottom: `1px solid ${theme.colors.border.medium}`,
  }),
  right: css({ textAlign: 'right' }),
});
