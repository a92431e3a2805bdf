import React, { MouseEvent, useState } from 'react';
import { colorManipulator, dateTimeFormat, formattedValueToString, getValueFormat, GrafanaTheme2 } from '@grafana/data';
import { Portal } from '@grafana/ui';
import { tooltipSurfaceStyle } from '../../../components/tooltipSurfaceStyle';
import { nearestIndex } from '../../stl/data/nearestIndex';
import { formatLag } from '../data/formatLag';
import { OverlayLine } from '../data/overlayLine';
import { extent, svgPath } from '../../stl/components/svgPath';
import { correlationsSelectors } from './selectors';

interface Props {
  target?: OverlayLine;
  /** Name of the target series, for the tooltip. */
  targetName: string;
  candidate: OverlayLine;
  /** Name of the candidate series, for the tooltip. */
  candidateName: string;
  /** The candidate's lag in seconds (its line is drawn shifted by it); null when unknown. */
  lagSeconds: number | null;
  /** x extent (epoch ms): the analysed range. Shifted candidate points outside it are clipped by the SVG box. */
  range: { fromMs: number; toMs: number };
  /** Shaded when it is narrower than the range (the rest is context before the window). */
  window: { fromMs: number; toMs: number };
  color: string;
  width: number;
  height: number;
  theme: GrafanaTheme2;
  timeZone: string;
  label: string;
}

const PAD = 2;
/** Offset of the tooltip from the pointer (px). */
const TIP_OFFSET = 12;

const format = (v: number, unit?: string) =>
  Number.isFinite(v) ? formattedValueToString(getValueFormat(unit || 'short')(v)) : '—';

/**
 * Target and lag-shifted candidate, both z-normalised, on one small shared scale; the ranked window shaded. Hovering
 * draws a cursor and a tooltip with the time and both values as the data source sent them (the candidate's at its
 * own time, i.e. before the lag shift).
 */
