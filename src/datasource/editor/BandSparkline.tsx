/**
 * A small picture of a backtest: the series, its expected value and band, and the windows the rule would have
 * fired shaded, over the backtest's range. Plain SVG scaled to its container's width (no measuring, no chart
 * library), so it stays cheap in the editor; the numbers are in the table beside it, the picture says where.
 */
import React from 'react';
import { useTheme2 } from '@grafana/ui';
import { extent, svgAreaPath, svgPath } from '../../panels/stl/components/svgPath';
import type { BandSeries } from '../backtest/readBandSeries';
import { formatNumber } from '../backtest/formatBacktest';

/** Drawing units across; the SVG is scaled to the container's width. */
const VIEW_WIDTH = 1000;
/** Narrowest shaded firing, in drawing units. */
const MIN_FIRED_WIDTH = 5;

interface Props {
  series: BandSeries;
  /** The fired windows to shade (epoch ms). */
  windows: ReadonlyArray<{ fromMs: number; toMs: number }>;
  /** The range drawn (epoch ms): the backtest's. */
  fromMs: number;
  toMs: number;
  /** Words for the range, e.g. "last 7 d", used in the accessible label. */
  rangeText: string;
  height?: number;
  testId?: string;
}

/** What the picture shows, in words: for screen readers and as the hover title. */
export function sparklineLabel(series: BandSeries, windows: number, rangeText: string): string {
  const [lo, hi] = extent(series.values);
  const finite = series.values.some(Number.isFinite);
  const band = series.expected.some(Number.isFinite) ? ', with its expected value and band' : ', without a band';
  const values = finite ? ` (values ${formatNumber(lo)} to ${formatNumber(hi)})` : ' (no values)';
  return `${series.name} over the ${rangeText}${values}${band}; ${windows} fired window${windows === 1 ? '' : 's'} shaded`;
}

export function BandSparkline({ series, windows, fromMs, toMs, rangeText, height = 56, testId }: Props) {
  const theme = useTheme2();
  const [lo, hi] = extent(Float64Array.from([...series.values, ...series.lower, ...series.upper]));
  const span = toMs - fromMs || 1;
  const pad = 3;
  const x = (t: number) => ((t - fromMs) / span) * VIEW_WIDTH;
  const y = (v: number) => pad + (1 - (v - lo) / (hi - lo)) * (height - 2 * pad);
  const blue = theme.visualization.getColorByName('blue');
  const label = sparklineLabel(series, windows.length, rangeText);
  return (
    <svg
      role="img"
      aria-label={label}
      data-testid={testId}
      viewBox={`0 0 ${VIEW_WIDTH} ${height}`}
      preserveAspectRatio="none"
      width="100%"
      height={height}
      style={{ display: 'block', maxWidth: '100%' }}
    >
      <title>{label}</title>
      {windows.map((w, i) => {
        const x0 = Math.max(0, x(w.fromMs));
        const x1 = Math.min(VIEW_WIDTH, x(w.toMs));
        // A one-minute firing over 30 days is far under a pixel: every window stays visible (~3 px at 600 px).
        const width = Math.max(x1 - x0, MIN_FIRED_WIDTH);
        return (
          <rect
            key={i}
            data-role="fired"
            x={x0}
            y={0}
            width={width}
            height={height}
            fill={theme.colors.error.main}
            fillOpacity={0.45}
          />
        );
      })}
      <path
        data-role="band"
        d={svgAreaPath(series.times, series.lower, series.upper, x, y)}
        fill={blue}
        fillOpacity={0.18}
        stroke="none"
      />
      <path
        data-role="expected"
        d={svgPath(series.times, series.expected, x, y)}
        fill="none"
        stroke={theme.colors.text.secondary}
        strokeDasharray="4 3"
        strokeWidth={1}
        vectorEffect="non-scaling-stroke"
      />
      <path
        data-role="series"
        d={svgPath(series.times, series.values, x, y)}
        fill="none"
        stroke={blue}
        strokeWidth={1.5}
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}
