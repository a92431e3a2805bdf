import type { GrafanaTheme2 } from '@grafana/data';

/**
 * Style of the text a panel shows instead of its chart (no data, a query to fix, nothing matching): centred in the
 * panel, in the theme's secondary text colour. Shared so the STL and correlations panels read alike.
 */
export function panelMessageStyle(theme: GrafanaTheme2) {
  return {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    textAlign: 'center',
    padding: theme.spacing(1),
    color: theme.colors.text.secondary,
  } as const;
}
