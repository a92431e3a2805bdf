/**
 * Everything under provisioning/ parses, and every reference in it resolves: data source uids (to
 * provisioning/datasources), plugin ids (to src/**\/plugin.json), panel types (ours or Grafana built-ins), dashboard
 * folders (to the provider's path through the compose mount), and every Anomaly Lens query in a dashboard or alert
 * rule passes the plugin's own validation after migration. Queries name metrics the upstream behind their data
 * source really has (demo catalogue, or the demo workload for Prometheus and InfluxDB).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKLOAD_METRICS } from '../../demo/workload/workloadSeries';
import { DEMO_METRICS } from '../../src/backend/upstreams/demo/demoCatalog';
import { migrateQuery } from '../../src/shared/migrateQuery';
import { LensQuery, UPSTREAM_KINDS } from '../../src/shared/queryModel';
import { validateQuery } from '../../src/shared/validateQuery';
import { interpolateDashboardVariables } from './support/dashboardVariables';
import {
  alertGroups,
  allPanels,
  dataSourceEntries,
  listFiles,
  Panel,
  parseFile,
  PROVISIONING_DIR,
  provisioningFiles,
  REPO_ROOT,
} from './support/provisioningFiles';

const DATASOURCE_PLUGIN = 'seedlabs-anomalylens-datasource';
/** The uids the docs, dashboards and alert rules rely on. */
const REQUIRED_UIDS = ['anomalylens-demo', 'anomalylens-prometheus', 'anomalylens-influxdb'];
/** Grafana's built-in panel types that our dashboards may use (core panels of Grafana 11–13). */
const BUILTIN_PANELS = new Set([
  'row',
  'timeseries',
  'stat',
  'gauge',
  'bargauge',
  'table',
  'text',
  'barchart',
  'heatmap',
  'histogram',
  'piechart',
  'state-timeline',
  'status-history',
  'alertlist',
  'dashlist',
  'annolist',
  'logs',
  'xychart',
  'trend',
]);
/** Grafana's built-in data source types our provisioning may add beside ours. */
const BUILTIN_DATASOURCES = new Set(['prometheus', 'influxdb']);

function pluginIds(): Map<string, string> {
  const ids = new Map<string, string>();
  for (const file of listFiles(join(REPO_ROOT, 'src')).filter((f) => f.endsWith('plugin.json'))) {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    ids.set(json.id, json.type);
  }
  return ids;
}

const dataSources = dataSourceEntries();
const byUid = new Map(dataSources.map((d) => [d.uid, d]));

interface DashboardFile {
  path: string;
  json: { uid: string; title: string; panels: Panel[] };
}

/** Dashboard JSON files under the folders the dashboard providers point at (container path → repo path). */
function dashboards(): DashboardFile[] {
  const out: DashboardFile[] = [];
  for (const { data } of provisioningFiles('dashboards').filter((f) => /\.ya?ml$/.test(f.path))) {
    for (const p of (data as { providers?: Array<{ options?: { path?: string } }> }).providers ?? []) {
      const dir = containerToRepo(p.options!.path!);
      for (const file of listFiles(dir).filter((f) => f.endsWith('.json'))) {
        out.push({ path: file, json: parseFile(file).data as DashboardFile['json'] });
      }
    }
  }
  return out;
}

/** docker-compose mounts ./provisioning at /etc/grafana/provisioning. */
function containerToRepo(path: string): string {
  const prefix = '/etc/grafana/provisioning';
  if (!path.startsWith(prefix)) {
    throw new Error(`dashboard provider path ${path} is not under ${prefix}, which compose mounts from ./provisioning`);
  }
  return join(PROVISIONING_DIR, path.slice(prefix.length));
}

