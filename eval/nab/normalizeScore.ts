/**
 * NAB's normalised score, 100·(raw − null)/(perfect − null) (Lavin & Ahmad 2015 §"Scoring"), where the
 * null detector detects nothing (every window a false negative: −fnWeight per window) and the perfect
 * detector detects every window at its first row with no false positive (+tpWeight per window).
 */
import { CostMatrix } from './costProfile';
import { FileSweep } from './sweepFile';

export interface NabBounds {
  nullScore: number;
  perfectScore: number;
}

export function nabBounds(files: readonly FileSweep[], cost: CostMatrix): NabBounds {
  let windows = 0;
  for (const f of files) {
    windows += f.windowCount;
  }
  return { nullScore: -cost.fnWeight * windows, perfectScore: cost.tpWeight * windows };
}

export function normalizeScore(raw: number, bounds: NabBounds): number {
  const span = bounds.perfectScore - bounds.nullScore;
  if (!(span > 0)) {
    throw new Error('normalizeScore: the corpus has no scorable window, so the score is undefined');
  }
  return (100 * (raw - bounds.nullScore)) / span;
}
