import fc from 'fast-check';
import { binByLog, binOf, MAX_SURPRISE, tailCalibrator } from '../tailCalibrator';

describe('tailCalibrator', () => {
  it('scores a new record among n learned magnitudes at −log10(1/(n + 1)) without extrapolation', () => {
    const c = tailCalibrator({ extrapolate: false });
    for (let i = 1; i <= 99; i++) {
      c.learn(i);
    }
    expect(c.surprise(1000)).toBeCloseTo(2, 10);
    expect(c.surprise(-1000)).toBeCloseTo(2, 10);
  });

  it('extrapolates past the record as an exponential tail: at least the record’s surprise, growing with distance', () => {
    const c = tailCalibrator();
    for (let i = 1; i <= 99; i++) {
      c.learn(i);
    }
    // The top 10 magnitudes start at the bin edge u ≤ 90 with mean excess e ≈ 94.5 − u; p(x) = 10/100·e^−(x−u)/e.
    const near = c.surprise(110);
    const far = c.surprise(210);
    expect(near).toBeGreaterThanOrEqual(2);
    expect(far).toBeGreaterThan(near + 5);
    // Linear in the distance: equal steps add equal surprise.
    expect(c.surprise(310) - far).toBeCloseTo(far - near, 6);
    // Inside the learned range the empirical share holds.
    expect(c.surprise(50)).toBeCloseTo(-Math.log10((1 + 50) / 100), 1);
  });

  it('scores a step out of a flat history at the finite cap', () => {
    const c = tailCalibrator();
    for (let i = 0; i < 500; i++) {
      c.learn(0);
    }
    expect(c.surprise(0)).toBe(0);
    expect(c.surprise(1e-6)).toBe(MAX_SURPRISE);
    expect(Number.isFinite(c.surprise(1e300))).toBe(true);
  });

  it('scores the smallest magnitude 0 and counts values in the same 4.4 % bin as at least as large', () => {
    const c = tailCalibrator();
    [1, 2, 3, 4].forEach((v) => c.learn(v));
    expect(c.surprise(0.5)).toBe(0);
    // 4 and 4.01 share a bin: p = (1 + 1)/5.
    expect(c.surprise(4.01)).toBeCloseTo(-Math.log10(2 / 5), 10);
  });

  it('returns 0 before anything is learned and ignores NaN', () => {
    const c = tailCalibrator();
    expect(c.surprise(5)).toBe(0);
    c.learn(NaN);
    expect(c.count).toBe(0);
    expect(c.tailQuantile(0.1)).toBeNaN();
  });

  it('inverts the tail within one bin: the 1 % tail of 1…1000 lies near 990', () => {
    const c = tailCalibrator();
    for (let i = 1; i <= 1000; i++) {
      c.learn(i);
    }
    const q = c.tailQuantile(0.01);
    expect(q).toBeGreaterThanOrEqual(990);
    expect(q).toBeLessThan(990 * 1.05);
  });

  it('answers a tail quantile asked after every learn (the band’s use) as a calibrator fed the values afresh does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(0), fc.constant(NaN)), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.constantFrom(0.0027, 0.01, 0.5),
        fc.constantFrom(0.05, 0.9),
        (values, p, otherP) => {
          const tracked = tailCalibrator();
          values.forEach((v, i) => {
            tracked.learn(v);
            // Now and then another share, as a second caller would ask, before the band's again.
            const asked = i % 7 === 3 ? otherP : p;
            const fresh = tailCalibrator();
            values.slice(0, i + 1).forEach((u) => fresh.learn(u));
            expect(Object.is(tracked.tailQuantile(asked), fresh.tailQuantile(asked))).toBe(true);
          });
        }
      ),
      { numRuns: 60 }
    );
  });
});

test('a clone goes on from the same state and learns independently of its original', () => {
  const a = tailCalibrator();
  for (let i = 1; i <= 200; i++) {
    a.learn((i * 37) % 101);
  }
  a.tailQuantile(0.01);
  const b = a.clone();
  expect([b.count, b.surprise(90), b.surprise(500), b.tailQuantile(0.01)]).toEqual([
    a.count,
    a.surprise(90),
    a.surprise(500),
    a.tailQuantile(0.01),
  ]);
  for (let i = 0; i < 50; i++) {
    b.learn(1000);
  }
  expect(a.count).toBe(200);
  expect(a.surprise(1000)).not.toBe(b.surprise(1000));
  // The original, fed the same values, ends where the clone did.
  for (let i = 0; i < 50; i++) {
    a.learn(1000);
  }
  expect([a.surprise(1000), a.tailQuantile(0.01)]).toEqual([b.surprise(1000), b.tailQuantile(0.01)]);
});

