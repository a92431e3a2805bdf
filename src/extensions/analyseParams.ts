/**
 * The app's analyse page is opened with a URL that says what to analyse: the panel's expression (variables already
 * replaced), the data source it came from, the time range, and the dashboard panel it came from (for "Add anomaly
 * band"). One module writes and reads that URL so the two sides cannot drift apart.
 */
import { SourceKind } from './panelQuery';

export const APP_ID = 'seedlabs-anomalylens-app';
export const ANALYSE_PAGE = `/a/${APP_ID}/analyse`;

export interface AnalyseParams {
  kind: SourceKind;
  /** The Prometheus or InfluxDB data source the expression ran on. */
  sourceUid: string;
  expr: string;
  /** Grafana time range ends as Grafana writes them in URLs: `now-6h`, or epoch milliseconds. */
  from: string;
  to: string;
  /** The dashboard panel the page was opened from; "Add anomaly band" edits it. */
  dashboardUid?: string;
  panelId?: number;
  panelTitle?: string;
  /** Open with the add-band preview showing. */
  addBand?: boolean;
  /** Go on to Explore with the query and its band side by side once the Anomaly Lens data source is known. */
  openExplore?: boolean;
  /** An anomaly window to rank what moved with it straight away (epoch ms), as if dragged on the band panel. */
  window?: { fromMs: number; toMs: number };
}

/** A time range end as Grafana passes it (text such as `now-6h`, or a date object) → URL text. */
export function rangeEnd(v: unknown, fallback: string): string {
  if (typeof v === 'string' && v.trim() !== '') {
    return v;
  }
  if (typeof v === 'number' && Number.isFinite(v)) {
    return String(Math.round(v));
  }
  const ms = (v as { valueOf?: () => unknown } | null | undefined)?.valueOf?.();
  return typeof ms === 'number' && Number.isFinite(ms) ? String(Math.round(ms)) : fallback;
}

export function analysePath(p: AnalyseParams): string {
  const q = new URLSearchParams({ kind: p.kind, source: p.sourceUid, expr: p.expr, from: p.from, to: p.to });
  if (p.dashboardUid && p.panelId !== undefined) {
    q.set('dashboard', p.dashboardUid);
    q.set('panel', String(p.panelId));
    if (p.panelTitle) {
      q.set('title', p.panelTitle);
    }
  }
  if (p.addBand) {
    q.set('addBand', '1');
  }
  if (p.openExplore) {
    q.set('open', 'explore');
  }
  if (p.window) {
    q.set('windowFrom', String(p.window.fromMs));
    q.set('windowTo', String(p.window.toMs));
  }
  return `${ANALYSE_PAGE}?${q.toString()}`;
}

/** The page's parameters, or a message saying what is missing (a hand-edited or truncated URL). */
export function parseAnalyseParams(search: string): AnalyseParams | { error: string } {
  const q = new URLSearchParams(search);
  const kind = q.get('kind');
  if (kind !== 'prometheus' && kind !== 'influxdb') {
    return { error: 'Open this page from a Prometheus or InfluxDB panel\'s menu: "Analyse with Anomaly Lens".' };
  }
  const sourceUid = q.get('source') ?? '';
  const expr = q.get('expr') ?? '';
  if (!sourceUid || !expr.trim()) {
    return { error: 'The link does not say which query to analyse (source and expr are required).' };
  }
  const panel = Number(q.get('panel'));
  const dashboardUid = q.get('dashboard') ?? undefined;
  const hasPanel = Boolean(dashboardUid) && q.get('panel') !== null && Number.isInteger(panel);
  return {
    kind,
    sourceUid,
    expr,
    from: q.get('from') || 'now-6h',
    to: q.get('to') || 'now',
    ...(hasPanel ? { dashboardUid, panelId: panel, panelTitle: q.get('title') ?? undefined } : {}),
    ...(q.get('addBand') === '1' ? { addBand: true } : {}),
    ...(q.get('open') === 'explore' ? { openExplore: true } : {}),
    ...windowOf(q.get('windowFrom'), q.get('windowTo')),
  };
}

function windowOf(from: string | null, to: string | null): { window?: { fromMs: number; toMs: number } } {
  const fromMs = Number(from);
  const toMs = Number(to);
  return from && to && Number.isFinite(fromMs) && Number.isFinite(toMs) && fromMs < toMs
    ? { window: { fromMs, toMs } }
    : {};
}
