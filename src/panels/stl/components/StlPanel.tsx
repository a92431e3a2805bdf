import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, PanelProps } from '@grafana/data';
import { Select, useStyles2, useTheme2 } from '@grafana/ui';
import { panelMessageStyle } from '../../../components/panelMessageStyle';
import { buildStlView } from '../data/buildStlView';
import { Decomposer } from '../data/decomposer';
import { StlPanelOptions } from '../types';
import { StlChart } from './StlChart';
import { stlSelectors } from './selectors';

const HEADER = 22;
/** The header holds a series picker when the result has several series: Grafana's Select is 32 px high. */
const HEADER_WITH_PICKER = 34;
/** Two lines of bodySmall text (18 px each) and a little air. */
const HEADER_TWO_LINES = 38;
/** Narrower panels wrap the header's notes (name plus notes run to ~600 px). */
export const WRAP_WIDTH = 760;

interface Props extends PanelProps<StlPanelOptions> {
  decomposer: Decomposer;
}

/** The STL panel: frames → view model (pure, in `data/`) → four aligned plots, or a message saying why not. */
export function StlPanel({ data, options, width, height, timeZone, decomposer }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  // A series picked in the panel itself (not saved with the dashboard); the option's series when none is, or when
  // the picked one is no longer in the result.
  const [picked, setPicked] = useState<string | undefined>();
  const view = useMemo(() => {
    const chosen =
      picked === undefined ? undefined : buildStlView(data.series, { ...options, series: picked }, decomposer);
    return chosen && !(chosen.kind === 'message' && chosen.reason === 'seriesNotFound')
      ? chosen
      : buildStlView(data.series, options, decomposer);
  }, [data.series, options, decomposer, picked]);

  if (view.kind === 'message') {
    return (
      <div className={styles.message} style={{ width, height }} data-testid={stlSelectors.message}>
        <p>{view.text}</p>
        {view.seriesNames.length > 0 && (
          <p className={styles.hint}>Series in this result: {view.seriesNames.join(', ')}</p>
        )}
      </div>
    );
  }

  const notes = [
    view.source === 'datasource' ? 'components from the data source' : `season ${view.period} points`,
    options.robust && view.source === 'browser' ? 'robust' : '',
    `${view.outliers.length} remainder outlier${view.outliers.length === 1 ? '' : 's'} (>${options.outlierThreshold}σ)`,
    view.filledPoints > 0 ? `${view.filledPoints} missing point${view.filledPoints === 1 ? '' : 's'} interpolated` : '',
  ].filter(Boolean);

  const picker = view.seriesNames.length > 1;
  // Below WRAP_WIDTH the notes wrap onto a second line instead of being cut.
  const wrap = width < WRAP_WIDTH;
  const header = Math.max(picker ? HEADER_WITH_PICKER : HEADER, wrap ? HEADER_TWO_LINES : 0);
  return (
    <div style={{ width, height }}>
      <div className={wrap ? styles.headerWrapped : styles.header} style={{ height: header }}>
        {picker ? (
          <Select
            aria-label={stlSelectors.seriesPicker}
            width="auto"
            options={view.seriesNames.map((n) => ({ label: n, value: n }))}
            value={view.seriesName}
            onChange={(v) => setPicked(v.value)}
          />
        ) : (
          <strong>{view.seriesName}</strong>
        )}
        <span className={styles.notes}>
          {wrap ? '' : '· '}
          {notes.join(' · ')}
        </span>
      </div>
      <StlChart view={view} width={width} height={Math.max(40, height - header)} theme={theme} timeZone={timeZone} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  message: css(panelMessageStyle(theme)),
  hint: css({ fontSize: theme.typography.bodySmall.fontSize }),
  header: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
  }),
  headerWrapped: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    alignContent: 'center',
    columnGap: theme.spacing(1),
    lineHeight: '18px',
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    overflow: 'hidden',
  }),
  notes: css({
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    minWidth: 0,
  }),
});
