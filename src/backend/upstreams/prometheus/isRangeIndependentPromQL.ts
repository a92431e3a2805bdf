/**
 * Whether a PromQL expression's points depend only on their own time, not on the range asked for: only then may a
 * refresh reuse points fetched for an earlier range (incremental querying).
 */

/** `$__range`, `$__range_s`, `$__range_ms` (both `$x` and `${x}`) or `@ start()` / `@ end()`. */
const RANGE_DEPENDENT = /\$\{?__range|@\s*(?:start|end)\s*\(/;

export function isRangeIndependentPromQL(expr: string): boolean {
  return !RANGE_DEPENDENT.test(expr);
}
