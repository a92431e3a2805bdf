/**
 * Names of the fields a frame carries when the Anomaly Lens data source has already decomposed a series
 * (a frame with a time field, the observed value field and these three). When they are present the panel
 * draws them as they are instead of decomposing again in the browser.
 *
 * These belong in `src/shared/` once the backend emits them; until then this is the one place they live.
 */
export const decompositionFieldNames = {
  trend: 'trend',
  seasonal: 'seasonal',
  remainder: 'remainder',
} as const;

export const isDecompositionFieldName = (name: string): boolean =>
  name === decompositionFieldNames.trend ||
  name === decompositionFieldNames.seasonal ||
  name === decompositionFieldNames.remainder;
