/**
 * Derivative-free minimisation by the Nelder–Mead simplex method (Nelder & Mead 1965, Computer Journal 7(4);
 * standard coefficients reflection 1, expansion 2, contraction ½, shrink ½ as in Lagarias et al. 1998,
 * SIAM J. Optim. 9(1)). Our own: a few dozen lines, used to fit smoothing parameters, which are few (≤ 4)
 * and box-bounded, so the objective clamps them and no gradient is needed.
 */

export interface NelderMeadOptions {
  /** Initial simplex edge per coordinate. Default 0.1. */
  step?: number;
  /** Stop when the spread of objective values in the simplex falls below this. Default 1e-10. */
  tolerance?: number;
  /** Maximum objective evaluations. Default 2000. */
  maxEvaluations?: number;
}

export interface NelderMeadResult {
  x: Float64Array;
  value: number;
  evaluations: number;
}

/** Minimises `f` from `start`. Non-finite objective values count as +Infinity. */
export function nelderMead(
  f: (x: Float64Array) => number,
  start: ArrayLike<number>,
  options: NelderMeadOptions = {}
): NelderMeadResult {
  const step = options.step ?? 0.1;
  const tolerance = options.tolerance ?? 1e-10;
  const maxEvaluations = options.maxEvaluations ?? 2000;
  const d = start.length;
  let evaluations = 0;
  const evaluate = (x: Float64Array): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const points: Float64Array[] = [];
  const values: number[] = [];
  for (let i = 0; i <= d; i++) {
    const p = Float64Array.from(start);
    if (i > 0) {
      p[i - 1] += step;
    }
    points.push(p);
    values.push(evaluate(p));
  }
  const centroid = new Float64Array(d);
  const trial = (from: Float64Array, towards: Float64Array, t: number): Float64Array => {
    const out = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      out[j] = from[j] + t * (towards[j] - from[j]);
    }
    return out;
  };
  while (evaluations < maxEvaluations) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const sortedP = order.map((i) => points[i]);
    const sortedV = order.map((i) => values[i]);
    for (let i = 0; i <= d; i++) {
      points[i] = sortedP[i];
      values[i] = sortedV[i];
    }
    if (Math.abs(values[d] - values[0]) <= tolerance * (Math.abs(values[0]) + tolerance)) {
      break;
    }
    centroid.fill(0);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        centroid[j] += points[i][j] / d;
      }
    }
    const worst = points[d];
    const reflected = trial(centroid, worst, -1);
    const fr = evaluate(reflected);
    if (fr < values[0]) {
      const expanded = trial(centroid, worst, -2);
      const fe = evaluate(expanded);
      if (fe < fr) {
        points[d] = expanded;
        values[d] = fe;
      } else {
        points[d] = reflected;
        values[d] = fr;
      }
      continue;
    }
    if (fr < values[d - 1]) {
      points[d] = reflected;
      values[d] = fr;
      continue;
    }
    const outside = fr < values[d];
    const contracted = outside ? trial(centroid, worst, -0.5) : trial(centroid, worst, 0.5);
    const fc = evaluate(contracted);
    if (fc < (outside ? fr : values[d])) {
      points[d] = contracted;
      values[d] = fc;
      continue;
    }
    for (let i = 1; i <= d; i++) {
      points[i] = trial(points[0], points[i], 0.5);
      values[i] = evaluate(points[i]);
    }
  }
  let best = 0;
  for (let i = 1; i <= d; i++) {
    if (values[i] < values[best]) {
      best = i;
    }
  }
  return { x: points[best], value: values[best], evaluations };
}
