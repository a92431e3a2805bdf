/**
 * "Add anomaly band to this panel": the dashboard JSON with one more query on the panel, an Anomaly Lens query with
 * the panel's expression. The panel's own queries are kept as they are. Pure: the page fetches and saves.
 */
import { QUERY_DEFAULTS } from '../shared/validateQuery';
import { LensOutput, QUERY_SCHEMA_VERSION } from '../shared/queryModel';

export const LENS_DATASOURCE_TYPE = 'seedlabs-anomalylens-datasource';

interface PanelJson {
  id?: number;
  type?: string;
  title?: string;
  targets?: Array<Record<string, unknown>>;
  datasource?: unknown;
  /** A collapsed row keeps its panels inside it. */
  panels?: PanelJson[];
}

export interface DashboardJson {
  uid?: string;
  version?: number;
  panels?: PanelJson[];
  [key: string]: unknown;
}

/**
 * The default outputs less `raw`: the panel already draws the series, so the added query brings only what the
 * panel lacks (the band and what else the defaults hold).
 */
export function bandOutputs(): LensOutput[] {
  return QUERY_DEFAULTS.outputs.filter((o) => o !== 'raw');
}

/** The first refId not in use: A…Z, then AA, AB, … as Grafana names them. */
export function nextRefId(used: ReadonlySet<string>): string {
  for (let n = 0; ; n++) {
    let id = '';
    let k = n;
    do {
      id = String.fromCharCode(65 + (k % 26)) + id;
      k = Math.floor(k / 26) - 1;
    } while (k >= 0);
    if (!used.has(id)) {
      return id;
    }
  }
}

export function bandTarget(lensUid: string, expr: string, refId: string): Record<string, unknown> {
  return {
    refId,
    datasource: { type: LENS_DATASOURCE_TYPE, uid: lensUid },
    schemaVersion: QUERY_SCHEMA_VERSION,
    expr,
    outputs: bandOutputs(),
  };
}

export type AddBandResult =
  { dashboard: DashboardJson; target: Record<string, unknown>; panelTitle: string } | { error: string };

/** The dashboard with the band query added to panel `panelId`; the input is not changed. */
export function addBandTarget(dashboard: DashboardJson, panelId: number, lensUid: string, expr: string): AddBandResult {
  // Dashboard JSON is plain JSON, so a JSON round trip is a full copy.
  const copy = JSON.parse(JSON.stringify(dashboard)) as DashboardJson;
  const panel = findPanel(copy.panels ?? [], panelId);
  if (!panel) {
    return {
      error: `Panel ${panelId} is no longer on this dashboard; it may have been removed since the link was made.`,
    };
  }
  if (panel.type === 'row') {
    return { error: 'That is a row, not a panel with queries.' };
  }
  const targets = panel.targets ?? [];
  const already = targets.find(
    (t) => (t.datasource as { uid?: string } | undefined)?.uid === lensUid && t.expr === expr
  );
  if (already) {
    return {
      error: `Panel "${panel.title ?? panelId}" already has this Anomaly Lens query (refId ${String(already.refId)}).`,
    };
  }
  const target = bandTarget(lensUid, expr, nextRefId(new Set(targets.map((t) => String(t.refId)))));
  // A panel with one data source for all queries must become mixed to hold a query of another data source.
  const panelDs = panel.datasource as { uid?: string } | undefined;
  if (panelDs?.uid && panelDs.uid !== '-- Mixed --') {
    panel.targets = targets.map((t) => (t.datasource ? t : { ...t, datasource: panelDs }));
    panel.datasource = { type: 'datasource', uid: '-- Mixed --' };
  } else {
    panel.targets = targets;
  }
  panel.targets.push(target);
  return { dashboard: copy, target, panelTitle: panel.title ?? `panel ${panelId}` };
}

function findPanel(panels: PanelJson[], id: number): PanelJson | undefined {
  for (const p of panels) {
    if (p.id === id) {
      return p;
    }
    const inner = p.panels && findPanel(p.panels, id);
    if (inner) {
      return inner;
    }
  }
  return undefined;
}
