import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import { CorrelationRow } from '../data/buildCorrelationsView';
import { extraLabels } from '../data/extraLabels';
import { formatLag } from '../data/formatLag';
import { OverlayLine } from '../data/overlayLine';
import { Overlay } from './Overlay';
import { correlationsSelectors as S } from './selectors';

export interface RowLayout {
  /** CSS grid columns, shared with the column header so both line up. */
  columns: string;
  showDirection: boolean;
  /** Overlay column width (px), 0 when the column is hidden. */
  overlayWidth: number;
  height: number;
}

interface Props {
  row: CorrelationRow;
  layout: RowLayout;
  target?: OverlayLine;
  /** Name of the target series, for the overlay's tooltip. */
  targetName: string;
  range: { fromMs: number; toMs: number };
  window: { fromMs: number; toMs: number };
  /** Explore URL of this row, or undefined when it cannot be built. */
  exploreHref?: string;
  /** Explore URL of a correlations query with this row as the target, or undefined when it cannot be built. */
  rankHref?: string;
  /** Makes this row the panel's target (sets the dashboard variable the query's target uses); absent when the
   * panel has no target variable, and then `rankHref` offers the same in Explore. */
  onUseAsTarget?: () => void;
  /** Name of the variable `onUseAsTarget` sets, for its tooltip. */
  targetVariable?: string;
  theme: GrafanaTheme2;
  timeZone: string;
}

/** Signed, two decimals, so "with" and "against" read at a glance; a dash when the score is undefined. */
export const formatScore = (score: number | null) =>
  score === null ? '—' : `${score > 0 ? '+' : score < 0 ? '-' : ''}${Math.abs(score).toFixed(2)}`;

export function directionColor(theme: GrafanaTheme2, direction: CorrelationRow['direction']): string {
  if (direction === 'with') {
    return theme.visualization.getColorByName('blue');
  }
  return direction === 'against' ? theme.visualization.getColorByName('orange') : theme.colors.text.disabled;
}

