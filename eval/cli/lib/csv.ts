/** Minimal CSV reading for the benchmark files (no quoted commas except in M4's quoted cells). */
export function splitCsvLine(line: string): string[] {
  if (line.indexOf('"') < 0) {
    return line.split(',');
  }
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else {
        quoted = !quoted;
      }
    } else if (c === ',' && !quoted) {
      cells.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  cells.push(cur);
  return cells;
}

export function readCsvRows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.length > 0)
    .map(splitCsvLine);
}
