import { seededRandom } from '../../stats/seededRandom';
import { derivative } from '../derivative';
import { secondDerivative } from '../secondDerivative';

/** A noisy parabola y = 3 + 2s + 0.5s² on jittered timestamps (about 10 s apart). */
function noisyParabola(n: number, noise: number) {
  const rand = seededRandom(5);
  const ts: number[] = [];
  let t = 1_700_000_000_000;
  for (let i = 0; i < n; i++) {
    t += 8000 + Math.round(4000 * rand());
    ts.push(t);
  }
  const t0 = ts[0];
  const y = ts.map((x) => {
    const s = (x - t0) / 1000;
    return 3 + 2 * s + 0.5 * s * s + noise * (rand() - 0.5);
  });
  const slope = ts.map((x) => 2 + (x - t0) / 1000);
  return { ts, y, slope };
}

describe('derivative and secondDerivative', () => {
  it('derivative gives speed per second on irregular timestamps', () => {
    const { ts, y, slope } = noisyParabola(40, 0);
    const d = derivative(y, ts);
    for (let i = 1; i < 39; i++) {
      expect(d[i]).toBeCloseTo(slope[i], 6);
    }
  });

  it('secondDerivative gives the acceleration of a parabola away from the ends', () => {
    const { ts, y } = noisyParabola(40, 0);
    const plain = secondDerivative(y, ts);
    const sg = secondDerivative(y, ts, { smoothing: { method: 'savitzkyGolay', halfWindow: 3 } });
    for (let i = 2; i < 38; i++) {
      expect(plain[i]).toBeCloseTo(1, 6);
    }
    sg.forEach((v) => expect(v).toBeCloseTo(1, 6));
  });

  it('Savitzky–Golay smoothing cuts the noise of the raw derivative', () => {
    const { ts, y, slope } = noisyParabola(200, 200);
    const err = (d: Float64Array) => {
      let s = 0;
      for (let i = 5; i < 195; i++) {
        s += (d[i] - slope[i]) ** 2;
      }
      return Math.sqrt(s / 190);
    };
    const raw = err(derivative(y, ts));
    const sg = err(derivative(y, ts, { smoothing: { method: 'savitzkyGolay', halfWindow: 6 } }));
    expect(sg).toBeLessThan(raw / 3);
  });

  it('EWMA smoothing keeps the slope of a line but trails a parabola (it lags)', () => {
    const { ts, y } = noisyParabola(100, 0);
    const lineY = ts.map((t) => 4 * ((t - ts[0]) / 1000));
    const line = derivative(lineY, ts, { smoothing: { method: 'ewma', halfLifeMs: 20_000 } });
    // After the start-up transient a linear trend passes through an EWMA with the same slope.
    // Jittered spacing makes the lag, hence the local slope, wobble by a few percent around 4.
    let sum = 0;
    for (let i = 60; i < 99; i++) {
      expect(Math.abs(line[i] - 4)).toBeLessThan(0.2);
      sum += line[i];
    }
    expect(sum / 39).toBeCloseTo(4, 1);
    const para = derivative(y, ts, { smoothing: { method: 'ewma', halfLifeMs: 20_000 } });
    const plain = derivative(y, ts);
    expect(para[80]).toBeLessThan(plain[80]);
  });

  it('rejects an unknown smoothing method and mismatched inputs', () => {
    expect(() => derivative([1, 2], [0, 1], { smoothing: { method: 'kalman' } as never })).toThrow(/unknown smoothing/);
    expect(() => secondDerivative([1, 2], [0])).toThrow(/differ in length/);
  });

  it('does not mutate its inputs', () => {
    const { ts, y } = noisyParabola(20, 1);
    const yc = y.slice();
    const tc = ts.slice();
    derivative(y, ts, { smoothing: { method: 'savitzkyGolay' } });
    secondDerivative(y, ts, { smoothing: { method: 'ewma', halfLifeMs: 1000 } });
    expect(y).toEqual(yc);
    expect(ts).toEqual(tc);
  });
});
