/** Text and test ids shared by the STL panel's components and their tests. */
export const stlSelectors = {
  chart: 'stl-chart',
  message: 'stl-message',
  row: (component: string) => `stl-row-${component}`,
  outlier: 'stl-outlier',
  cursor: 'stl-cursor',
  hoverArea: 'stl-hover-area',
  tooltip: 'stl-tooltip',
  yTick: 'stl-y-tick',
  timeTick: 'stl-time-tick',
  seriesPicker: 'Series to decompose',
  componentLabels: {
    observed: 'Observed',
    trend: 'Trend',
    seasonal: 'Seasonal',
    remainder: 'Remainder',
  },
} as const;