test('restore puts a calibrator in another’s state in place: it then answers and learns as that one would', () => {
  const source = tailCalibrator();
  for (let i = 1; i <= 300; i++) {
    source.learn(((i * 37) % 101) / 7);
  }
  source.tailQuantile(0.0027);
  // A calibrator that learned something else entirely, its band's tracked quantile far below the source's.
  const target = tailCalibrator();
  for (let i = 0; i < 500; i++) {
    target.learn(1e-6 * (1 + i));
  }
  target.tailQuantile(0.0027);
  target.restore(source);
  const reference = source.clone();
  const probe = (c: ReturnType<typeof tailCalibrator>) => [
    c.count,
    ...[0, 3, 14, 15, 40, 1e3].map((x) => c.surprise(x)),
    c.tailQuantile(0.0027),
    c.tailQuantile(0.2),
  ];
  expect(probe(target)).toEqual(probe(reference));
  // They go on alike, and learning in the restored one leaves the source as it was.
  for (let i = 0; i < 80; i++) {
    target.learn(20 + i);
    reference.learn(20 + i);
    expect(target.tailQuantile(0.0027)).toBe(reference.tailQuantile(0.0027));
  }
  expect(probe(target)).toEqual(probe(reference));
  expect(source.count).toBe(300);
  expect(() => tailCalibrator({ extrapolate: false }).restore(source)).toThrow(TypeError);
});

/** x moved by k units in the last place (k > 0 up, k < 0 down; x > 0). */
function ulpsFrom(x: number, k: number): number {
  const word = Float64Array.of(x);
  const bits = new BigUint64Array(word.buffer);
  bits[0] = BigInt.asUintN(64, bits[0] + BigInt(k));
  return word[0];
}

test('bins a magnitude as its definition does, 1 + ⌊16·(log2 x + 64)⌋, at and near every bin edge', () => {
  const mismatches: number[] = [];
  const check = (x: number) => {
    if (binOf(x) !== binByLog(x)) {
      mismatches.push(x);
    }
  };
  for (let b = 0; b <= 2050; b++) {
    const edge = 2 ** (-64 + b / 16);
    for (let k = -8; k <= 8; k++) {
      check(ulpsFrom(edge, k));
    }
    // Just inside and just outside the window where the logarithm decides.
    for (const r of [1 - 2 ** -29, 1 - 2 ** -31, 1 + 2 ** -31, 1 + 2 ** -29]) {
      check(edge * r);
    }
  }
  // Where a slice of the mantissa starts (the table's own steps), and integers and decimals as series hold them.
  for (let e = -66; e < 66; e++) {
    for (let s = 0; s < 64; s++) {
      [-1, 0, 1].forEach((k) => check(ulpsFrom(2 ** e * (1 + s / 64), k)));
    }
  }
  for (let i = 0; i <= 20_000; i++) {
    check(i);
    check(i / 1000);
  }
  [
    0,
    -0,
    -1,
    NaN,
    Infinity,
    5e-324,
    2 ** -64,
    ulpsFrom(2 ** -64, 1),
    2 ** 63,
    ulpsFrom(2 ** 63, -1),
    2 ** 64,
    1e308,
  ].forEach(check);
  expect(mismatches).toEqual([]);
  expect(binOf(0)).toBe(0);
  expect(binOf(1)).toBe(1 + 64 * 16);
  expect(binOf(1e300)).toBe(2048);
});

test('bins any double as its definition does', () => {
  fc.assert(
    fc.property(fc.oneof(fc.double({ min: 0, noNaN: true }), fc.double({ min: 2 ** -70, max: 2 ** 70 })), (x) => {
      expect(binOf(x)).toBe(binByLog(x));
    }),
    { numRuns: 5000 }
  );
});
