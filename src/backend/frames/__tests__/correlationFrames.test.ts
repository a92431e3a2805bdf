import { decodeTable } from '../../query/__tests__/decodeTable';
import { correlationFrames, CorrelationFramesInput } from '../correlationFrames';
import { frameToArrow } from '../frameToArrow';

const input = (over: Partial<CorrelationFramesInput> = {}): CorrelationFramesInput => ({
  refId: 'A',
  rows: [
    {
      displayName: 'a',
      labels: { x: '1' },
      score: -0.9,
      lagSeconds: -60,
      overlap: 10,
      exploreExpr: 'm{x="1"}',
      causeScore: 3.2,
      change: 12.5,
      leads: true,
      pValue: 0.001,
      significant: true,
      family: false,
      explainedBy: 'orders-db',
      corroboration: 1.39,
    },
    {
      displayName: 'b',
      labels: { x: '2' },
      score: NaN,
      lagSeconds: 0,
      overlap: 0,
      exploreExpr: 'm{x="2"}',
      causeScore: 0.1,
      change: NaN,
      leads: false,
      pValue: 1,
      significant: false,
      family: true,
      explainedBy: '',
      corroboration: 0,
    },
  ],
  limit: 1000,
  overlays: 20,
  target: { displayName: 't', labels: { x: '0' }, values: [1, 2, 3] },
  candidateSeries: (i) => ({ displayName: 'ab'[i], labels: { x: String(i + 1) }, values: [i, i, i] }),
  timestamps: [0, 60_000, 120_000],
  custom: {
    windowFromMs: 0,
    windowToMs: 120_000,
    stepMs: 60_000,
    method: 'pearson',
    preprocess: 'none',
    rank: 'cause',
    family: 'apart',
    noClearCause: false,
    maxLagSeconds: 60,
    serviceGraph: 'off',
  },
  executedQueryString: 'q',
  notices: [],
  ...over,
});

test('correlationFrames writes an undefined score as null with an empty direction, and "against" for negative', () => {
  const [table] = correlationFrames(input()).map(frameToArrow).map(decodeTable);
  expect(table.field('score').values).toEqual([-0.9, null]);
  expect(table.field('direction').values).toEqual(['against', '']);
  expect(table.field('lag_seconds').values).toEqual([-60, 0]);
});

test('correlationFrames adds the parts of the cause ranking after the original fields, undefined as null', () => {
  const [table] = correlationFrames(input()).map(frameToArrow).map(decodeTable);
  expect(table.field('cause_score').values).toEqual([3.2, 0.1]);
  expect(table.field('change').values).toEqual([12.5, null]);
  expect(table.field('leads').values).toEqual([1, 0]);
  expect(table.field('p_value').values).toEqual([0.001, 1]);
  expect(table.field('significant').values).toEqual([1, 0]);
  expect(table.field('family').values).toEqual([0, 1]);
  expect(table.field('explained_by').values).toEqual(['orders-db', '']);
  expect(table.field('corroboration').values).toEqual([1.39, 0]);
  expect(table.meta.custom.serviceGraph).toBe('off');
});

test('correlationFrames keeps `limit` rows, counts every candidate and gives overlays only to listed rows', () => {
  const frames = correlationFrames(input({ limit: 1, overlays: 5 }));
  expect(frames).toHaveLength(3);
  const [table] = frames.map(frameToArrow).map(decodeTable);
  expect(table.field('rank').values).toEqual([1]);
  expect(table.meta.custom.candidates).toBe(2);
  expect(correlationFrames(input({ overlays: 0 }))).toHaveLength(2);
});

test('correlationFrames writes an empty table with its fields when there are no rows', () => {
  const [table] = correlationFrames(input({ rows: [] }))
    .map(frameToArrow)
    .map(decodeTable);
  expect(table.fields.map((f) => f.name)).toEqual([
    'rank',
    'series',
    'labels',
    'score',
    'lag_seconds',
    'direction',
    'overlap',
    'explore_expr',
    'cause_score',
    'change',
    'leads',
    'p_value',
    'significant',
    'family',
    'explained_by',
    'corroboration',
  ]);
  expect(table.fields[0].values).toEqual([]);
});
