/**
 * NAB's probationary period: the first 15% of a file (capped at 15% of 5000 rows = 750), during which
 * detectors are still learning and their detections are neither rewarded nor penalised
 * (Lavin & Ahmad 2015, §"Scoring"; NAB README "probationary period").
 */
export const PROBATION_PERCENT = 0.15;

export function probationaryLength(numRows: number, probationPercent = PROBATION_PERCENT): number {
  if (!Number.isFinite(numRows) || numRows < 0) {
    throw new Error(`probationaryLength: numRows must be a non-negative number, got ${numRows}`);
  }
  return Math.min(Math.floor(probationPercent * numRows), probationPercent * 5000);
}
