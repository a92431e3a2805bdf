/** NAB scoring (Lavin & Ahmad 2015), written from the paper and NAB's documentation. */
export { scaledSigmoid, MAX_TP } from './scaledSigmoid';
export { probationaryLength, PROBATION_PERCENT } from './probationaryLength';
export { parseProfiles, PROFILE_NAMES } from './costProfile';
export type { CostMatrix, ProfileName } from './costProfile';
export { sweepFile, OUTSIDE, PROBATIONARY } from './sweepFile';
export type { FileSweep, NabWindow, SweepFileOptions } from './sweepFile';
export { scoreAtThreshold } from './scoreAtThreshold';
export type { ThresholdScore } from './scoreAtThreshold';
export { optimizeThreshold } from './optimizeThreshold';
export type { OptimizedThreshold } from './optimizeThreshold';
export { nabBounds, normalizeScore } from './normalizeScore';
export type { NabBounds } from './normalizeScore';
