import fc from 'fast-check';
import fixture from './fixtures/correlation.json';
import { crossCorrelation } from '../crossCorrelation';
import { Preprocess } from '../preprocessRange';
import { spearman } from '../spearman';
import { CorrelationMethod, rankCorrelations } from '../rankCorrelations';
import { delayed, randomWalk } from './correlationFactory';

const nan = (a: Array<number | null>) => a.map((v) => (v === null ? NaN : v));

describe('rankCorrelations', () => {
  const { target, candidates, cases } = fixture.ranking;
  const tgt = nan(target);
  const cands = candidates.map(nan);

  it.each(cases.map((c) => [c.preprocess, c.method, c] as const))(
    'agrees with the numpy/scipy reference (%s, %s): score to 1e-9, same lag and overlap',
    (preprocess, method, c) => {
      const result = rankCorrelations(tgt, cands, {
        window: c.window,
        contextBefore: c.contextBefore,
        maxLag: c.maxLag,
        preprocess: preprocess as Preprocess,
        method: method as CorrelationMethod,
      });
      const byIndex = new Map(result.map((r) => [r.index, r]));
      c.expected.forEach((e) => {
        const r = byIndex.get(e.index)!;
        if (e.score === null) {
          expect([e.index, r.score]).toEqual([e.index, NaN]);
        } else {
          expect([e.index, r.lag, r.overlap]).toEqual([e.index, e.lag, e.overlap]);
          expect(Math.abs(r.score - e.score)).toBeLessThan(1e-9);
        }
      });
    }
  );

  it('sorts by |score| with NaN last and breaks ties by |lag| then index', () => {
    const result = rankCorrelations(tgt, cands, { window: { start: 80, end: 140 }, maxLag: 6 });
    for (let i = 1; i < result.length; i++) {
      const a = result[i - 1];
      const b = result[i];
      if (Number.isNaN(a.score)) {
        expect(b.score).toBeNaN();
      } else if (!Number.isNaN(b.score)) {
        expect(Math.abs(a.score)).toBeGreaterThanOrEqual(Math.abs(b.score));
      }
    }
    const x = randomWalk(40, 2);
    const tie = rankCorrelations(x, [x, x, x]);
    expect(tie.map((r) => r.index)).toEqual([0, 1, 2]);
  });

  it('finds a lagged copy at the right lag with score ≈ 1 and a negated copy with direction −1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: -8, max: 8 }), (seed, lag) => {
        const x = randomWalk(400, seed);
        const leadsBy = delayed(x, -lag); // candidate[i] = x[i + lag]: leads by `lag`
        const result = rankCorrelations(x, [randomWalk(400, seed + 7), leadsBy, leadsBy.map((v) => -3 * v + 1)], {
          window: { start: 200, end: 300 },
          maxLag: 10,
        });
        const copy = result.find((r) => r.index === 1)!;
        const negated = result.find((r) => r.index === 2)!;
        expect(copy.lag).toBe(lag);
        expect(copy.score).toBeCloseTo(1, 9);
        expect(copy.direction).toBe(1);
        expect(negated.lag).toBe(lag);
        expect(negated.direction).toBe(-1);
        expect(negated.score).toBeCloseTo(-1, 9);
        expect(result[2].index).toBe(0); // the unrelated walk ranks last
      }),
      { numRuns: 25 }
    );
  });

  it('over the whole series the NaN that differencing puts at index 0 is trimmed, not fatal', () => {
    const x = randomWalk(200, 12);
    const diffs = Array.from(x, (v, i) => (i === 0 ? NaN : v - x[i - 1]));
    const y = randomWalk(200, 13);
    const dy = Array.from(y, (v, i) => (i === 0 ? NaN : v - y[i - 1]));
    const [r] = rankCorrelations(x, [y], { maxLag: 0 });
    expect(r.overlap).toBe(199);
    expect(r.score).toBeCloseTo(crossCorrelation(diffs, dy, { maxLag: 0 })[0], 12);
  });

  it('a Spearman score equals spearman() of the differenced pairs at the reported lag, gaps and edges included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        (seed, maxLag, gaps) => {
          const n = 80;
          const x = randomWalk(n, seed);
          const ys = [delayed(x, 2).map((v, i) => v + 0.3 * Math.sin(i * seed)), randomWalk(n, seed + 1)];
          if (gaps) {
            x[10] = NaN;
            ys[0][30] = NaN;
            ys[1][0] = NaN;
          }
          const diff = (s: ArrayLike<number>) => Array.from(s, (v, i) => (i === 0 ? NaN : v - s[i - 1]));
          const dx = diff(x);
          for (const r of rankCorrelations(x, ys, { maxLag, method: 'spearman' })) {
            const dy = diff(ys[r.index]);
            const a: number[] = [];
            const b: number[] = [];
            for (let i = Math.max(0, r.lag); i < Math.min(n, n + r.lag); i++) {
              a.push(dx[i]);
              b.push(dy[i - r.lag]);
            }
            expect(r.score).toBeCloseTo(spearman(a, b), 10);
          }
        }
      ),
      { numRuns: 60 }
    );
  });

  it('differencing stops a shared trend from faking correlation', () => {
    const target = randomWalk(300, 1, 0.5);
    const unrelated = randomWalk(300, 2, 0.5);
    const raw = rankCorrelations(target, [unrelated], { preprocess: 'none' })[0];
    const diffed = rankCorrelations(target, [unrelated], { preprocess: 'difference' })[0];
    const detrended = rankCorrelations(target, [unrelated], { preprocess: 'detrend' })[0];
    expect(raw.score).toBeGreaterThan(0.9);
    expect(Math.abs(diffed.score)).toBeLessThan(0.2);
    expect(Math.abs(detrended.score)).toBeLessThan(raw.score);
  });

  it('scores are invariant to scale and offset of target and candidates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0.01, max: 1e3, noNaN: true }),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.constantFrom<Preprocess>('none', 'difference', 'detrend'),
        fc.constantFrom<CorrelationMethod>('pearson', 'spearman'),
        (seed, k, c, preprocess, method) => {
          const x = randomWalk(120, seed);
          const ys = [randomWalk(120, seed + 1), randomWalk(120, seed + 2)];
          const opts = { maxLag: 3, preprocess, method, window: { start: 60, end: 110 } };
          const a = rankCorrelations(x, ys, opts);
          const b = rankCorrelations(
            x.map((v) => k * v + c),
            ys.map((y) => y.map((v) => 2 * v - 5)),
            opts
          );
          a.forEach((r, i) => {
            expect(b[i].index).toBe(r.index);
            expect(b[i].lag).toBe(r.lag);
            expect(b[i].score).toBeCloseTo(r.score, 7);
          });
        }
      ),
      { numRuns: 40 }
    );
  });

  it('a constant candidate scores NaN with direction 0 and never throws; a constant target gives NaN for all', () => {
    const x = randomWalk(50, 3);
    const flat = new Float64Array(50).fill(7);
    const [first, last] = rankCorrelations(x, [flat, x], { maxLag: 2 });
    expect(first.index).toBe(1);
    expect(last).toEqual({ index: 0, score: NaN, lag: 0, direction: 0, overlap: 0 });
    expect(rankCorrelations(flat, [x]).every((r) => Number.isNaN(r.score))).toBe(true);
    const allNaN = new Float64Array(50).fill(NaN);
    expect(rankCorrelations(x, [allNaN])[0].score).toBeNaN();
  });

  it('a window too short for the overlap gives NaN rather than a spurious score', () => {
    const x = randomWalk(50, 3);
    expect(rankCorrelations(x, [x], { window: { start: 10, end: 12 } })[0].score).toBeNaN();
  });

  it('accepts a row-major matrix of candidates', () => {
    const x = randomWalk(60, 4);
    const y = randomWalk(60, 5);
    const values = new Float64Array(120);
    values.set(y, 0);
    values.set(x, 60);
    const m = rankCorrelations(x, { values, seriesCount: 2, length: 60 }, { maxLag: 2 });
    const a = rankCorrelations(x, [y, x], { maxLag: 2 });
    expect(m).toEqual(a);
    expect(m[0].index).toBe(1);
  });

  it('rejects bad shapes and options with clear errors', () => {
    const x = randomWalk(20, 1);
    expect(() => rankCorrelations(x, [x.subarray(0, 10)])).toThrow(/share timestamps/);
    expect(() => rankCorrelations(x, [x], { window: { start: 5, end: 5 } })).toThrow(/window/);
    expect(() => rankCorrelations(x, [x], { window: { start: 0, end: 21 } })).toThrow(/window/);
    expect(() => rankCorrelations(x, [x], { maxLag: -1 })).toThrow(/maxLag/);
    expect(() => rankCorrelations(x, [x], { preprocess: 'log' as Preprocess })).toThrow(/preprocess/);
    expect(() => rankCorrelations(x, [x], { method: 'kendall' as CorrelationMethod })).toThrow(/method/);
    expect(() => rankCorrelations(x, { values: [1, 2], seriesCount: 1, length: 20 })).toThrow(/matrix/);
  });

  it('does not mutate the target or the candidates', () => {
    const x = randomWalk(60, 8);
    const ys = [randomWalk(60, 9), randomWalk(60, 10)];
    const xc = Float64Array.from(x);
    const yc = ys.map((y) => Float64Array.from(y));
    rankCorrelations(x, ys, { maxLag: 4, preprocess: 'detrend', method: 'spearman' });
    rankCorrelations(x, ys, { maxLag: 4, preprocess: 'difference' });
    expect(x).toEqual(xc);
    expect(ys).toEqual(yc);
  });
});
