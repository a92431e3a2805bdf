import { DataFrame, FieldType, toDataFrame } from '@grafana/data';
import { buildCorrelationsView, CorrelationsView, CORRELATIONS_MESSAGES } from '../buildCorrelationsView';
import { correlationFrame, correlationsResponse, MINUTE, minuteTimes, overlayFrame, rowSpec, T0 } from './frames';

const RANGE = { fromMs: T0, toMs: T0 + 90 * MINUTE };

function ranking(frames: DataFrame[], refId?: string): CorrelationsView {
  const view = buildCorrelationsView(frames, RANGE, refId);
  if (view.kind !== 'ranking') {
    throw new Error(`expected a ranking, got: ${view.text}`);
  }
  return view;
}

describe('buildCorrelationsView', () => {
  it('reads every table field by name and sorts rows by rank', () => {
    const frame = correlationFrame([
      rowSpec(3, { score: -0.5, lagSeconds: -30 }),
      rowSpec(1, { score: 0.9, lagSeconds: 120 }),
      rowSpec(2),
    ]);
    const view = ranking([frame]);
    expect(view.rows.map((r) => r.rank)).toEqual([1, 2, 3]);
    const { searchText: _s, overlay: _o, ...first } = view.rows[0];
    expect(first).toEqual({
      rank: 1,
      series: 'metric_1',
      labels: '{__name__="metric_1", host="h1"}',
      score: 0.9,
      lagSeconds: 120,
      direction: 'with',
      overlap: 60,
      exploreExpr: 'metric_1{host="h1"}',
      // A frame without the cause ranking's fields: significant, not of the family, no change or p-value.
      significant: true,
      family: false,
      change: null,
      pValue: null,
      explainedBy: '',
      corroboration: null,
    });
    expect(view.rows[2]).toMatchObject({ score: -0.5, lagSeconds: -30, direction: 'against' });
  });

  it('keeps a null score as null with no direction', () => {
    const view = ranking([correlationFrame([rowSpec(1), rowSpec(2, { score: null })])]);
    expect(view.rows[1]).toMatchObject({ score: null, direction: '' });
  });

  it('reads frames as Grafana delivers them: plain objects with values arrays, NaN and null scores', () => {
    const frame = {
      name: 'correlations',
      refId: 'A',
      length: 2,
      fields: [
        { name: 'rank', type: FieldType.number, config: {}, values: [2, 1] },
        { name: 'series', type: FieldType.string, config: {}, values: ['b', 'a'] },
        { name: 'labels', type: FieldType.string, config: {}, values: ['{x="b"}', '{x="a"}'] },
        { name: 'score', type: FieldType.number, config: {}, values: [NaN, 0.7] },
        { name: 'lag_seconds', type: FieldType.number, config: {}, values: [0, null] },
        { name: 'direction', type: FieldType.string, config: {}, values: ['', 'with'] },
        { name: 'overlap', type: FieldType.number, config: {}, values: [3, 40] },
        { name: 'explore_expr', type: FieldType.string, config: {}, values: ['b', 'a'] },
      ],
    } as DataFrame;
    const view = ranking([frame]);
    expect(view.rows.map((r) => [r.series, r.score, r.lagSeconds])).toEqual([
      ['a', 0.7, null],
      ['b', null, 0],
    ]);
    // No meta.custom: the window falls back to the panel's time range.
    expect(view.window).toEqual({ ...RANGE, source: 'timeRange' });
    expect(view.target.name).toBe('target');
  });

  it('takes window, target and settings from meta.custom', () => {
    const view = ranking([correlationFrame([rowSpec(1)], { candidates: 250 })]);
    expect(view.window).toEqual({ fromMs: T0 + 30 * MINUTE, toMs: T0 + 60 * MINUTE, source: 'frame' });
    expect(view.target.name).toBe('checkout latency');
    expect(view.meta).toEqual({
      method: 'pearson',
      preprocess: 'difference',
      stepMs: MINUTE,
      maxLagSeconds: 600,
      candidates: 250,
    });
  });

  it('matches candidate overlays to rows by the lens_rank label and shifts them by the lag', () => {
    const view = ranking(correlationsResponse(5, 2));
    expect(view.rows.map((r) => r.overlay !== undefined)).toEqual([true, true, false, false, false]);
    // Rank 1 leads by 120 s: its points are drawn 2 minutes later so its bump lines up with the target's.
    expect(view.rows[0].overlay?.times[0]).toBe(T0 + 2 * MINUTE);
    expect(view.rows[1].overlay?.times[0]).toBe(T0);
    expect(view.target.overlay?.times).toHaveLength(90);
    expect(view.range).toEqual({ fromMs: T0, toMs: T0 + 89 * MINUTE });
  });

  it('ignores overlays of another query and counts further correlation tables', () => {
    const frames = [
      correlationFrame([rowSpec(1)]),
      overlayFrame([1, 2, 3], { rank: 1, refId: 'B' }),
      correlationFrame([rowSpec(1)], {}, 'B'),
    ];
    const view = ranking(frames);
    expect(view.refId).toBe('A');
    expect(view.rows[0].overlay).toBeUndefined();
    expect(view.target.overlay).toBeUndefined();
    expect(view.ignoredTables).toBe(1);
    expect(view.otherRefIds).toEqual(['B']);
    // Without a target overlay the overlays' range is the window.
    expect(view.range).toEqual({ fromMs: T0 + 30 * MINUTE, toMs: T0 + 60 * MINUTE });
  });

  it('shows the table of the query the panel asks for, with its own overlays, and says when that query has none', () => {
    const frames = [
      correlationFrame([rowSpec(1)]),
      correlationFrame([rowSpec(1), rowSpec(2)], {}, 'B'),
      overlayFrame([1, 2, 3], { rank: 1, refId: 'B' }),
    ];
    const b = ranking(frames, 'B');
    expect(b.refId).toBe('B');
    expect(b.rows).toHaveLength(2);
    expect(b.rows[0].overlay).toBeDefined();
    expect(b.otherRefIds).toEqual(['A']);
    expect(b.missingRefId).toBeUndefined();
    const missing = ranking(frames, 'C');
    expect(missing.refId).toBe('A');
    expect(missing.missingRefId).toBe('C');
  });

  it('recognises the table by its fields when the frame was renamed', () => {
    const frame = correlationFrame([rowSpec(1)]);
    frame.name = 'renamed by a transformation';
    expect(ranking([frame]).rows).toHaveLength(1);
  });

  it('says there is no data for an empty result or frames without rows', () => {
    expect(buildCorrelationsView([], RANGE)).toEqual({
      kind: 'message',
      reason: 'noData',
      text: CORRELATIONS_MESSAGES.noData,
    });
    const empty = toDataFrame({ fields: [{ name: 'time', type: FieldType.time, values: [] }] });
    expect(buildCorrelationsView([empty], RANGE)).toMatchObject({ reason: 'noData' });
  });

  it('names the query type to use when the result is an ordinary time series', () => {
    const series = toDataFrame({
      refId: 'A',
      fields: [
        { name: 'time', type: FieldType.time, values: minuteTimes(3) },
        { name: 'value', type: FieldType.number, values: [1, 2, 3], labels: { service: 'checkout' } },
      ],
    });
    const view = buildCorrelationsView([series], RANGE);
    expect(view).toMatchObject({ kind: 'message', reason: 'unsuitable' });
    expect(view.kind === 'message' && view.text).toMatch(/query of type "Correlations"/);
  });

  it('says no candidates were ranked for a table with the fields and zero rows', () => {
    expect(buildCorrelationsView([correlationFrame([])], RANGE)).toMatchObject({ kind: 'message', reason: 'noRows' });
  });

  it('does not change the frames it reads', () => {
    const frames = correlationsResponse(3, 3);
    const before = JSON.stringify(frames);
    ranking(frames);
    expect(JSON.stringify(frames)).toBe(before);
  });
});

