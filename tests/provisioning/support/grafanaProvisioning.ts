/**
 * Grafana's provisioning readers for the four kinds of file we ship (plugins/apps, data sources, dashboard
 * providers, alert rules), as checks on the parsed YAML: the field names each reader knows (a misspelt or
 * wrongly-cased key is silently ignored by Grafana, so it is reported here), their types, and the values Grafana
 * accepts. Alert rules also go through the expression checker. Each reader returns the problems it finds (empty
 * when Grafana would load the file as meant). The rules and their sources are in docs/grafana-expressions.md.
 */
import YAML from 'yaml';
import { checkRulePipeline, EXPRESSION_DATASOURCE_UIDS, RuleQuery } from './grafanaExpressions';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
/** Grafana's provisioning value types read a number or a numeric string as an integer. */
const isInteger = (v: unknown) => (typeof v === 'number' && Number.isInteger(v)) || (isString(v) && /^-?\d+$/.test(v));
const isBool = (v: unknown) => typeof v === 'boolean' || v === 'true' || v === 'false';

/** Prometheus duration syntax (what Grafana parses `interval`, `for` and `keepFiringFor` with). */
const PROM_DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS: Record<number, number> = {
  1: 365 * 86_400_000,
  2: 7 * 86_400_000,
  3: 86_400_000,
  4: 3_600_000,
  5: 60_000,
  6: 1000,
  7: 1,
};
export function parsePromDuration(text: string): number {
  const m = PROM_DURATION.exec(text);
  if (text === '0') {
    return 0;
  }
  if (!m || text === '') {
    throw new Error(`not a valid duration string: "${text}"`);
  }
  return m.slice(1).reduce((sum, n, i) => sum + (n ? Number(n) * UNIT_MS[i + 1] : 0), 0);
}

/** Grafana's uid rule: at most 40 characters, letters, digits, `-` and `_`. */
export const isValidUid = (uid: string) => /^[a-zA-Z0-9\-_]{1,40}$/.test(uid);

export const NO_DATA_STATES = ['Alerting', 'NoData', 'OK', 'KeepLast'];
export const EXEC_ERR_STATES = ['Alerting', 'Error', 'OK', 'KeepLast'];
/** The scheduler's default base interval: every group interval is a positive multiple of it. */
const BASE_INTERVAL_MS = 10_000;

function unknownKeys(where: string, o: Obj, known: readonly string[]): string[] {
  return Object.keys(o)
    .filter((k) => !known.includes(k))
    .map((k) => `${where}: unknown key "${k}" (Grafana ignores it; known: ${known.join(', ')})`);
}

function apiVersionProblems(path: string, doc: Obj): string[] {
  return doc.apiVersion === 1 ? [] : [`${path}: apiVersion must be 1, got ${JSON.stringify(doc.apiVersion)}`];
}

/** provisioning/plugins: `apps` with the reader's snake-case `org_id`/`org_name`. */
export function readPluginsFile(path: string, doc: Obj, appPluginIds: ReadonlySet<string>): string[] {
  const problems = [...apiVersionProblems(path, doc), ...unknownKeys(path, doc, ['apiVersion', 'apps'])];
  const apps = doc.apps ?? [];
  if (!Array.isArray(apps)) {
    return [...problems, `${path}: apps must be a list`];
  }
  apps.forEach((app: unknown, i) => {
    const where = `${path} apps[${i}]`;
    if (!isObject(app)) {
      problems.push(`${where}: must be an object`);
      return;
    }
    problems.push(...unknownKeys(where, app, ['type', 'org_id', 'org_name', 'disabled', 'jsonData', 'secureJsonData']));
    if (!isString(app.type) || app.type === '') {
      problems.push(`${where}: doesn't contain required field type`);
    } else if (!appPluginIds.has(app.type)) {
      problems.push(`${where}: plugin not installed: "${app.type}"`);
    }
    if (app.org_id !== undefined && !isInteger(app.org_id)) {
      problems.push(`${where}: org_id must be an integer`);
    }
    if (app.disabled !== undefined && !isBool(app.disabled)) {
      problems.push(`${where}: disabled must be a boolean`);
    }
    for (const k of ['jsonData', 'secureJsonData'] as const) {
      if (app[k] !== undefined && !isObject(app[k])) {
        problems.push(`${where}: ${k} must be an object`);
      }
    }
  });
  return problems;
}

