import React, { MouseEvent, useState } from 'react';
import { dateTimeFormat, formattedValueToString, getValueFormat, GrafanaTheme2, TimeZone } from '@grafana/data';
import { elevatedBackground } from '../../../components/elevatedBackground';
import { StlDecompositionView } from '../data/buildStlView';
import { explainPoint } from '../data/explainPoint';
import { nearestIndex } from '../data/nearestIndex';
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

/**
 * Four aligned plots sharing one time axis: observed, trend, seasonal, remainder (outliers marked). One cursor is
 * shared by the four: hovering any plot draws the same time across all of them, with a tooltip giving the four
 * values and why the point is (or is not) marked.
 */
export function StlChart({ view, width, height, theme, timeZone }: Props) {
  const [hover, setHover] = useState<number | null>(null);
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
  const plotsBottom = TOP + 4 * rowH + 3 * ROW_GAP;
  const rowScale = (row: number) => {
    const [lo, hi] = extent(view[components[row]]);
    const top = TOP + row * (rowH + ROW_GAP);
    return (v: number) => top + rowH - ((v - lo) / (hi - lo)) * rowH;
  };

  const onMove = (e: MouseEvent<SVGRectElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const t = t0 + ((e.clientX - box.left) / Math.max(1, box.width)) * span;
    const i = nearestIndex(view.times, t);
    setHover(i >= 0 ? i : null);
  };
  const point = hover === null ? null : explainPoint(view, hover);
  const cursorX = point ? x(point.time) : 0;
  // The tooltip sits right of the cursor, or left of it in the right half of the plot.
  const tipW = Math.min(280, plotW);
  const tipX = cursorX + 12 + tipW > LEFT + plotW ? Math.max(LEFT, cursorX - 12 - tipW) : cursorX + 12;

  return (
    <div style={{ position: 'relative', width, height }}>
      <svg
        width={width}
        height={height}
        data-testid={stlSelectors.chart}
        role="img"
        aria-label={`STL of ${view.seriesName}`}
      >
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
        {point && (
          <g data-testid={stlSelectors.cursor} pointerEvents="none">
            <line
              x1={cursorX}
              x2={cursorX}
              y1={TOP}
              y2={plotsBottom}
              stroke={theme.colors.text.secondary}
              strokeDasharray="2 2"
            />
            {components.map((c, row) =>
              Number.isFinite(point[c]) ? (
                <circle
                  key={c}
                  cx={cursorX}
                  cy={rowScale(row)(point[c])}
                  r={3}
                  fill={colors[c]}
                  stroke={theme.colors.background.primary}
                />
              ) : null
            )}
          </g>
        )}
        <rect
          data-testid={stlSelectors.hoverArea}
          x={LEFT}
          y={TOP}
          width={plotW}
          height={Math.max(1, plotsBottom - TOP)}
          fill="transparent"
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        />
      </svg>
      {point && (
        <div
          data-testid={stlSelectors.tooltip}
          role="tooltip"
          style={{
            position: 'absolute',
            left: tipX,
            top: TOP,
            width: tipW,
            pointerEvents: 'none',
            background: elevatedBackground(theme),
            color: theme.colors.text.primary,
            border: `1px solid ${theme.colors.border.medium}`,
            boxShadow: theme.shadows.z2,
            borderRadius: theme.shape.radius.default,
            padding: theme.spacing(0.75, 1),
            fontSize: theme.typography.bodySmall.fontSize,
          }}
        >
          <div style={{ color: theme.colors.text.secondary }}>{dateTimeFormat(point.time, { timeZone })}</div>
          {components.map((c) => (
            <div key={c} style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <span style={{ color: colors[c] }}>{stlSelectors.componentLabels[c]}</span>
              <span>{Number.isFinite(point[c]) ? fmt(point[c]) : '—'}</span>
            </div>
          ))}
          {point.reason && (
            <div style={{ marginTop: 4, color: point.marked ? outlierColor : theme.colors.text.secondary }}>
              {point.reason}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
