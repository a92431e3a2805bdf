/** Options of the correlations panel, as saved in the dashboard JSON. */
export interface CorrelationsPanelOptions {
  /** Rows whose |score| is below this (0…1) are hidden; rows without a score are hidden when this is above 0. */
  minAbsScore: number;
  /** Draw the small target/candidate overlay in rows that have an overlay frame. */
  showOverlays: boolean;
  /** At most this many rows (after filtering), best rank first. */
  maxRows: number;
  /** refId of the correlations query to show when the panel has several; empty → the first. */
  query?: string;
  /** Name of the dashboard variable the query's `correlate.target` uses (e.g. `target` for `$target`); when set,
   * each row offers "use as target", which sets that variable to the row's query. Empty: the row offers the same
   * in Explore instead. */
  targetVariable?: string;
}

export const defaultCorrelationsPanelOptions: CorrelationsPanelOptions = {
  minAbsScore: 0,
  showOverlays: true,
  // The data source's default `correlate.limit` (docs/query-options.md): every row it returns by default is shown.
  maxRows: 1000,
  query: '',
  targetVariable: '',
};
