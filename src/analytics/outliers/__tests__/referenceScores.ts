import type { PeerOutlierResult } from '../peerOutlierResult';

/** Rows of a JSON reference fixture, where null stands for NaN. */
export const fromReferenceRows = (rows: Array<Array<number | null>>) =>
  rows.map((r) => r.map((v) => (v === null ? NaN : v)));

/** Every score matches the reference's to `relTol` (relative, absolute below 1); NaN exactly where it is NaN. */
export function expectScoresNearReference(result: PeerOutlierResult, expected: number[][], relTol: number): void {
  result.series.forEach((s, i) => {
    s.scores.forEach((score, t) => {
      const e = expected[i][t];
      if (Number.isNaN(e)) {
        expect([i, t, score]).toEqual([i, t, NaN]);
      } else {
        expect(Math.abs(score - e)).toBeLessThanOrEqual(relTol * Math.max(1, Math.abs(e)));
      }
    });
  });
}
