import { forecastBand } from '../../../analytics/bands/forecastBand';
import { validateQuery } from '../../../shared/validateQuery';
import { computeBand } from '../computeBand';
import { modelCaches, type ModelCaches } from '../modelCaches';
import { modelParamKey } from '../modelParamCache';

const PERIOD = 24;
const options = validateQuery({ refId: 'A', schemaVersion: 2, expr: 'm', method: 'forecast', outputs: ['band'] });

/** Two weeks of an hourly daily cycle with seeded noise; `shift` changes the noise so a refit would differ. */
function series(shift: number): Float64Array {
  let s = 12345 + shift;
  const noise = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 4;
  return Float64Array.from({ length: 14 * PERIOD }, (_, i) => 50 + 20 * Math.sin((2 * Math.PI * i) / PERIOD) + noise());
}

let caches: ModelCaches;
beforeEach(() => (caches = modelCaches()));
const reuse = (seriesKey: string) => ({ seriesKey, caches });

describe('fitted Holt–Winters parameters are reused per series', () => {
  it('the first evaluation fits and remembers the parameters under the series key', () => {
    const y = series(0);
    const out = computeBand(y, y, [PERIOD], 7 * PERIOD, options, 3_600_000, reuse('series-a'));
    const fresh = forecastBand(y, { period: PERIOD, k: options.sensitivity, direction: options.direction });
    expect(out.method).toBe('forecast');
    expect(Array.from(out.band.expected)).toEqual(Array.from(fresh.expected));
    const { alpha, beta, gamma } = fresh.model.params;
    expect(caches.params.get(modelParamKey('series-a', PERIOD))).toEqual({ alpha, beta, gamma });
  });

  it('a later evaluation of the same series runs on its new data with the remembered parameters', () => {
    const first = series(0);
    computeBand(first, first, [PERIOD], 7 * PERIOD, options, 3_600_000, reuse('series-a'));
    const remembered = caches.params.get(modelParamKey('series-a', PERIOD));
    const next = series(1);
    const out = computeBand(next, next, [PERIOD], 7 * PERIOD, options, 3_600_000, reuse('series-a'));
    const withRemembered = forecastBand(next, { period: PERIOD, k: options.sensitivity, ...remembered });
    expect(Array.from(out.band.expected)).toEqual(Array.from(withRemembered.expected));
    // A refit on the new data would choose other parameters: the cache is really what made the difference.
    const refit = forecastBand(next, { period: PERIOD, k: options.sensitivity });
    expect(refit.model.params.alpha).not.toBe(remembered?.alpha);
  });

  it('other series, and evaluations without a series key, are fitted on their own', () => {
    const y = series(0);
    computeBand(y, y, [PERIOD], 7 * PERIOD, options, 3_600_000, reuse('series-a'));
    expect(caches.params.get(modelParamKey('series-b', PERIOD))).toBeUndefined();
    const before = caches.params.stats().entries;
    computeBand(y, y, [PERIOD], 7 * PERIOD, options, 3_600_000);
    expect(caches.params.stats().entries).toBe(before);
  });
});
