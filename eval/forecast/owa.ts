/**
 * Overall weighted average of M4 (Makridakis et al. 2020, §2.3): the mean of the method's sMAPE and MASE,
 * each relative to Naive2's, both averaged over the same series first:
 *   OWA = ½ · (sMAPE / sMAPE_Naive2 + MASE / MASE_Naive2).
 */
export function owa(smapeMethod: number, maseMethod: number, smapeNaive2: number, maseNaive2: number): number {
  if (!(smapeNaive2 > 0) || !(maseNaive2 > 0)) {
    throw new Error('owa: Naive2 errors must be positive');
  }
  return 0.5 * (smapeMethod / smapeNaive2 + maseMethod / maseNaive2);
}
