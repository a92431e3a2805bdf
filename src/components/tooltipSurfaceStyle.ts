import type { GrafanaTheme2 } from '@grafana/data';
import { elevatedBackground } from './elevatedBackground';

/**
 * The look of a chart tooltip (the STL chart's and the correlation overlay's): Grafana's elevated surface with a
 * medium border, a z2 shadow and small text. Callers add the position.
 */
export function tooltipSurfaceStyle(theme: GrafanaTheme2) {
  return {
    background: elevatedBackground(theme),
    color: theme.colors.text.primary,
    border: `1px solid ${theme.colors.border.medium}`,
    boxShadow: theme.shadows.z2,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(0.75, 1),
    fontSize: theme.typography.bodySmall.fontSize,
  };
}
