/**
 * The alert rule recipes of docs/alerting.md, end to end as Grafana's alerting runs them: each recipe's query A,
 * unchanged, goes through the BUILT executable over gRPC to a real Prometheus (Debian's) that holds series with
 * the recipe's metric names (support/recipeSeries.ts: a demo incident for each), with the provisioned
 * `anomalylens-prometheus` settings; its B and C go through the expression checker and are evaluated as Grafana
 * does. Each recipe must fire for the incident series at every evaluation of its `for` window, and for nothing at
 * a quiet time. `npm run build` first.
 */
import { openMetricsHistory } from '../../demo/workload/openMetrics';
import { launchPlugin, RunningPlugin, stopPlugin } from '../conformance/support/launchPlugin';
import { connect, PluginClients } from '../conformance/support/pluginClients';
import { RunningPrometheus, startPrometheus } from '../integration/helpers/startPrometheus';
import { alertRecipes, Recipe } from './support/alertRecipes';
import { incidentStart } from './support/demoIncidents';
import { evaluateRule } from './support/evaluateRule';
import { parsePromDuration } from './support/grafanaProvisioning';
import { dataSourceEntries } from './support/provisioningFiles';
import { provisionedDataSourceContext } from './support/provisionedDataSourceContext';
import { runRuleQueries } from './support/runRuleQueries';
import { RECIPE_METRICS, recipeSamples, RecipeTimeline, WAL_FILESYSTEM } from './support/recipeSeries';

jest.setTimeout(300_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Sample spacing of the backfill: twice per the provisioned 15 s scrape interval's $__rate_interval (75 s). */
const STEP_MS = 30_000;

/** A demo checkout spike; the other incidents are placed around it so one backfill serves all three. */
const SPIKE = incidentStart('checkoutSpike', Date.UTC(2024, 2, 1));
const TIMELINE: RecipeTimeline = {
  fromMs: SPIKE - 3 * DAY - 4 * HOUR,
  diskAnchorMs: SPIKE - 12 * HOUR,
  outlierStartMs: SPIKE + 2 * HOUR,
};
const END = SPIKE + 3 * HOUR;

interface Scenario {
  incidentAt: number;
  firing: Array<Record<string, string>>;
  quietAt: number[];
}

const SCENARIOS: Record<string, Scenario> = {
  // The default detector's flag: +1 from the spike's onset while it lasts, so `last` fires inside the spike.
  'checkout-latency-event': {
    incidentAt: SPIKE + 8 * MINUTE,
    firing: [{ service: 'checkout' }],
    quietAt: [SPIKE - 3 * HOUR, SPIKE + 2 * HOUR],
  },
  // The triangular ×5 spike: 10 of the last 15 one-minute p99 points above the band from ~12 min in.
  'checkout-latency-band-breach': {
    incidentAt: SPIKE + 18 * MINUTE,
    firing: [{ service: 'checkout' }],
    quietAt: [SPIKE - 3 * HOUR, SPIKE + 2 * HOUR],
  },
  // 80 % at the anchor, 2 %/h: 95 % is 5.5 h away 2 h later; after the rotation at 95 % it is a day away.
  'disk-full-within-6h': {
    incidentAt: TIMELINE.diskAnchorMs + 2 * HOUR,
    firing: [WAL_FILESYSTEM],
    quietAt: [TIMELINE.diskAnchorMs + 9 * HOUR],
  },
  // kafka-3 falls to a tenth of its peers' load: its mean robust z over 15 minutes exceeds 3.5.
  'kafka-broker-outlier': {
    incidentAt: TIMELINE.outlierStartMs + 22 * MINUTE,
    firing: [{ broker: 'kafka-3', lens_output: 'outlier_score' }],
    quietAt: [TIMELINE.outlierStartMs - 30 * MINUTE],
  },
};

const recipes = alertRecipes();
const dataSources = new Map(dataSourceEntries().map((d) => [d.uid, d]));

describe('docs/alerting.md recipes through the built plugin against a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  let plugin: RunningPlugin;
  let clients: PluginClients;

  beforeAll(async () => {
    const om = [...openMetricsHistory(RECIPE_METRICS, recipeSamples(TIMELINE, STEP_MS), TIMELINE.fromMs, END, STEP_MS)];
    [prometheus, plugin] = await Promise.all([startPrometheus({ openMetrics: om.join('') }), launchPlugin()]);
    clients = connect(plugin.address);
  });
  afterAll(async () => {
    clients?.close();
    await stopPlugin(plugin);
    await prometheus?.stop();
  });

  /** Runs the rule's data source queries as Grafana's rule evaluation at `now`, then its expressions. */
  async function evaluate(recipe: Recipe, now: number) {
    const frames = await runRuleQueries(clients, recipe.rule, now, (uid) => {
      const ds = dataSources.get(uid);
      if (!ds) {
        throw new Error(`${recipe.where}: data source ${uid} is not provisioned`);
      }
      return provisionedDataSourceContext(ds, prometheus.url);
    });
    return evaluateRule(recipe.rule.data, recipe.rule.condition, frames);
  }

  it('every recipe has a scenario, and every recipe queries the provisioned Prometheus data source', () => {
    expect(recipes.map((r) => r.rule.uid).sort()).toEqual(Object.keys(SCENARIOS).sort());
    for (const r of recipes) {
      const uids = r.rule.data.filter((d) => d.datasourceUid !== '__expr__').map((d) => d.datasourceUid);
      expect(uids).toEqual(['anomalylens-prometheus']);
    }
  });

  it.each(recipes.map((r) => [r.rule.uid, r] as const))(
    '%s fires for the incident series during the whole `for` window and for nothing else',
    async (uid, recipe) => {
      const { incidentAt, firing } = SCENARIOS[uid];
      const interval = parsePromDuration(recipe.group.interval);
      const forMs = parsePromDuration(recipe.rule.for!);
      for (let t = incidentAt - forMs; t <= incidentAt; t += interval) {
        const result = await evaluate(recipe, t);
        expect({ at: new Date(t).toISOString(), firing: result.firing }).toEqual({
          at: new Date(t).toISOString(),
          firing,
        });
      }
    }
  );

  it.each(recipes.map((r) => [r.rule.uid, r] as const))('%s does not fire at a quiet time', async (uid, recipe) => {
    for (const t of SCENARIOS[uid].quietAt) {
      const { results, firing } = await evaluate(recipe, t);
      // The rule did evaluate series (no silent "no data"), and none fires.
      expect(results.get(recipe.rule.condition)!.length).toBeGreaterThan(0);
      expect({ at: new Date(t).toISOString(), firing }).toEqual({ at: new Date(t).toISOString(), firing: [] });
    }
  });
});
