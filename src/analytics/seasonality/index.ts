/** Seasonal period detection; see docs/algorithms/scoring.md. */
export { calendarPeriods, detectSeasonality } from './detectSeasonality';
export type { DetectSeasonalityOptions, DetectSeasonalityResult, SeasonalityCandidate } from './detectSeasonality';
export { clipOutliers } from './clipOutliers';