/** Metric names a PromQL selector or InfluxQL FROM clause names. */
function metricNames(expr: string): string[] {
  const influx = /FROM\s+"?([A-Za-z_:][\w:]*)"?/i.exec(expr);
  if (influx) {
    return [influx[1]];
  }
  const regex = /__name__=~"([^"]+)"/.exec(expr);
  if (regex) {
    return regex[1].split('|');
  }
  const m = /^[\s(]*([A-Za-z_:][\w:]*)\s*(\{|$)/.exec(expr);
  return m ? [m[1]] : [];
}

const WORKLOAD_NAMES = new Set(WORKLOAD_METRICS.map((m) => m.name));
const DEMO_NAMES = new Set(DEMO_METRICS.map((m) => m.name));

/** Fails with the query's place when it does not validate or names a metric its upstream lacks. */
function checkLensQuery(where: string, dsUid: string, model: Record<string, unknown>): void {
  const ds = byUid.get(dsUid);
  if (!ds) {
    throw new Error(`${where}: data source uid "${dsUid}" is not provisioned (have: ${[...byUid.keys()].join(', ')})`);
  }
  if (ds.type !== DATASOURCE_PLUGIN) {
    return;
  }
  try {
    validateQuery(migrateQuery(model as unknown as LensQuery));
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
  const upstream = (ds.jsonData?.upstream as string | undefined) ?? 'demo';
  const known = upstream === 'demo' ? DEMO_NAMES : WORKLOAD_NAMES;
  const names = metricNames(String(model.expr));
  expect({ where, names: names.length > 0 }).toEqual({ where, names: true });
  for (const name of names) {
    expect({ where, name, known: known.has(name) }).toEqual({ where, name, known: true });
  }
}

describe('provisioning files', () => {
  it('every file under provisioning/ parses', () => {
    const files = listFiles(PROVISIONING_DIR).filter((f) => !f.endsWith('.md') && !f.endsWith('.gitkeep'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect(() => parseFile(f)).not.toThrow();
    }
  });

  it('every YAML provisioning file is apiVersion 1', () => {
    for (const kind of ['datasources', 'dashboards', 'alerting', 'plugins'] as const) {
      for (const { path, data } of provisioningFiles(kind).filter((f) => /\.ya?ml$/.test(f.path))) {
        expect({ path, apiVersion: (data as { apiVersion?: number }).apiVersion }).toEqual({ path, apiVersion: 1 });
      }
    }
  });

  it('the app provisioned in plugins/ is our app plugin', () => {
    const ids = pluginIds();
    for (const { data } of provisioningFiles('plugins')) {
      for (const app of (data as { apps?: Array<{ type: string }> }).apps ?? []) {
        expect(ids.get(app.type)).toBe('app');
      }
    }
  });
});

describe('provisioned data sources', () => {
  it('include the demo, Prometheus and InfluxDB Anomaly Lens data sources with fixed uids', () => {
    for (const uid of REQUIRED_UIDS) {
      expect({ uid, type: byUid.get(uid)?.type }).toEqual({ uid, type: DATASOURCE_PLUGIN });
    }
    expect(byUid.get('anomalylens-demo')?.jsonData?.upstream ?? 'demo').toBe('demo');
    expect(byUid.get('anomalylens-prometheus')?.jsonData?.upstream).toBe('prometheus');
    expect(byUid.get('anomalylens-influxdb')?.jsonData?.upstream).toBe('influxdb');
  });

  it('have unique uids and names, known plugin types and known upstreams', () => {
    expect(new Set(dataSources.map((d) => d.uid)).size).toBe(dataSources.length);
    expect(new Set(dataSources.map((d) => d.name)).size).toBe(dataSources.length);
    const ids = pluginIds();
    for (const d of dataSources) {
      const known = ids.get(d.type) === 'datasource' || BUILTIN_DATASOURCES.has(d.type);
      expect({ uid: d.uid, type: d.type, known }).toEqual({ uid: d.uid, type: d.type, known: true });
      if (d.type === DATASOURCE_PLUGIN) {
        const upstream = (d.jsonData?.upstream as string | undefined) ?? 'demo';
        expect(UPSTREAM_KINDS).toContain(upstream);
        if (upstream !== 'demo') {
          expect({ uid: d.uid, url: /^https?:\/\//.test(d.url ?? '') }).toEqual({ uid: d.uid, url: true });
        }
      }
    }
  });

  it('keep secrets out of jsonData', () => {
    const secretKeys = /password|token|secret|^httpHeaderValue|tlsCACert|tlsClientKey/i;
    for (const d of dataSources) {
      expect({ uid: d.uid, secrets: Object.keys(d.jsonData ?? {}).filter((k) => secretKeys.test(k)) }).toEqual({
        uid: d.uid,
        secrets: [],
      });
    }
  });
});

describe('provisioned dashboards', () => {
  const files = dashboards();
  const ids = pluginIds();

  it('the three demo dashboards are provisioned, with unique uids', () => {
    const uids = files.map((f) => f.json.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const uid of ['anomalylens-service-overview', 'anomalylens-investigate', 'anomalylens-capacity']) {
      expect(uids).toContain(uid);
    }
  });

  it('use only our panels and Grafana built-ins; the investigate dashboard has the STL and correlations panels', () => {
    for (const f of files) {
      for (const p of allPanels(f.json.panels)) {
        const known = ids.get(p.type) === 'panel' || BUILTIN_PANELS.has(p.type);
        expect({ dashboard: f.json.uid, panel: p.title, type: p.type, known }).toEqual({
          dashboard: f.json.uid,
          panel: p.title,
          type: p.type,
          known: true,
        });
      }
    }
    const investigate = files.find((f) => f.json.uid === 'anomalylens-investigate')!;
    const types = allPanels(investigate.json.panels).map((p) => p.type);
    expect(types).toEqual(expect.arrayContaining(['seedlabs-stl-panel', 'seedlabs-correlations-panel']));
  });

  it('panel ids are unique within each dashboard', () => {
    for (const f of files) {
      const pids = allPanels(f.json.panels).map((p) => p.id);
      expect(new Set(pids).size).toBe(pids.length);
    }
  });

  it('every target names a provisioned data source and every Anomaly Lens target validates', () => {
    let lensTargets = 0;
    for (const f of files) {
      for (const p of allPanels(f.json.panels)) {
        for (const target of p.targets ?? []) {
          const uid = target.datasource?.uid ?? p.datasource?.uid;
          const where = `${f.json.uid} / ${p.title} / ${target.refId}`;
          expect({ where, uid: typeof uid }).toEqual({ where, uid: 'string' });
          // As the frontend sends it: variables at their saved values, over a 6-hour range.
          checkLensQuery(
            where,
            uid!,
            interpolateDashboardVariables(target, f.json, Date.now() - 6 * 3_600_000, Date.now())
          );
          lensTargets += byUid.get(uid!)?.type === DATASOURCE_PLUGIN ? 1 : 0;
        }
      }
    }
    expect(lensTargets).toBeGreaterThan(10);
  });

  it('the capacity dashboard shows a time to threshold and the overview shows bands', () => {
    const outputs = (uid: string) =>
      allPanels(files.find((f) => f.json.uid === uid)!.json.panels).flatMap((p) =>
        (p.targets ?? []).flatMap((t) => (t.outputs as string[] | undefined) ?? [])
      );
    expect(outputs('anomalylens-capacity')).toContain('timeToThreshold');
    expect(outputs('anomalylens-service-overview')).toContain('band');
  });

  it('a correlations panel that sets a target variable ranks against that variable, which the dashboard has', () => {
    let wired = 0;
    for (const f of files) {
      const variables = new Set(
        ((f.json as { templating?: { list?: Array<{ name: string }> } }).templating?.list ?? []).map((v) => v.name)
      );
      for (const p of allPanels(f.json.panels)) {
        const name = p.options?.targetVariable as string | undefined;
        if (p.type !== 'seedlabs-correlations-panel' || !name) {
          continue;
        }
        const targets = (p.targets ?? []).map((t) => (t.correlate as { target?: string } | undefined)?.target);
        expect({ panel: p.title, variable: variables.has(name), targets }).toEqual({
          panel: p.title,
          variable: true,
          targets: targets.map(() => `$${name}`),
        });
        wired++;
      }
    }
    // The investigate dashboard's "use as target" button changes the ranking in place (docs/provisioning.md).
    expect(wired).toBeGreaterThanOrEqual(1);
  });
});

describe('provisioned alert rules: references', () => {
  it('every rule query names a provisioned data source (or __expr__) and its Anomaly Lens query validates', () => {
    for (const { group } of alertGroups()) {
      for (const rule of group.rules) {
        for (const q of rule.data) {
          if (q.datasourceUid === '__expr__') {
            continue;
          }
          checkLensQuery(`${rule.uid} / ${q.refId}`, q.datasourceUid, q.model);
          const modelDs = q.model.datasource as { uid?: string; type?: string } | undefined;
          if (modelDs) {
            expect(modelDs).toEqual({ uid: q.datasourceUid, type: byUid.get(q.datasourceUid)!.type });
          }
        }
      }
    }
  });

  it('alert rules use the demo data source, so they work with no TSDB', () => {
    const uids = alertGroups().flatMap(({ group }) =>
      group.rules.flatMap((r) => r.data.filter((q) => q.datasourceUid !== '__expr__').map((q) => q.datasourceUid))
    );
    expect(new Set(uids)).toEqual(new Set(['anomalylens-demo']));
  });
});

it('the dashboards folder each provider points at exists', () => {
  for (const { path, data } of provisioningFiles('dashboards').filter((f) => /\.ya?ml$/.test(f.path))) {
    for (const p of (data as { providers?: Array<{ options?: { path?: string } }> }).providers ?? []) {
      expect({ path, exists: existsSync(containerToRepo(p.options!.path!)) }).toEqual({ path, exists: true });
    }
  }
});
