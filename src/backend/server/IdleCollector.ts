/**
 * Gives memory back to the system once a burst of large requests is over (docs/reliability.md, "Memory").
 *
 * Why it is needed: the bulk of a large answer lives outside the V8 heap (upstream bodies, Arrow frames and the
 * serialised gRPC message are ArrayBuffers), held by small JS objects. When the process falls quiet right after a
 * burst, nothing allocates, so V8 has no reason to run the full collection that would free them: measured on the
 * built executable, 1.6 GiB of such buffers stayed for minutes after a 500 MiB answer with 23 MiB of heap in use.
 *
 * What it does: every RPC reports its start and end. When no call has been in flight for `quietMs` and the
 * resident size has grown by `minGrowthBytes` since the last collection, it runs one full collection, then a few
 * more at growing intervals (`followUpMs`) while the process stays quiet: the last answer may still have been on
 * its way to Grafana during the first (the serialised message is only freed once written), and a call arriving in
 * between only postpones them. Each costs a few tens of milliseconds on the small heap an idle backend has.
 * Under steady load it does nothing: V8 collects on its own while allocation goes on. Before each collection it
 * calls `release` so that caches can drop what only a busy process needs (createBackendServer wires the upstream
 * cache's idle trim).
 * The collection function is V8's, exposed by the `--expose-gc` flag that scripts/build-backend.mjs bakes into the
 * executable; where it is absent (tests running the server in process) the collector does nothing.
 */

export interface IdleCollectorOptions {
  /** Time without any call in flight before collecting. Default 1000 ms. */
  quietMs?: number;
  /** Growth of the resident size since the last collection that makes one worthwhile. Default 32 MiB. */
  minGrowthBytes?: number;
  /** Delays of the follow-up collections, each after the previous one. Default 2, 4, 8, 16 and 32 s (~1 min). */
  followUpMs?: readonly number[];
  /**
   * Called right before each collection with how long the process has been quiet (ms): the place to drop what
   * caches keep only for a busy process (default: nothing).
   */
  release?: (quietForMs: number) => void;
  /** A full garbage collection; default the `gc` global when V8 exposes it, else none. */
  gc?: () => void;
  /** Resident set size in bytes; default `process.memoryUsage.rss`. */
  rss?: () => number;
  /** Clock (ms); default `Date.now`. */
  now?: () => number;
}

export interface IdleCollectorStats {
  /** Full collections run so far. */
  collections: number;
  /** Resident size (bytes) measured right after the last collection, or at start. */
  baselineBytes: number;
}

/**
 * V8's "last resort" full collection: besides freeing what is dead (as a plain full collection does), it shrinks
 * the young generation and unmaps the heap pages V8 keeps pooled for reuse. A plain one left ~110 pages of 256 KiB
 * (28 MiB) resident after a burst of big answers, outside what the heap reports as its size.
 */
const LAST_RESORT = { type: 'major', execution: 'sync', flavor: 'last-resort' };

function exposedGc(): (() => void) | undefined {
  const gc = (globalThis as { gc?: unknown }).gc;
  return typeof gc === 'function' ? () => (gc as (o: object) => void)(LAST_RESORT) : undefined;
}

export class IdleCollector {
  private readonly quietMs: number;
  private readonly minGrowthBytes: number;
  private readonly followUpMs: readonly number[];
  private readonly gc: (() => void) | undefined;
  private readonly release: (quietForMs: number) => void;
  /** When the last call in flight ended (ms since epoch). */
  private quietSince = 0;
  private readonly rss: () => number;
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private baseline: number;
  private collections = 0;
  /** Follow-up delays still to run, and when the next one is due (ms since epoch). */
  private pending: number[] = [];
  private dueAt = 0;
  private readonly now: () => number;

  constructor(options: IdleCollectorOptions = {}) {
    this.quietMs = options.quietMs ?? 1000;
    this.minGrowthBytes = options.minGrowthBytes ?? 32 * 1024 * 1024;
    this.followUpMs = options.followUpMs ?? [2000, 4000, 8000, 16_000, 32_000];
    this.gc = options.gc ?? exposedGc();
    this.release = options.release ?? (() => undefined);
    this.rss = options.rss ?? (() => process.memoryUsage.rss());
    this.now = options.now ?? Date.now;
    this.baseline = this.rss();
  }

  /** Whether collections can run at all (a `gc` function is available). */
  get enabled(): boolean {
    return this.gc !== undefined;
  }

  stats(): IdleCollectorStats {
    return { collections: this.collections, baselineBytes: this.baseline };
  }

  /** A call started: no collection while it runs. */
  begin(): void {
    this.inFlight++;
    this.cancel();
  }

  /** A call ended (answered, failed or cancelled); call once per `begin`. */
  end(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (this.inFlight === 0 && this.gc) {
      this.quietSince = this.now();
      this.schedule(this.quietMs);
    }
  }

  /** Runs when the process has been quiet: a first collection after growth, or the next follow-up when due. */
  private check(): void {
    if (this.rss() - this.baseline >= this.minGrowthBytes) {
      this.collect();
      this.pending = [...this.followUpMs];
      this.dueAt = this.now() + (this.pending[0] ?? 0);
    } else if (this.pending.length > 0 && this.now() >= this.dueAt) {
      this.collect();
      this.pending.shift();
      this.dueAt = this.now() + (this.pending[0] ?? 0);
    }
    if (this.pending.length > 0) {
      this.schedule(Math.max(0, this.dueAt - this.now()));
    }
  }

  /** Stops any pending collection (server shutdown). */
  cancel(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private schedule(ms: number): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.inFlight === 0) {
        this.check();
      }
    }, ms);
    // A pending collection never keeps the process alive.
    this.timer.unref();
  }

  private collect(): void {
    this.release(this.now() - this.quietSince);
    this.gc?.();
    this.collections++;
    this.baseline = this.rss();
  }
}
