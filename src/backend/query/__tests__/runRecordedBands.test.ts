import { dataSourceInstance } from '../../pipeline/DataSourceInstances';
import type { LensSettings } from '../../settings/dataSourceSettings';
import { parseQueryJson } from '../parseQuery';
import { runAnalysis } from '../runAnalysis';

const window = { fromMs: Date.UTC(2026, 0, 5), toMs: Date.UTC(2026, 0, 5, 1), intervalMs: 60_000, maxDataPoints: 100 };
const run = (settings: LensSettings, body: object) =>
  runAnalysis(
    dataSourceInstance(settings),
    parseQueryJson(
      'A',
      JSON.stringify({ schemaVersion: 2, expr: 'm', method: 'moving', bandSource: 'recorded', ...body })
    ),
    window
  );
const prometheus: LensSettings = { upstream: 'prometheus', name: 'p', uid: 'p' };

describe('bandSource recorded', () => {
  it('is refused for an upstream other than Prometheus, before any fetch', async () => {
    await expect(run({ upstream: 'demo', name: 'd', uid: 'd' }, {})).rejects.toThrow(
      "query A: bandSource recorded reads recording-rule series from Prometheus; this data source's upstream is demo"
    );
  });

  it('names the outputs it cannot give and the option that blocks the export', async () => {
    await expect(run(prometheus, { outputs: ['band', 'forecast'] })).rejects.toThrow(/remove forecast/);
    await expect(run(prometheus, { method: 'stl' })).rejects.toThrow(
      /bandSource recorded needs a query the export can write: method is stl/
    );
  });

  it('is rejected by validation when misspelt', () => {
    expect(() => parseQueryJson('A', JSON.stringify({ schemaVersion: 2, expr: 'm', bandSource: 'rules' }))).toThrow(
      /bandSource must be one of computed, recorded/
    );
  });
});
