import React, { MouseEvent, useState } from 'react';
import {
  dateTimeForTimeZone,
  dateTimeFormat,
  formattedValueToString,
  getValueFormat,
  GrafanaTheme2,
  TimeZone,
} from '@grafana/data';
import { tooltipSurfaceStyle } from '../../../components/tooltipSurfaceStyle';
import { StlDecompositionView } from '../data/buildStlView';
import { explainPoint } from '../data/explainPoint';
import { nearestIndex } from '../data/nearestIndex';
import { timeTicks } from '../data/timeTicks';
import { valueTicks } from '../data/valueTicks';
import { stlSelectors } from './selectors';
import { extent, svgPath } from './svgPath';

interface Props {
  view: StlDecompositionView;
  width: number;
  height: number;
  theme: GrafanaTheme2;
  timeZone: TimeZone;
}

/** Room left of the plots: the longest y label at about 7 px per character (Grafana's small text), within bounds. */
const CHAR_WIDTH = 7;
const MIN_LEFT = 40;
const MAX_LEFT = 120;
const RIGHT = 8;
const TOP = 4;
const BOTTOM = 20; // room for the time axis
const ROW_GAP = 6;
const components = ['observed', 'trend', 'seasonal', 'remainder'] as const;
/** Vertical room per y tick label, so that labels of one row never touch. */
const TICK_SPACING = 18;
/** Horizontal room per time label. */
const TIME_LABEL_WIDTH = 110;

/** Round y values for one row: as many as fit its height, at least one. */
function yTicks(lo: number, hi: number, rowH: number) {
  return valueTicks(lo, hi, Math.max(1, Math.floor(rowH / TICK_SPACING)));
}

/**
 * Four aligned plots sharing one time axis: observed, trend, seasonal, remainder (outliers marked). One cursor is
 * shared by the four: hovering any plot draws the same time across all of them, with a tooltip giving the four
 * values and why the point is (or is not) marked.
 */
export function StlChart({ view, width, height, theme, timeZone }: Props) {
  const [hover, setHover] = useState<number | null>(null);
  // Grafana's value format for the series' unit (ms, percent, bytes, …): the same text a time series panel shows.
  const valueFormat = getValueFormat(view.unit ?? 'short');
  const fmt = (v: number) => formattedValueToString(valueFormat(v));
  const rowH = Math.max(12, (height - TOP - BOTTOM - ROW_GAP * 3) / 4);
  const rows = components.map((c, row) => {
    const [lo, hi] = extent(view[c]);
    const top = TOP + row * (rowH + ROW_GAP);
    const y = (v: number) => top + rowH - ((v - lo) / (hi - lo)) * rowH;
    // Labels only where they fit inside the row's band, so that neighbouring rows' labels never touch.
    const ticks = yTicks(lo, hi, rowH).ticks;
    const labels = ticks
      .map((v) => ({ v, at: y(v), text: fmt(v) }))
      .filter((l) => l.at >= top + 5 && l.at <= top + rowH - 3);
    return { lo, hi, top, y, ticks, labels };
  });
  const longest = Math.max(0, ...rows.flatMap((r) => r.labels.map((l) => l.text.length)));
  const left = Math.min(MAX_LEFT, Math.max(MIN_LEFT, Math.ceil(longest * CHAR_WIDTH) + 10));
  const plotW = Math.max(10, width - left - RIGHT);
  const t0 = view.times[0];
  const t1 = view.times[view.times.length - 1];
  const span = t1 - t0 || 1;
  const x = (t: number) => left + ((t - t0) / span) * plotW;
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

  const time = timeTicks(
    t0,
    t1,
    Math.max(1, Math.min(8, Math.floor(plotW / TIME_LABEL_WIDTH))),
    (t) => dateTimeForTimeZone(timeZone, t).utcOffset() * 60_000
  );
  const plotsBottom = TOP + 4 * rowH + 3 * ROW_GAP;
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
  const tipX = cursorX + 12 + tipW > left + plotW ? Math.max(left, cursorX - 12 - tipW) : cursorX + 12;

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
          const { lo, hi, top, y, ticks, labels } = rows[row];
          const showZero = (c === 'seasonal' || c === 'remainder') && lo < 0 && hi > 0;
          return (
            <g key={c} data-testid={stlSelectors.row(c)}>
              <rect x={left} y={top} width={plotW} height={rowH} fill="none" stroke={grid} />
              {showZero && <line x1={left} x2={left + plotW} y1={y(0)} y2={y(0)} stroke={grid} strokeDasharray="3 3" />}
              {ticks.map((v) => (
                <line
                  key={`grid-${v}`}
                  x1={left}
                  x2={left + plotW}
                  y1={y(v)}
                  y2={y(v)}
                  stroke={grid}
                  strokeWidth={0.5}
                />
              ))}
              {labels.map((l) => (
                <text
                  key={`label-${l.v}`}
                  data-testid={stlSelectors.yTick}
                  x={left - 6}
                  y={l.at + 4}
                  textAnchor="end"
                  fill={axis}
                  fontSize={fontSize}
                >
                  {l.text}
                </text>
              ))}
              <text x={left + 4} y={top + 12} fill={axis} fontSize={fontSize}>
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
        {time.ticks.map((t) => {
          const at = x(t);
          // Near an edge the label is anchored inside the plot instead of centred past it.
          const anchor =
            at - left < TIME_LABEL_WIDTH / 2 ? 'start' : left + plotW - at < TIME_LABEL_WIDTH / 2 ? 'end' : 'middle';
          return (
            <text
              key={t}
              data-testid={stlSelectors.timeTick}
              x={at}
              y={height - 4}
              textAnchor={anchor}
              fill={axis}
              fontSize={fontSize}
            >
              {dateTimeFormat(t, { format: time.format, timeZone })}
            </text>
          );
        })}
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
                  cy={rows[row].y(point[c])}
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
          x={left}
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
            ...tooltipSurfaceStyle(theme),
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
