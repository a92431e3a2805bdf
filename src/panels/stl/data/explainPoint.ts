import type { StlDecompositionView } from './buildStlView';

export interface PointExplanation {
  time: number;
  observed: number;
  trend: number;
  seasonal: number;
  remainder: number;
  /** Remainder deviation from its median in robust σ units (NaN when undefined). */
  sigmas: number;
  marked: boolean;
  /** Why the point is (or is not) marked, in one sentence; empty when the remainder is missing. */
  reason: string;
}

const round = (v: number, digits = 3) => Number(v.toPrecision(digits)).toString();

/**
 * What the tooltip says about point `i`: the four component values and why the point is marked — its remainder
 * lies more than `threshold` robust σ from the remainder's median, i.e. neither trend nor season explains it.
 */
export function explainPoint(view: StlDecompositionView, i: number): PointExplanation {
  const remainder = view.remainder[i];
  const { center, sigma } = view.remainderScale;
  const dev = remainder - center;
  const sigmas = sigma > 0 ? dev / sigma : NaN;
  const marked = view.outliers.includes(i);
  let reason = '';
  if (Number.isFinite(remainder) && Number.isFinite(center)) {
    const side = dev >= 0 ? 'above' : 'below';
    const size = Number.isFinite(sigmas) ? `${round(Math.abs(sigmas), 2)}σ ${side}` : side;
    reason = marked
      ? `Marked: the remainder is ${size} its median (threshold ${view.threshold}σ); trend and season do not explain it.`
      : `Not marked: the remainder is ${size} its median, within ${view.threshold}σ.`;
  }
  return {
    time: view.times[i],
    observed: view.observed[i],
    trend: view.trend[i],
    seasonal: view.seasonal[i],
    remainder,
    sigmas,
    marked,
    reason,
  };
}