const DATASOURCE_KEYS = [
  'orgId',
  'orgName',
  'version',
  'name',
  'type',
  'access',
  'url',
  'user',
  'database',
  'basicAuth',
  'basicAuthUser',
  'withCredentials',
  'isDefault',
  'correlations',
  'jsonData',
  'secureJsonData',
  'editable',
  'uid',
];

/** provisioning/datasources (apiVersion 1, camel-case keys). Returns problems and the uids it provisions. */
export function readDataSourcesFile(
  path: string,
  doc: Obj
): { problems: string[]; uids: string[]; defaults: number[] } {
  const problems = [
    ...apiVersionProblems(path, doc),
    ...unknownKeys(path, doc, ['apiVersion', 'datasources', 'deleteDatasources']),
  ];
  const uids: string[] = [];
  const defaults: number[] = [];
  const list = doc.datasources ?? [];
  if (!Array.isArray(list)) {
    return { problems: [...problems, `${path}: datasources must be a list`], uids, defaults };
  }
  list.forEach((ds: unknown, i) => {
    const where = `${path} datasources[${i}]`;
    if (!isObject(ds)) {
      problems.push(`${where}: must be an object`);
      return;
    }
    problems.push(...unknownKeys(where, ds, DATASOURCE_KEYS));
    for (const k of ['name', 'type', 'uid'] as const) {
      if (!isString(ds[k]) || ds[k] === '') {
        problems.push(`${where}: ${k} must be a non-empty string`);
      }
    }
    if (isString(ds.uid)) {
      if (!isValidUid(ds.uid)) {
        problems.push(`${where}: uid "${ds.uid}" is not ≤ 40 letters, digits, - or _`);
      }
      uids.push(ds.uid);
    }
    for (const k of ['url', 'user', 'database', 'basicAuthUser', 'orgName', 'access'] as const) {
      if (ds[k] !== undefined && !isString(ds[k])) {
        problems.push(`${where}: ${k} must be a string`);
      }
    }
    if (ds.access !== undefined && ds.access !== 'proxy' && ds.access !== 'direct') {
      problems.push(`${where}: access must be proxy or direct`);
    }
    for (const k of ['basicAuth', 'withCredentials', 'isDefault', 'editable'] as const) {
      if (ds[k] !== undefined && !isBool(ds[k])) {
        problems.push(`${where}: ${k} must be a boolean`);
      }
    }
    for (const k of ['orgId', 'version'] as const) {
      if (ds[k] !== undefined && !isInteger(ds[k])) {
        problems.push(`${where}: ${k} must be an integer`);
      }
    }
    if (ds.jsonData !== undefined && !isObject(ds.jsonData)) {
      problems.push(`${where}: jsonData must be an object`);
    }
    if (
      ds.secureJsonData !== undefined &&
      (!isObject(ds.secureJsonData) || !Object.values(ds.secureJsonData).every(isString))
    ) {
      problems.push(`${where}: secureJsonData must map names to strings`);
    }
    if (ds.isDefault === true || ds.isDefault === 'true') {
      defaults.push(Number(ds.orgId ?? 1) || 1);
    }
  });
  return { problems, uids, defaults };
}

const PROVIDER_KEYS = [
  'name',
  'type',
  'orgId',
  'folder',
  'folderUid',
  'editable',
  'options',
  'disableDeletion',
  'updateIntervalSeconds',
  'allowUiUpdates',
];

/** provisioning/dashboards/*.yaml (dashboard providers). Returns problems and each provider's `options.path`. */
export function readDashboardProvidersFile(path: string, doc: Obj): { problems: string[]; paths: string[] } {
  const problems = [...apiVersionProblems(path, doc), ...unknownKeys(path, doc, ['apiVersion', 'providers'])];
  const paths: string[] = [];
  const list = doc.providers ?? [];
  if (!Array.isArray(list)) {
    return { problems: [...problems, `${path}: providers must be a list`], paths };
  }
  const names = new Set<string>();
  list.forEach((p: unknown, i) => {
    const where = `${path} providers[${i}]`;
    if (!isObject(p)) {
      problems.push(`${where}: must be an object`);
      return;
    }
    problems.push(...unknownKeys(where, p, PROVIDER_KEYS));
    const name = String(p.name ?? '');
    if (names.has(name)) {
      problems.push(`${where}: dashboard name "${name}" is not unique`);
    }
    names.add(name);
    if (p.type !== undefined && p.type !== 'file') {
      problems.push(`${where}: type must be file`);
    }
    if (!isObject(p.options) || !isString(p.options.path) || p.options.path === '') {
      problems.push(`${where}: options.path (the folder of dashboard files) is required`);
    } else {
      paths.push(p.options.path);
    }
    for (const k of ['folder', 'folderUid'] as const) {
      if (p[k] !== undefined && !isString(p[k])) {
        problems.push(`${where}: ${k} must be a string`);
      }
    }
    for (const k of ['editable', 'disableDeletion', 'allowUiUpdates'] as const) {
      if (p[k] !== undefined && !isBool(p[k])) {
        problems.push(`${where}: ${k} must be a boolean`);
      }
    }
    for (const k of ['orgId', 'updateIntervalSeconds'] as const) {
      if (p[k] !== undefined && !isInteger(p[k])) {
        problems.push(`${where}: ${k} must be an integer`);
      }
    }
  });
  return { problems, paths };
}

