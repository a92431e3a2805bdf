import { FieldType, toDataFrame } from '@grafana/data';
import { buildStlView, StlDecompositionView } from '../buildStlView';
import { Decomposer } from '../decomposer';
import { defaultStlPanelOptions, StlPanelOptions } from '../../types';
import { dailyWave, seriesFrame } from './frames';

/** Records what the view model hands to the decomposition; returns observed as trend so outputs are traceable. */
function recordingDecomposer(detected: number | null = 24) {
  const calls: Array<{ values: number[]; period: number; robust: boolean }> = [];
  const decomposer: Decomposer = {
    detectPeriod: () => detected,
    decompose: (values, { period, robust }) => {
      calls.push({ values: Array.from(values), period, robust });
      const zeros = new Float64Array(values.length);
      // Alternating ±1 (robust σ ≈ 1.48) with one clear outlier at index 5.
      const remainder = Float64Array.from(values, (_, i) => (i % 2 ? 1 : -1));
      remainder[5] = 100;
      return { trend: Float64Array.from(values), seasonal: zeros, remainder };
    },
  };
  return { decomposer, calls };
}

const opts = (o: Partial<StlPanelOptions> = {}): StlPanelOptions => ({ ...defaultStlPanelOptions, ...o });

describe('buildStlView', () => {
  it('says there is no data for an empty result', () => {
    const v = buildStlView([], opts(), recordingDecomposer().decomposer);
    expect(v).toMatchObject({ kind: 'message', reason: 'noData' });
  });

  it('says a time field is missing when frames have numbers only', () => {
    const frame = toDataFrame({ fields: [{ name: 'v', type: FieldType.number, values: [1, 2, 3] }] });
    expect(buildStlView([frame], opts(), recordingDecomposer().decomposer)).toMatchObject({ reason: 'noTimeField' });
  });

  it('names the available series when the chosen one is absent', () => {
    const v = buildStlView(
      [seriesFrame(dailyWave(72), { name: 'a' })],
      opts({ series: 'b' }),
      recordingDecomposer().decomposer
    );
    expect(v).toMatchObject({ reason: 'seriesNotFound', seriesNames: ['a'] });
  });

  it('decomposes the chosen series in the browser with the detected period', () => {
    const frames = [seriesFrame(dailyWave(72), { name: 'a' }), seriesFrame(dailyWave(72, 50), { name: 'b' })];
    const { decomposer, calls } = recordingDecomposer(24);
    const v = buildStlView(frames, opts({ series: 'b', robust: false }), decomposer) as StlDecompositionView;
    expect(v).toMatchObject({ kind: 'decomposition', source: 'browser', seriesName: 'b', period: 24 });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ period: 24, robust: false });
    expect(calls[0].values[0]).toBe(50);
    expect(v.outliers).toEqual([5]);
    expect(v.seriesNames).toEqual(['a', 'b']);
  });

  it('converts a fixed season length to samples using the series step', () => {
    const { decomposer, calls } = recordingDecomposer(null);
    const v = buildStlView([seriesFrame(dailyWave(72))], opts({ periodMode: 'fixed', period: '12h' }), decomposer);
    expect(v).toMatchObject({ kind: 'decomposition', period: 12 });
    expect(calls[0].period).toBe(12);
  });

  it('rejects a fixed season length that is not a duration', () => {
    const v = buildStlView(
      [seriesFrame(dailyWave(72))],
      opts({ periodMode: 'fixed', period: 'daily' }),
      recordingDecomposer().decomposer
    );
    expect(v).toMatchObject({ kind: 'message', reason: 'badPeriod' });
  });

  it('asks for a fixed period when none is detected', () => {
    const v = buildStlView([seriesFrame(dailyWave(72))], opts(), recordingDecomposer(null).decomposer);
    expect(v).toMatchObject({ kind: 'message', reason: 'noSeasonDetected' });
  });

  it('refuses fewer than three full seasons, so a spike cannot pass for season', () => {
    const v = buildStlView([seriesFrame(dailyWave(71))], opts(), recordingDecomposer(24).decomposer);
    expect(v).toMatchObject({ kind: 'message', reason: 'tooShort' });
    expect((v as { text: string }).text).toContain('at least 3 full seasons');
    expect(buildStlView([seriesFrame(dailyWave(72))], opts(), recordingDecomposer(24).decomposer).kind).toBe(
      'decomposition'
    );
  });

  it('interpolates a few interior gaps and reports how many', () => {
    const values: Array<number | null> = dailyWave(72);
    values[10] = null;
    values[11] = null;
    const { decomposer, calls } = recordingDecomposer(24);
    const v = buildStlView([seriesFrame(values)], opts(), decomposer) as StlDecompositionView;
    expect(v.filledPoints).toBe(2);
    expect(calls[0].values.every(Number.isFinite)).toBe(true);
  });

  it('refuses a series that is mostly missing', () => {
    const values: Array<number | null> = dailyWave(72).map((v, i) => (i % 3 === 1 ? null : v));
    const v = buildStlView([seriesFrame(values)], opts(), recordingDecomposer(24).decomposer);
    expect(v).toMatchObject({ kind: 'message', reason: 'tooManyMissing' });
  });

  it('turns a decomposition error into a message', () => {
    const decomposer: Decomposer = {
      detectPeriod: () => 24,
      decompose: () => {
        throw new Error('period must be at least 2');
      },
    };
    const v = buildStlView([seriesFrame(dailyWave(72))], opts(), decomposer);
    expect(v).toMatchObject({
      kind: 'message',
      reason: 'decompositionFailed',
      text: 'Decomposition failed: period must be at least 2',
    });
  });

  it('draws components from the data source as they are, without decomposing', () => {
    const remainder = [0, 1, -1, 1, -1, 0, 20, 0];
    const frame = seriesFrame([5, 6, 7, 8, 9, 10, 31, 12], {
      extra: { trend: [5, 6, 7, 8, 9, 10, 11, 12], seasonal: [0, 0, 0, 0, 0, 0, 0, 0], remainder },
    });
    const { decomposer, calls } = recordingDecomposer();
    const v = buildStlView([frame], opts(), decomposer) as StlDecompositionView;
    expect(v).toMatchObject({ kind: 'decomposition', source: 'datasource', period: null });
    expect(calls).toHaveLength(0);
    expect(Array.from(v.remainder)).toEqual(remainder);
    expect(v.outliers).toEqual([6]);
  });
});
