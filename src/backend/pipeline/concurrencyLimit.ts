/**
 * A counting semaphore: at most `limit` calls of `run` in flight, the rest wait in arrival order. executeQueries
 * gives one per QueryData request to the upstream fetches (FetchDeps.upstreamSlots), so a query type that fetches
 * several series at once (correlations) still keeps the request within `maxConcurrentQueries` upstream requests.
 * Our own (a few lines).
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!(Number.isInteger(limit) && limit >= 1)) {
      throw new RangeError(`ConcurrencyLimit: limit must be a whole number ≥ 1, got ${limit}`);
    }
  }

  /** Calls in flight now (for tests and logs). */
  get inFlight(): number {
    return this.active;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) {
        next(); // the slot passes straight to the next caller
      } else {
        this.active--;
      }
    }
  }
}
