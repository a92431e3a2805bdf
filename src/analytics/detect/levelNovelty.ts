/**
 * Streaming level novelty (our own): "has this series been at this level, or made this move between levels,
 * before?". Values are cut into bins on a grid fixed from the first `learnPoints` finite values (`bins` bins
 * across their 1–99 % range, unbounded beyond it, so a new extreme gets a bin of its own). Two contexts judge a
 * value's bin b: the empty one ("was b ever seen?") and the previous bin ("did b ever follow it?"). The
 * novelty is the share of the contexts that have been seen before and never saw b: 0 (a known step between known
 * levels), 0.5 (a new step between known levels) or 1 (a level never seen). The idea of judging a value by the
 * contexts that did or did not foresee it follows the Contextual Anomaly Detector (CAD OSE) of NAB's scoreboard;
 * the grid and the two fixed contexts are ours.
 *
 * Causal: the grid is fixed from earlier values only; until then the novelty is NaN ("no opinion"), and the
 * learning values are replayed into the contexts when the grid is fixed.
 * NaN policy: NaN scores NaN, is not learned and breaks the step context (the next value has no previous bin).
 */
import { quantile } from '../stats/quantile';

export interface LevelNoveltyOptions {
  /** Finite values that fix the grid. Default 300. */
  learnPoints?: number;
  /** Bins across the learning values' 1–99 % range. Default 12. */
  bins?: number;
}

export interface LevelNovelty {
  /** True once the grid is fixed. */
  readonly ready: boolean;
  /** Novelty of x against what has been learned (NaN before the grid is fixed or for NaN). */
  score(x: number): number;
  learn(x: number): void;
  /** An independent copy in the same state (learning in one does not change the other). */
  clone(): LevelNovelty;
  /**
   * Puts this novelty in `from`'s state, in place: its flat arrays are overwritten, not allocated again. Both must
   * come from `levelNovelty` with the same options; `from` is not changed and shares nothing with this one afterwards.
   */
  restore(from: LevelNovelty): void;
}

/** Bins past either end of the grid kept in flat arrays (further ones, rare, in a set). */
const NEAR = 64;

export function levelNovelty(options: LevelNoveltyOptions = {}): LevelNovelty {
  const learnPoints = Math.max(2, Math.floor(options.learnPoints ?? 300));
  const bins = Math.max(1, Math.floor(options.bins ?? 12));
  const span = bins + 2 * NEAR;
  return new Novelty(learnPoints, bins, new Uint8Array(span), new Uint8Array(span), new Uint8Array(span * span));
}

/**
 * The novelty's state lives in fields of one class rather than in a closure (the detector calls it twice a point,
 * and a field is read and updated in place).
 */
class Novelty implements LevelNovelty {
  /** Values learned before the grid is fixed (replayed into the contexts then). */
  private readonly pending: number[] = [];
  private pendingFinite = 0;
  private lo = 0;
  private width = 0;
  private isReady = false;
  // Bins near the grid (up to NEAR past either end) are looked up in flat arrays; the rare far ones in a set
  // and a map. Both answer the same two questions: was bin b seen, and did b ever follow bin a.
  private readonly span: number;
  private readonly seenFar = new Set<number>();
  private anySeen = false;
  /** followersFar: bin a → the bins that followed it, for the pairs with a far bin on either side. */
  private readonly followersFar = new Map<number, Set<number>>();
  /** The previous value's bin, when there is one (none at the start and after a NaN). */
  private hasPrev = false;
  private prev = 0;
  // The detector scores a value and then learns the same value: the bin of the last value scored is kept so that it
  // is computed once (the grid never changes once fixed; a value of 0 and of −0 give bins that act alike).
  private lastValue = NaN;
  private lastBin = 0;

  /**
   * @param seenNear bin b (near) was seen, at b + NEAR
   * @param hasFollowers bin a (near) was followed by some bin
   * @param follows near b followed near a, at a·span + b (both offset by NEAR)
   */
  constructor(
    private readonly learnPoints: number,
    private readonly bins: number,
    private readonly seenNear: Uint8Array,
    private readonly hasFollowers: Uint8Array,
    private readonly follows: Uint8Array
  ) {
    this.span = bins + 2 * NEAR;
  }

  get ready(): boolean {
    return this.isReady;
  }

