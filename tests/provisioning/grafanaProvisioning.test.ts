/**
 * Every file under provisioning/, and every alert rule recipe in docs/alerting.md, read as Grafana's provisioning
 * readers read them (support/grafanaProvisioning.ts; the rules are in docs/grafana-expressions.md): known field
 * names, types and values, alert rule expressions through the expression checker. The table below shows the
 * readers refuse the mistakes Grafana refuses, each made once to a copy of the shipped files.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import YAML from 'yaml';
import { alertRecipes } from './support/alertRecipes';
import {
  readAlertingFile,
  readDashboardProvidersFile,
  readDataSourcesFile,
  readPluginsFile,
} from './support/grafanaProvisioning';
import { listFiles, PROVISIONING_DIR, REPO_ROOT } from './support/provisioningFiles';

const yamlFiles = (kind: string) =>
  listFiles(join(PROVISIONING_DIR, kind))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => ({ path: relative(REPO_ROOT, f), text: readFileSync(f, 'utf8') }));

const appIds = new Set(
  listFiles(join(REPO_ROOT, 'src'))
    .filter((f) => f.endsWith('plugin.json'))
    .map((f) => JSON.parse(readFileSync(f, 'utf8')) as { id: string; type: string })
    .filter((p) => p.type === 'app')
    .map((p) => p.id)
);

function dataSources() {
  const read = yamlFiles('datasources').map((f) => readDataSourcesFile(f.path, YAML.parse(f.text)));
  return {
    problems: read.flatMap((r) => r.problems),
    uids: new Set(read.flatMap((r) => r.uids)),
    defaults: read.flatMap((r) => r.defaults),
  };
}

const ALERTING = yamlFiles('alerting');
const RULES_FILE = ALERTING[0];

describe('provisioning/ read as Grafana reads it', () => {
  it('there is a file of each kind', () => {
    for (const kind of ['plugins', 'datasources', 'dashboards', 'alerting']) {
      expect({ kind, files: yamlFiles(kind).length > 0 }).toEqual({ kind, files: true });
    }
  });

  it('plugins: every app entry loads our app', () => {
    for (const f of yamlFiles('plugins')) {
      expect(readPluginsFile(f.path, YAML.parse(f.text), appIds)).toEqual([]);
    }
  });

  it('data sources: known keys and types, unique uids, at most one default per organisation', () => {
    const ds = dataSources();
    expect(ds.problems).toEqual([]);
    const all = yamlFiles('datasources').flatMap((f) => (YAML.parse(f.text).datasources as unknown[]) ?? []);
    expect(ds.uids.size).toBe(all.length);
    for (const org of new Set(ds.defaults)) {
      expect({ org, defaults: ds.defaults.filter((o) => o === org).length }).toEqual({ org, defaults: 1 });
    }
  });

  it('dashboard providers: known keys, unique names, a path for each', () => {
    for (const f of yamlFiles('dashboards')) {
      const { problems, paths } = readDashboardProvidersFile(f.path, YAML.parse(f.text));
      expect(problems).toEqual([]);
      expect(paths.length).toBeGreaterThan(0);
    }
  });

  it('dashboards: every JSON has the uid and title Grafana needs to save it', () => {
    const jsons = listFiles(join(PROVISIONING_DIR, 'dashboards')).filter((f) => f.endsWith('.json'));
    expect(jsons.length).toBeGreaterThan(0);
    for (const f of jsons) {
      const d = JSON.parse(readFileSync(f, 'utf8')) as { uid?: string; title?: string };
      expect({ f: relative(REPO_ROOT, f), uid: /^[\w-]{1,40}$/.test(d.uid ?? ''), title: Boolean(d.title) }).toEqual({
        f: relative(REPO_ROOT, f),
        uid: true,
        title: true,
      });
    }
  });

  it.each(ALERTING.map((f) => [f.path, f] as const))('alert rules: %s loads and every expression checks', (_, f) => {
    expect(readAlertingFile(f.path, f.text, dataSources().uids)).toEqual([]);
  });
});

describe('docs/alerting.md recipes read as Grafana reads them', () => {
  const recipes = alertRecipes();

  it('there are the four recipes', () => {
    expect(recipes.map((r) => r.rule.uid)).toEqual([
      'checkout-latency-event',
      'checkout-latency-band-breach',
      'disk-full-within-6h',
      'kafka-broker-outlier',
    ]);
  });

  it.each(recipes.map((r) => [`${r.where} (${r.rule.uid})`, r] as const))('%s loads and checks', (_, r) => {
    expect(readAlertingFile(r.where, r.text, dataSources().uids)).toEqual([]);
  });
});

/** One change to the shipped alert rules file; the reader must name the problem. */
const RULE_MISTAKES: Array<{ name: string; from: string | RegExp; to: string; because: RegExp }> = [
  {
    name: 'reduce mode strict',
    from: "mode: ''",
    to: 'mode: strict',
    because: /reducer mode 'strict' is not supported/,
  },
  { name: 'an unknown reducer', from: 'reducer: last', to: 'reducer: avg', because: /reduction avg not implemented/ },
  { name: 'an unknown evaluator', from: 'type: gt,', to: 'type: above,', because: /expected threshold function/ },
  { name: 'a threshold reading $B', from: 'expression: B', to: "expression: '$B'", because: /dependent node '\$B'/ },
  {
    name: 'a condition naming no refId',
    from: 'condition: C',
    to: 'condition: D',
    because: /condition D does not exist/,
  },
  {
    name: 'noDataState misspelt',
    from: 'noDataState: NoData',
    to: 'noDataState: Nodata',
    because: /unknown NoData state option Nodata/,
  },
  {
    name: 'execErrState in lower case',
    from: 'execErrState: Error',
    to: 'execErrState: error',
    because: /unknown Error state option error/,
  },
  { name: '`for` not a duration', from: 'for: 2m', to: 'for: 2 minutes', because: /failed to parse 'for'/ },
  {
    name: 'relativeTimeRange as a duration string',
    from: 'from: 10800,',
    to: 'from: 3h,',
    because: /relativeTimeRange.from is whole seconds/,
  },
  {
    name: 'relativeTimeRange as a fraction',
    from: 'from: 10800,',
    to: 'from: 10800.5,',
    because: /relativeTimeRange.from is whole seconds/,
  },
  {
    name: 'a data source query whose range ends before it starts',
    from: 'from: 10800, to: 0',
    to: 'from: 0, to: 600',
    because: /from \(0\) must be greater than to \(600\)/,
  },
  {
    name: 'a data source uid nobody provisions',
    from: /datasourceUid: anomalylens-demo/,
    to: 'datasourceUid: anomalylens-demo-typo',
    because: /neither a provisioned data source nor __expr__/,
  },
  {
    name: 'a rule uid over 40 characters',
    from: 'uid: anomalylens-checkout-latency-sustained',
    to: `uid: ${'x'.repeat(41)}`,
    because: /is not ≤ 40/,
  },
  {
    name: 'a group interval off the 10 s grid',
    from: 'interval: 1m',
    to: 'interval: 15s',
    because: /multiple of the 10 s base interval/,
  },
  {
    name: 'a misspelt rule key',
    from: 'noDataState: NoData',
    to: 'noDataStates: NoData',
    because: /unknown key "noDataStates"/,
  },
];

