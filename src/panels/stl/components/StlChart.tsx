import React from 'react';
import { dateTimeFormat, formattedValueToString, getValueFormat, GrafanaTheme2, TimeZone } from '@grafana/data';
import { StlDecompositionView } from '../data/buildStlView';
import { stlSelectors } from './selectors';
import { extent, svgPath } from './svgPath';

interface Props {
  view: StlDecompositionView;
  width: number;
  height: number;
  theme: GrafanaTheme2;
  timeZone: TimeZone;
}

const LEFT = 64; // room for the y labels
const RIGHT = 8;
const TOP = 4;
const BOTTOM = 20; // room for the time axis
const ROW_GAP = 6;
const components = ['observed', 'trend', 'seasonal', 'remainder'] as const;

const short = getValueFormat('short');
const fmt = (v: number) => formattedValueToString(short(v, 2));

/** Four aligned plots sharing one time axis: observed, trend, seasonal, remainder (outliers marked). */
export function StlChart({ view, width, height, theme, timeZone }: Props) {
  const plotW = Math.max(10, width - LEFT - RIGHT);
  const rowH = Math.max(12, (height - TOP - BOTTOM - ROW_GAP * 3) / 4);
  const t0 = view.times[0];
  const t1 = view.times[view.times.length - 1];
  const span = t1 - t0 || 1;
  const x = (t: number) => LEFT + ((t - t0) / span) * plotW;
  const outlierSet = new Set(view.outliers);

  const colors = {
    observed: theme.visualization.getColorByName('blue'),
    trend: theme.visualization.getColorByName('orange'),
    seasonal: theme.visualization.getColorByName('green'),
    remainder: theme.visualization.getColorByName('purple'),
  };
  const axis = theme.colors.text.secondary;
  const grid = theme.colors.border.weak;
  const outlierColor = theme.colors.error.main;
  const fontSize = theme.typography.bodySmall.fontSize;

  const tickFormat = span <= 24 * 3600 * 1000 ? 'HH:mm' : 'MM-DD HH:mm';
  const ticks = Math.max(2, Math.min(6, Math.floor(plotW / 110)));
  const timeTicks = Array.from({ length: ticks }, (_, i) => t0 + (span * i) / (ticks - 1));

  return (
    <svg width={width} height={height} data-testid={stlSelectors.chart} role="img" aria-label={`STL of ${view.seriesName}`}>
      {components.map((c, row) => {
        const values = view[c];
        const [lo, hi] = extent(values);
        const top = TOP + row * (rowH + ROW_GAP);
        const y = (v: number) => top + rowH - ((v - lo) / (hi - lo)) * rowH;
        const showZero = (c === 'seasonal' || c === 'remainder') && lo < 0 && hi > 0;
        return (
          <g key={c} data-testid={stlSelectors.row(c)}>
            <rect x={LEFT} y={top} width={plotW} height={rowH} fill="none" stroke={grid} />
            {showZero && <line x1={LEFT} x2={LEFT + plotW} y1={y(0)} y2={y(0)} stroke={grid} strokeDasharray="3 3" />}
            <text x={LEFT - 6} y={top + 10} textAnchor="end" fill={axis} fontSize={fontSize}>
              {fmt(hi)}
            </text>
            <text x={LEFT - 6} y={top + rowH} textAnchor="end" fill={axis} fontSize={fontSize}>
              {fmt(lo)}
            </text>
            <text x={LEFT + 4} y={top + 12} fill={axis} fontSize={fontSize}>
              {stlSelectors.componentLabels[c]}
            </text>
            <path d={svgPath(view.times, values, x, y)} fill="none" stroke={colors[c]} strokeWidth={1.25} />
            {(c === 'remainder' || c === 'observed') &&
              view.times.map((t, i) =>
                outlierSet.has(i) && Number.isFinite(values[i]) ? (
                  <circle
                    key={i}
                    data-testid={stlSelectors.outlier}
                    cx={x(t)}
                    cy={y(values[i])}
                    r={3}
                    fill={outlierColor}
                  >
                    <title>{`${dateTimeFormat(t, { timeZone })}: ${fmt(values[i])}`}</title>
                  </circle>
                ) : null
              )}
          </g>
        );
      })}
      {timeTicks.map((t, i) => (
        <text
          key={i}
          x={x(t)}
          y={height - 4}
          textAnchor={i === 0 ? 'start' : i === ticks - 1 ? 'end' : 'middle'}
          fill={axis}
          fontSize={fontSize}
        >
          {dateTimeFormat(t, { format: tickFormat, timeZone })}
        </text>
      ))}
    </svg>
  );
}