  private binOf(x: number): number {
    if (x !== this.lastValue) {
      this.lastValue = x;
      this.lastBin = Math.floor((x - this.lo) / this.width);
    }
    return this.lastBin;
  }

  /** Index of a near bin in the flat arrays, −1 for a far one. */
  private near(b: number): number {
    return b >= -NEAR && b < this.bins + NEAR ? b + NEAR : -1;
  }

  private wasSeen(b: number): boolean {
    const i = this.near(b);
    return i >= 0 ? this.seenNear[i] === 1 : this.seenFar.has(b);
  }

  /** −1: bin a was never followed by anything; 1: it was followed by b; 0: only by other bins. */
  private followed(a: number, b: number): number {
    const ia = this.near(a);
    const far = this.followersFar.size > 0 ? this.followersFar.get(a) : undefined;
    if (!((ia >= 0 && this.hasFollowers[ia] === 1) || far !== undefined)) {
      return -1;
    }
    const ib = this.near(b);
    return (ia >= 0 && ib >= 0 && this.follows[ia * this.span + ib] === 1) || (far !== undefined && far.has(b)) ? 1 : 0;
  }

  private add(x: number): void {
    if (x !== x) {
      this.hasPrev = false;
      return;
    }
    const b = this.binOf(x);
    const ib = this.near(b);
    if (ib >= 0) {
      this.seenNear[ib] = 1;
    } else {
      this.seenFar.add(b);
    }
    this.anySeen = true;
    if (this.hasPrev) {
      const prev = this.prev;
      const ia = this.near(prev);
      if (ia >= 0 && ib >= 0) {
        this.hasFollowers[ia] = 1;
        this.follows[ia * this.span + ib] = 1;
      } else {
        let f = this.followersFar.get(prev);
        if (!f) {
          f = new Set<number>();
          this.followersFar.set(prev, f);
        }
        f.add(b);
      }
    }
    this.hasPrev = true;
    this.prev = b;
  }

  score(x: number): number {
    if (!this.isReady || x !== x) {
      return NaN;
    }
    const b = this.binOf(x);
    let active = 0;
    let missed = 0;
    if (this.anySeen) {
      active++;
      missed += this.wasSeen(b) ? 0 : 1;
    }
    const f = this.hasPrev ? this.followed(this.prev, b) : -1;
    if (f >= 0) {
      active++;
      missed += f === 1 ? 0 : 1;
    }
    return active > 0 ? missed / active : 1;
  }

  learn(x: number): void {
    if (this.isReady) {
      this.add(x);
      return;
    }
    const pending = this.pending;
    pending.push(x);
    this.pendingFinite += x === x ? 1 : 0;
    if (this.pendingFinite < this.learnPoints) {
      return;
    }
    const lower = quantile(pending, 0.01);
    const upper = quantile(pending, 0.99);
    const mid = Math.abs(quantile(pending, 0.5));
    this.lo = lower;
    this.width = upper > lower ? (upper - lower) / this.bins : Math.max(mid * 1e-3, 1e-9);
    this.isReady = true;
    for (const v of pending) {
      this.add(v);
    }
    pending.length = 0;
  }

  clone(): LevelNovelty {
    const copy = levelNovelty({ learnPoints: this.learnPoints, bins: this.bins });
    copy.restore(this);
    return copy;
  }

  restore(from: LevelNovelty): void {
    if (!(from instanceof Novelty) || from.learnPoints !== this.learnPoints || from.bins !== this.bins) {
      throw new TypeError('levelNovelty.restore: the source must be a novelty with the same options');
    }
    if (from === this) {
      return;
    }
    const pending = this.pending;
    pending.length = 0;
    for (const v of from.pending) {
      pending.push(v);
    }
    this.seenNear.set(from.seenNear);
    this.hasFollowers.set(from.hasFollowers);
    this.follows.set(from.follows);
    this.seenFar.clear();
    from.seenFar.forEach((b) => this.seenFar.add(b));
    this.followersFar.clear();
    from.followersFar.forEach((f, a) => this.followersFar.set(a, new Set(f)));
    this.pendingFinite = from.pendingFinite;
    this.lo = from.lo;
    this.width = from.width;
    this.isReady = from.isReady;
    this.anySeen = from.anySeen;
    this.hasPrev = from.hasPrev;
    this.prev = from.prev;
    this.lastValue = NaN;
  }
}
