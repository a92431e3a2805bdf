import { validateQuery } from '../../../shared/validateQuery';
import { analyseSeries } from '../analyseSeries';
import { modelCaches, type ModelCaches } from '../modelCaches';

const STEP = 3_600_000;
const PERIOD = 24;
const n = 21 * PERIOD;
const timestamps = Float64Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * STEP);
const daily = Float64Array.from(
  { length: n },
  (_, i) => 50 + 20 * Math.sin((2 * Math.PI * i) / PERIOD) + (i % 7) * 0.3
);
const flat = Float64Array.from({ length: n }, (_, i) => 50 + (i % 7) * 0.3);
const options = validateQuery({ refId: 'A', schemaVersion: 2, expr: 'm', method: 'seasonal', outputs: ['band'] });

let caches: ModelCaches;
beforeEach(() => (caches = modelCaches()));
const reuse = () => ({ seriesKey: 's', caches });

describe('auto-detected seasons are reused per series', () => {
  it('remembers the seasons found for a series key', () => {
    const a = analyseSeries(
      { timestamps, values: daily, visibleStart: 14 * PERIOD, stepMs: STEP, reuse: reuse() },
      options
    );
    expect(a.periods).toEqual([PERIOD]);
    expect(caches.periods.get('s|seasons')?.periods).toEqual([PERIOD]);
  });

  it('a later evaluation of the same series uses the remembered seasons instead of detecting again', () => {
    analyseSeries({ timestamps, values: daily, visibleStart: 14 * PERIOD, stepMs: STEP, reuse: reuse() }, options);
    // Data with no season at all: a fresh detection would find none and fall back to the moving band.
    const again = analyseSeries(
      { timestamps, values: flat, visibleStart: 14 * PERIOD, stepMs: STEP, reuse: reuse() },
      options
    );
    expect(again.periods).toEqual([PERIOD]);
    const fresh = analyseSeries({ timestamps, values: flat, visibleStart: 14 * PERIOD, stepMs: STEP }, options);
    expect(fresh.periods).toEqual([]);
  });

  it('another set of caches (another data source instance) detects on its own', () => {
    analyseSeries({ timestamps, values: daily, visibleStart: 14 * PERIOD, stepMs: STEP, reuse: reuse() }, options);
    const other = analyseSeries(
      {
        timestamps,
        values: flat,
        visibleStart: 14 * PERIOD,
        stepMs: STEP,
        reuse: { seriesKey: 's', caches: modelCaches() },
      },
      options
    );
    expect(other.periods).toEqual([]);
  });
});
