/** Plain-text table for the console and EVALUATION.md (markdown pipe syntax). */
export function markdownTable(header: string[], rows: Array<Array<string | number>>): string {
  const fmt = (c: string | number) => (typeof c === 'number' ? (Number.isFinite(c) ? c.toFixed(2) : '—') : c);
  const lines = [header, header.map(() => '---'), ...rows.map((r) => r.map(fmt))];
  return lines.map((r) => `| ${r.join(' | ')} |`).join('\n');
}
