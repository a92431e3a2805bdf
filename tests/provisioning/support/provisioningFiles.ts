/**
 * Reads the files Grafana provisions from `provisioning/` (what docker-compose mounts at /etc/grafana/provisioning)
 * and the dashboards they point at. YAML is parsed with `yaml` (eemeli/yaml), JSON with JSON.parse.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import YAML from 'yaml';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const PROVISIONING_DIR = join(REPO_ROOT, 'provisioning');

export interface ParsedFile {
  /** Path relative to the repository root. */
  path: string;
  data: unknown;
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      out.push(...listFiles(full));
    } else {
      out.push(full);
    }
  }
  return out;
}

/** Parses one YAML or JSON file; throws an error naming the file on a syntax error. */
export function parseFile(file: string): ParsedFile {
  const text = readFileSync(file, 'utf8');
  const path = relative(REPO_ROOT, file);
  try {
    if (/\.ya?ml$/.test(file)) {
      // prettyErrors gives line and column; duplicate keys are errors as in Grafana's YAML reader.
      return { path, data: YAML.parse(text, { prettyErrors: true }) };
    }
    if (file.endsWith('.json')) {
      return { path, data: JSON.parse(text) };
    }
  } catch (e) {
    throw new Error(`${path} does not parse: ${(e as Error).message}`);
  }
  throw new Error(`${path}: Grafana provisions only .yaml/.yml (and dashboards as .json); unexpected file`);
}

/** Every file under provisioning/<kind>/, parsed. */
export function provisioningFiles(kind: 'datasources' | 'dashboards' | 'alerting' | 'plugins'): ParsedFile[] {
  return listFiles(join(PROVISIONING_DIR, kind))
    .filter((f) => !f.endsWith('.md') && !f.endsWith('.gitkeep'))
    .map(parseFile);
}

export interface AlertQuery {
  refId: string;
  datasourceUid: string;
  relativeTimeRange?: { from: number; to: number };
  model: Record<string, unknown>;
}

export interface AlertRule {
  uid: string;
  title: string;
  condition: string;
  data: AlertQuery[];
  for?: string;
  noDataState?: string;
  execErrState?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface AlertGroup {
  orgId?: number;
  name: string;
  folder: string;
  interval: string;
  rules: AlertRule[];
}

/** Every alert rule group of provisioning/alerting with the file it came from. */
export function alertGroups(): Array<{ path: string; group: AlertGroup }> {
  return provisioningFiles('alerting').flatMap(({ path, data }) =>
    (((data as { groups?: AlertGroup[] }).groups ?? []) as AlertGroup[]).map((group) => ({ path, group }))
  );
}

export interface DataSourceEntry {
  name: string;
  uid: string;
  type: string;
  url?: string;
  database?: string;
  jsonData?: Record<string, unknown>;
  secureJsonData?: Record<string, unknown>;
}

/** Every data source entry of provisioning/datasources. */
export function dataSourceEntries(): DataSourceEntry[] {
  return provisioningFiles('datasources').flatMap(
    ({ data }) => ((data as { datasources?: DataSourceEntry[] }).datasources ?? []) as DataSourceEntry[]
  );
}

export interface Panel {
  id?: number;
  type: string;
  title?: string;
  timeFrom?: string;
  options?: Record<string, unknown>;
  datasource?: { type?: string; uid?: string };
  targets?: Array<Record<string, unknown> & { refId: string; datasource?: { type?: string; uid?: string } }>;
  panels?: Panel[];
}

export interface Dashboard {
  uid: string;
  title: string;
  time?: { from: string; to: string };
  panels: Panel[];
  templating?: { list?: Array<{ name: string; type?: string; current?: { value?: string | string[] } }> };
}

/** Every dashboard JSON under provisioning/dashboards (any depth). */
export function dashboardFiles(): Array<{ path: string; json: Dashboard }> {
  return listFiles(join(PROVISIONING_DIR, 'dashboards'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const { path, data } = parseFile(f);
      return { path, json: data as Dashboard };
    });
}

/** Panels with the panels nested in rows. */
export function allPanels(panels: Panel[]): Panel[] {
  return panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);
}
