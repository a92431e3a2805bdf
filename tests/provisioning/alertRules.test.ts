/**
 * The provisioned alert rules (provisioning/alerting) are well formed, their Anomaly Lens queries pass the
 * plugin's own validation, and each rule's query A — run through the BUILT executable over gRPC, as Grafana's
 * alerting runs it, against the demo upstream — gives frames that the rule's reduce (B) and threshold (C) can
 * evaluate, firing for the incident series at a demo incident (for the whole of the rule's `for`) and for nothing
 * at a quiet time. B and C go through the expression checker first (support/grafanaExpressions.ts), so a rule
 * Grafana would refuse fails here.
 */
import { Type } from 'apache-arrow';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateQuery } from '../../src/shared/migrateQuery';
import { LensQuery } from '../../src/shared/queryModel';
import { validateQuery } from '../../src/shared/validateQuery';
import { launchPlugin, RunningPlugin, stopPlugin } from '../conformance/support/launchPlugin';
import { connect, demoPluginContext, PluginClients } from '../conformance/support/pluginClients';
import { incidentStart, ratioToDayBefore } from './support/demoIncidents';
import { evaluateRule } from './support/evaluateRule';
import { runRuleQueries } from './support/runRuleQueries';
import { checkRulePipeline, ThresholdEvaluator } from './support/grafanaExpressions';
import { AlertQuery, AlertRule, alertGroups, REPO_ROOT } from './support/provisioningFiles';

