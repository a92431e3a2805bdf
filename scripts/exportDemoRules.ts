/**
 * Writes demo/workload/anomalylens.rules.yml: the recording rules exported from the provisioned "Consumer lag"
 * panel (provisioning/dashboards/json/anomalylens-service-overview.json), which the demo stack's Prometheus loads
 * and the panel "Consumer lag (band from recording rules)" reads back. Run `npx tsx scripts/exportDemoRules.ts`
 * after changing that panel's query; tests/provisioning/demoRecordingRules.test.ts fails while the file is stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { recordingRuleGroup } from '../src/backend/rules/recordingRuleGroup';
import { ruleGroupYaml } from '../src/backend/rules/ruleGroupYaml';
import type { LensQuery } from '../src/shared/queryModel';

export const DEMO_DASHBOARD = path.join(__dirname, '../provisioning/dashboards/json/anomalylens-service-overview.json');
export const DEMO_RULES_FILE = path.join(__dirname, '../demo/workload/anomalylens.rules.yml');
export const EXPORTED_PANEL_TITLE = 'Consumer lag';

/** The rule file's text for the dashboard as it is on disk. */
export function demoRulesYaml(): string {
  const dashboard = JSON.parse(fs.readFileSync(DEMO_DASHBOARD, 'utf8')) as {
    panels: Array<{ title: string; targets?: LensQuery[] }>;
  };
  const panel = dashboard.panels.find((p) => p.title === EXPORTED_PANEL_TITLE);
  if (!panel?.targets?.[0]) {
    throw new Error(`panel "${EXPORTED_PANEL_TITLE}" not found in ${DEMO_DASHBOARD}`);
  }
  const exported = recordingRuleGroup(panel.targets[0]);
  return ruleGroupYaml(
    [exported.group],
    [
      `Recording rules exported by Anomaly Lens from the "${EXPORTED_PANEL_TITLE}" panel of the service overview`,
      'dashboard (scripts/exportDemoRules.ts writes this file; do not edit it by hand).',
      ...exported.notes,
    ]
  );
}

if (require.main === module) {
  fs.writeFileSync(DEMO_RULES_FILE, demoRulesYaml());
  console.log(`wrote ${DEMO_RULES_FILE}`);
}
