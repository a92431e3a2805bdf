/** Text and test ids shared by the correlations panel's components, their tests and browser tests. */
export const correlationsSelectors = {
  panel: 'correlations-panel',
  message: 'correlations-message',
  header: 'correlations-header',
  filter: 'correlations-filter',
  /** The scrolling container of the virtual list. */
  list: 'correlations-list',
  /** One rendered row; it carries `data-rank` with the row's rank. */
  row: 'correlations-row',
  rank: 'correlations-rank',
  series: 'correlations-series',
  score: 'correlations-score',
  lag: 'correlations-lag',
  direction: 'correlations-direction',
  /** The overlay SVG of a row that has one, with its two paths. */
  overlay: 'correlations-overlay',
  overlayTarget: 'correlations-overlay-target',
  overlayCandidate: 'correlations-overlay-candidate',
  /** The shaded ranked window inside an overlay (when the overlay also shows context around it). */
  overlayWindow: 'correlations-overlay-window',
  /** The transparent area of an overlay that follows the pointer, its cursor and its tooltip. */
  overlayHoverArea: 'correlations-overlay-hover-area',
  overlayCursor: 'correlations-overlay-cursor',
  overlayTooltip: 'correlations-overlay-tooltip',
  /** The row action that makes the row the target (sets the panel's target variable). */
  useAsTarget: 'correlations-use-as-target',
  /** Placeholder in the overlay column of a row without an overlay frame. */
  overlayMissing: 'correlations-overlay-missing',
  exploreLink: 'correlations-explore-link',
  /** Opens Explore with a correlations query that takes the row as its target. */
  rankAgainstLink: 'correlations-rank-against-link',
  /** Shown inside the list when the filter and threshold hide every row. */
  noMatch: 'correlations-no-match',
  /** The "no clear cause" line above the list. */
  noClearCause: 'correlations-no-clear-cause',
  texts: {
    noClearCause:
      "No clear cause: nothing outside the target's own metric family changed or moved with it more than chance " +
      'would explain. The rows below are muted.',
    family: 'Same metric family as the target (ranked apart)',
    explainedBy: (callee: string) =>
      `Ranked after ${callee}: a service it calls (directly or through others) shows the same change`,
    corroboration: (bonus: number) => `+${bonus.toFixed(1)} to the score: other measurements of its service moved too`,
    rankAgainst: 'Use as target: rank what moved with this series, in Explore',
    useAsTarget: 'Use as target: rank what moved with this series here (sets the dashboard variable',
    filterPlaceholder: 'Filter series or labels',
    overlayMissing: '—',
    overlayMissingHint:
      'No overlay for this rank: the query draws overlays for the top candidates only (correlate.overlays).',
    noMatch: 'No rows match the filter and minimum |score|.',
    noExplore: 'No Explore link: the query names no data source or the row has no query.',
  },
} as const;
