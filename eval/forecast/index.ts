/** M4 forecast accuracy metrics and benchmark forecasters (Makridakis et al. 2020). */
export { smape } from './smape';
export { mase, maseScale } from './mase';
export { owa } from './owa';
export { seasonalNaive } from './seasonalNaive';
export { naive2, isSeasonal, acf, multiplicativeSeasonalIndices } from './naive2';
