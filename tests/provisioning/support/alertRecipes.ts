/**
 * The alert rule recipes of docs/alerting.md, as provisioning files: every ```yaml block of the page. A block that
 * is a whole file (`apiVersion`, `groups`) is taken as it is; a block that is one rule (`- uid: …`, as the later
 * recipes are written) is placed in a one-rule group of a file, exactly as a user pasting it under `rules:` would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import type { AlertGroup, AlertRule } from './provisioningFiles';
import { REPO_ROOT } from './provisioningFiles';

export const ALERTING_DOC = join(REPO_ROOT, 'docs', 'alerting.md');

export interface Recipe {
  /** "docs/alerting.md recipe N". */
  where: string;
  /** The provisioning file text the recipe gives. */
  text: string;
  group: AlertGroup;
  rule: AlertRule;
}

export function alertRecipes(): Recipe[] {
  const doc = readFileSync(ALERTING_DOC, 'utf8');
  const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap((block, i) => {
    const where = `docs/alerting.md recipe ${i + 1}`;
    const text = /^apiVersion:/m.test(block)
      ? block
      : [
          'apiVersion: 1',
          'groups:',
          '  - orgId: 1',
          `    name: recipe-${i + 1}`,
          '    folder: Recipes',
          '    interval: 1m',
          '    rules:',
          ...block.split('\n').map((line) => (line ? `      ${line}` : line)),
        ].join('\n');
    const parsed = YAML.parse(text) as { groups: AlertGroup[] };
    return parsed.groups.flatMap((group) => group.rules.map((rule) => ({ where, text, group, rule })));
  });
}
