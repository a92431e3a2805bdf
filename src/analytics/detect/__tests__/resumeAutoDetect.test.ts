import { gaussian } from '../../bands/__tests__/bandTestKit';
import {
  autoDetect,
  type AutoDetectCheckpoint,
  type AutoDetectOptions,
  type AutoDetectResult,
  AutoDetectSession,
  resumeAutoDetect,
} from '../autoDetect';

const KEYS = ['expected', 'lower', 'upper', 'score', 'sigma', 'flag', 'signal', 'usual'] as const;

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

/** Every output copied out (a session's result is valid only until its next call). */
function copyOf(r: AutoDetectResult): AutoDetectResult {
  return Object.fromEntries(KEYS.map((k) => [k, r[k].slice()])) as unknown as AutoDetectResult;
}

describe('resumeAutoDetect with a session (reused buffers)', () => {
  it('equals autoDetect from scratch call after call, one session serving several series, options and checkpoints', () => {
    const session = new AutoDetectSession();
    const kept = new Map<number, AutoDetectCheckpoint>();
    // Interleaved evaluations of six series (seasons 0, 24, 144, 288; other options), each growing a little per
    // round, some rounds resuming, some starting again (a revised point), all through the same session.
    for (let round = 0; round < 4; round++) {
      for (let seed = 1; seed <= 6; seed++) {
        const { y, season: own } = randomSeries(seed);
        // Most share a season, so the session's state is restored in place; the others make it start afresh. A
        // short trailing window wraps its ring within these lengths.
        const season = seed <= 4 ? 24 : own;
        const window = 150;
        const options: AutoDetectOptions =
          seed % 3 === 0 ? { season, window, threshold: 2.5, minPoints: 3 } : { season, window };
        const n = Math.min(y.length, 250 + round * 90 + seed * 13);
        const values = y.slice(0, n);
        const revised = (k: number) => k === 2 && seed % 2 === 0;
        if (revised(round)) {
          values[Math.floor(n / 3)] += 40;
        }
        const r = resumeAutoDetect(values, options, kept.get(seed), n - 1 - (round % 3) * 20, session);
        // A revised point (in this round's values or in the checkpoint's) means starting again.
        const resumes = round > 0 && !revised(round) && !revised(round - 1);
        expect(r.resumedFrom > 0).toBe(resumes);
        expectSame(r.result, autoDetect(values, options));
        kept.set(seed, r.checkpoint);
      }
    }
  });

  it('never changes a checkpoint it made: later calls on the session leave it as it was', () => {
    const session = new AutoDetectSession();
    const a = randomSeries(7);
    const b = randomSeries(11);
    const first = resumeAutoDetect(a.y.subarray(0, 1200), { season: a.season }, undefined, 1100, session);
    const snapshot = copyOf(first.checkpoint.outputs);
    // Other series and other options through the same session, then the first series resumed.
    resumeAutoDetect(b.y, { season: b.season }, undefined, 500, session);
    resumeAutoDetect(b.y, { season: 0, threshold: 3 }, undefined, 900, session);
    expectSame(first.checkpoint.outputs, snapshot);
    const resumed = resumeAutoDetect(a.y, { season: a.season }, first.checkpoint, a.y.length, session);
    expect(resumed.resumedFrom).toBe(1100);
    expectSame(resumed.result, autoDetect(a.y, { season: a.season }));
    // Without a session, the same checkpoint gives the same result.
    expectSame(resumeAutoDetect(a.y, { season: a.season }, first.checkpoint, a.y.length).result, resumed.result);
  });

  it('reuses its output buffer from call to call (read a result before the next call), up to maxPoints', () => {
    const session = new AutoDetectSession(1000);
    const { y } = randomSeries(3);
    const first = resumeAutoDetect(y.subarray(0, 600), {}, undefined, 500, session);
    const firstCopy = copyOf(first.result);
    const second = resumeAutoDetect(y.subarray(0, 640), {}, first.checkpoint, 500, session);
    expect(second.result.score.buffer).toBe(first.result.score.buffer);
    expectSame(second.result, autoDetect(y.subarray(0, 640), {}));
    expectSame(firstCopy, autoDetect(y.subarray(0, 600), {}));
    // Past maxPoints the result gets arrays of its own, which the next call leaves alone.
    const long = resumeAutoDetect(y.subarray(0, 1500), {}, undefined, 1400, session);
    const longCopy = copyOf(long.result);
    expect(long.result.score.buffer).not.toBe(second.result.score.buffer);
    resumeAutoDetect(y.subarray(0, 1600), {}, long.checkpoint, 1500, session);
    expectSame(long.result, longCopy);
    expect(session.bytes).toBeGreaterThan(0);
    session.release();
    expect(session.bytes).toBe(0);
    expectSame(
      resumeAutoDetect(y.subarray(0, 700), {}, first.checkpoint, 650, session).result,
      autoDetect(y.subarray(0, 700), {})
    );
  });
});
