/**
 * Maps a 0–1 sensitivity to a score threshold in robust-z units. We use the same curve as augurs'
 * MAD detector (grafana/augurs, crates/augurs-outlier/src/mad.rs): threshold = T_max − (T_max − T_min)·√s
 * with T_max = 7.941444487 (normal quantile 1 − 1e-16) and T_min = 0.841621234 (normal quantile 0.80),
 * so s = 0.5 gives ≈ 2.92 and higher sensitivity flags more. The square root spreads the useful low end.
 */
const MAX_T = 7.941444487;
const MIN_T = 0.841621234;

export function sensitivityToThreshold(sensitivity: number): number {
  if (!(sensitivity > 0 && sensitivity < 1)) {
    throw new RangeError(`sensitivity must be in (0, 1), got ${sensitivity}`);
  }
  return MAX_T - (MAX_T - MIN_T) * Math.sqrt(sensitivity);
}
