import fc from 'fast-check';
import { levelNovelty } from '../levelNovelty';

describe('levelNovelty', () => {
  it('has no opinion until the grid is fixed from the first learnPoints values', () => {
    const n = levelNovelty({ learnPoints: 4, bins: 4 });
    [0, 1, 2].forEach((v) => n.learn(v));
    expect(n.score(1)).toBeNaN();
    n.learn(3);
    expect(n.ready).toBe(true);
  });

  it('scores 0 for a known step between known levels, 0.5 for a new step, 1 for a level never seen', () => {
    const n = levelNovelty({ learnPoints: 4, bins: 4 });
    // Grid over 0…3 (4 bins of width ≈ 0.7); steps seen: 0→1→2→3.
    [0, 1, 2, 3].forEach((v) => n.learn(v));
    n.learn(0); // 3 → 0 learned too
    expect(n.score(1)).toBe(0); // 0 → 1 seen
    expect(n.score(2)).toBe(0.5); // 0 → 2 new step, level 2 known
    expect(n.score(50)).toBe(1); // never seen
  });

  it('breaks the step context at NaN', () => {
    const n = levelNovelty({ learnPoints: 2, bins: 2 });
    [0, 1].forEach((v) => n.learn(v));
    n.learn(NaN);
    expect(n.score(0)).toBe(0); // only the level context is active
    expect(n.score(NaN)).toBeNaN();
  });

  it('remembers levels and steps far outside the learning grid as it does those on it', () => {
    // Grid fixed from 0…9 (bins of width 0.75); the walk then wanders hundreds of bins away and back. Reference:
    // the definition written with a set of seen bins and a set of followers per bin.
    fc.assert(
      fc.property(
        fc.array(
          // A few levels repeated (on the grid, just off it, far off it), so that steps between them recur.
          fc.oneof(
            fc.constantFrom(-4000, -60, -1, 0, 4.5, 9, 50, 70, 3000, NaN),
            fc.double({ min: -5000, max: 5000, noNaN: true })
          ),
          { maxLength: 200 }
        ),
        (walk) => {
          const n = levelNovelty({ learnPoints: 10, bins: 12 });
          const grid = Array.from({ length: 10 }, (_, i) => i);
          grid.forEach((v) => n.learn(v));
          const bin = (x: number) => Math.floor((x - 0.09) / ((8.91 - 0.09) / 12));
          const seen = new Set<number>();
          const followers = new Map<number, Set<number>>();
          let prev: number | undefined;
          const add = (x: number) => {
            if (x !== x) {
              prev = undefined;
              return;
            }
            const b = bin(x);
            seen.add(b);
            if (prev !== undefined) {
              followers.set(prev, (followers.get(prev) ?? new Set<number>()).add(b));
            }
            prev = b;
          };
          grid.forEach(add);
          for (const x of walk) {
            if (x === x) {
              const b = bin(x);
              const f = prev === undefined ? undefined : followers.get(prev);
              const expected = ((seen.has(b) ? 0 : 1) + (f ? (f.has(b) ? 0 : 1) : 0)) / (f ? 2 : 1);
              expect(n.score(x)).toBe(expected);
            }
            n.learn(x);
            add(x);
          }
        }
      )
    );
  });
});

test('a clone goes on from the same state and learns independently of its original', () => {
  for (const learned of [5, 40]) {
    const a = levelNovelty({ learnPoints: 20, bins: 4 });
    for (let i = 0; i < learned; i++) {
      a.learn(i % 10);
    }
    const b = a.clone();
    expect(b.ready).toBe(a.ready);
    // Far levels (beyond the flat arrays) and near ones, learned by the clone only.
    for (const x of [3, 1e6, 2e6, 3, 11]) {
      b.learn(x);
    }
    for (const x of [20, 5, 1e6, 2e6]) {
      a.learn(x);
    }
    const c = levelNovelty({ learnPoints: 20, bins: 4 });
    for (let i = 0; i < learned; i++) {
      c.learn(i % 10);
    }
    for (const x of [20, 5, 1e6, 2e6]) {
      c.learn(x);
    }
    // The original is as if the clone never existed.
    expect([0, 3, 11, 1e6, 2e6, 3e6].map((x) => a.score(x))).toEqual([0, 3, 11, 1e6, 2e6, 3e6].map((x) => c.score(x)));
  }
});

test('restore puts a novelty in another’s state in place: it then scores and learns as that one would', () => {
  // Levels near the grid, past its ends, far beyond (held outside the flat arrays), and gaps.
  const level = fc.constantFrom(-30, -3, -1, 0, 1, 2, 3, 5, 8, 9, 12, 40, 1e6, -1e6, 3e6, NaN);
  // Histories around the 12 values that fix the grid: before it, just at it, well past it.
  const history = fc.array(level, { minLength: 0, maxLength: 40, size: 'max' });
  fc.assert(
    fc.property(history, history, history, (sourceValues, targetValues, probe) => {
      const make = () => levelNovelty({ learnPoints: 12, bins: 4 });
      const source = make();
      sourceValues.forEach((x) => source.learn(x));
      // A novelty that learned something else, on a grid of its own, to be overwritten.
      const target = make();
      targetValues.forEach((x) => target.learn(x * 7 + 100));
      target.restore(source);
      const reference = source.clone();
      const scores = (n: ReturnType<typeof make>) =>
        probe.map((x) => {
          const s = n.score(x);
          n.learn(x);
          return s;
        });
      expect(target.ready).toBe(reference.ready);
      expect(scores(target)).toEqual(scores(reference));
      // The source did not learn what the restored one did.
      const rebuilt = make();
      sourceValues.forEach((x) => rebuilt.learn(x));
      expect(scores(source)).toEqual(scores(rebuilt));
    }),
    { numRuns: 300 }
  );
  expect(() => levelNovelty({ bins: 5 }).restore(levelNovelty({ bins: 4 }))).toThrow(TypeError);
});
