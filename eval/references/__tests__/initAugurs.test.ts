import { AutoETS } from '@bsull/augurs/ets';
import { initAugurs, isAugursReady, readAugursWasm, requireAugurs } from '../initAugurs';

describe('initAugurs', () => {
  it('requireAugurs names the module that is missing before initialisation', () => {
    if (!isAugursReady('mstl')) {
      expect(() => requireAugurs('mstl')).toThrow(/"mstl" is not initialised/);
    }
  });

  it('makes augurs functions callable after loading the wasm bytes', () => {
    initAugurs(readAugursWasm());
    expect(isAugursReady('ets')).toBe(true);
    const y = Float64Array.from({ length: 100 }, (_, i) => 10 + 0.5 * i);
    const model = new AutoETS(1, 'ZZN');
    model.fit(y);
    const forecast = model.predict(5, 0.95);
    model.free();
    expect(forecast.point).toHaveLength(5);
    // A noiseless line continues: the first step ahead lies close to 10 + 0.5 * 100.
    expect(forecast.point[0]).toBeCloseTo(60, 0);
  });
});
