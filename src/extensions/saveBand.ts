/**
 * Adding the band to a dashboard panel through Grafana's dashboard HTTP API, with the user's own permissions: read
 * the dashboard (`GET /api/dashboards/uid/:uid`), add the query (addBandTarget), show it, then save
 * (`POST /api/dashboards/db`) with the version read, so a dashboard someone changed meanwhile is not overwritten
 * (Grafana answers 412). Dashboards in Grafana's v2 schema are not read through this API; the user gets the query to
 * add by hand instead.
 */
import { addBandTarget, DashboardJson } from './addBandTarget';

export interface DashboardMeta {
  canSave?: boolean;
  canEdit?: boolean;
  folderUid?: string;
  provisioned?: boolean;
}

export interface DashboardApi {
  get(uid: string): Promise<{ dashboard: DashboardJson; meta?: DashboardMeta }>;
  save(body: { dashboard: DashboardJson; folderUid?: string; message: string; overwrite: false }): Promise<unknown>;
}

export interface BandPreview {
  dashboard: DashboardJson;
  folderUid?: string;
  panelTitle: string;
  target: Record<string, unknown>;
}

/** Failed fetches from Grafana's backend service carry `status` and `data.message`. */
interface FetchFailure {
  status?: number;
  data?: { message?: string; status?: string };
  message?: string;
}

const byHand = 'Copy the query below and add it to the panel in its editor instead.';

export async function prepareBand(
  api: DashboardApi,
  dashboardUid: string,
  panelId: number,
  lensUid: string,
  expr: string
): Promise<BandPreview | { error: string }> {
  let found: Awaited<ReturnType<DashboardApi['get']>>;
  try {
    found = await api.get(dashboardUid);
  } catch (e) {
    return { error: failure(e, 'read') };
  }
  const meta = found.meta ?? {};
  if (meta.canSave === false || meta.canEdit === false) {
    return { error: `You may not edit this dashboard. ${byHand}` };
  }
  if (!Array.isArray(found.dashboard?.panels)) {
    return {
      error: `This dashboard is not in the classic JSON model this page can edit (Grafana's v2 schema?). ${byHand}`,
    };
  }
  const added = addBandTarget(found.dashboard, panelId, lensUid, expr);
  if ('error' in added) {
    return added;
  }
  return { dashboard: added.dashboard, folderUid: meta.folderUid, panelTitle: added.panelTitle, target: added.target };
}

export async function saveBand(api: DashboardApi, preview: BandPreview): Promise<{ ok: true } | { error: string }> {
  try {
    await api.save({
      dashboard: preview.dashboard,
      folderUid: preview.folderUid,
      message: `Anomaly Lens: anomaly band added to "${preview.panelTitle}"`,
      overwrite: false,
    });
    return { ok: true };
  } catch (e) {
    return { error: failure(e, 'save') };
  }
}

function failure(e: unknown, what: 'read' | 'save'): string {
  const f = (e ?? {}) as FetchFailure;
  const said = f.data?.message ?? f.message ?? 'no answer';
  switch (f.status) {
    case 401:
    case 403:
      return `You may not ${what === 'read' ? 'open' : 'edit'} this dashboard (${said}). ${byHand}`;
    case 404:
      return 'The dashboard no longer exists.';
    case 406:
      return `This dashboard uses a dashboard schema this page cannot edit (${said}). ${byHand}`;
    case 412:
      return 'The dashboard was changed by someone else since this page read it. Reload the page and add the band again.';
    default:
      if (/provisioned/i.test(said)) {
        return `This dashboard is provisioned from a file and cannot be saved from the UI; add the query to its file. ${byHand}`;
      }
      return `Could not ${what} the dashboard: ${said}`;
  }
}
