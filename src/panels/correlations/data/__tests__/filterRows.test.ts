import { buildCorrelationsView, CorrelationRow } from '../buildCorrelationsView';
import { filterRows } from '../filterRows';
import { correlationFrame, rowSpec, T0 } from './frames';

function rows(): CorrelationRow[] {
  const view = buildCorrelationsView(
    [
      correlationFrame([
        rowSpec(1, { series: 'db latency', labels: '{service="payments-db"}', score: 0.9 }),
        rowSpec(2, { series: 'cpu', labels: '{host="a"}', score: -0.6 }),
        rowSpec(3, { series: 'db connections', labels: '{service="orders-db"}', score: 0.2 }),
        rowSpec(4, { series: 'queue', labels: '{}', score: null }),
      ]),
    ],
    { fromMs: T0, toMs: T0 + 1 }
  );
  return view.kind === 'ranking' ? view.rows : [];
}

const ranks = (r: CorrelationRow[]) => r.map((x) => x.rank);

describe('filterRows', () => {
  it('keeps every row in order by default', () => {
    expect(ranks(filterRows(rows()))).toEqual([1, 2, 3, 4]);
  });

  it('matches every word of the text, case-insensitively, in series name or labels', () => {
    expect(ranks(filterRows(rows(), { text: 'DB' }))).toEqual([1, 3]);
    expect(ranks(filterRows(rows(), { text: 'db payments' }))).toEqual([1]);
    expect(ranks(filterRows(rows(), { text: 'host="a"' }))).toEqual([2]);
  });

  it('hides rows whose |score| is below the threshold, and unscored rows once it is above 0', () => {
    expect(ranks(filterRows(rows(), { minAbsScore: 0.5 }))).toEqual([1, 2]);
    expect(ranks(filterRows(rows(), { minAbsScore: 0.01 }))).toEqual([1, 2, 3]);
  });

  it('caps the count after filtering', () => {
    expect(ranks(filterRows(rows(), { maxRows: 2, text: 'db' }))).toEqual([1, 3]);
    expect(ranks(filterRows(rows(), { maxRows: 0 }))).toEqual([1, 2, 3, 4]);
  });

  it('does not change the input array', () => {
    const input = rows();
    filterRows(input, { maxRows: 1 });
    expect(input).toHaveLength(4);
  });
});
