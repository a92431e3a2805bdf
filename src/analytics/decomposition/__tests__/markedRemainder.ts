import { mad } from '../../stats/mad';
import { median } from '../../stats/median';

/** Remainder points beyond `k` robust σ (1.4826·MAD) of the remainder's median: what the STL panel marks. */
export function markedRemainder(remainder: ArrayLike<number>, k = 3): number[] {
  const center = median(remainder);
  const sigma = mad(remainder, { center });
  const out: number[] = [];
  for (let i = 0; i < remainder.length; i++) {
    if (Math.abs(remainder[i] - center) > k * sigma) {
      out.push(i);
    }
  }
  return out;
}