export function Overlay(props: Props) {
  const { target, candidate, range, window, color, width, height, theme, label } = props;
  const [hover, setHover] = useState<{ x: number; clientX: number; clientY: number } | null>(null);
  const span = range.toMs - range.fromMs || 1;
  const x = (t: number) => PAD + ((t - range.fromMs) / span) * (width - 2 * PAD);
  const timeAt = (px: number) => range.fromMs + ((px - PAD) / (width - 2 * PAD)) * span;
  const [lo1, hi1] = extent(candidate.z);
  const [lo2, hi2] = target ? extent(target.z) : [lo1, hi1];
  const lo = Math.min(lo1, lo2);
  const hi = Math.max(hi1, hi2);
  const y = (v: number) => PAD + (1 - (v - lo) / (hi - lo || 1)) * (height - 2 * PAD);
  const showWindow = window.fromMs > range.fromMs || window.toMs < range.toMs;
  const wx0 = x(Math.max(window.fromMs, range.fromMs));
  const wx1 = x(Math.min(window.toMs, range.toMs));
  // Grafana draws annotation regions in a translucent primary colour with solid edges; the same reads as "window".
  const windowFill = colorManipulator.alpha(theme.colors.primary.main, theme.isDark ? 0.22 : 0.14);
  const windowEdge = colorManipulator.alpha(theme.colors.primary.main, 0.7);

  const onMove = (e: MouseEvent<SVGRectElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    setHover({ x: Math.min(width - PAD, Math.max(PAD, e.clientX - box.left)), clientX: e.clientX, clientY: e.clientY });
  };

  const t = hover ? timeAt(hover.x) : NaN;
  const ti = hover && target ? nearestIndex(target.times, t) : -1;
  const ci = hover ? nearestIndex(candidate.times, t) : -1;
  const shiftMs = (props.lagSeconds ?? 0) * 1000;
  const tipLeftOfPointer = hover !== null && hover.clientX > document.documentElement.clientWidth / 2;

  return (
    <>
      <svg width={width} height={height} data-testid={correlationsSelectors.overlay} role="img" aria-label={label}>
        {showWindow && (
          <g data-testid={correlationsSelectors.overlayWindow}>
            <rect x={wx0} y={0} width={Math.max(1, wx1 - wx0)} height={height} fill={windowFill} />
            <line x1={wx0} x2={wx0} y1={0} y2={height} stroke={windowEdge} strokeWidth={1} />
            <line x1={wx1} x2={wx1} y1={0} y2={height} stroke={windowEdge} strokeWidth={1} />
          </g>
        )}
        {target && (
          <path
            d={svgPath(target.times, target.z, x, y)}
            fill="none"
            stroke={theme.colors.text.primary}
            strokeOpacity={0.85}
            strokeWidth={1.25}
            data-testid={correlationsSelectors.overlayTarget}
          />
        )}
        <path
          d={svgPath(candidate.times, candidate.z, x, y)}
          fill="none"
          stroke={color}
          strokeWidth={1.5}
          data-testid={correlationsSelectors.overlayCandidate}
        />
        {hover && (
          <g pointerEvents="none" data-testid={correlationsSelectors.overlayCursor}>
            <line
              x1={hover.x}
              x2={hover.x}
              y1={0}
              y2={height}
              stroke={theme.colors.text.secondary}
              strokeDasharray="2 2"
            />
            {ti >= 0 && Number.isFinite(target!.z[ti]) && (
              <circle cx={x(target!.times[ti])} cy={y(target!.z[ti])} r={2.5} fill={theme.colors.text.primary} />
            )}
            {ci >= 0 && Number.isFinite(candidate.z[ci]) && (
              <circle cx={x(candidate.times[ci])} cy={y(candidate.z[ci])} r={2.5} fill={color} />
            )}
          </g>
        )}
        <rect
          data-testid={correlationsSelectors.overlayHoverArea}
          x={0}
          y={0}
          width={width}
          height={height}
          fill="transparent"
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        />
      </svg>
      {hover && (
        <Portal>
          <div
            data-testid={correlationsSelectors.overlayTooltip}
            role="tooltip"
            style={{
              position: 'fixed',
              top: hover.clientY + TIP_OFFSET,
              ...(tipLeftOfPointer
                ? { right: document.documentElement.clientWidth - hover.clientX + TIP_OFFSET }
                : { left: hover.clientX + TIP_OFFSET }),
              zIndex: theme.zIndex.tooltip,
              pointerEvents: 'none',
              maxWidth: 360,
              ...tooltipSurfaceStyle(theme),
            }}
          >
            <div style={{ color: theme.colors.text.secondary }}>
              {dateTimeFormat(ti >= 0 ? target!.times[ti] : t, { timeZone: props.timeZone })}
            </div>
            {ti >= 0 && (
              <TipLine
                swatch={theme.colors.text.primary}
                name={props.targetName}
                value={format(target!.values[ti], target!.unit)}
              />
            )}
            {ci >= 0 && (
              <TipLine swatch={color} name={props.candidateName} value={format(candidate.values[ci], candidate.unit)} />
            )}
            {ci >= 0 && shiftMs !== 0 && (
              <div style={{ color: theme.colors.text.secondary }}>
                {`${props.candidateName} at ${dateTimeFormat(candidate.times[ci] - shiftMs, {
                  timeZone: props.timeZone,
                })} (${formatLag(props.lagSeconds)}, drawn shifted)`}
              </div>
            )}
          </div>
        </Portal>
      )}
    </>
  );
}

function TipLine({ swatch, name, value }: { swatch: string; name: string; value: string }) {
  return (
    <div style={{ display: 'flex', alignItems: 'baseline', gap: 8 }}>
      <span style={{ width: 10, height: 2, background: swatch, flex: '0 0 10px', alignSelf: 'center' }} />
      <span style={{ overflowWrap: 'anywhere', flex: '1 1 auto' }}>{name}</span>
      <strong style={{ whiteSpace: 'nowrap' }}>{value}</strong>
    </div>
  );
}
