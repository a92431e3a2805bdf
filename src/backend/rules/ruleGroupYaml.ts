/**
 * A rule file (`groups:` list) as YAML text, the shape Prometheus, the Mimir ruler and the Thanos ruler load.
 * Written by hand rather than by a YAML library: the shape is fixed and small, and every string is emitted as a
 * JSON string, which YAML reads as a double-quoted scalar, so no expression can break the file.
 */
import type { RecordingRuleGroup } from './recordingRuleGroup';

/** `comment` lines (e.g. where the group came from) go above `groups:` with `# ` in front. */
export function ruleGroupYaml(groups: RecordingRuleGroup[], comment: string[] = []): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = comment.map((c) => `# ${c}`.trimEnd());
  lines.push('groups:');
  for (const g of groups) {
    lines.push(`  - name: ${q(g.name)}`, `    interval: ${q(g.interval)}`, '    rules:');
    for (const r of g.rules) {
      lines.push(`      - record: ${q(r.record)}`, `        expr: ${q(r.expr)}`);
    }
  }
  return lines.join('\n') + '\n';
}