/** One ranked candidate: rank, series (labels below and in the tooltip), score bar, lag, direction, overlay, link. */
export function CorrelationRowView(props: Props) {
  const { row, layout, target, range, window, exploreHref, rankHref, theme } = props;
  const styles = useStyles2(getStyles);
  // The series name often already is `metric{labels}`: print the label set only when it adds something.
  const labels = extraLabels(row.series, row.labels);
  const color = directionColor(theme, row.direction);
  const magnitude = row.score === null ? 0 : Math.min(1, Math.abs(row.score));
  const title = [
    labels ? `${row.series}\n${labels}` : row.series,
    row.change !== null ? `change ${row.change.toFixed(1)} σ against its baseline` : '',
    row.pValue !== null ? `p = ${row.pValue.toPrecision(2)}${row.significant ? '' : ' (not significant)'}` : '',
    row.family ? S.texts.family : '',
    row.explainedBy ? S.texts.explainedBy(row.explainedBy) : '',
    // Below 0.05 the other measurements barely moved (a weak one adds next to nothing): not worth a line.
    row.corroboration !== null && row.corroboration >= 0.05 ? S.texts.corroboration(row.corroboration) : '',
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <div
      className={styles.row}
      // Rows that did not pass the significance control stay readable but recede.
      style={{ gridTemplateColumns: layout.columns, height: layout.height, opacity: row.significant ? 1 : 0.45 }}
      data-testid={S.row}
      data-rank={row.rank}
      data-muted={row.significant ? undefined : 'true'}
      role="listitem"
    >
      <span className={styles.rank} data-testid={S.rank}>
        {row.rank}
      </span>
      <span className={styles.series} title={title} data-testid={S.series}>
        <span className={labels ? styles.ellipsis : styles.name}>{row.series}</span>
        {labels && <span className={styles.labels}>{labels}</span>}
      </span>
      <span
        className={styles.score}
        data-testid={S.score}
        title={row.overlap === null ? undefined : `${row.overlap} point pairs`}
      >
        <span className={styles.bar} aria-hidden>
          <span
            style={{
              position: 'absolute',
              top: 0,
              bottom: 0,
              // The bar grows from the centre: right for positive scores, left for negative ones.
              left: row.score !== null && row.score < 0 ? `${50 - magnitude * 50}%` : '50%',
              width: `${magnitude * 50}%`,
              background: color,
            }}
          />
        </span>
        <span className={styles.number}>{formatScore(row.score)}</span>
      </span>
      <span className={styles.ellipsis} data-testid={S.lag}>
        {formatLag(row.lagSeconds)}
      </span>
      {layout.showDirection && (
        <span className={styles.ellipsis} data-testid={S.direction} style={{ color }}>
          {row.direction || '—'}
        </span>
      )}
      {layout.overlayWidth > 0 &&
        (row.overlay ? (
          <Overlay
            target={target}
            targetName={props.targetName}
            candidate={row.overlay}
            candidateName={row.series}
            lagSeconds={row.lagSeconds}
            timeZone={props.timeZone}
            range={range}
            window={window}
            color={color}
            width={layout.overlayWidth}
            height={layout.height - 8}
            theme={theme}
            label={`${row.series} (shifted by its lag) over the target, z-normalised`}
          />
        ) : (
          <span className={styles.missing} title={S.texts.overlayMissingHint} data-testid={S.overlayMissing}>
            {S.texts.overlayMissing}
          </span>
        ))}
      <span className={styles.links}>
        {exploreHref ? (
          <a
            href={exploreHref}
            className={styles.link}
            aria-label={`Open ${row.series} in Explore`}
            title="Open in Explore"
            data-testid={S.exploreLink}
          >
            <Icon name="compass" />
          </a>
        ) : (
          <span className={styles.missing} title={S.texts.noExplore}>
            —
          </span>
        )}
        {props.onUseAsTarget ? (
          <button
            type="button"
            className={styles.button}
            onClick={props.onUseAsTarget}
            aria-label={`Use ${row.series} as the target`}
            title={`${S.texts.useAsTarget} $${props.targetVariable})`}
            data-testid={S.useAsTarget}
          >
            <Icon name="crosshair" />
          </button>
        ) : (
          rankHref && (
            <a
              href={rankHref}
              className={styles.link}
              aria-label={`Rank what moved with ${row.series}`}
              title={S.texts.rankAgainst}
              data-testid={S.rankAgainstLink}
            >
              <Icon name="crosshair" />
            </a>
          )
        )}
      </span>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  row: css({
    display: 'grid',
    alignItems: 'center',
    columnGap: theme.spacing(1),
    padding: theme.spacing(0, 1),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    fontSize: theme.typography.bodySmall.fontSize,
    '&:hover': { background: theme.colors.action.hover },
  }),
  rank: css({ color: theme.colors.text.secondary, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }),
  series: css({ display: 'flex', flexDirection: 'column', minWidth: 0, lineHeight: 1.3 }),
  labels: css({
    color: theme.colors.text.secondary,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: '0.9em',
  }),
  ellipsis: css({ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 }),
  // A name alone wraps (anywhere: `metric{label="value"}` has no spaces) onto the row's two lines instead of being cut.
  name: css({
    overflowWrap: 'anywhere',
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    minWidth: 0,
  }),
  score: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) }),
  links: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) }),
  bar: css({
    position: 'relative',
    flex: '0 0 36px',
    height: 8,
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    overflow: 'hidden',
  }),
  number: css({ fontVariantNumeric: 'tabular-nums' }),
  missing: css({ color: theme.colors.text.disabled, textAlign: 'center' }),
  link: css({ color: theme.colors.text.link, display: 'flex', justifyContent: 'center' }),
  button: css({
    color: theme.colors.text.link,
    display: 'flex',
    justifyContent: 'center',
    background: 'none',
    border: 'none',
    padding: 0,
    cursor: 'pointer',
  }),
});
