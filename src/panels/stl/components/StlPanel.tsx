import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { buildStlView } from '../data/buildStlView';
import { Decomposer } from '../data/decomposer';
import { StlPanelOptions } from '../types';
import { StlChart } from './StlChart';
import { stlSelectors } from './selectors';

const HEADER = 22;

interface Props extends PanelProps<StlPanelOptions> {
  decomposer: Decomposer;
}

/** The STL panel: frames → view model (pure, in `data/`) → four aligned plots, or a message saying why not. */
export function StlPanel({ data, options, width, height, timeZone, decomposer }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const view = useMemo(() => buildStlView(data.series, options, decomposer), [data.series, options, decomposer]);

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

  return (
    <div style={{ width, height }}>
      <div className={styles.header} style={{ height: HEADER }}>
        <strong>{view.seriesName}</strong> · {notes.join(' · ')}
      </div>
      <StlChart view={view} width={width} height={Math.max(40, height - HEADER)} theme={theme} timeZone={timeZone} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  message: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    textAlign: 'center',
    padding: theme.spacing(1),
    color: theme.colors.text.secondary,
  }),
  hint: css({ fontSize: theme.typography.bodySmall.fontSize }),
  header: css({
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
});
