import { tableFromIPC } from 'apache-arrow';
import { frameToArrow } from '../frameToArrow';
import { LEGEND_AUTO } from '../../../shared/legendAuto';
import { applyLegendFormat, cutDisplayName, MAX_DISPLAY_NAME_CHARS, timeSeriesFrames } from '../timeSeriesFrames';

const ts = [0, 1000, 2000];

test('timeSeriesFrames emits one timeseries-multi frame per series with labels on the value field', () => {
  const frames = timeSeriesFrames(
    [
      { name: 'cpu', labels: { host: 'a' }, timestamps: ts, values: [1, 2, 3], unit: 'percentunit' },
      { name: 'cpu', labels: { host: 'b' }, timestamps: ts, values: [4, null, 6], displayName: 'b' },
    ],
    { refId: 'A', intervalMs: 1000 }
  );
  expect(frames).toHaveLength(2);
  const t = tableFromIPC(frameToArrow(frames[1]));
  expect(JSON.parse(t.schema.metadata.get('meta')!)).toEqual({ type: 'timeseries-multi', typeVersion: [0, 1] });
  expect(t.schema.metadata.get('refId')).toBe('A');
  expect(t.schema.metadata.get('name')).toBe('cpu{host="b"}');
  expect(t.schema.fields.map((f) => f.name)).toEqual(['time', 'cpu']);
  expect(t.schema.fields[0].metadata.has('labels')).toBe(false);
  expect(JSON.parse(t.schema.fields[1].metadata.get('labels')!)).toEqual({ host: 'b' });
  expect(JSON.parse(t.schema.fields[1].metadata.get('config')!)).toEqual({ displayNameFromDS: 'b' });
  expect(JSON.parse(tableFromIPC(frameToArrow(frames[0])).schema.fields[1].metadata.get('config')!)).toEqual({
    unit: 'percentunit',
  });
});

test('timeSeriesFrames refuses duplicate label sets within one refId', () => {
  expect(() =>
    timeSeriesFrames(
      [
        { name: 'cpu', labels: { a: '1', b: '2' }, timestamps: ts, values: [1, 2, 3] },
        { name: 'cpu', labels: { b: '2', a: '1' }, timestamps: ts, values: [1, 2, 3] },
      ],
      { refId: 'A' }
    )
  ).toThrow(/duplicate series/);
});

test('timeSeriesFrames answers no series with one typed frame without fields (dataplane "no data")', () => {
  const frames = timeSeriesFrames([], { refId: 'Z', notices: [{ severity: 'info', text: 'nothing matched' }] });
  expect(frames).toHaveLength(1);
  const t = tableFromIPC(frameToArrow(frames[0]));
  expect(t.schema.fields).toHaveLength(0);
  expect(JSON.parse(t.schema.metadata.get('meta')!)).toMatchObject({ type: 'timeseries-multi', typeVersion: [0, 1] });
});

test('applyLegendFormat substitutes labels and blanks missing ones', () => {
  expect(applyLegendFormat('{{host}} / {{ dc }} / {{missing}}!', { host: 'a', dc: 'x' })).toBe('a / x / !');
});

test('applyLegendFormat with the auto legend names a series by its labels without the metric name', () => {
  expect(applyLegendFormat(LEGEND_AUTO, { __name__: 'up', job: 'api' }, 'up')).toBe('api');
  expect(applyLegendFormat(LEGEND_AUTO, { job: 'api', instance: 'b:9090' }, 'up')).toBe(
    '{instance="b:9090", job="api"}'
  );
  expect(applyLegendFormat(LEGEND_AUTO, { __name__: 'up' }, 'up')).toBe('up');
  expect(applyLegendFormat(LEGEND_AUTO, {}, 'sum(rate(x[5m]))')).toBe('sum(rate(x[5m]))');
});

test('applyLegendFormat stops at MAX_DISPLAY_NAME_CHARS however many long labels the legend repeats', () => {
  const labels = { host: 'h'.repeat(4096) };
  const name = applyLegendFormat('{{host}}'.repeat(125), labels);
  expect(name).toBe(`${'h'.repeat(MAX_DISPLAY_NAME_CHARS)}…`);
  expect(applyLegendFormat('short {{host}}', { host: 'a' })).toBe('short a');
  expect(cutDisplayName('x'.repeat(MAX_DISPLAY_NAME_CHARS))).toHaveLength(MAX_DISPLAY_NAME_CHARS);
});
