import React from 'react';
import { GrafanaTheme2 } from '@grafana/data';
import { OverlayLine } from '../data/overlayLine';
import { extent, svgPath } from '../../stl/components/svgPath';
import { correlationsSelectors } from './selectors';

interface Props {
  target?: OverlayLine;
  candidate: OverlayLine;
  /** x extent (epoch ms): the analysed range. Shifted candidate points outside it are clipped by the SVG box. */
  range: { fromMs: number; toMs: number };
  /** Shaded when it is narrower than the range (the rest is context before the window). */
  window: { fromMs: number; toMs: number };
  color: string;
  width: number;
  height: number;
  theme: GrafanaTheme2;
  label: string;
}

const PAD = 2;

/** Target and lag-shifted candidate, both z-normalised, on one small shared scale. */
export function Overlay({ target, candidate, range, window, color, width, height, theme, label }: Props) {
  const span = range.toMs - range.fromMs || 1;
  const x = (t: number) => PAD + ((t - range.fromMs) / span) * (width - 2 * PAD);
  const [lo1, hi1] = extent(candidate.z);
  const [lo2, hi2] = target ? extent(target.z) : [lo1, hi1];
  const lo = Math.min(lo1, lo2);
  const hi = Math.max(hi1, hi2);
  const y = (v: number) => PAD + (1 - (v - lo) / (hi - lo)) * (height - 2 * PAD);
  const showWindow = window.fromMs > range.fromMs || window.toMs < range.toMs;
  const wx0 = x(Math.max(window.fromMs, range.fromMs));
  const wx1 = x(Math.min(window.toMs, range.toMs));
  return (
    <svg width={width} height={height} data-testid={correlationsSelectors.overlay} role="img" aria-label={label}>
      {showWindow && (
        <rect x={wx0} y={0} width={Math.max(1, wx1 - wx0)} height={height} fill={theme.colors.action.hover} />
      )}
      {target && (
        <path
          d={svgPath(target.times, target.z, x, y)}
          fill="none"
          stroke={theme.colors.text.secondary}
          strokeWidth={1}
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
    </svg>
  );
}
