/** Text and test ids of the app's pages, shared by the components and their tests. */
export const pageSelectors = {
  page: 'anomalylens-analyse-page',
  expr: 'anomalylens-analyse-expr',
  noLens: 'anomalylens-analyse-no-lens',
  lensPicker: 'Anomaly Lens data source',
  lensName: 'anomalylens-analyse-lens',
  addBand: 'Add anomaly band to this panel',
  saveBand: 'Save to dashboard',
  createAlert: 'Create alert rule',
  openExplore: 'Open in Explore',
  bandPreview: 'anomalylens-band-preview',
  bandMessage: 'anomalylens-band-message',
  windows: 'anomalylens-analyse-windows',
  candidates: 'Candidates',
  dragHint: 'anomalylens-analyse-drag-hint',
} as const;
