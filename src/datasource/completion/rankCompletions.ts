/**
 * Orders completion items the way an SRE scans them: what the upstream has before what the language has.
 *  1. Items whose label starts with the typed prefix, then items that only contain it (case-insensitive); items
 *     matching neither are dropped (an empty prefix matches everything as a prefix).
 *  2. Within each match group, by kind: metrics and measurements, then label/tag/field names, then label/tag
 *     values, then variables and macros, then functions.
 *  3. Then alphabetically. Duplicates (same kind and label) are kept once; at most `MAX_ITEMS` are returned.
 * Match group before kind, so typing `su` lists the function `sum` before a metric `node_subsystem` that merely
 * contains `su`, while `rat` lists a metric `rate_limited_total` before the function `rate`.
 */
import type { CompletionItem } from './completionItem';

export const MAX_ITEMS = 200;

/** Lower ranks list first. */
const KIND_RANK: Record<CompletionItem['kind'], number> = {
  metric: 0,
  measurement: 0,
  labelName: 1,
  tagKey: 1,
  fieldKey: 1,
  labelValue: 2,
  tagValue: 2,
  variable: 3,
  function: 4,
};

export function rankCompletions(items: readonly CompletionItem[], prefix: string): CompletionItem[] {
  const p = prefix.toLowerCase();
  const seen = new Set<string>();
  const ranked: Array<{ item: CompletionItem; group: number }> = [];
  for (const item of items) {
    const key = `${item.kind}:${item.label}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    const l = item.label.toLowerCase();
    if (l.startsWith(p)) {
      ranked.push({ item, group: 0 });
    } else if (l.includes(p)) {
      ranked.push({ item, group: 1 });
    }
  }
  ranked.sort(
    (a, b) =>
      a.group - b.group || KIND_RANK[a.item.kind] - KIND_RANK[b.item.kind] || a.item.label.localeCompare(b.item.label)
  );
  return ranked.slice(0, MAX_ITEMS).map((r) => r.item);
}
