/**
 * The demo's lag incident through the BUILT executable (dist/datasource/gpx_*, launched as Grafana does, demo
 * upstream built in): one query asks for the raw lag, its forecast and the time to the 180 s SLA. The forecast
 * must start at the current lag and climb, and the time to threshold must be read off that same line.
 */
import { decodeFrame, DecodedFrame } from './support/decodeFrame';
import { launchPlugin, RunningPlugin, stopPlugin } from './support/launchPlugin';
import { connect, demoPluginContext, demoQuery, PluginClients } from './support/pluginClients';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
/** Build-up k = 20 of the demo catalog: from 2024-01-26T23:00Z the analytics lag climbs ~50 s/h for 4 h. */
const START = Date.UTC(2024, 0, 26, 23);
const NOW = START + 2 * HOUR;

let plugin: RunningPlugin;
let client: PluginClients;

beforeAll(async () => {
  plugin = await launchPlugin();
  client = connect(plugin.address);
}, 30_000);

afterAll(async () => {
  client?.close();
  await stopPlugin(plugin);
});

function valuesOf(frames: DecodedFrame[], output: string): { time: number[]; values: number[]; frame: DecodedFrame } {
  const frame = frames.find((f) => {
    const custom = f.meta?.custom as { field?: string; output?: string } | undefined;
    return output === 'raw' ? custom?.output === 'raw' : custom?.field === output;
  });
  if (!frame) {
    throw new Error(`no ${output} frame`);
  }
  return {
    // Arrow timestamps arrive in nanoseconds.
    time: frame.fields[0].values.map((t) => Number(t) / 1e6),
    values: frame.fields[1].values.map((v) => (v === null ? NaN : Number(v))),
    frame,
  };
}

async function lagQuery(model: string): Promise<DecodedFrame[]> {
  const res = await client.queryData({
    pluginContext: demoPluginContext(),
    queries: [
      demoQuery('A', 'demo_consumer_lag{group="analytics"}', NOW - 12 * HOUR, NOW, {
        schemaVersion: 2,
        outputs: ['raw', 'forecast', 'timeToThreshold'],
        threshold: { value: 180, window: '1h' },
        forecast: { horizon: '6h', model },
      }),
    ],
  });
  expect(res.responses.A.error).toBe('');
  return res.responses.A.frames.map((f) => decodeFrame(f));
}

describe.each(['auto', 'linear'])('the lag build-up with forecast model %s', (model) => {
  it('forecasts from the current lag upwards, and the time to the SLA is where that line crosses 180 s', async () => {
    const frames = await lagQuery(model);
    const raw = valuesOf(frames, 'raw');
    const fc = valuesOf(frames, 'forecast');
    const ttt = valuesOf(frames, 'time_to_threshold');
    const last = raw.values[raw.values.length - 1];
    expect(last).toBeGreaterThan(80);
    // Anchored at now: no drop back to the 12-hour average (~7 s) the old whole-range line started from.
    expect(Math.abs(fc.values[0] - last)).toBeLessThan(10);
    const crossAt = fc.values.findIndex((v) => v >= 180);
    expect(crossAt).toBeGreaterThan(0);
    const seconds = ttt.values[ttt.values.length - 1];
    const stepMs = fc.time[1] - fc.time[0];
    expect(Math.abs(NOW + seconds * 1000 - fc.time[crossAt])).toBeLessThanOrEqual(stepMs);
    // ~105 s now, rising ~50 s/h: 1.5 h to 180 s.
    expect(seconds / 3600).toBeGreaterThan(1.2);
    expect(seconds / 3600).toBeLessThan(1.8);
    const infos = frames.flatMap((f) => (f.meta?.notices ?? []) as Array<{ severity: string; text: string }>);
    expect(infos.some((n) => n.severity === 'info' && /Forecast: /.test(n.text))).toBe(true);
  });
});
