import { addBandTarget, DashboardJson, nextRefId } from '../addBandTarget';
import { DashboardApi, prepareBand, saveBand } from '../saveBand';

const dashboard = (): DashboardJson => ({
  uid: 'd',
  version: 4,
  panels: [
    {
      id: 1,
      type: 'timeseries',
      title: 'Latency',
      datasource: { type: 'prometheus', uid: 'prom' },
      targets: [
        { refId: 'A', expr: 'latency' },
        { refId: 'B', expr: 'errors', datasource: { type: 'prometheus', uid: 'prom' } },
      ],
    },
    { id: 2, type: 'row', title: 'More', panels: [{ id: 3, type: 'timeseries', title: 'Inner', targets: [] }] },
  ],
});

/** A dashboard API holding one dashboard, with optimistic versioning like Grafana's. */
function fakeApi(stored: DashboardJson, meta = { canSave: true, folderUid: 'f' }) {
  const saved: Array<Parameters<DashboardApi['save']>[0]> = [];
  const api: DashboardApi = {
    get: async (uid) => {
      if (uid !== stored.uid) {
        throw { status: 404, data: { message: 'Dashboard not found' } };
      }
      return { dashboard: JSON.parse(JSON.stringify(stored)), meta };
    },
    save: async (body) => {
      if (body.dashboard.version !== stored.version) {
        throw { status: 412, data: { message: 'version-mismatch' } };
      }
      saved.push(body);
      stored = { ...body.dashboard, version: (stored.version ?? 0) + 1 };
    },
  };
  return { api, saved, bump: () => (stored = { ...stored, version: (stored.version ?? 0) + 1 }) };
}

test('the band query is added to the panel and its other queries are untouched', async () => {
  const { api, saved } = fakeApi(dashboard());
  const preview = await prepareBand(api, 'd', 1, 'lens', 'latency');
  if ('error' in preview) {
    throw new Error(preview.error);
  }
  expect(preview.panelTitle).toBe('Latency');
  expect(await saveBand(api, preview)).toEqual({ ok: true });
  const panel = saved[0].dashboard.panels![0];
  expect(panel.targets).toEqual([
    { refId: 'A', expr: 'latency', datasource: { type: 'prometheus', uid: 'prom' } },
    { refId: 'B', expr: 'errors', datasource: { type: 'prometheus', uid: 'prom' } },
    expect.objectContaining({
      refId: 'C',
      expr: 'latency',
      datasource: { type: 'seedlabs-anomalylens-datasource', uid: 'lens' },
    }),
  ]);
  // A panel with one data source becomes mixed so it can hold the Anomaly Lens query.
  expect(panel.datasource).toEqual({ type: 'datasource', uid: '-- Mixed --' });
  expect(saved[0]).toMatchObject({ folderUid: 'f', overwrite: false });
  expect(saved[0].dashboard.panels![1]).toEqual(dashboard().panels![1]);
});

test('the band query leaves out raw, which the panel already draws', async () => {
  const r = addBandTarget(dashboard(), 3, 'lens', 'x');
  expect('target' in r && r.target.outputs).not.toContain('raw');
  expect('target' in r && (r.target.outputs as string[]).length).toBeGreaterThan(0);
});

test('a panel inside a collapsed row is found', () => {
  const r = addBandTarget(dashboard(), 3, 'lens', 'inner');
  expect('dashboard' in r && r.dashboard.panels![1].panels![0].targets).toHaveLength(1);
});

test('a dashboard changed since it was read is not overwritten', async () => {
  const { api, saved, bump } = fakeApi(dashboard());
  const preview = await prepareBand(api, 'd', 1, 'lens', 'latency');
  bump();
  expect(await saveBand(api, preview as Exclude<typeof preview, { error: string }>)).toEqual({
    error: expect.stringMatching(/changed by someone else.*Reload/),
  });
  expect(saved).toHaveLength(0);
});

test('a user who may not edit the dashboard is told so before anything is saved', async () => {
  const { api } = fakeApi(dashboard(), { canSave: false, folderUid: 'f' });
  expect(await prepareBand(api, 'd', 1, 'lens', 'latency')).toEqual({ error: expect.stringMatching(/may not edit/) });
});

test('missing dashboards, panels, repeats of the same query and v2 dashboards get clear messages', async () => {
  const { api } = fakeApi(dashboard());
  expect(await prepareBand(api, 'gone', 1, 'lens', 'x')).toEqual({ error: 'The dashboard no longer exists.' });
  expect(await prepareBand(api, 'd', 99, 'lens', 'x')).toEqual({
    error: expect.stringMatching(/Panel 99 is no longer/),
  });
  const twice = addBandTarget(
    (addBandTarget(dashboard(), 1, 'lens', 'latency') as { dashboard: DashboardJson }).dashboard,
    1,
    'lens',
    'latency'
  );
  expect(twice).toEqual({ error: expect.stringMatching(/already has this Anomaly Lens query \(refId C\)/) });
  const v2: DashboardApi = { get: async () => ({ dashboard: { elements: {} } }), save: async () => undefined };
  expect(await prepareBand(v2, 'd', 1, 'lens', 'x')).toEqual({ error: expect.stringMatching(/v2 schema/) });
});

test('nextRefId continues after Z as Grafana does', () => {
  expect(nextRefId(new Set(['A', 'B']))).toBe('C');
  const az = new Set(Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i)));
  expect(nextRefId(az)).toBe('AA');
  expect(nextRefId(new Set([...az, 'AA']))).toBe('AB');
});
