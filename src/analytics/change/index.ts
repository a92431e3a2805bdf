/** Change rules: percent change over a window, speed and acceleration on irregular timestamps. */
export { percentChange } from './percentChange';
export type { PercentChangeOptions } from './percentChange';
export { derivative } from './derivative';
export type { DerivativeOptions, DerivativeSmoothing } from './derivative';
export { secondDerivative } from './secondDerivative';
export { gradient } from './gradient';
export { ewma } from './ewma';
export type { EwmaOptions } from './ewma';
export { localPolynomialFit } from './localPolynomialFit';
export type { LocalPolynomialFitOptions } from './localPolynomialFit';
