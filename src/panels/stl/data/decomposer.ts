/** What the panel needs from a decomposition: the analytics STL, wrapped so the view model can be tested alone. */
export interface Decomposition {
  trend: ArrayLike<number>;
  seasonal: ArrayLike<number>;
  remainder: ArrayLike<number>;
}

export interface Decomposer {
  /** STL of a complete (gap-free) series with the given season length in samples. */
  decompose(values: Float64Array, options: { period: number; robust: boolean }): Decomposition;
  /**
   * Season length in samples detected from the data, or `null` when there is no clear season.
   * `stepMs` is the series' median step, so hourly/daily/weekly seasons can be tried first.
   */
  detectPeriod(values: Float64Array, stepMs: number): number | null;
}
