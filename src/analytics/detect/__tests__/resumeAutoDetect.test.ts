import { gaussian } from '../../bands/__tests__/bandTestKit';
import { autoDetect, type AutoDetectOptions, type AutoDetectResult, resumeAutoDetect } from '../autoDetect';

const KEYS = ['expected', 'lower', 'upper', 'score', 'sigma', 'flag', 'signal'] as const;

/** Bit-for-bit equality of every output (0 and −0 told apart, NaN equal to NaN). */
function expectSame(a: AutoDetectResult, b: AutoDetectResult): void {
  for (const key of KEYS) {
    expect(a[key].length).toBe(b[key].length);
    const differs = Array.from(a[key]).findIndex((v, i) => !Object.is(v, b[key][i]));
    expect({ key, differs }).toEqual({ key, differs: -1 });
  }
}

/** A seeded series with a season, level shifts, spikes, gaps (NaN runs), flat and integer stretches. */
function randomSeries(seed: number): { y: Float64Array; season: number } {
  const g = gaussian(seed);
  let s = seed * 7919 + 1;
  const u = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const season = [0, 24, 144, 288][seed % 4];
  const n = 300 + Math.floor(u() * 3000);
  const y = new Float64Array(n);
  let level = 10 + 100 * u();
  for (let i = 0; i < n; i++) {
    if (u() < 0.003) {
      level += (u() - 0.5) * 60;
    }
    y[i] = level + (season ? 8 * Math.sin((2 * Math.PI * i) / season) : 0) + 2 * g() + (u() < 0.004 ? 50 : 0);
  }
  for (let k = 0; k < 3; k++) {
    const at = Math.floor(u() * n);
    const len = Math.floor(u() * 40);
    const what = u();
    for (let i = at; i < Math.min(n, at + len); i++) {
      y[i] = what < 0.4 ? NaN : what < 0.7 ? 5 : Math.round(y[i]);
    }
  }
  return { y, season };
}

describe('resumeAutoDetect', () => {
  it('equals autoDetect from scratch on random series, options, split points, gaps and NaN', () => {
    for (let seed = 1; seed <= 24; seed++) {
      const { y, season } = randomSeries(seed);
      const options: AutoDetectOptions =
        seed % 3 === 0 ? { season, threshold: 2.5, minPoints: 3 } : { season, phase: seed };
      const n = y.length;
      const fresh = autoDetect(y, options);
      // A first evaluation of a shorter range, checkpointed somewhere in it, then the longer one resumed from it.
      const firstLength = 1 + ((seed * 977) % n);
      const at = (seed * 131) % (firstLength + 1);
      const first = resumeAutoDetect(y.subarray(0, firstLength), options, undefined, at);
      expect(first.resumedFrom).toBe(0);
      expectSame(first.result, autoDetect(y.subarray(0, firstLength), options));
      const second = resumeAutoDetect(y, options, first.checkpoint, n - 1 - (seed % 7));
      expect(second.resumedFrom).toBe(at);
      expectSame(second.result, fresh);
      // And again from the second's checkpoint: a chain of evaluations stays exact.
      const third = resumeAutoDetect(y, options, second.checkpoint, n);
      expect(third.resumedFrom).toBe(second.checkpoint.points);
      expectSame(third.result, fresh);
    }
  });

  it('leaves the checkpoint as it was: resuming twice from it gives the same result', () => {
    const { y, season } = randomSeries(5);
    const first = resumeAutoDetect(y.subarray(0, 1000), { season }, undefined, 900);
    const a = resumeAutoDetect(y, { season }, first.checkpoint, y.length);
    const b = resumeAutoDetect(y, { season }, first.checkpoint, y.length);
    expect(b.resumedFrom).toBe(900);
    expectSame(a.result, b.result);
    expectSame(a.result, autoDetect(y, { season }));
  });

  it('starts again when a point of the checkpointed prefix changed, or the options did', () => {
    const g = gaussian(3);
    const y = Float64Array.from({ length: 2000 }, () => 50 + 3 * g());
    const first = resumeAutoDetect(y.subarray(0, 1500), { season: 24 }, undefined, 1400);
    const revised = y.slice();
    revised[700] = 80;
    const again = resumeAutoDetect(revised, { season: 24 }, first.checkpoint, 1990);
    expect(again.resumedFrom).toBe(0);
    expectSame(again.result, autoDetect(revised, { season: 24 }));
    // 0 and −0, or a NaN that became a value, count as changes too.
    const signed = y.slice();
    signed[10] = NaN;
    const nanFirst = resumeAutoDetect(signed.subarray(0, 1500), { season: 24 }, undefined, 1400);
    expect(resumeAutoDetect(y, { season: 24 }, nanFirst.checkpoint, 1990).resumedFrom).toBe(0);
    const other = resumeAutoDetect(y, { season: 24, threshold: 3 }, first.checkpoint, 1990);
    expect(other.resumedFrom).toBe(0);
    expectSame(other.result, autoDetect(y, { season: 24, threshold: 3 }));
    // A series shorter than the checkpoint cannot resume from it.
    expect(resumeAutoDetect(y.subarray(0, 1000), { season: 24 }, first.checkpoint, 900).resumedFrom).toBe(0);
  });

  it('checkpoints at the asked point, clamped to the series and never before the resumed point', () => {
    const g = gaussian(4);
    const y = Float64Array.from({ length: 600 }, () => 50 + 3 * g());
    expect(resumeAutoDetect(y, {}, undefined, 10_000).checkpoint.points).toBe(600);
    expect(resumeAutoDetect(y, {}, undefined, -5).checkpoint.points).toBe(0);
    const first = resumeAutoDetect(y.subarray(0, 400), {}, undefined, 400);
    expect(resumeAutoDetect(y, {}, first.checkpoint, 100).checkpoint.points).toBe(400);
  });
});

test('resumeAutoDetect hands back the given checkpoint when asked for one at its point', () => {
  const g = gaussian(9);
  const y = Float64Array.from({ length: 800 }, () => 50 + 3 * g());
  const first = resumeAutoDetect(y.subarray(0, 700), {}, undefined, 650);
  const again = resumeAutoDetect(y, {}, first.checkpoint, 650);
  expect(again.checkpoint).toBe(first.checkpoint);
  expect(again.resumedFrom).toBe(650);
  expectSame(again.result, autoDetect(y, {}));
  expect(resumeAutoDetect(y, {}, first.checkpoint, 700).checkpoint).not.toBe(first.checkpoint);
});
