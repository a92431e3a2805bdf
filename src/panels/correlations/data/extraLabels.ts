/**
 * The label set to print under a row's series name, or '' when the name already shows every label (the data source
 * names a series `metric{a="b"}` when it has no legend, so printing `{a="b"}` again below it repeats it). Pairs are
 * read as PromQL-style `key="value"`; a label set with no such pair is printed unless the name contains it whole.
 */
export function extraLabels(series: string, labels: string): string {
  const text = labels.trim();
  if (text === '' || series.includes(text)) {
    return '';
  }
  const pairs = Array.from(text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g));
  if (pairs.length === 0) {
    return text;
  }
  const shown = pairs.every(([, key, value]) => series.includes(`${key}="${value}"`) || series.includes(value));
  return shown ? '' : text;
}
