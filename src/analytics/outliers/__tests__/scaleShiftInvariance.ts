import fc from 'fast-check';
import type { PeerOutlierResult } from '../peerOutlierResult';
import { makeGroup } from './groupFactory';

/** Property: scaling every series by k > 0 and shifting it by c leaves every score unchanged (to 6 digits). */
export function expectScaleShiftInvariantScores(
  detect: (group: Float64Array[]) => PeerOutlierResult,
  seriesCount: number,
  length: number
): void {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1000 }),
      fc.double({ min: 0.01, max: 100, noNaN: true }),
      fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      (seed, k, c) => {
        const group = makeGroup(seriesCount, length, seed);
        const a = detect(group);
        const b = detect(group.map((s) => s.map((v) => k * v + c)));
        a.series.forEach((s, i) => s.scores.forEach((v, t) => expect(b.series[i].scores[t]).toBeCloseTo(v, 6)));
      }
    ),
    { numRuns: 30 }
  );
}
