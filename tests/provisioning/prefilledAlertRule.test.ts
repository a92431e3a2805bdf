/**
 * The alert rule the analyse page pre-fills ("Create alert rule") is one Grafana accepts: its expressions pass the
 * checker written from Grafana's rules, and its Anomaly Lens query passes the data source's own validation.
 */
import { alertRuleDefaults } from '../../src/extensions/alertRuleUrl';
import { LensQuery } from '../../src/shared/queryModel';
import { validateQuery } from '../../src/shared/validateQuery';
import { checkRulePipeline } from './support/grafanaExpressions';

const defaults = alertRuleDefaults({
  lensUid: 'anomalylens-prometheus',
  expr: 'http_latency_p99_seconds',
  title: 'p99',
});

test('the pre-filled rule passes the checker of Grafana expressions, condition C', () => {
  const commands = checkRulePipeline(defaults.queries, defaults.condition);
  expect(commands.map((c) => c.type)).toEqual(['reduce', 'threshold']);
});

test('the pre-filled rule query is a valid Anomaly Lens query with one single-field output', () => {
  const resolved = validateQuery(defaults.queries[0].model as LensQuery);
  expect(resolved.outputs).toEqual(['fractionAnomalous']);
  expect(resolved.flags.fractionWindowMs).toBe(15 * 60_000);
});
