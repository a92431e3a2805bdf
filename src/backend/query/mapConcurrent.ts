/**
 * Runs an async function over items with at most `limit` calls in flight, starting them in item order; results
 * come back in item order. `fn` must not throw (each query settles into its own DataResponse); a rejection is
 * passed through as the whole call's rejection all the same, after the calls in flight have settled. Our own
 * (a dozen lines; no pool library is a dependency of the backend).
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  if (!(Number.isInteger(limit) && limit >= 1)) {
    throw new RangeError(`mapConcurrent: limit must be a whole number ≥ 1, got ${limit}`);
  }
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  const workers = Array.from({ length: Math.min(limit, items.length) }, worker);
  const settled = await Promise.allSettled(workers);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    throw failed.reason;
  }
  return results;
}