const GROUP_KEYS = ['orgId', 'name', 'folder', 'interval', 'rules'];
const RULE_KEYS = [
  'uid',
  'title',
  'condition',
  'data',
  'dasboardUid',
  'dashboardUid',
  'panelId',
  'noDataState',
  'execErrState',
  'for',
  'keepFiringFor',
  'missing_series_evals_to_resolve',
  'annotations',
  'labels',
  'isPaused',
  'notification_settings',
  'record',
];
const QUERY_KEYS = ['refId', 'queryType', 'relativeTimeRange', 'datasourceUid', 'model'];

/**
 * provisioning/alerting rule groups. `text` is the file's YAML: Grafana's reader takes `relativeTimeRange` only
 * as YAML integers, which a JavaScript number cannot tell from `600.0`, so the text is re-read with integers kept
 * apart. `dataSourceUids` are the provisioned ones; a query's `datasourceUid` must be one of them or `__expr__`.
 */
export function readAlertingFile(path: string, text: string, dataSourceUids: ReadonlySet<string>): string[] {
  const doc = YAML.parse(text) as Obj;
  const source = YAML.parseDocument(text);
  const problems = [
    ...apiVersionProblems(path, doc),
    ...unknownKeys(path, doc, [
      'apiVersion',
      'groups',
      'deleteRules',
      'contactPoints',
      'deleteContactPoints',
      'policies',
      'resetPolicies',
      'templates',
      'deleteTemplates',
      'muteTimes',
      'deleteMuteTimes',
    ]),
  ];
  const groups = doc.groups ?? [];
  if (!Array.isArray(groups)) {
    return [...problems, `${path}: groups must be a list`];
  }
  const ruleUids = new Set<string>();
  groups.forEach((group: unknown, gi) => {
    const gwhere = `${path} groups[${gi}]`;
    if (!isObject(group)) {
      problems.push(`${gwhere}: must be an object`);
      return;
    }
    problems.push(...unknownKeys(gwhere, group, GROUP_KEYS));
    for (const k of ['name', 'folder'] as const) {
      if (!isString(group[k]) || group[k].trim() === '') {
        problems.push(`${gwhere}: rule group has no ${k} set`);
      }
    }
    try {
      const ms = parsePromDuration(String(group.interval ?? ''));
      if (ms <= 0 || ms % BASE_INTERVAL_MS !== 0) {
        problems.push(
          `${gwhere}: interval must be a positive multiple of the ${BASE_INTERVAL_MS / 1000} s base interval`
        );
      }
    } catch (e) {
      problems.push(`${gwhere}: interval: ${(e as Error).message}`);
    }
    const rules = group.rules ?? [];
    if (!Array.isArray(rules)) {
      problems.push(`${gwhere}: rules must be a list`);
      return;
    }
    rules.forEach((rule: unknown, ri) => {
      // The scalar as written, for the fields whose YAML type matters (relativeTimeRange from/to).
      const raw = (path: Array<string | number>) => rawScalar(source, text, ['groups', gi, 'rules', ri, ...path]);
      problems.push(...ruleProblems(`${gwhere} rules[${ri}]`, rule, raw, dataSourceUids, ruleUids));
    });
  });
  return problems;
}

/** The source text of a scalar node, or undefined when the path is absent or not a scalar. */
function rawScalar(doc: YAML.Document, text: string, path: Array<string | number>): string | undefined {
  const node = doc.getIn(path, true) as { range?: [number, number]; type?: string } | undefined;
  if (!node || !node.range || !/PLAIN|QUOTE/.test(node.type ?? '')) {
    return undefined;
  }
  return text.slice(node.range[0], node.range[1]).trim();
}

