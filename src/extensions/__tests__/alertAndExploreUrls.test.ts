import { alertRuleDefaults, alertRuleUrl } from '../alertRuleUrl';
import { exploreWithBandUrl } from '../exploreUrl';

test('the alert rule is query A → reduce last without a mode → threshold above 0.66, condition C', () => {
  const d = alertRuleDefaults({ lensUid: 'lens', expr: 'p99', title: 'Checkout p99' });
  expect(d.condition).toBe('C');
  expect(d.queries.map((q) => q.refId)).toEqual(['A', 'B', 'C']);
  expect(d.queries[0]).toMatchObject({ datasourceUid: 'lens', model: { expr: 'p99', outputs: ['fractionAnomalous'] } });
  const reduce = d.queries[1].model as Record<string, unknown>;
  expect(reduce).toMatchObject({ type: 'reduce', expression: 'A', reducer: 'last' });
  // Grafana rejects reducer modes other than dropNN/replaceNN; strict is no mode at all.
  expect(reduce).not.toHaveProperty('settings');
  expect(d.queries[2].model).toMatchObject({
    type: 'threshold',
    expression: 'B',
    conditions: [{ evaluator: { type: 'gt', params: [0.66] } }],
  });
  const url = alertRuleUrl({ lensUid: 'lens', expr: 'p99', title: 'Checkout p99' });
  expect(url.startsWith('/alerting/new/alerting?defaults=')).toBe(true);
  expect(JSON.parse(new URLSearchParams(url.slice(url.indexOf('?'))).get('defaults')!)).toEqual(d);
});

test('Explore opens one mixed pane with the original query and the band query', () => {
  const url = exploreWithBandUrl({
    kind: 'prometheus',
    sourceUid: 'prom',
    expr: 'up',
    lensUid: 'lens',
    from: 'now-1h',
    to: 'now',
  });
  const q = new URLSearchParams(url.slice(url.indexOf('?')));
  expect(q.get('schemaVersion')).toBe('1');
  const panes = JSON.parse(q.get('panes')!);
  const pane = Object.values(panes)[0] as {
    datasource: string;
    queries: Array<Record<string, unknown>>;
    range: unknown;
  };
  expect(pane.datasource).toBe('-- Mixed --');
  expect(pane.range).toEqual({ from: 'now-1h', to: 'now' });
  expect(pane.queries[0]).toEqual({ refId: 'A', datasource: { type: 'prometheus', uid: 'prom' }, expr: 'up' });
  expect(pane.queries[1]).toMatchObject({
    refId: 'B',
    datasource: { type: 'seedlabs-anomalylens-datasource', uid: 'lens' },
    expr: 'up',
  });
});
