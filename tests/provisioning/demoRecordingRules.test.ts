/**
 * The demo stack's Prometheus loads recording rules exported from a provisioned panel, and another provisioned
 * panel reads them back: the committed rule file must be exactly the export of that panel's query (so it cannot
 * drift from the dashboard), pass `promtool check rules`, be mounted and listed in the demo Prometheus config, and
 * the reading panel must ask for the same band with `bandSource: recorded` at a step the rules' interval divides.
 */
import * as fs from 'node:fs';

import { recordingRuleGroup } from '../../src/backend/rules/recordingRuleGroup';
import type { LensQuery } from '../../src/shared/queryModel';
import { DEMO_DASHBOARD, DEMO_RULES_FILE, demoRulesYaml, EXPORTED_PANEL_TITLE } from '../../scripts/exportDemoRules';
import { run } from '../integration/helpers/serverProcess';
import { PROMTOOL_BIN } from '../integration/helpers/startPrometheus';

const panels = (
  JSON.parse(fs.readFileSync(DEMO_DASHBOARD, 'utf8')) as { panels: Array<{ title: string; targets?: LensQuery[] }> }
).panels;

describe('demo recording rules', () => {
  it('are the export of the provisioned panel query, as scripts/exportDemoRules.ts writes them', () => {
    expect(fs.readFileSync(DEMO_RULES_FILE, 'utf8')).toBe(demoRulesYaml());
  });

  it('pass promtool check rules', async () => {
    expect(await run(PROMTOOL_BIN, ['check', 'rules', DEMO_RULES_FILE])).toContain('SUCCESS');
  });

  it('are loaded by the demo Prometheus', () => {
    expect(fs.readFileSync('demo/workload/prometheus.yml', 'utf8')).toMatch(
      /rule_files:\n.*\n {2}- anomalylens\.rules\.yml/
    );
    expect(fs.readFileSync('docker-compose.yaml', 'utf8')).toContain(
      './demo/workload/anomalylens.rules.yml:/etc/prometheus/anomalylens.rules.yml:ro'
    );
  });

  it('are read back by a provisioned panel asking for the same band', () => {
    const source = panels.find((p) => p.title === EXPORTED_PANEL_TITLE)!.targets![0];
    const reader = panels.find((p) => p.targets?.some((t) => t.bandSource === 'recorded'))!.targets![0];
    const { bandSource, minStepMs, ...rest } = reader;
    expect(bandSource).toBe('recorded');
    expect(rest).toEqual(source);
    const exported = recordingRuleGroup(source);
    expect(recordingRuleGroup(reader).names).toEqual(exported.names);
    expect(minStepMs! % exported.intervalMs).toBe(0);
  });
});