jest.setTimeout(240_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const groups = alertGroups();
const rules: AlertRule[] = groups.flatMap(({ group }) => group.rules);

function query(rule: AlertRule, refId: string): AlertQuery {
  const q = rule.data.find((d) => d.refId === refId);
  if (!q) {
    throw new Error(`rule ${rule.uid} has no query ${refId}`);
  }
  return q;
}

function parseGoDuration(text: string): number {
  const m = /^(\d+)([smh])$/.exec(text);
  if (!m) {
    throw new Error(`duration "${text}" is not <n>s|m|h`);
  }
  return Number(m[1]) * { s: 1000, m: MINUTE, h: HOUR }[m[2] as 's' | 'm' | 'h'];
}

// A demo checkout spike and analytics lag build-up in March 2024, from the demo catalogue's schedule; the
// catalogue values are checked to really move there (below) so the scenarios cannot go quiet unnoticed.
const SPIKE = incidentStart('checkoutSpike', Date.UTC(2024, 2, 1));
const LAG = incidentStart('analyticsLag', Date.UTC(2024, 2, 1));

interface Scenario {
  /** When Grafana evaluates the rule during the incident: it must fire here and at every interval of `for` before. */
  incidentAt: number;
  /** Labels of the instances that must fire at the incident (and no others). */
  firing: Array<Record<string, string>>;
  /** Evaluation times at which no instance may fire. */
  quietAt: number[];
}

const SCENARIOS: Record<string, Scenario> = {
  // Triangular ×5 spike over 20 min: 60 % of the last 15 one-minute points are above the band from ~10 min in.
  'anomalylens-checkout-latency-sustained': {
    incidentAt: SPIKE + 16 * MINUTE,
    firing: [{ service: 'checkout' }],
    quietAt: [SPIKE - 3 * HOUR, SPIKE + 2 * HOUR],
  },
  // The analytics lag climbs 50 s/h from the start; 2 h in, 180 s is ~1.5 h away.
  'anomalylens-consumer-lag-breach-forecast': {
    incidentAt: LAG + 2 * HOUR,
    firing: [{ group: 'analytics' }],
    quietAt: [LAG - 3 * HOUR, LAG - 10 * HOUR],
  },
  // kafka-3 always carries a tenth of the load: only its score instance fires, never another broker's.
  'anomalylens-kafka-broker-outlier': {
    incidentAt: SPIKE,
    firing: [{ broker: 'kafka-3', lens_output: 'outlier_score' }],
    quietAt: [],
  },
};

describe('provisioned alert rules: shape', () => {
  it('there are rule groups with a folder, an interval and rules', () => {
    expect(groups.length).toBeGreaterThan(0);
    for (const { path, group } of groups) {
      expect({ path, folder: typeof group.folder, interval: /^\d+[smh]$/.test(group.interval) }).toEqual({
        path,
        folder: 'string',
        interval: true,
      });
      expect(group.rules.length).toBeGreaterThan(0);
    }
  });

  it('rule uids are unique and at most 40 characters (Grafana’s limit)', () => {
    const uids = rules.map((r) => r.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const uid of uids) {
      expect(uid.length).toBeLessThanOrEqual(40);
    }
  });

  it.each(rules.map((r) => [r.uid, r] as const))(
    '%s: A queries a data source, B reduces A, C thresholds B',
    (_, rule) => {
      expect(rule.condition).toBe('C');
      expect(rule.data.map((d) => d.refId)).toEqual(['A', 'B', 'C']);
      const a = query(rule, 'A');
      expect(a.datasourceUid).not.toBe('__expr__');
      expect(a.model.refId).toBe('A');
      expect(a.relativeTimeRange!.from).toBeGreaterThan(a.relativeTimeRange!.to);
      const [b, c] = checkRulePipeline(rule.data, rule.condition);
      expect(b).toMatchObject({ refId: 'B', type: 'reduce', needs: ['A'], mode: '' });
      expect(['last', 'mean', 'min', 'max']).toContain((b as { reducer: string }).reducer);
      expect(c).toMatchObject({ refId: 'C', type: 'threshold', needs: ['B'] });
      expect((c as { evaluator: ThresholdEvaluator }).evaluator.params.every((p) => Number.isFinite(p))).toBe(true);
      expect(['NoData', 'Alerting', 'OK', 'KeepLast']).toContain(rule.noDataState);
      expect(['Error', 'Alerting', 'OK', 'KeepLast']).toContain(rule.execErrState);
      expect(parseGoDuration(rule.for!)).toBeGreaterThan(0);
    }
  );

  it.each(rules.map((r) => [r.uid, r] as const))(
    '%s: annotations explain the anomaly with labels and the value',
    (_, rule) => {
      expect(rule.annotations?.summary).toMatch(/\{\{ \$labels\.\w+ \}\}|\$values\.B/);
      expect(rule.annotations?.description).toMatch(/\{\{ \$labels\.\w+ \}\}/);
      expect(rule.annotations?.description).toMatch(/\$values\.B/);
    }
  );

  it.each(rules.map((r) => [r.uid, r] as const))(
    '%s: query A passes the plugin’s validation with one output',
    (_, rule) => {
      const model = query(rule, 'A').model as unknown as LensQuery;
      const resolved = validateQuery(migrateQuery(model));
      expect(resolved.outputs).toHaveLength(1);
      // Grafana sends intervalMs 1000 for rule queries: a minimum step keeps history within the points limit.
      expect(model.minStepMs).toBeGreaterThanOrEqual(MINUTE);
    }
  );

  it('every rule has a scenario below, so none goes untested against the plugin', () => {
    expect(rules.map((r) => r.uid).sort()).toEqual(Object.keys(SCENARIOS).sort());
  });

  it('the demo catalogue really has the incidents the scenarios use', () => {
    expect(ratioToDayBefore('demo_http_latency_seconds', { service: 'checkout' }, SPIKE + 10 * MINUTE)).toBeGreaterThan(
      3
    );
    expect(ratioToDayBefore('demo_http_latency_seconds', { service: 'checkout' }, SPIKE - 3 * HOUR)).toBeLessThan(1.5);
    expect(ratioToDayBefore('demo_consumer_lag', { group: 'analytics' }, LAG + 2 * HOUR)).toBeGreaterThan(10);
  });
});

/**
 * Builds tests/provisioning/templates (Go's text/template with Grafana's alert-template prelude and the humanize
 * functions; stdlib only, GOPATH mode, offline) and returns a function expanding annotation texts.
 */
function annotationExpander(
  outDir: string
): (
  items: Array<{ text: string; labels: Record<string, string>; values: Record<string, number> }>
) => Array<{ out?: string; error?: string }> {
  const out = join(outDir, 'expand-annotations');
  const gocache = join(tmpdir(), 'anomalylens-gocache');
  mkdirSync(gocache, { recursive: true });
  execFileSync('go', ['build', '-o', out, 'main.go'], {
    cwd: join(REPO_ROOT, 'tests', 'provisioning', 'templates'),
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: tmpdir(),
      GO111MODULE: 'off',
      GOCACHE: gocache,
      GOFLAGS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return (items) => JSON.parse(execFileSync(out, [], { input: JSON.stringify(items) }).toString('utf8'));
}

describe('provisioned alert rules through the built plugin (demo upstream)', () => {
  let plugin: RunningPlugin;
  let clients: PluginClients;
  let buildDir: string;
  let expand: ReturnType<typeof annotationExpander>;
  beforeAll(async () => {
    buildDir = mkdtempSync(join(tmpdir(), 'lens-annotations-'));
    expand = annotationExpander(buildDir);
    plugin = await launchPlugin();
    clients = connect(plugin.address);
  });
  afterAll(async () => {
    clients?.close();
    await stopPlugin(plugin);
    rmSync(buildDir, { recursive: true, force: true });
  });

  /** Runs query A as Grafana's rule evaluation at `now`, then B and C; returns frames and firing instances. */
  async function evaluate(rule: AlertRule, now: number) {
    const byRef = await runRuleQueries(clients, rule, now, () => demoPluginContext());
    const frames = byRef.get('A')!;
    const { results, firing } = evaluateRule(rule.data, rule.condition, byRef);
    return { frames, reduced: results.get('B')!, firing };
  }

  it.each(rules.map((r) => [r.uid, r] as const))(
    '%s: frames are timeseries-multi with one float64 field each and unique label sets',
    async (uid, rule) => {
      const { frames, reduced } = await evaluate(rule, SCENARIOS[uid].incidentAt);
      expect(frames.length).toBeGreaterThan(0);
      for (const f of frames) {
        expect(f.meta?.type).toBe('timeseries-multi');
        expect((f.meta?.typeVersion ?? []).some((n) => n > 0)).toBe(true);
        expect(f.fields.map((x) => x.type.typeId)).toEqual([Type.Timestamp, Type.Float]);
        expect((f.fields[1].type as unknown as { precision: number }).precision).toBe(2); // DOUBLE
        expect(f.rows).toBeGreaterThan(0);
      }
      const keys = reduced.map((s) => JSON.stringify(Object.entries(s.labels).sort()));
      expect(new Set(keys).size).toBe(keys.length);
      // strict-mode reduce gives a number for every series: no nulls or NaN in what the rule reduces
      for (const s of reduced) {
        expect(s.value === null || Number.isNaN(s.value)).toBe(false);
      }
    }
  );

  it.each(rules.map((r) => [r.uid, r] as const))(
    '%s fires for the incident series during the whole `for` window and for nothing else',
    async (uid, rule) => {
      const scenario = SCENARIOS[uid];
      const interval = parseGoDuration(groups.find(({ group }) => group.rules.includes(rule))!.group.interval);
      const forMs = parseGoDuration(rule.for!);
      for (let t = scenario.incidentAt - forMs; t <= scenario.incidentAt; t += interval) {
        const { firing } = await evaluate(rule, t);
        expect({ at: new Date(t).toISOString(), firing }).toEqual({
          at: new Date(t).toISOString(),
          firing: scenario.firing,
        });
      }
    }
  );

  it.each(rules.map((r) => [r.uid, r] as const).filter(([uid]) => SCENARIOS[uid]?.quietAt.length))(
    '%s does not fire at a quiet time',
    async (uid, rule) => {
      for (const t of SCENARIOS[uid].quietAt) {
        const { firing, reduced } = await evaluate(rule, t);
        expect(reduced.length).toBeGreaterThan(0);
        expect({ at: new Date(t).toISOString(), firing }).toEqual({ at: new Date(t).toISOString(), firing: [] });
      }
    }
  );

  it.each(rules.map((r) => [r.uid, r] as const))(
    '%s: annotations render for the firing instance with its labels and value (Go text/template)',
    async (uid, rule) => {
      const { reduced, firing } = await evaluate(rule, SCENARIOS[uid].incidentAt);
      const instance = reduced.find((s) => JSON.stringify(s.labels) === JSON.stringify(firing[0]))!;
      const texts = [rule.annotations!.summary, rule.annotations!.description];
      const results = expand(texts.map((text) => ({ text, labels: instance.labels, values: { B: instance.value! } })));
      for (const r of results) {
        expect(r.error).toBeUndefined();
        expect(r.out).not.toContain('<no value>');
      }
      const rendered = results.map((r) => r.out).join('\n');
      for (const [k, v] of Object.entries(instance.labels).filter(([k]) => k !== 'lens_output')) {
        expect({ label: k, shown: rendered.includes(v) }).toEqual({ label: k, shown: true });
      }
    }
  );
});
