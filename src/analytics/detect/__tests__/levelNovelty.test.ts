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
});
