/**
 * The firing periods of an alert rule from its condition at each evaluation, with the pending period (`for`)
 * of Grafana's rule state machine: Normal → (condition true) Pending → (still true and at least `forMs` since it
 * became Pending) Alerting; a false condition returns to Normal from either state (Alerting then resolves). With
 * `forMs` 0 the rule fires at the first true evaluation. The states are Grafana's.
 */

export interface AlertFiring {
  /** Evaluation at which the rule started firing. */
  startMs: number;
  /** Evaluation at which it resolved, or the end of the replay when it was still firing (`open`). */
  endMs: number;
  /** Index (in the evaluation list) of the first and last firing evaluation. */
  first: number;
  last: number;
  /** Still firing at the last evaluation. */
  open: boolean;
}

export interface AlertFiringsOptions {
  /** Pending period in ms; default 0. */
  forMs?: number;
  /** End of an open firing; default the last evaluation time. */
  endMs?: number;
}

/**
 * @param times evaluation times, ascending
 * @param condition whether the rule's condition held at each evaluation (same length)
 */
export function alertFirings(
  times: ArrayLike<number>,
  condition: ArrayLike<boolean>,
  options: AlertFiringsOptions = {}
): AlertFiring[] {
  if (times.length !== condition.length) {
    throw new RangeError(`alertFirings: ${times.length} times but ${condition.length} conditions`);
  }
  const forMs = options.forMs ?? 0;
  if (!(forMs >= 0)) {
    throw new RangeError(`alertFirings: forMs must be ≥ 0, got ${forMs}`);
  }
  const out: AlertFiring[] = [];
  let pendingSince = NaN;
  let current: AlertFiring | undefined;
  for (let k = 0; k < times.length; k++) {
    const t = times[k];
    if (!condition[k]) {
      if (current) {
        current.endMs = t;
        current = undefined;
      }
      pendingSince = NaN;
      continue;
    }
    if (current) {
      current.last = k;
      continue;
    }
    if (pendingSince !== pendingSince) {
      pendingSince = t;
    }
    if (t - pendingSince >= forMs) {
      current = { startMs: t, endMs: t, first: k, last: k, open: true };
      out.push(current);
    }
  }
  for (const f of out) {
    f.open = f === current;
  }
  if (current && times.length > 0) {
    current.endMs = options.endMs ?? times[times.length - 1];
  }
  return out;
}