describe('the readers refuse what Grafana refuses', () => {
  it.each(RULE_MISTAKES.map((m) => [m.name, m] as const))('alert rules: %s', (_, m) => {
    expect(RULES_FILE.text).toMatch(m.from);
    const text = RULES_FILE.text.replace(m.from, m.to);
    const problems = readAlertingFile(RULES_FILE.path, text, dataSources().uids);
    expect(problems.join('\n')).toMatch(m.because);
  });

  it('data sources: snake-case keys of the old format, two defaults in one organisation', () => {
    const doc = {
      apiVersion: 1,
      datasources: [
        { name: 'a', uid: 'a', type: 'prometheus', is_default: true },
        { name: 'b', uid: 'b', type: 'prometheus', isDefault: true },
        { name: 'c', uid: 'c', type: 'prometheus', isDefault: true },
      ],
    };
    const { problems, defaults } = readDataSourcesFile('x.yaml', doc);
    expect(problems.join('\n')).toMatch(/unknown key "is_default"/);
    expect(defaults).toEqual([1, 1]);
  });

  it('plugins: an app that is not installed, camel-case orgId', () => {
    const problems = readPluginsFile(
      'x.yaml',
      { apiVersion: 1, apps: [{ type: 'someone-else-app', orgId: 1 }] },
      appIds
    );
    expect(problems.join('\n')).toMatch(/plugin not installed: "someone-else-app"/);
    expect(problems.join('\n')).toMatch(/unknown key "orgId"/);
  });

  it('dashboard providers: duplicate names, no path', () => {
    const { problems } = readDashboardProvidersFile('x.yaml', {
      apiVersion: 1,
      providers: [{ name: 'p', options: { path: '/x' } }, { name: 'p' }],
    });
    expect(problems.join('\n')).toMatch(/dashboard name "p" is not unique/);
    expect(problems.join('\n')).toMatch(/options.path/);
  });
});
