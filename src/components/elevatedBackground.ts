import type { GrafanaTheme2 } from '@grafana/data';

/**
 * Background for surfaces that float above a panel (tooltips, completion lists). Grafana 11.0's theme has no
 * `colors.background.elevated` (its typings list canvas, primary and secondary only), so there the surface falls
 * back to `primary` instead of an undefined, see-through background.
 */
export function elevatedBackground(theme: GrafanaTheme2): string {
  const background: { primary: string; elevated?: string } = theme.colors.background;
  return background.elevated ?? background.primary;
}