test('buildCorrelationsView reads significance, family and change, and treats frames without them as significant', () => {
  const withParts = ranking([
    correlationFrame(
      [
        rowSpec(1, { significant: 1, family: 0, change: 12.5, pValue: 0.001 }),
        rowSpec(2, { significant: 0, family: 1, change: null, pValue: 0.4 }),
      ],
      { noClearCause: true }
    ),
  ]);
  expect(withParts.rows.map((r) => [r.significant, r.family, r.change, r.pValue])).toEqual([
    [true, false, 12.5, 0.001],
    [false, true, null, 0.4],
  ]);
  expect(withParts.meta.noClearCause).toBe(true);
  const older = ranking([correlationFrame([rowSpec(1)])]);
  expect(older.rows[0].significant).toBe(true);
  expect(older.rows[0].family).toBe(false);
  expect(older.meta.noClearCause).toBeUndefined();
});

test("buildCorrelationsView reads what a row's service added to its score, null for older frames", () => {
  const view = ranking([correlationFrame([rowSpec(1, { corroboration: 1.2 }), rowSpec(2, { corroboration: 0 })])]);
  expect(view.rows.map((r) => r.corroboration)).toEqual([1.2, 0]);
  expect(ranking([correlationFrame([rowSpec(1)])]).rows[0].corroboration).toBeNull();
});

test('buildCorrelationsView reads which callee explains a row, empty for rows not moved and for older frames', () => {
  const view = ranking([
    correlationFrame([rowSpec(1, { explainedBy: '' }), rowSpec(2, { explainedBy: 'lambda-runtime' })]),
  ]);
  expect(view.rows.map((r) => r.explainedBy)).toEqual(['', 'lambda-runtime']);
  expect(ranking([correlationFrame([rowSpec(1)])]).rows[0].explainedBy).toBe('');
});
