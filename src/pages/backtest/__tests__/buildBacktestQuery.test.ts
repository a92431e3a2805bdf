import { BacktestForm, buildBacktestQuery, emptyVariant } from '../buildBacktestQuery';

const form = (patch: Partial<BacktestForm> = {}): BacktestForm => ({
  expr: ' demo_up ',
  incidentTags: '',
  incidentRanges: '',
  variants: [emptyVariant(0)],
  ...patch,
});

describe('buildBacktestQuery', () => {
  it('sends one backtest query at one-minute steps with each variant’s method, sensitivity, minimum duration and history', () => {
    const built = buildBacktestQuery(
      form({
        incidentTags: 'incident, outage ,',
        incidentRanges: '2024-01-16T18:00Z, 2024-01-16T18:20Z, checkout spike\n\n2024-01-18T23:00Z,2024-01-18T23:20Z',
        variants: [
          emptyVariant(0),
          { name: 'moving 5m', method: 'moving', sensitivity: '2.5', minDuration: '5m', history: '2d' },
        ],
      })
    );
    expect(built).toEqual({
      query: {
        refId: 'B',
        schemaVersion: 2,
        queryType: 'backtest',
        expr: 'demo_up',
        minStepMs: 60_000,
        backtest: {
          variants: [
            { name: 'variant A' },
            { name: 'moving 5m', method: 'moving', sensitivity: 2.5, flags: { minDuration: '5m' }, history: '2d' },
          ],
          incidentTags: ['incident', 'outage'],
          incidents: [
            { from: '2024-01-16T18:00:00.000Z', to: '2024-01-16T18:20:00.000Z', label: 'checkout spike' },
            { from: '2024-01-18T23:00:00.000Z', to: '2024-01-18T23:20:00.000Z', label: undefined },
          ],
        },
      },
    });
  });

  it('names every field to fix instead of sending a query that would fail', () => {
    const built = buildBacktestQuery(
      form({
        expr: '  ',
        incidentRanges: '2024-01-16T18:20Z, 2024-01-16T18:00Z',
        variants: [
          { ...emptyVariant(0), sensitivity: 'high', minDuration: '5 minutes' },
          { ...emptyVariant(1), name: 'variant A', history: 'forever' },
        ],
      })
    );
    expect(built).toEqual({
      errors: [
        'Name the series to backtest: a PromQL or InfluxQL expression',
        'variant A: sensitivity must be a positive number, got "high"',
        'variant A: minimum duration must be a duration such as 5m or 2h, got "5 minutes"',
        'variant A: history must be a duration such as 5m or 2h, got "forever"',
        'Two variants are named "variant A": give each its own name',
        expect.stringMatching(
          /^Incident line 1 \("2024-01-16T18:20Z, 2024-01-16T18:00Z"\) must read "from, to\[, label\]"/
        ),
      ],
    });
  });

  it('refuses more than four variants', () => {
    const built = buildBacktestQuery(form({ variants: [0, 1, 2, 3, 4].map(emptyVariant) }));
    expect(built).toEqual({ errors: ['Compare 1 to 4 variants'] });
  });
});
