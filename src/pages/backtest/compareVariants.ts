/**
 * The Backtest view's verdict in words: each variant's firings and incidents caught, the others against the first
 * ("variant B would have fired 3 times instead of 41 and caught both incidents"), so the table's point is read
 * without reading the table.
 */
import type { BacktestSummary } from '../../datasource/backtest/readBacktest';

const times = (n: number) => `${n} time${n === 1 ? '' : 's'}`;

/** "caught both incidents", "caught 2 of 3 incidents", "missed the incident"; empty without incidents. */
export function caughtText(caught: number, incidents: number): string {
  if (!(incidents > 0)) {
    return '';
  }
  const which = incidents === 1 ? 'the incident' : incidents === 2 ? 'both incidents' : `all ${incidents} incidents`;
  if (caught >= incidents) {
    return `caught ${which}`;
  }
  if (!(caught > 0)) {
    return `missed ${incidents === 2 ? 'both incidents' : which}`;
  }
  return `caught ${caught} of ${incidents} incidents`;
}

/** One sentence per variant, in the table's order; the first states its own figures, the others compare to it. */
export function compareVariants(rows: readonly BacktestSummary[]): string[] {
  const [base] = rows;
  return rows.map((row, i) => {
    const fired =
      i === 0
        ? `would have fired ${times(row.fired)}`
        : row.fired === base.fired
          ? `would have fired as often as ${base.variant} (${times(row.fired)})`
          : `would have fired ${times(row.fired)} instead of ${base.fired}`;
    const caught = caughtText(row.caught, row.incidents);
    return `${row.variant} ${fired}${caught ? ` and ${caught}` : ''}.`;
  });
}