function ruleProblems(
  where: string,
  rule: unknown,
  raw: (path: Array<string | number>) => string | undefined,
  dataSourceUids: ReadonlySet<string>,
  ruleUids: Set<string>
): string[] {
  if (!isObject(rule)) {
    return [`${where}: must be an object`];
  }
  const problems = unknownKeys(where, rule, RULE_KEYS);
  const title = isString(rule.title) ? rule.title : '';
  if (title === '') {
    problems.push(`${where}: rule has no title set`);
  }
  const at = `${where} (${title || '?'})`;
  if (!isString(rule.uid) || rule.uid === '') {
    problems.push(`${at}: no UID set`);
  } else {
    if (!isValidUid(rule.uid)) {
      problems.push(`${at}: uid "${rule.uid}" is not ≤ 40 letters, digits, - or _`);
    }
    if (ruleUids.has(rule.uid)) {
      problems.push(`${at}: uid "${rule.uid}" is used twice`);
    }
    ruleUids.add(rule.uid);
  }
  for (const k of ['for', 'keepFiringFor'] as const) {
    if (rule[k] !== undefined && rule[k] !== '') {
      try {
        parsePromDuration(String(rule[k]));
      } catch (e) {
        problems.push(`${at}: failed to parse '${k}' field: ${(e as Error).message}`);
      }
    }
  }
  const noData = String(rule.noDataState ?? '').trim();
  if (noData !== '' && !NO_DATA_STATES.includes(noData)) {
    problems.push(`${at}: unknown NoData state option ${noData} (one of ${NO_DATA_STATES.join(', ')})`);
  }
  const execErr = String(rule.execErrState ?? '').trim();
  if (execErr !== '' && !EXEC_ERR_STATES.includes(execErr)) {
    problems.push(`${at}: unknown Error state option ${execErr} (one of ${EXEC_ERR_STATES.join(', ')})`);
  }
  if (!isString(rule.condition) || rule.condition === '') {
    problems.push(`${at}: no condition set`);
  }
  for (const k of ['labels', 'annotations'] as const) {
    if (rule[k] !== undefined && (!isObject(rule[k]) || !Object.values(rule[k] as Obj).every(isString))) {
      problems.push(`${at}: ${k} must map names to strings`);
    }
  }
  const data = rule.data;
  if (!Array.isArray(data) || data.length === 0) {
    problems.push(`${at}: no data set`);
    return problems;
  }
  const queries: RuleQuery[] = [];
  data.forEach((q: unknown, qi) => {
    const qwhere = `${at} data[${qi}]`;
    if (!isObject(q)) {
      problems.push(`${qwhere}: must be an object`);
      return;
    }
    problems.push(...unknownKeys(qwhere, q, QUERY_KEYS));
    const refId = isString(q.refId) ? q.refId : '';
    const uid = isString(q.datasourceUid) ? q.datasourceUid : '';
    if (!EXPRESSION_DATASOURCE_UIDS.includes(uid) && !dataSourceUids.has(uid)) {
      problems.push(`${qwhere}: datasourceUid "${uid}" is neither a provisioned data source nor __expr__`);
    }
    if (!isObject(q.model)) {
      problems.push(`${qwhere}: model must be an object`);
      return;
    }
    const range = q.relativeTimeRange;
    const expression = EXPRESSION_DATASOURCE_UIDS.includes(uid);
    // Grafana's reader takes each bound only as a YAML integer (seconds): not 600.0, '600' or 10m.
    const seconds = (k: 'from' | 'to'): number => {
      const text = raw(['data', qi, 'relativeTimeRange', k]);
      if (text === undefined && (!isObject(range) || range[k] === undefined)) {
        return 0;
      }
      if (text === undefined || !/^[-+]?(0|[1-9][0-9]*)$/.test(text)) {
        problems.push(
          `${qwhere}: invalid duration ${text ?? JSON.stringify((range as Obj)[k])} (relativeTimeRange.${k} is whole seconds)`
        );
        return NaN;
      }
      return Number(text);
    };
    if (range !== undefined && !isObject(range)) {
      problems.push(`${qwhere}: relativeTimeRange must be {from, to}`);
    }
    const from = seconds('from');
    const to = seconds('to');
    if (!expression && !(from > to)) {
      problems.push(`${qwhere}: invalid relativeTimeRange: from (${from}) must be greater than to (${to})`);
    }
    queries.push({ refId, datasourceUid: uid, model: q.model });
  });
  if (isString(rule.condition) && queries.length === data.length) {
    try {
      checkRulePipeline(queries, rule.condition);
    } catch (e) {
      problems.push(`${at}: ${(e as Error).message}`);
    }
  }
  return problems;
}
