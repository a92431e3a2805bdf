import { CorrelationRow } from './buildCorrelationsView';

export interface FilterRowsOptions {
  /** Case-insensitive substring of series name or labels; every whitespace-separated word must match. Default ''. */
  text?: string;
  /** Hide rows with |score| below this; above 0 also hides rows without a score. Default 0. */
  minAbsScore?: number;
  /** Keep at most this many rows (in rank order); 0 or less keeps all. Default 0. */
  maxRows?: number;
}

/** The rows to show, in the order given (rank order). Returns a new array; the rows are not copied or changed. */
export function filterRows(rows: readonly CorrelationRow[], options: FilterRowsOptions = {}): CorrelationRow[] {
  const words = (options.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const min = options.minAbsScore ?? 0;
  const max = options.maxRows && options.maxRows > 0 ? options.maxRows : Infinity;
  const out: CorrelationRow[] = [];
  for (const row of rows) {
    if (out.length >= max) {
      break;
    }
    if (min > 0 && (row.score === null || Math.abs(row.score) < min)) {
      continue;
    }
    if (words.length > 0 && !words.every((w) => row.searchText.includes(w))) {
      continue;
    }
    out.push(row);
  }
  return out;
}
