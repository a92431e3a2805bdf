import type { LensQuery } from '../../../shared/queryModel';
import { QueryValidationError } from '../../../shared/validateQuery';
import { EXPORT_SEASON_COPIES, recordingRuleGroup } from '../recordingRuleGroup';

const moving: LensQuery = {
  refId: 'A',
  expr: 'demo_http_latency_seconds{service="checkout"}',
  method: 'moving',
  movingWindow: '30m',
  outputs: ['raw', 'band', 'flag'],
};
const seasonal: LensQuery = { ...moving, method: 'seasonal', seasonality: ['1d'] };

function fieldOf(q: LensQuery, options = {}): string {
  try {
    recordingRuleGroup(q, options);
  } catch (e) {
    expect(e).toBeInstanceOf(QueryValidationError);
    return (e as QueryValidationError).field;
  }
  throw new Error('expected the export to refuse the query');
}

describe('recordingRuleGroup', () => {
  it('names every series level:metric:operation and records value, expected, sigma, lower, upper, flag in order', () => {
    const { group, names } = recordingRuleGroup(moving);
    expect(names.expected).toBe('service:demo_http_latency_seconds:moving30m_expected');
    expect(group.rules.map((r) => r.record.split(':')[2])).toEqual([
      'moving30m_value',
      'moving30m_expected',
      'moving30m_sigma',
      'moving30m_lower',
      'moving30m_upper',
      'moving30m_flag',
    ]);
    for (const r of group.rules) {
      expect(r.record).toMatch(/^[a-zA-Z_]+:[a-zA-Z_:][a-zA-Z0-9_:]*:[a-z0-9_]+$/);
    }
    expect(group.interval).toBe('1m');
  });

  it('records the query expression unchanged and keeps its labels (no rule aggregates except over its own labels)', () => {
    const { group } = recordingRuleGroup({ ...seasonal, expr: 'sum by (job, code) (rate(x_total[5m]))' });
    expect(group.rules[0].expr).toBe('sum by (job, code) (rate(x_total[5m]))');
    expect(group.rules[0].record).toBe('job_code:x_total:seasonal1d_value');
    for (const r of group.rules.slice(1)) {
      expect(r.expr).not.toMatch(/\bby\s*\(/);
      for (const m of r.expr.matchAll(/\b(?:without|ignoring)\s*\(([^)]*)\)/g)) {
        expect(m[1].split(',').every((l) => l.trim().startsWith('lens_'))).toBe(true);
      }
    }
  });

  it('maps window to points at the interval, the range ending one interval back', () => {
    const { group } = recordingRuleGroup(moving, { interval: '30s' });
    const expected = group.rules[1].expr;
    // 30m at 30s = 60 points: a 29m45s range offset by 30s holds the 60 points before t; minPoints ⌈60/4⌉ = 15.
    expect(expected).toContain('[29m45s] offset 30s');
    expect(expected).toContain('>= 15');
  });

  it('takes the interval from minStepMs when the request gives none', () => {
    expect(recordingRuleGroup({ ...moving, minStepMs: 15_000 }).group.interval).toBe('15s');
  });

  it('maps sensitivity to the band half-width and direction to the edges and flag recorded', () => {
    const both = recordingRuleGroup({ ...moving, sensitivity: 2.5 }).group.rules;
    expect(both.find((r) => r.record.endsWith('_upper'))!.expr).toContain('+ 2.5 *');
    const above = recordingRuleGroup({ ...moving, direction: 'above' });
    expect(above.group.rules.some((r) => r.record.endsWith('_lower'))).toBe(false);
    expect(above.group.rules.find((r) => r.record.endsWith('_flag'))!.expr).not.toContain('_lower');
    const below = recordingRuleGroup({ ...moving, direction: 'below' });
    expect(below.group.rules.some((r) => r.record.endsWith('_upper'))).toBe(false);
    expect(below.group.rules.find((r) => r.record.endsWith('_flag'))!.expr).toMatch(/^0 - /);
  });

  it('takes each of the 4 past seasons at the same phase ±1 interval for the seasonal band', () => {
    const { group, names } = recordingRuleGroup(seasonal, { interval: '1h' });
    const sample = group.rules.find((r) => r.record === names.sample)!.expr;
    const offsets = [...sample.matchAll(/offset (\S+?),/g)].map((m) => m[1]);
    expect(offsets).toEqual(['1d1h', '1d', '23h', '2d1h', '2d', '1d23h', '3d1h', '3d', '2d23h', '4d1h', '4d', '3d23h']);
  });

  it('repeats each season by its integer weight before the median', () => {
    const { group, names } = recordingRuleGroup(seasonal);
    const expected = group.rules.find((r) => r.record === names.expected)!.expr;
    const copies = [1, 2, 3, 4].map(
      (s) =>
        [...expected.matchAll(/lens_season=~"([0-9|]+)"/g)].filter((m) => m[1].split('|').includes(String(s))).length
    );
    expect(copies).toEqual(EXPORT_SEASON_COPIES);
  });

  it('lists the outputs it leaves to the plugin and a rounded season in its notes', () => {
    const r = recordingRuleGroup(
      { ...seasonal, seasonality: ['90m'], outputs: ['band', 'forecast'] },
      { interval: '7m' }
    );
    expect(r.notes.join(' ')).toContain('forecast');
    expect(r.notes.join(' ')).toContain('rounded to 13 intervals');
  });

  it('refuses what PromQL cannot express, naming the option that blocks it', () => {
    expect(fieldOf({ ...moving, method: 'forecast' })).toBe('method');
    expect(fieldOf({ ...moving, method: 'stl' })).toBe('method');
    expect(fieldOf({ ...moving, method: undefined })).toBe('method');
    expect(fieldOf({ ...seasonal, seasonality: 'auto' })).toBe('seasonality');
    expect(fieldOf({ ...seasonal, seasonality: ['2m'] })).toBe('seasonality');
    expect(fieldOf({ ...moving, exclusions: [{ from: 0, to: 1000 }] })).toBe('exclusions');
    expect(fieldOf({ ...moving, exclusionTags: ['deploy'] })).toBe('exclusionTags');
    expect(fieldOf({ ...moving, flags: { minDuration: '5m' } })).toBe('flags.minDuration');
    expect(fieldOf({ ...moving, expr: 'rate(x_total[$__rate_interval])' })).toBe('expr');
    expect(fieldOf({ ...moving, queryType: 'anomalyWindows' })).toBe('queryType');
    expect(fieldOf(moving, { interval: '1500ms' })).toBe('interval');
    expect(fieldOf(moving, { level: 'a-b' })).toBe('level');
    expect(fieldOf({ ...moving, expr: 'vector(1)' })).toBe('metric');
  });

  it('says in the message which option to change', () => {
    expect(() => recordingRuleGroup({ ...moving, method: 'stl' })).toThrow(
      /method is stl; .*Set method to moving or seasonal/
    );
    expect(() => recordingRuleGroup({ ...seasonal, seasonality: 'auto' })).toThrow(
      /seasonality is auto.*e\.g\. \["1d"\]/
    );
  });

  it('does not mutate the query', () => {
    const q = structuredClone(seasonal);
    recordingRuleGroup(q);
    expect(q).toEqual(seasonal);
  });
});

describe('EXPORT_SEASON_COPIES', () => {
  // The plugin's weighted median picks the first sorted sample whose cumulative weight reaches half the total.
  // With all 3 samples of each of the 4 seasons present, which samples come first can be any subset: the integer
  // copies must put every subset on the same side of the half (or exactly on it) as the weights 0.7^(i−1) do.
  it('make the same weighted-median choice as the decay weights for every subset of the 12 samples', () => {
    const real = [1, 0.7, 0.49, 0.343];
    const half = (w: number[]) => (3 * w.reduce((a, b) => a + b, 0)) / 2;
    let checked = 0;
    for (let s = 0; s < 256; s++) {
      const taken = [s & 3, (s >> 2) & 3, (s >> 4) & 3, (s >> 6) & 3];
      const side = (w: number[]) => {
        const d = taken.reduce((a, n, i) => a + n * w[i], 0) - half(w);
        return Math.abs(d) <= 1e-12 ? 0 : Math.sign(d);
      };
      expect([taken, side(EXPORT_SEASON_COPIES)]).toEqual([taken, side(real)]);
      checked++;
    }
    expect(checked).toBe(256);
  });
});
