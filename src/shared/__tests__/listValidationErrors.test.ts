import { LensQuery } from '../queryModel';
import { listValidationErrors } from '../listValidationErrors';
import { validateQuery } from '../validateQuery';

const q = (extra: Record<string, unknown>): LensQuery =>
  ({ refId: 'A', expr: 'm', schemaVersion: 2, ...extra }) as LensQuery;

test('listValidationErrors finds nothing in a valid query', () => {
  expect(listValidationErrors(q({ sensitivity: 2, forecast: { level: 0.9 } }))).toEqual([]);
});

test('listValidationErrors names every invalid field, not only the first', () => {
  const errors = listValidationErrors(
    q({ sensitivity: 'high', movingWindow: 'soon', forecast: { level: 2, horizon: '1h' }, direction: 'up' })
  );
  expect(errors.map((e) => e.field).sort()).toEqual(['direction', 'forecast.level', 'movingWindow', 'sensitivity']);
  // The first one is what validateQuery itself reports.
  expect(() => validateQuery(q({ sensitivity: 'high', movingWindow: 'soon' }))).toThrow(errors[0].message);
});

test('listValidationErrors reports a missing required field once and stops', () => {
  const errors = listValidationErrors(q({ queryType: 'correlations', correlate: { maxLag: 'x' } }));
  expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(['correlate.target']));
  expect(new Set(errors.map((e) => e.field)).size).toBe(errors.length);
});

test('listValidationErrors does not blame a filled field for what removing its invalid siblings caused', () => {
  // Removing the bad window ends in removing the whole `correlate` option, whose target was fine.
  const errors = listValidationErrors(
    q({ queryType: 'correlations', correlate: { target: 'up{job="api"}', window: { from: '$anomaly_from', to: 'x' } } })
  );
  expect(errors.map((e) => e.field)).toContain('correlate.window.from');
  expect(errors.map((e) => e.field)).not.toContain('correlate.target');
});

test('listValidationErrors reaches into list items', () => {
  const errors = listValidationErrors(
    q({
      exclusions: [
        { from: 1000, to: 2000 },
        { from: 'yesterday', to: 2000 },
      ],
      sensitivity: -1,
    })
  );
  expect(errors.map((e) => e.field).sort()).toEqual(['exclusions[1].from', 'sensitivity']);
});

test('listValidationErrors does not change the query it is given', () => {
  const query = q({ sensitivity: 'high', forecast: { level: 2 } });
  const copy = JSON.parse(JSON.stringify(query));
  listValidationErrors(query);
  expect(query).toEqual(copy);
});
