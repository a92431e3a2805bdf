import { gaussian } from '../../../analytics/bands/__tests__/bandTestKit';
import { validateQuery } from '../../../shared/validateQuery';
import { analyseSeries, type SeriesAnalysis } from '../analyseSeries';
import { modelCaches } from '../modelCaches';

const STEP = 60_000;
const T0 = 1_700_000_000_000 - (1_700_000_000_000 % 3_600_000);
const options = validateQuery({ refId: 'A', schemaVersion: 2, expr: 'm', outputs: ['raw', 'band', 'score', 'flag'] });

/** Three days and a bit of a noisy daily cycle at 1 min, with an incident near the end. */
function series(n: number): Float64Array {
  const g = gaussian(11);
  const y = Float64Array.from({ length: n }, (_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / 1440) + 3 * g());
  for (let i = n - 300; i < n - 280; i++) {
    y[i] *= 4;
  }
  return y;
}

function evaluate(
  values: Float64Array,
  visibleStart: number,
  caches?: ReturnType<typeof modelCaches>,
  seriesKey = 's'
): SeriesAnalysis {
  const timestamps = Float64Array.from({ length: values.length }, (_, i) => T0 + i * STEP);
  return analyseSeries(
    { timestamps, values, visibleStart, stepMs: STEP, reuse: caches && { seriesKey, caches } },
    options
  );
}

function fieldsOf(a: SeriesAnalysis): Record<string, number[]> {
  return Object.fromEntries(Array.from(a.fields, ([k, v]) => [k, Array.from(v)]));
}

describe('the default detector goes on from its checkpoint between evaluations', () => {
  it('an evaluation a few minutes later, same first point, resumes and answers exactly as a fresh run', () => {
    const caches = modelCaches();
    const all = series(3 * 1440 + 1200);
    let visibleStart = 3 * 1440;
    const first = evaluate(all.subarray(0, visibleStart + 1000), visibleStart, caches);
    expect(fieldsOf(first)).toEqual(fieldsOf(evaluate(all.subarray(0, visibleStart + 1000), visibleStart)));
    for (const minutes of [1, 5, 60, 200]) {
      visibleStart += minutes;
      const values = all.subarray(0, visibleStart + 1000);
      const hitsBefore = caches.detector.stats().hits;
      const again = evaluate(values, visibleStart, caches);
      expect(caches.detector.stats().hits).toBe(hitsBefore + 1);
      expect(fieldsOf(again)).toEqual(fieldsOf(evaluate(values, visibleStart)));
      expect(again.fields.get('flag')!.some((f) => f === 1)).toBe(true);
    }
  });

  it('a revised point in the history is seen: the result is a fresh run on the new data', () => {
    const caches = modelCaches();
    const values = series(3 * 1440 + 1000);
    evaluate(values, 3 * 1440, caches);
    const revised = values.slice();
    revised[3 * 1440 + 500] = 1e4;
    expect(fieldsOf(evaluate(revised, 3 * 1440, caches))).toEqual(fieldsOf(evaluate(revised, 3 * 1440)));
  });

  it('a result handed out is never changed by later evaluations of other series through the same buffers', () => {
    const caches = modelCaches();
    const a = series(3 * 1440 + 1000);
    const b = a.map((v, i) => 3 * v + 50 * Math.cos(i / 30));
    const answers: Array<{ analysis: SeriesAnalysis; copy: Record<string, number[]>; values: Float64Array }> = [];
    // Each series evaluated twice (the second resumes), interleaved, all through one instance's detector session.
    for (const [values, key] of [
      [a, 'a'],
      [b, 'b'],
      [a, 'a'],
      [b, 'b'],
    ] as const) {
      const analysis = evaluate(values, 3 * 1440, caches, key);
      answers.push({ analysis, copy: fieldsOf(analysis), values });
    }
    expect(caches.detector.stats().hits).toBe(2);
    for (const { analysis, copy, values } of answers) {
      expect(fieldsOf(analysis)).toEqual(copy);
      expect(copy).toEqual(fieldsOf(evaluate(values, 3 * 1440)));
    }
  });
});
