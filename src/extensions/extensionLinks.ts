/**
 * The links Anomaly Lens adds where SREs already are: the dashboard panel menu ("Analyse with Anomaly Lens",
 * "Add anomaly band to this panel") and Explore's toolbar ("Add anomaly band"). Each is shown only when the panel or
 * Explore query is a Prometheus expression or a raw InfluxQL query (`configure` returns undefined elsewhere, which
 * hides the link), and opens the app's analyse page with the query's variables already replaced.
 */
import { analysePath, rangeEnd } from './analyseParams';
import { panelQuery, SourceTarget } from './panelQuery';

/** What the panel menu and Explore toolbar pass to `configure` (the parts used here). */
export interface LinkContext {
  id?: number;
  title?: string;
  targets?: SourceTarget[];
  timeRange?: { from?: unknown; to?: unknown };
  scopedVars?: Record<string, unknown>;
  dashboard?: { uid?: string };
}

export type Interpolate = (text: string, scopedVars?: Record<string, unknown>) => string;

export interface LinkConfig {
  targets: string[];
  title: string;
  description: string;
  icon: 'gf-ml' | 'plus' | 'chart-line';
  path: string;
  configure: (context?: LinkContext) => { path: string } | undefined;
}

/** The extension points, by the ids Grafana gives them (PluginExtensionPoints in @grafana/data). */
export const PANEL_MENU = 'grafana/dashboard/panel/menu';
export const EXPLORE_TOOLBAR = 'grafana/explore/toolbar/action';

function pathFor(
  context: LinkContext | undefined,
  interpolate: Interpolate,
  mode: { addBand?: boolean; explore?: boolean }
): string | undefined {
  const source = panelQuery(context?.targets);
  if (!source) {
    return undefined;
  }
  let expr = source.expr;
  try {
    expr = interpolate(source.expr, context?.scopedVars);
  } catch {
    // No template service (outside a dashboard): the expression as written.
  }
  const onDashboard = context?.dashboard?.uid !== undefined && context.id !== undefined;
  if (mode.addBand && !onDashboard) {
    return undefined;
  }
  return analysePath({
    kind: source.kind,
    sourceUid: source.dataSourceUid,
    expr,
    from: rangeEnd(context?.timeRange?.from, 'now-6h'),
    to: rangeEnd(context?.timeRange?.to, 'now'),
    ...(onDashboard && !mode.explore
      ? { dashboardUid: context!.dashboard!.uid, panelId: context!.id, panelTitle: context!.title }
      : {}),
    ...(mode.addBand ? { addBand: true } : {}),
    ...(mode.explore ? { openExplore: true } : {}),
  });
}

export function extensionLinks(interpolate: Interpolate): LinkConfig[] {
  const link = (
    targets: string[],
    title: string,
    description: string,
    icon: LinkConfig['icon'],
    mode: { addBand?: boolean; explore?: boolean }
  ): LinkConfig => ({
    targets,
    title,
    description,
    icon,
    // Grafana requires a path under the app; `configure` replaces it with the one for this panel.
    path: analysePath({ kind: 'prometheus', sourceUid: '', expr: '', from: 'now-6h', to: 'now' }),
    configure: (context) => {
      const path = pathFor(context, interpolate, mode);
      return path ? { path } : undefined;
    },
  });
  return [
    link(
      [PANEL_MENU],
      'Analyse with Anomaly Lens',
      'The series with its expected band and flagged windows, its STL decomposition, and what moved with it',
      'gf-ml',
      {}
    ),
    link(
      [PANEL_MENU],
      'Add anomaly band to this panel',
      'Adds an Anomaly Lens query with the band to this panel',
      'plus',
      {
        addBand: true,
      }
    ),
    link([EXPLORE_TOOLBAR], 'Add anomaly band', 'Opens this query beside its Anomaly Lens band', 'chart-line', {
      explore: true,
    }),
  ];
}
