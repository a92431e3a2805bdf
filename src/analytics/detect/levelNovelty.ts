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

/** Everything the novelty has learned (its copy starts from it). */
interface NoveltyState {
  pending: number[];
  pendingFinite: number;
  lo: number;
  width: number;
  ready: boolean;
  seenNear: Uint8Array;
  seenFar: Set<number>;
  anySeen: boolean;
  hasFollowers: Uint8Array;
  follows: Uint8Array;
  followersFar: Map<number, Set<number>>;
  prev: number | undefined;
}

/** Bins past either end of the grid kept in flat arrays (further ones, rare, in a set). */
const NEAR = 64;

export function levelNovelty(options: LevelNoveltyOptions = {}): LevelNovelty {
  const learnPoints = Math.max(2, Math.floor(options.learnPoints ?? 300));
  const bins = Math.max(1, Math.floor(options.bins ?? 12));
  const span = bins + 2 * NEAR;
  return noveltyFrom(learnPoints, bins, {
    pending: [],
    pendingFinite: 0,
    lo: 0,
    width: 0,
    ready: false,
    seenNear: new Uint8Array(span),
    seenFar: new Set<number>(),
    anySeen: false,
    hasFollowers: new Uint8Array(span),
    follows: new Uint8Array(span * span),
    followersFar: new Map<number, Set<number>>(),
    prev: undefined,
  });
}

/** Each novelty's live state and options, for `restore` (which reads another novelty's closure). */
const internals = new WeakMap<LevelNovelty, () => NoveltyState & { learnPoints: number; bins: number }>();

function noveltyFrom(learnPoints: number, bins: number, state: NoveltyState): LevelNovelty {
  const pending = state.pending;
  let pendingFinite = state.pendingFinite;
  let lo = state.lo;
  let width = state.width;
  let ready = state.ready;
  // Bins near the grid (up to NEAR past either end) are looked up in flat arrays; the rare far ones in a set
  // and a map. Both answer the same two questions: was bin b seen, and did b ever follow bin a.
  const span = bins + 2 * NEAR;
  const { seenNear, seenFar, hasFollowers, follows, followersFar } = state;
  let anySeen = state.anySeen;
  // hasFollowers[a]: bin a (near) was followed by some bin; follows[a·span + b]: near b followed near a.
  // followersFar: bin a → the bins that followed it, for the pairs with a far bin on either side.
  let prev = state.prev;
  const binOf = (x: number) => Math.floor((x - lo) / width);
  /** Index of a near bin in the flat arrays, −1 for a far one. */
  const near = (b: number) => (b >= -NEAR && b < bins + NEAR ? b + NEAR : -1);
  const wasSeen = (b: number) => {
    const i = near(b);
    return i >= 0 ? seenNear[i] === 1 : seenFar.has(b);
  };
  /** −1: bin a was never followed by anything; 1: it was followed by b; 0: only by other bins. */
  const followed = (a: number, b: number): number => {
    const ia = near(a);
    const far = followersFar.size > 0 ? followersFar.get(a) : undefined;
    if (!((ia >= 0 && hasFollowers[ia] === 1) || far !== undefined)) {
      return -1;
    }
    const ib = near(b);
    return (ia >= 0 && ib >= 0 && follows[ia * span + ib] === 1) || (far !== undefined && far.has(b)) ? 1 : 0;
  };
  const add = (x: number) => {
    if (x !== x) {
      prev = undefined;
      return;
    }
    const b = binOf(x);
    const ib = near(b);
    if (ib >= 0) {
      seenNear[ib] = 1;
    } else {
      seenFar.add(b);
    }
    anySeen = true;
    if (prev !== undefined) {
      const ia = near(prev);
      if (ia >= 0 && ib >= 0) {
        hasFollowers[ia] = 1;
        follows[ia * span + ib] = 1;
      } else {
        let f = followersFar.get(prev);
        if (!f) {
          f = new Set<number>();
          followersFar.set(prev, f);
        }
        f.add(b);
      }
    }
    prev = b;
  };
  const novelty: LevelNovelty = {
    get ready() {
      return ready;
    },
    score(x: number): number {
      if (!ready || x !== x) {
        return NaN;
      }
      const b = binOf(x);
      let active = 0;
      let missed = 0;
      if (anySeen) {
        active++;
        missed += wasSeen(b) ? 0 : 1;
      }
      const f = prev === undefined ? -1 : followed(prev, b);
      if (f >= 0) {
        active++;
        missed += f === 1 ? 0 : 1;
      }
      return active > 0 ? missed / active : 1;
    },
    learn(x: number): void {
      if (ready) {
        add(x);
        return;
      }
      pending.push(x);
      pendingFinite += x === x ? 1 : 0;
      if (pendingFinite < learnPoints) {
        return;
      }
      const lower = quantile(pending, 0.01);
      const upper = quantile(pending, 0.99);
      const mid = Math.abs(quantile(pending, 0.5));
      lo = lower;
      width = upper > lower ? (upper - lower) / bins : Math.max(mid * 1e-3, 1e-9);
      ready = true;
      for (const v of pending) {
        add(v);
      }
      pending.length = 0;
    },
    clone(): LevelNovelty {
      return noveltyFrom(learnPoints, bins, {
        pending: pending.slice(),
        pendingFinite,
        lo,
        width,
        ready,
        seenNear: seenNear.slice(),
        seenFar: new Set(seenFar),
        anySeen,
        hasFollowers: hasFollowers.slice(),
        follows: follows.slice(),
        followersFar: new Map(Array.from(followersFar, ([a, f]) => [a, new Set(f)])),
        prev,
      });
    },
    restore(from: LevelNovelty): void {
      const source = internals.get(from)?.();
      if (!source || source.learnPoints !== learnPoints || source.bins !== bins) {
        throw new TypeError('levelNovelty.restore: the source must be a novelty with the same options');
      }
      if (source.pending !== pending) {
        pending.length = 0;
        for (const v of source.pending) {
          pending.push(v);
        }
      }
      seenNear.set(source.seenNear);
      hasFollowers.set(source.hasFollowers);
      follows.set(source.follows);
      if (source.seenFar !== seenFar) {
        seenFar.clear();
        source.seenFar.forEach((b) => seenFar.add(b));
        followersFar.clear();
        source.followersFar.forEach((f, a) => followersFar.set(a, new Set(f)));
      }
      ({ pendingFinite, lo, width, ready, anySeen, prev } = source);
    },
  };
  internals.set(novelty, () => ({
    learnPoints,
    bins,
    pending,
    pendingFinite,
    lo,
    width,
    ready,
    seenNear,
    seenFar,
    anySeen,
    hasFollowers,
    follows,
    followersFar,
    prev,
  }));
  return novelty;
}
